// The haproxy.cfg pipeline: bound the text, lex, parse lines, unquote, apply conditionals, group, interpret.
import type { IToken } from 'chevrotain';
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { CfgLine, CfgSection, HaproxyConfig } from '../../model/haproxy-config.js';
import { MAX_LINE_LENGTH, looksBinary } from '../../model/text-lines.js';
import { ConditionalBlocks, DEFAULT_FEATURES, DEFAULT_VERSION } from './conditionals.js';
import { parseLines } from './grammar.js';
import { interpretProxies } from './interpret.js';
import { CrTail, NulTail, cfgLexer } from './lexer.js';
import { isSectionKeyword, openSection } from './sections.js';
import { lineWords } from './words.js';

export interface ParseHaproxyConfigOptions {
  /**
   * Environment seen by `"${VAR}"` and `defined()`. Defaults to empty: the config comes from another host, so this
   * process's environment means nothing for it.
   */
  env?: Record<string, string>;
  /** HAProxy version for `version_atleast()`/`version_before()`; default 2.6.12. */
  version?: string;
  /** Feature names for `feature()` (as `haproxy -vv` lists them after `+`); default: Debian 12's 2.6.12 build. */
  features?: readonly string[];
  /** Value of the `.FILE` pseudo-variable. */
  file?: string;
}

interface BoundedText {
  text: string;
  truncatedLines: number[];
}

/** Cuts lines longer than MAX_LINE_LENGTH so that one huge line cannot blow memory or time downstream. */
function boundLines(text: string): BoundedText {
  const truncatedLines: number[] = [];
  let start = 0;
  let line = 1;
  let pieces: string[] | undefined;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > MAX_LINE_LENGTH) {
      pieces ??= [text.slice(0, start)];
      pieces.push(text.slice(start, start + MAX_LINE_LENGTH));
      truncatedLines.push(line);
    } else if (pieces) {
      pieces.push(text.slice(start, end));
    }
    if (end >= text.length) break;
    if (pieces) pieces.push('\n');
    start = end + 1;
    line++;
  }
  return { text: pieces ? pieces.join('') : text, truncatedLines };
}

function lineAround(text: string, offset: number): { start: number; text: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, text: text.slice(start, end) };
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || (a.d.column ?? 0) - (b.d.column ?? 0) || a.i - b.i)
    .map((x) => x.d);
}

function run(input: string, options: ParseHaproxyConfigOptions, diagnostics: Diagnostic[]): ParseOutput<HaproxyConfig> {
  const binary = looksBinary(input.slice(0, 8192));
  if (binary) diagnostics.push({ line: 1, severity: 'error', message: 'Input looks binary, not a HAProxy configuration' });

  const { text, truncatedLines } = boundLines(input);
  for (const line of truncatedLines) {
    diagnostics.push({
      line,
      column: MAX_LINE_LENGTH + 1,
      severity: 'warning',
      message: `Line longer than ${MAX_LINE_LENGTH} characters: the rest of it is not analyzed`,
    });
  }

  if (text.length > 0 && !text.endsWith('\n')) {
    const last = lineAround(text, text.length);
    let lineNo = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineNo++;
    diagnostics.push({
      line: lineNo,
      column: last.text.length + 1,
      severity: 'error',
      message: `Missing LF on last line, file might have been truncated at position ${last.text.length + 1}`,
    });
  }

  const lexed = cfgLexer.tokenize(text);
  for (const e of lexed.errors) {
    diagnostics.push({ line: e.line ?? 1, column: e.column, severity: 'error', message: `Unreadable text: ${e.message}` });
  }
  for (const tail of (lexed.groups['tails'] ?? []) as IToken[]) {
    const line = tail.startLine ?? 1;
    const column = tail.startColumn;
    if (tail.tokenType === NulTail) {
      diagnostics.push({
        line,
        column,
        severity: 'error',
        message: "NUL character in line: HAProxy stops reading the line there and fails with 'Missing LF'",
      });
    } else if (tail.tokenType === CrTail) {
      diagnostics.push({ line, column, severity: 'warning', message: 'Carriage return inside a line: HAProxy ignores the rest of the line' });
    }
  }

  const grammar = parseLines(lexed.tokens);
  for (const e of grammar.errors) {
    diagnostics.push({ line: e.token.startLine || 1, column: e.token.startColumn || undefined, severity: 'error', message: e.message });
  }

  const env = options.env ?? {};
  const blocks = new ConditionalBlocks({
    env,
    version: options.version ?? DEFAULT_VERSION,
    features: new Set(options.features ?? DEFAULT_FEATURES),
  });
  const sections: CfgSection[] = [];
  let current: CfgSection | undefined;
  let keywordLines = 0;

  for (const { tokens } of grammar.lines) {
    const first = tokens[0]!;
    const source = lineAround(text, first.startOffset);
    const lw = lineWords(tokens, source.text, source.start, {
      env,
      file: options.file ?? '',
      section: current ? (current.name ?? current.type) : '',
    });
    const lineNo = first.startLine ?? 1;
    const column = first.startColumn ?? 1;
    if (lw.error) {
      diagnostics.push({ line: lw.error.line, column: lw.error.column, severity: 'error', message: lw.error.message });
      continue;
    }
    const words = lw.words;
    const keyword = words[0]?.value ?? '';
    if (keyword === '') continue;
    const args = words.slice(1).map((w) => w.value);

    if (keyword.startsWith('.')) {
      const conditionText = args.join(' ') + (lw.trailingSeparator && args.length > 0 ? ' ' : '');
      for (const m of blocks.directive(keyword, args, conditionText, lineNo, column)) diagnostics.push(m);
      continue;
    }
    if (!blocks.active) continue;
    for (const name of lw.unsetVariables) {
      diagnostics.push({
        line: lineNo,
        column,
        severity: 'info',
        message: `Environment variable '${name}' is not set in the analysis environment: expanded to an empty string`,
      });
    }

    keywordLines++;
    const cfgLine: CfgLine = { line: lineNo, column, keyword, args, words, text: source.text };
    if (isSectionKeyword(keyword)) {
      const opened = openSection(cfgLine);
      for (const p of opened.problems) diagnostics.push({ line: lineNo, column: p.column, severity: 'error', message: p.message });
      current = opened.section;
      sections.push(current);
    } else if (current) {
      current.lines.push(cfgLine);
    } else {
      diagnostics.push({ line: lineNo, column, severity: 'error', message: `unknown keyword '${keyword}' out of section` });
    }
  }
  for (const m of blocks.finish()) diagnostics.push(m);

  const proxies = interpretProxies(sections, (p) => {
    const d: Diagnostic = { line: p.line, severity: p.severity, message: p.message };
    if (p.column !== undefined) d.column = p.column;
    diagnostics.push(d);
  });

  return {
    ok: !binary && (sections.length > 0 || keywordLines === 0),
    value: { sections, proxies },
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** Parses haproxy.cfg text as HAProxy 2.6 reads it. Total: never throws, whatever the input. */
export function parseHaproxyConfig(text: string, options: ParseHaproxyConfigOptions = {}): ParseOutput<HaproxyConfig> {
  const diagnostics: Diagnostic[] = [];
  try {
    return run(typeof text === 'string' ? text : String(text), options, diagnostics);
  } catch (e) {
    // A bug of ours must not stop the analysis: the artifact becomes `failed` with this diagnostic.
    diagnostics.push({ line: 1, severity: 'error', message: `Internal error of the haproxy.cfg parser: ${(e as Error)?.message ?? e}` });
    return { ok: false, value: { sections: [], proxies: [] }, diagnostics: sortDiagnostics(diagnostics) };
  }
}
