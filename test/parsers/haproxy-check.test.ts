import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseHaproxyCheck } from '../../src/parsers/haproxy-check/index.js';
import { readFixture } from '../helpers/fixtures.js';

describe('haproxy -c output (real haproxy 2.6.12)', () => {
  it('reads a valid verdict', () => {
    expect(parseHaproxyCheck(readFixture('parsers/haproxy-check/valid.txt')).value).toEqual({ verdict: 'valid', verdictLine: 1, messages: [] });
  });

  it('reads an unknown keyword alert with its config file and line', () => {
    const { value } = parseHaproxyCheck(readFixture('parsers/haproxy-check/unknown-keyword.txt'));
    expect(value.verdict).toBe('invalid');
    expect(value.messages.find((m) => m.configLine !== undefined)).toMatchObject({ level: 'ALERT', configFile: '/tmp/bad.cfg', configLine: 4, line: 3 });
  });

  it('reads a missing default_backend as invalid', () => {
    const { value } = parseHaproxyCheck(readFixture('parsers/haproxy-check/missing-backend.txt'));
    expect(value.verdict).toBe('invalid');
    expect(value.messages.some((m) => m.message.includes("unable to find required default_backend: 'be_missing'"))).toBe(true);
  });

  it('joins continuation lines and reads the no-listener verdict', () => {
    const { value, diagnostics } = parseHaproxyCheck(readFixture('parsers/haproxy-check/no-listener.txt'));
    expect(value.verdict).toBe('no-listener');
    expect(value.messages.find((m) => m.message.startsWith('config : missing timeouts'))?.message).toContain("'client', 'connect', 'server'");
    expect(diagnostics).toEqual([]);
  });

  it('fails on unrelated text and never throws (hand-written and random input)', () => {
    expect(parseHaproxyCheck('hello\n').ok).toBe(false);
    fc.assert(fc.property(fc.string({ maxLength: 1000 }), (text) => void parseHaproxyCheck(text)), { numRuns: 300 });
  });
});
