// Splitting artifact text into bounded lines, shared by every line-oriented parser.
import type { Diagnostic } from './diagnostic.js';

/** Longest line a parser looks at; the rest is cut so one huge line cannot blow memory or time. */
export const MAX_LINE_LENGTH = 64 * 1024;

export interface SourceLine {
  /** 1-based line number. */
  line: number;
  text: string;
  truncated: boolean;
}

/** Splits on LF (dropping a CR before it); lines longer than MAX_LINE_LENGTH are cut and flagged. */
export function* splitLines(text: string): Generator<SourceLine> {
  let start = 0;
  let line = 1;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    let stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const truncated = stop - start > MAX_LINE_LENGTH;
    if (truncated) stop = start + MAX_LINE_LENGTH;
    yield { line, text: text.slice(start, stop), truncated };
    start = end + 1;
    line++;
  }
}

/** True when the text looks like binary data rather than a text dump (NUL bytes or mostly control bytes). */
export function looksBinary(sample: string): boolean {
  if (sample.length === 0) return false;
  let control = 0;
  const n = Math.min(sample.length, 8192);
  for (let i = 0; i < n; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) || c === 0xfffd) control++;
  }
  return control / n > 0.1;
}

/**
 * The non-blank lines of a text, trimmed, each cut line reported as a warning: the loop most line-oriented parsers
 * start with.
 */
export function* contentLines(text: string, diagnostics: Diagnostic[]): Generator<{ line: number; text: string }> {
  for (const { line, text: raw, truncated } of splitLines(text)) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    const trimmed = raw.trim();
    if (trimmed !== '') yield { line, text: trimmed };
  }
}
