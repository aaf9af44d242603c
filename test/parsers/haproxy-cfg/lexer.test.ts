import { Lexer, type TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { buildLexer, cfgLexer, cfgTokens, lexerConfig } from '../../../src/parsers/haproxy-cfg/lexer.js';

describe('lexer', () => {
  it('builds with validations and ensureOptimizations (no token disables the first-character fast path)', () => {
    expect(() => buildLexer({ ensureOptimizations: true, skipValidations: false })).not.toThrow();
    // The same without the start_chars_hint of the tokens: Chevrotain then analyses each regex itself.
    const unhinted = cfgTokens.map((t) => ({ ...t, START_CHARS_HINT: undefined }) as TokenType);
    expect(() => new Lexer(unhinted, { ...lexerConfig, ensureOptimizations: true, skipValidations: false })).not.toThrow();
  });

  it('lists in start_chars_hint exactly the first characters each token regex accepts', () => {
    // Above 0xff Chevrotain only looks at buckets of 255 codes: a hint there stands for its whole bucket.
    const bucket = (c: number) => (c > 255 ? 255 + Math.floor(c / 255) : c);
    for (const token of cfgTokens) {
      const sticky = new RegExp((token.PATTERN as RegExp).source, 'y');
      const hinted = new Set((token.START_CHARS_HINT ?? []).map((c) => bucket(typeof c === 'string' ? c.charCodeAt(0) : c)));
      const matching = new Set<number>();
      for (let c = 0; c <= 0xffff; c++) if (sticky.test(`${String.fromCharCode(c)}\n`) && (sticky.lastIndex = 0) === 0) matching.add(bucket(c));
      expect([...hinted].sort((a, b) => a - b), token.name).toEqual([...matching].sort((a, b) => a - b));
    }
  });

  it('uses a global line terminator regex (a non-global one makes Chevrotain loop forever)', () => {
    expect((lexerConfig.lineTerminatorsPattern as RegExp).global).toBe(true);
  });

  it('cuts a line into words as parse_line does: quotes and escapes keep blanks and # inside a word', () => {
    const r = cfgLexer.tokenize(`  log "a b"x\\ y 'q #' "unterminated # still\r\nnext\n`);
    expect(r.errors).toEqual([]);
    expect(r.tokens.map((t) => [t.tokenType.name, t.image, t.startOffset])).toEqual([
      ['Word', 'log', 2],
      ['Word', '"a b"x\\ y', 6],
      ['Word', "'q #'", 16],
      ['Word', '"unterminated # still', 22],
      ['Newline', '\r\n', 43],
      ['Word', 'next', 45],
      ['Newline', '\n', 49],
    ]);
  });

  it('never fails on any character', () => {
    let all = '';
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    const r = cfgLexer.tokenize(all + '\ud800\udfff\uffff');
    expect(r.errors).toEqual([]);
  });

  it('keeps a lone CR and what follows it out of the words (a tail token, reported by parse.ts)', () => {
    const r = cfgLexer.tokenize('a\rb\nc\n');
    expect(r.tokens.map((t) => [t.tokenType.name, t.image])).toEqual([
      ['Word', 'a'],
      ['Newline', '\n'],
      ['Word', 'c'],
      ['Newline', '\n'],
    ]);
    expect((r.groups['tails'] ?? []).map((t) => [t.tokenType.name, t.image])).toEqual([['CrTail', '\rb']]);
  });
});
