// Parser diagnostics: what a parser could not understand, with its position.

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** 1-based line and column; column is optional for whole-line problems. */
export interface Diagnostic {
  line: number;
  column?: number;
  severity: DiagnosticSeverity;
  message: string;
}

/** What every parser returns: never throws, `ok` is false when nothing usable came out. */
export interface ParseOutput<T> {
  ok: boolean;
  value: T;
  diagnostics: Diagnostic[];
}
