// Chevrotain tokens for haproxy.cfg: a line is words separated by blanks, the way HAProxy 2.6's parse_line() cuts it.
import { Lexer, createToken, type ILexerConfig, type TokenType } from 'chevrotain';

// Every character class below is written as positive ranges: a negated class (`[^...]`) makes Chevrotain give up
// its first-character optimisation silently; test/parsers/haproxy-cfg/lexer.test.ts builds with ensureOptimizations.
//
// Each token also lists its first characters (`start_chars_hint`): Chevrotain then takes them as given instead of
// analysing the regexes with regexp-to-ast when the lexer is built, a cost every CLI run paid (the test checks that
// the hints agree with the regexes). Above 0xff Chevrotain buckets characters by 255, one code per bucket is enough.

/** Codes from..to, and above 0xff one code per Chevrotain bucket. */
function startChars(...ranges: [number, number][]): number[] {
  const codes: number[] = [];
  for (const [from, to] of ranges) {
    for (let c = from; c <= Math.min(to, 0xff); c++) codes.push(c);
    for (let c = Math.max(from, 0x100); c <= to; c += 255) codes.push(c);
    if (to > 0xff) codes.push(to);
  }
  return codes;
}

/** LF ends a line (HAProxy reads with fgets); a CR just before it is part of the line end. */
export const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true, start_chars_hint: ['\r', '\n'] });

/** A lone CR: parse_line() stops there, so the rest of the line is ignored (verified with haproxy 2.6.12). */
export const CrTail = createToken({
  name: 'CrTail',
  pattern: /\r[\x00-\x09\x0b-\uffff]*/,
  group: 'tails',
  line_breaks: false,
  start_chars_hint: ['\r'],
});

/** A NUL byte: HAProxy sees the line end there and fails with "Missing LF on last line". */
export const NulTail = createToken({
  name: 'NulTail',
  pattern: /\x00[\x00-\x09\x0b-\uffff]*/,
  group: 'tails',
  line_breaks: false,
  start_chars_hint: [0],
});

/** An unprotected `#` starts a comment up to the end of the line (a NUL inside still ends the line). */
export const Comment = createToken({
  name: 'Comment',
  pattern: /#[\x01-\x09\x0b-\uffff]*/,
  group: Lexer.SKIPPED,
  line_breaks: false,
  start_chars_hint: ['#'],
});

/** Word separators: isspace() minus the line ends. */
export const Blank = createToken({
  name: 'Blank',
  pattern: /[ \t\x0b\x0c]+/,
  group: Lexer.SKIPPED,
  line_breaks: false,
  start_chars_hint: [' ', '\t', '\x0b', '\x0c'],
});

// A word is a run of pieces: plain characters, a backslash escape, a "weakly quoted" or 'strongly quoted' part.
// Quotes may stay unterminated (the word then runs to the end of the line; words.ts reports it). The pieces start
// with distinct characters, so the regex is deterministic and linear.
const plain = String.raw`[\x01-\x08\x0e-\x1f\x21\x24-\x26\x28-\x5b\x5d-\uffff]`;
// parse_line() consumes the character after a backslash only for these; `\<TAB>` keeps the backslash and the tab
// separates words (the documentation's table says otherwise; the 2.6 binary does this).
const escape = String.raw`\\[ #'"\\]?`;
const dquoted = String.raw`"(?:[\x01-\x09\x0b\x0c\x0e-\x21\x23-\x5b\x5d-\uffff]|\\[ #'"\\]?)*"?`;
const squoted = String.raw`'[\x01-\x09\x0b\x0c\x0e-\x26\x28-\uffff]*'?`;

export const Word = createToken({
  name: 'Word',
  pattern: new RegExp(`(?:${plain}|${escape}|${dquoted}|${squoted})+`),
  line_breaks: false,
  // plain, then `"`, `'` and `\`
  start_chars_hint: startChars([0x01, 0x08], [0x0e, 0x1f], [0x21, 0x22], [0x24, 0xffff]),
});

/** Order matters only for `\r\n` (Newline) before a lone `\r` (CrTail). */
export const cfgTokens: TokenType[] = [Newline, CrTail, NulTail, Comment, Blank, Word];

export const lexerConfig: ILexerConfig = {
  // Offsets only: parse.ts numbers lines by the grammar's line nodes and derives columns from line starts, which
  // spares four fields per token and Chevrotain's line tracking.
  positionTracking: 'onlyOffset',
  // A lone CR is not a line break for HAProxy; Chevrotain's default would count it as one.
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ['\n'],
  // The definition is checked by test/parsers/haproxy-cfg/lexer.test.ts (skipValidations: false there).
  skipValidations: true,
};

export function buildLexer(extra: ILexerConfig = {}): Lexer {
  return new Lexer(cfgTokens, { ...lexerConfig, ...extra });
}

/** The one lexer of the process. */
export const cfgLexer = buildLexer();
