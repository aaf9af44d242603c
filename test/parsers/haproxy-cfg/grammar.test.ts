import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CfgGrammar, parseLines } from '../../../src/parsers/haproxy-cfg/grammar.js';
import { cfgLexer } from '../../../src/parsers/haproxy-cfg/lexer.js';

function linesOf(text: string): unknown[] {
  const lines: unknown[] = [];
  parseLines(cfgLexer.tokenize(text).tokens, (keyword, args, eol) => lines.push([keyword?.image, args.map((a) => a.image), eol?.image]));
  return lines;
}

describe('grammar', () => {
  it('passes the Chevrotain grammar validations (skipped when built for use)', () => {
    expect(() => new CfgGrammar({ recoveryEnabled: false, skipValidations: false })).not.toThrow();
  });

  it('gives one node per physical line, blank and comment lines included, so that the n-th is line n', () => {
    expect(linesOf('global\n\n  # c\n  maxconn 10\r\nx')).toEqual([
      ['global', [], '\n'],
      [undefined, [], '\n'],
      [undefined, [], '\n'],
      ['maxconn', ['10'], '\r\n'],
      ['x', [], undefined],
    ]);
  });

  it('accepts every token sequence: no parse error, whatever the text (no recovery needed)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const tokens = cfgLexer.tokenize(text).tokens;
        let lines = 0;
        expect(parseLines(tokens, () => lines++)).toEqual([]);
        const newlines = tokens.filter((t) => t.tokenType.name === 'Newline').length;
        const lastLineHasWords = tokens.length > 0 && tokens[tokens.length - 1]!.tokenType.name === 'Word';
        expect(lines).toBe(newlines + (lastLineHasWords ? 1 : 0));
        expect(newlines).toBe(text.split('\n').length - 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('section keywords by version', () => {
  it('later sections open only for a version that has them', async () => {
    const { isSectionKeyword } = await import('../../../src/parsers/haproxy-cfg/sections.js');
    expect(isSectionKeyword('frontend')).toBe(true);
    expect(isSectionKeyword('crt-store')).toBe(false);
    expect(isSectionKeyword('crt-store', '3.0.0')).toBe(true);
    expect(isSectionKeyword('log-profile', '3.0.5')).toBe(false);
    expect(isSectionKeyword('log-profile', '3.1.0')).toBe(true);
    expect(isSectionKeyword('acme', '3.2.0')).toBe(true);
    expect(isSectionKeyword('nosuch', '9.9')).toBe(false);
  });
});
