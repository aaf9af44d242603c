import { describe, expect, it } from 'vitest';
import { SECTION_RULES } from '../../../src/parsers/haproxy-cfg/index.js';
import { errors, parse } from './helpers.js';

describe('sections', () => {
  it('knows every section type of 2.6, and those of later versions with the version they came in', () => {
    const of26 = Object.entries(SECTION_RULES).filter(([, rule]) => rule.since === undefined).map(([type]) => type);
    expect(of26.sort()).toEqual(
      ['backend', 'cache', 'defaults', 'fcgi-app', 'frontend', 'global', 'http-errors', 'listen', 'log-forward',
        'mailers', 'peers', 'program', 'resolvers', 'ring', 'userlist'].sort(),
    );
    const later = Object.entries(SECTION_RULES).filter(([, rule]) => rule.since !== undefined).map(([type, rule]) => [type, rule.since]);
    expect(later.sort()).toEqual([['acme', '3.2'], ['crt-store', '3.0'], ['log-profile', '3.1'], ['traces', '3.2']]);
  });

  it('groups keyword lines under the last section keyword, whatever the indentation', () => {
    // configuration.txt 2.1: both layouts are strictly equivalent.
    const a = parse('    global#this is the global section\ndaemon#daemonize\n    frontend         foo\nmode             http   # or tcp\n');
    const b = parse('global\n    daemon\n\n# this is the public web frontend\nfrontend foo\n    mode http\n');
    const shape = (r: typeof a) => r.value.sections.map((s) => [s.type, s.name, s.lines.map((l) => [l.keyword, ...l.args])]);
    expect(shape(a)).toEqual(shape(b));
    expect(shape(a)).toEqual([
      ['global', undefined, [['daemon']]],
      ['frontend', 'foo', [['mode', 'http']]],
    ]);
    expect(a.diagnostics).toEqual([]);
  });

  it('reads names and `from` for every section type', () => {
    const text = [
      'global', 'defaults', 'defaults base', 'defaults d2 from base', 'frontend fe from base', 'backend be', 'listen li',
      'userlist users', 'peers mypeers', 'resolvers dns', 'mailers m', 'cache c', 'program p', 'http-errors errs',
      'ring r', 'log-forward lf', 'fcgi-app php', '',
    ].join('\n');
    const r = parse(text);
    expect(r.value.sections.map((s) => [s.type, s.name ?? null, s.from ?? null, s.line])).toEqual([
      ['global', null, null, 1],
      ['defaults', null, null, 2],
      ['defaults', 'base', null, 3],
      ['defaults', 'd2', 'base', 4],
      ['frontend', 'fe', 'base', 5],
      ['backend', 'be', null, 6],
      ['listen', 'li', null, 7],
      ['userlist', 'users', null, 8],
      ['peers', 'mypeers', null, 9],
      ['resolvers', 'dns', null, 10],
      ['mailers', 'm', null, 11],
      ['cache', 'c', null, 12],
      ['program', 'p', null, 13],
      ['http-errors', 'errs', null, 14],
      ['ring', 'r', null, 15],
      ['log-forward', 'lf', null, 16],
      ['fcgi-app', 'php', null, 17],
    ]);
    expect(errors(text)).toEqual([]);
  });

  it('`defaults from base` is a defaults section named "from" (2.6.12 prints .SECTION as "from")', () => {
    const r = parse('defaults base\ndefaults from base\n');
    expect(r.value.sections[1]).toMatchObject({ type: 'defaults', name: 'from' });
    expect(r.value.sections[1]!.from).toBeUndefined();
  });

  it('a keyword line before any section is an error, like 2.6.12 says', () => {
    const r = parse('foo bar\nglobal\n');
    expect(r.diagnostics).toEqual([{ line: 1, column: 1, severity: 'error', message: "unknown keyword 'foo' out of section" }]);
  });

  it('a proxy section without a name is an error', () => {
    expect(errors('frontend\n bind :80\n')[0]).toMatchObject({ line: 1, message: "'frontend' expects an <id> argument" });
  });

  it('`from` must name a defaults section defined before', () => {
    expect(errors('defaults base\nfrontend a from nope\n bind :80\n')[0]!.message).toBe(
      "defaults section 'nope' not found for frontend 'a'",
    );
    expect(errors('frontend a from base\n bind :80\ndefaults base\n')).toHaveLength(1);
  });
});

describe('file-level problems', () => {
  it('a missing LF at the end of the file is an error in 2.6.12', () => {
    const r = parse('global\n  maxconn 10');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ line: 2, column: 13, severity: 'error', message: expect.stringContaining('Missing LF') }),
    ]);
    expect(r.value.sections[0]!.lines[0]!.args).toEqual(['10']);
  });

  it('a NUL byte is an error on its line (and makes the text look binary)', () => {
    const r = parse('global\n  maxconn 10\0 abc\n  nbthread 2\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([1, 2]);
    expect(r.diagnostics[1]!.column).toBe(13);
    expect(r.value.sections[0]!.lines.map((l) => [l.keyword, ...l.args])).toEqual([['maxconn', '10'], ['nbthread', '2']]);
  });

  it('binary input is not ok but still gives a value', () => {
    const r = parse('\0\x01\x02\x03global\n');
    expect(r.ok).toBe(false);
    expect(r.value).toEqual({ sections: [], proxies: [] });
  });

  it('empty and comment-only files are ok and empty', () => {
    expect(parse('')).toEqual({ ok: true, value: { sections: [], proxies: [] }, diagnostics: [] });
    expect(parse('# nothing\n\n   \n').ok).toBe(true);
  });

  it('text that is no config at all is not ok', () => {
    expect(parse('hello world\nthis is not a config\n').ok).toBe(false);
  });

  it('cuts lines beyond 64 KiB and says so', () => {
    const r = parse(`global\n  x ${'a'.repeat(70_000)} tail\n  y\n`);
    expect(r.diagnostics.some((d) => d.line === 2 && d.severity === 'warning')).toBe(true);
    expect(r.value.sections[0]!.lines.map((l) => l.keyword)).toEqual(['x', 'y']);
  });
});
