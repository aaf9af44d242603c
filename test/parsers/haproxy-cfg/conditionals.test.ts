import { describe, expect, it } from 'vitest';
import { compareVersions, evaluateCondition, DEFAULT_FEATURES } from '../../../src/parsers/haproxy-cfg/index.js';
import { errors, parse } from './helpers.js';

const ctx = { env: { HOME: '/root', EMPTY: '', WITH_SSL: 'yes' }, version: '2.6.12', features: new Set(DEFAULT_FEATURES) };

describe('condition expressions (configuration.txt 2.4; results as printed by haproxy 2.6.12)', () => {
  it.each([
    ['', false],
    ['0', false],
    ['1', true],
    ['-1', true],
    ['0x10', true],
    ['!0', true],
    ['!!1', true],
    ['1 && 0', false],
    ['1 &&0', false],
    ['1 || 0', true],
    ['1 && 0 || 1 && 1', true],
    ['(0||1)&&!0', true],
    ['( 1 )', true],
    ['1 ', true],
    ['defined(HOME)', true],
    ['defined(EMPTY)', true],
    ['defined(NOPE)', false],
    ['defined()', false],
    ['feature(OPENSSL)', true],
    ['feature(FOO)', false],
    ['!feature(QUIC)', true],
    ['streq(yes,yes)', true],
    ['streq(a b,a b)', true],
    ['streq(a, a)', false],
    ['strneq(a,b)', true],
    ['streq(a,"a")', true],
    ["streq(\"a,b\",'a,b')", true],
    ['version_atleast(2.6)', true],
    ['version_atleast(2.6-dev1)', true],
    ['version_atleast(2.6.12)', true],
    ['version_atleast(2.6.12-1)', false],
    ['version_atleast(2.7)', false],
    ['version_before(2.6.13-dev3)', true],
    ['version_atleast(x)', true],
    ['feature(OPENSSL) && (streq(yes,yes) || streq(no,yes))', true],
    ['openssl_version_atleast(3.0.0)', true],
    ['openssl_version_before(1.1.1)', false],
    ['ssllib_name_startswith(Open)', true],
  ])('%j is %s', (text, expected) => {
    const r = evaluateCondition(text, ctx);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(expected);
  });

  it.each([
    [' ', 'unparsable conditional sub-expression'],
    ['12ab', "unexpected character 'a'"],
    ['foo(1)', 'unparsable conditional expression'],
    ['streq(a)', 'missing arguments'],
    ['streq(a,b,c)', "expected ')'"],
    ['(1', "expected ')'"],
    ['1 &&', 'unparsable'],
    ['defined(X', "missing closing ')'"],
  ])('%j is an error', (text, message) => {
    const r = evaluateCondition(text, ctx);
    expect(r.value).toBe(false);
    expect(r.error?.message).toContain(message);
  });

  it('deep nesting ends with an error, not a stack overflow', () => {
    const r = evaluateCondition('('.repeat(100_000) + '1', ctx);
    expect(r.error).toBeDefined();
  });

  it('orders versions as HAProxy does: dev < pre < rc < release', () => {
    expect(compareVersions('2.6-dev1', '2.6-pre1')).toBe(-1);
    expect(compareVersions('2.6-rc1', '2.6')).toBe(-1);
    expect(compareVersions('2.6.0', '2.6')).toBe(0);
    expect(compareVersions('2.10', '2.9')).toBe(1);
  });
});

describe('conditional blocks', () => {
  const keywords = (text: string, options?: Parameters<typeof parse>[1]) =>
    parse(text, options).value.sections.flatMap((s) => s.lines.map((l) => l.args[0]));

  it('takes the first true branch only', () => {
    const text = [
      'global',
      '  .if "${A}"',
      '    .if "${B}"',
      '      x ab',
      '    .elif "${C}"',
      '      x ac',
      '    .else',
      '      x a',
      '    .endif',
      '  .else',
      '    x none',
      '  .endif',
      '',
    ].join('\n');
    expect(keywords(text, { env: { A: '1', B: '0', C: '1' } })).toEqual(['ac']);
    expect(keywords(text, { env: { A: '1' } })).toEqual(['a']);
    expect(keywords(text, { env: { A: '0', B: '1' } })).toEqual(['none']);
    expect(keywords(text, { env: { A: '1', B: '1', C: '1' } })).toEqual(['ab']);
  });

  it('the condition is the rest of the line: `.if 1 && 0` is false, `.if "" ` (trailing blank) is an error', () => {
    expect(keywords('global\n .if 1 && 0\n x yes\n .else\n x no\n .endif\n')).toEqual(['no']);
    expect(keywords('global\n .if 1 # comment\n x yes\n .endif\n')).toEqual(['yes']);
    expect(keywords('global\n .if ""\n x yes\n .else\n x no\n .endif\n')).toEqual(['no']);
    expect(errors('global\n .if "" \n .endif\n')[0]!.message).toContain('unparsable conditional sub-expression');
  });

  it('dropped blocks are still tokenized (2.6.12 reports their quote errors) but not evaluated', () => {
    expect(errors('global\n .if 0\n x "abc\n .endif\n')).toHaveLength(1);
    expect(errors('global\n .if 0\n  .if foo(1)\n  .endif\n  .alert "no"\n .endif\n')).toEqual([]);
  });

  it('reports structure errors with their lines', () => {
    expect(errors('global\n .if 1\n').map((d) => [d.line, d.message])).toEqual([[2, "non-terminated '.if' block"]]);
    expect(errors('global\n .endif\n')[0]).toMatchObject({ line: 2, message: "lone '.endif' with no matching '.if'" });
    expect(errors('global\n .if 0\n .else\n .else\n .endif\n')[0]!.message).toBe("'.else' after '.else' is not permitted");
    expect(errors('global\n .if 0\n .else\n .elif 1\n .endif\n')[0]!.message).toBe("'.elif' after '.else' is not permitted");
    expect(errors('global\n .foo\n')[0]!.message).toBe("unknown directive '.foo'");
  });

  it('records .diag/.notice/.warning/.alert where HAProxy prints them; .alert is an error', () => {
    const r = parse('global\n .notice "n1"\n .warning "w1"\n .alert "a1"\n .diag "d1"\n .if 0\n .alert "dropped"\n .endif\n');
    expect(r.diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [2, 'info', '.notice: n1'],
      [3, 'warning', '.warning: w1'],
      [4, 'error', '.alert: a1'],
      [5, 'info', '.diag: d1'],
    ]);
    expect(errors('global\n .notice a b\n')[0]!.message).toContain("Unexpected argument 'b'");
  });

  it('directives are valid outside any section', () => {
    expect(errors('.if 1\n.notice hi\n.endif\nglobal\n')).toEqual([]);
  });

  it('uses the given version and features', () => {
    const text = 'global\n .if version_atleast(2.8) && feature(QUIC)\n x new\n .else\n x old\n .endif\n';
    expect(keywords(text)).toEqual(['old']);
    expect(keywords(text, { version: '2.8.1', features: ['QUIC'] })).toEqual(['new']);
  });
});
