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
import { lineWords, type ExpansionContext, type RawLine } from './words.js';

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

/** Characters lexed and parsed at a time (then up to the next LF). */
const CHUNK_SIZE = 16 * 1024;

interface BoundedText {
  text: string;
  truncatedLines: number[];
}

/** Cuts lines longer than MAX_LINE_LENGTH so that one huge line cannot blow memory or time downstream. */
function boundLines(text: string): BoundedText {
  const truncatedLines: number[] = [];
  if (text.length <= MAX_LINE_LENGTH) return { text, truncatedLines };
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

/** Line numbers of offsets, for the rare diagnostics that are not on a keyword line (CR, NUL, lexer errors). */
class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    if (this.starts === undefined) {
      this.starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
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

  const env = options.env ?? {};
  const version = options.version ?? DEFAULT_VERSION;
  const blocks = new ConditionalBlocks({
    env,
    version,
    features: new Set(options.features ?? DEFAULT_FEATURES),
  });
  const sections: CfgSection[] = [];
  let current: CfgSection | undefined;
  let keywordLines = 0;
  // One of each, updated line after line: nothing to allocate per line but the line's own records.
  const expansion: ExpansionContext = { env, file: options.file ?? '', section: '' };
  const raw: RawLine = { keyword: undefined as unknown as IToken, args: [], line: 0, start: 0, end: 0, text: '' };
  const lineIndex = new LineIndex(text);
  // Offsets of tokens are relative to the chunk being read (see below), which starts at `base` in the text.
  let chunk = '';
  let base = 0;

  // The grammar calls back once per physical line, in order: line numbers are counted, not searched for.
  let lineNo = 0;
  let lineStart = 0;
  const onLine = (first: IToken | undefined, rest: readonly IToken[], eol: IToken | undefined): void => {
    lineNo++;
    const start = lineStart;
    if (eol) lineStart = eol.startOffset + eol.image.length;
    if (first === undefined || first.image === '') return;
    let end = eol ? eol.startOffset + eol.image.length - 1 : chunk.length;
    if (end > start && chunk.charCodeAt(end - 1) === 13) end--;
    raw.keyword = first;
    raw.args = rest;
    raw.line = lineNo;
    raw.start = start;
    raw.end = end;
    expansion.section = current ? (current.name ?? current.type) : '';
    const lw = lineWords(raw, expansion);
    const column = first.startOffset - start + 1;
    if (lw.error) {
      diagnostics.push({ line: lw.error.line, column: lw.error.column, severity: 'error', message: lw.error.message });
      return;
    }
    const words = lw.words;
    const keyword = words[0]?.value ?? '';
    if (keyword === '') return;
    const args: string[] = new Array(words.length - 1);
    for (let i = 1; i < words.length; i++) args[i - 1] = words[i]!.value;

    if (keyword.charCodeAt(0) === 46 /* . */) {
      const conditionText = args.join(' ') + (lw.trailingSeparator && args.length > 0 ? ' ' : '');
      for (const m of blocks.directive(keyword, args, conditionText, lineNo, column)) diagnostics.push(m);
      return;
    }
    if (!blocks.active) return;
    // Indexed: a cold for...of allocates an iterator, even over nothing, and this runs for every line.
    for (let i = 0; i < lw.unsetVariables.length; i++) {
      diagnostics.push({
        line: lineNo,
        column,
        severity: 'info',
        message: `Environment variable '${lw.unsetVariables[i]}' is not set in the analysis environment: expanded to an empty string`,
      });
    }

    keywordLines++;
    const cfgLine: CfgLine = { line: lineNo, column, keyword, args, words, text: chunk.slice(start, end) };
    if (isSectionKeyword(keyword, version)) {
      const opened = openSection(cfgLine);
      for (const p of opened.problems) diagnostics.push({ line: lineNo, column: p.column, severity: 'error', message: p.message });
      current = opened.section;
      sections.push(current);
    } else if (current) {
      current.lines.push(cfgLine);
    } else {
      diagnostics.push({ line: lineNo, column, severity: 'error', message: `unknown keyword '${keyword}' out of section` });
    }
  };
  // The text is lexed and parsed in chunks of whole lines (a line never spans an LF, so nothing changes but memory):
  // a chunk's tokens and syntax tree die before the next chunk is read, instead of living through the whole file
  // and being copied from the young generation to the old one by the garbage collector.
  while (base < text.length) {
    let next = text.indexOf('\n', base + CHUNK_SIZE);
    next = next < 0 ? text.length : next + 1;
    chunk = text.slice(base, next);
    raw.text = chunk;
    lineStart = 0;
    const lexed = cfgLexer.tokenize(chunk);
    for (const e of lexed.errors) {
      const at = lineIndex.position(base + e.offset);
      diagnostics.push({ line: at.line, column: at.column, severity: 'error', message: `Unreadable text: ${e.message}` });
    }
    for (const tail of (lexed.groups['tails'] ?? []) as IToken[]) {
      const { line, column } = lineIndex.position(base + tail.startOffset);
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
    for (const e of parseLines(lexed.tokens, onLine)) {
      const at = Number.isFinite(e.token.startOffset) ? lineIndex.position(base + e.token.startOffset) : { line: 1, column: undefined };
      diagnostics.push({ line: at.line, column: at.column, severity: 'error', message: e.message });
    }
    base = next;
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
