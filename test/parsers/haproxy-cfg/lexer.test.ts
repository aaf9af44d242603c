import { describe, expect, it } from 'vitest';
import { buildLexer, cfgLexer, lexerConfig } from '../../../src/parsers/haproxy-cfg/lexer.js';

describe('lexer', () => {
  it('builds with ensureOptimizations (no token disables the first-character fast path)', () => {
    expect(() => buildLexer({ ensureOptimizations: true, skipValidations: false })).not.toThrow();
  });

  it('uses a global line terminator regex (a non-global one makes Chevrotain loop forever)', () => {
    expect((lexerConfig.lineTerminatorsPattern as RegExp).global).toBe(true);
  });

  it('cuts a line into words as parse_line does: quotes and escapes keep blanks and # inside a word', () => {
    const r = cfgLexer.tokenize(`  log "a b"x\\ y 'q #' "unterminated # still\r\nnext\n`);
    expect(r.errors).toEqual([]);
    expect(r.tokens.map((t) => [t.tokenType.name, t.image, t.startLine, t.startColumn, t.endColumn])).toEqual([
      ['Word', 'log', 1, 3, 5],
      ['Word', '"a b"x\\ y', 1, 7, 15],
      ['Word', "'q #'", 1, 17, 21],
      ['Word', '"unterminated # still', 1, 23, 43],
      ['Newline', '\r\n', 1, 44, 45],
      ['Word', 'next', 2, 1, 4],
      ['Newline', '\n', 2, 5, 5],
    ]);
  });

  it('never fails on any character', () => {
    let all = '';
    for (let c = 0; c < 0x3000; c++) all += String.fromCharCode(c);
    const r = cfgLexer.tokenize(all + '\ud800\udfff\uffff');
    expect(r.errors).toEqual([]);
  });

  it('does not count a lone CR as a line break', () => {
    const r = cfgLexer.tokenize('a\rb\nc\n');
    expect(r.tokens.filter((t) => t.tokenType.name === 'Word').map((t) => [t.image, t.startLine])).toEqual([
      ['a', 1],
      ['c', 2],
    ]);
  });
});
