// HAProxy log-format strings -> a list of nodes (literal text, separators, variables, sample expressions), with
// diagnostics that carry the 1-based column in the format string. Runs the nearley grammar of
// grammars/log-format.ne once per format string (a config has a handful), never per log line. Total: never throws.
import nearley from 'nearley';
import grammar from './grammar.generated.js';
import { FORMAT_VARIABLES } from './variables.js';

export interface FormatText {
  kind: 'text';
  text: string;
  /** 0-based offset in the format string. */
  offset: number;
}
export interface FormatSeparator {
  kind: 'separator';
  offset: number;
  /** Written `\ ` (a format as typed in haproxy.cfg, before unquoting). */
  escaped?: boolean;
}
export interface FormatVariable {
  kind: 'variable';
  name: string;
  /** Raw flag text between the braces (`+Q`, `+Q,-X`), '' when none. */
  flags: string;
  offset: number;
  nameOffset?: number;
}
export interface FormatExpression {
  kind: 'expression';
  /** The sample expression between the brackets (`ssl_fc_sni`, `req.hdr(host),lower`). */
  expr: string;
  flags: string;
  offset: number;
}
export type FormatNode = FormatText | FormatSeparator | FormatVariable | FormatExpression;

export interface FormatDiagnostic {
  /** 1-based column in the format string. */
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface ParsedLogFormat {
  ok: boolean;
  nodes: FormatNode[];
  diagnostics: FormatDiagnostic[];
}

/** Formats longer than this are refused (HAProxy's own line limit is 64 kB). */
export const MAX_FORMAT_LENGTH = 65_536;

const compiledGrammar = nearley.Grammar.fromCompiled(grammar as unknown as nearley.CompiledRules);

interface LexToken {
  type?: string;
  value: string;
  offset: number;
}

function tokenMessage(token: LexToken): string {
  switch (token.type) {
    case 'badVariable':
      return `unexpected variable name near '${token.value}'; write '%%' for a single '%'`;
    case 'percentEnd':
      return "truncated format after '%'";
    case 'badAfterFlags':
      return `expected a variable name or '[' after the '%{...}' flags, found '${token.value}'`;
    default:
      return `unexpected '${token.value}'`;
  }
}

export interface ParseLogFormatOptions {
  /**
   * The string was already unquoted by the haproxy.cfg reader (CfgProxy.logFormat.format), as HAProxy's log.c sees
   * it: a `\ ` left there came from single quotes and is a literal backslash then a separator. Default false: the
   * string is as written in haproxy.cfg, where `\ ` is an escaped space (a separator).
   */
  unquoted?: boolean;
}

/** Parses one log-format string. */
export function parseLogFormat(format: string, options: ParseLogFormatOptions = {}): ParsedLogFormat {
  const diagnostics: FormatDiagnostic[] = [];
  if (format.length > MAX_FORMAT_LENGTH) {
    return { ok: false, nodes: [], diagnostics: [{ column: 1, severity: 'error', message: `format of ${format.length} characters is over the ${MAX_FORMAT_LENGTH}-character limit` }] };
  }
  const parser = new nearley.Parser(compiledGrammar);
  try {
    parser.feed(format);
  } catch (error) {
    const token = (error as { token?: LexToken }).token;
    const column = token ? token.offset + 1 : 1;
    diagnostics.push({ column, severity: 'error', message: token ? tokenMessage(token) : `cannot read the format: ${(error as Error).message}` });
    return { ok: false, nodes: [], diagnostics };
  }
  const results = parser.results as FormatNode[][];
  if (results.length === 0) {
    // the input ended inside `%{...}` or `%[...]`
    const open = Math.max(format.lastIndexOf('%{'), format.lastIndexOf('%['));
    const what = open >= 0 && format[open + 1] === '{' ? "'}' of the flags" : "']' of the sample expression";
    diagnostics.push({ column: open >= 0 ? open + 1 : format.length + 1, severity: 'error', message: `truncated format: missing ${what}` });
    return { ok: false, nodes: [], diagnostics };
  }
  if (results.length > 1) {
    diagnostics.push({ column: 1, severity: 'error', message: `internal error: the log-format grammar is ambiguous (${results.length} parses)` });
    return { ok: false, nodes: [], diagnostics };
  }
  let nodes = results[0]!;
  if (options.unquoted) {
    nodes = nodes.flatMap((node): FormatNode[] =>
      node.kind === 'separator' && node.escaped ? [{ kind: 'text', text: '\\', offset: node.offset }, { kind: 'separator', offset: node.offset + 1 }] : [node],
    );
  }
  for (const node of nodes) {
    if (node.kind === 'variable' && !FORMAT_VARIABLES.has(node.name)) {
      diagnostics.push({
        column: (node.nameOffset ?? node.offset) + 1,
        severity: 'error',
        message: `no such format variable '%${node.name}'; write '%%' for a single '%'`,
      });
    } else if (node.kind === 'expression' && node.expr.trim() === '') {
      diagnostics.push({ column: node.offset + 1, severity: 'error', message: "empty sample expression '%[]'" });
    }
    if ((node.kind === 'variable' || node.kind === 'expression') && node.flags !== '') {
      for (const flag of node.flags.split(',')) {
        if (!/^[+-](Q|X|E|M)$/.test(flag)) {
          diagnostics.push({ column: node.offset + 3, severity: 'warning', message: `unknown flag '${flag}' (HAProxy 2.6 knows +Q, +X, +E, +M and their '-' forms); ignored` });
        }
      }
    }
  }
  return { ok: !diagnostics.some((d) => d.severity === 'error'), nodes, diagnostics };
}
