import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHaproxyInfo, parseHaproxyStats, parseServersState } from '../../src/parsers/haproxy-stats/index.js';
import { readFixture } from '../helpers/fixtures.js';

const STAT = readFixture('parsers/haproxy-stats/show_stat.txt');
const INFO = readFixture('parsers/haproxy-stats/show_info.txt');
const STATE = readFixture('parsers/haproxy-stats/show_servers_state.txt');

describe('show stat (HAProxy 2.6.12 stats socket in the lab)', () => {
  it('reads every proxy and server with status, sessions and check result', () => {
    const { ok, value, diagnostics } = parseHaproxyStats(STAT);
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.rows.map((r) => `${r.proxy}/${r.name} ${r.type} ${r.status} ${r.checkStatus ?? ''}`.trim())).toEqual([
      'fe_app/FRONTEND frontend OPEN',
      'be_app/s_up server UP L7OK',
      'be_app/s_refused server DOWN L4CON',
      'be_app/s_drop server DOWN L4TOUT',
      'be_app/s_maint server MAINT',
      'be_app/BACKEND backend UP',
      'be_http_check/s_404 server DOWN L7STS',
      'be_http_check/BACKEND backend DOWN',
      'be_empty/BACKEND backend UP',
      'stats/FRONTEND frontend OPEN',
      'stats/BACKEND backend UP',
    ]);
    expect(value.rows[0]).toMatchObject({ line: 2, slim: 500, stot: 5 });
    expect(value.rows[1]).toMatchObject({ slim: 50, checkCode: 200, addr: '10.99.0.2:8080', qcur: 0, qmax: 0 });
    expect(value.rows.find((r) => r.name === 's_404')).toMatchObject({ checkCode: 404 });
    expect(value.rows[1]?.lastchg).toBeTypeOf('number');
  });

  it('reads a filtered dump (show stat be_app 4 -1)', () => {
    const { value, diagnostics } = parseHaproxyStats(readFixture('parsers/haproxy-stats/show_stat_be_app.txt'));
    expect(diagnostics).toEqual([]);
    expect(value.rows.every((r) => r.proxy === 'be_app' && r.type === 'server')).toBe(true);
  });
});

describe('show info and show servers state (same lab run)', () => {
  it('reads show info', () => {
    const { ok, value, diagnostics } = parseHaproxyInfo(INFO);
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.version).toBe('2.6.12-1+deb12u4');
    expect(value.maxconn).toBe(2000);
    expect(value.fields.Name).toEqual({ value: 'HAProxy', line: 1 });
  });

  it('reads show servers state with operational and admin states', () => {
    const { ok, value, diagnostics } = parseServersState(STATE);
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.version).toBe(1);
    expect(value.servers.map((s) => `${s.backend}/${s.server} ${s.opStateName}${s.maintenance ? ' MAINT' : ''}`)).toEqual([
      'be_app/s_up UP', 'be_app/s_refused DOWN', 'be_app/s_drop DOWN', 'be_app/s_maint DOWN MAINT', 'be_http_check/s_404 DOWN',
    ]);
    expect(value.servers[0]).toMatchObject({ line: 3, address: '10.99.0.2', port: 8080 });
  });
});

describe('stats dumps on malformed input (hand-written)', () => {
  it('a dump cut in the middle of a row is partial', () => {
    const cut = STAT.slice(0, STAT.indexOf('\n', STAT.indexOf('s_drop')) - 200);
    const { ok, value, diagnostics } = parseHaproxyStats(cut);
    expect(ok).toBe(true);
    expect(value.rows).toHaveLength(3);
    expect(diagnostics).toEqual([expect.objectContaining({ line: 5, severity: 'warning' })]);
  });

  it('reports the socket\'s own errors and fails without a header', () => {
    expect(parseHaproxyStats('Unknown command. Please enter one of the following commands only :\n').diagnostics.map((d) => d.severity)).toContain('error');
    expect(parseHaproxyStats('hello\n').ok).toBe(false);
    expect(parseHaproxyInfo('hello world\n').ok).toBe(false);
    expect(parseServersState('hello\n').ok).toBe(false);
  });

  it('never throws on random text, truncations or mutated real output', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => {
      parseHaproxyStats(text);
      parseHaproxyInfo(text);
      parseServersState(text);
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.constantFrom(STAT, INFO, STATE), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (text, a, b, junk) => {
      const i = a % text.length;
      const j = b % text.length;
      const mutated = text.slice(0, Math.min(i, j)) + junk + text.slice(Math.max(i, j));
      for (const parse of [parseHaproxyStats, parseHaproxyInfo, parseServersState]) {
        parse(text.slice(0, i));
        parse(mutated);
      }
    }), { numRuns: 300 });
  });
});
