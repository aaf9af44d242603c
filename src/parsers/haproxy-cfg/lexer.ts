// Chevrotain tokens for haproxy.cfg: a line is words separated by blanks, the way HAProxy 2.6's parse_line() cuts it.
import { Lexer, createToken, type ILexerConfig, type TokenType } from 'chevrotain';

// Every character class below is written as positive ranges: a negated class (`[^...]`) makes Chevrotain give up
// its first-character optimisation silently; test/parsers/haproxy-cfg/lexer.test.ts builds with ensureOptimizations.

/** LF ends a line (HAProxy reads with fgets); a CR just before it is part of the line end. */
export const Newline = createToken({ name: 'Newline', pattern: /\r?\n/, line_breaks: true });

/** A lone CR: parse_line() stops there, so the rest of the line is ignored (verified with haproxy 2.6.12). */
export const CrTail = createToken({
  name: 'CrTail',
  pattern: /\r[\x00-\x09\x0b-\uffff]*/,
  group: 'tails',
  line_breaks: false,
});

/** A NUL byte: HAProxy sees the line end there and fails with "Missing LF on last line". */
export const NulTail = createToken({
  name: 'NulTail',
  pattern: /\x00[\x00-\x09\x0b-\uffff]*/,
  group: 'tails',
  line_breaks: false,
});

/** An unprotected `#` starts a comment up to the end of the line (a NUL inside still ends the line). */
export const Comment = createToken({
  name: 'Comment',
  pattern: /#[\x01-\x09\x0b-\uffff]*/,
  group: Lexer.SKIPPED,
});

/** Word separators: isspace() minus the line ends. */
export const Blank = createToken({ name: 'Blank', pattern: /[ \t\x0b\x0c]+/, group: Lexer.SKIPPED });

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
});

/** Order matters only for `\r\n` (Newline) before a lone `\r` (CrTail). */
export const cfgTokens: TokenType[] = [Newline, CrTail, NulTail, Comment, Blank, Word];

export const lexerConfig: ILexerConfig = {
  positionTracking: 'full',
  // A lone CR is not a line break for HAProxy; Chevrotain's default would count it as one.
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ['\n'],
};

export function buildLexer(extra: ILexerConfig = {}): Lexer {
  return new Lexer(cfgTokens, { ...lexerConfig, ...extra });
}

/** The one lexer of the process. */
export const cfgLexer = buildLexer({ ensureOptimizations: true });
