import { describe, expect, it } from 'vitest';
import { parseSyslogHeader } from '../../../src/parsers/haproxy-log/syslog-header.js';
import { fixtureLines } from './helpers.js';

const MSG = 'Health check for server be_app/node1 succeeded, reason: Layer4 check passed, check duration: 0ms, status: 2/2 UP.';

describe('parseSyslogHeader on real rsyslogd output', () => {
  it('traditional file format', () => {
    const line = fixtureLines('rsyslog-traditional.log')[0]!;
    const { header, offset } = parseSyslogHeader(line, 2026);
    expect(header).toEqual({
      timestamp: 'Nov 28 09:49:21',
      time: Date.UTC(2026, 10, 28, 9, 49, 21),
      host: 'lb',
      program: 'haproxy',
      pid: 16834,
    });
    expect(line.slice(offset)).toBe(MSG);
  });

  it('RFC3164 with priority', () => {
    const line = fixtureLines('rsyslog-rfc3164-pri.log')[0]!;
    const { header, offset } = parseSyslogHeader(line, 2026);
    expect(header).toEqual({ timestamp: 'Nov 28 09:49:21', time: Date.UTC(2026, 10, 28, 9, 49, 21), host: 'lb', program: 'haproxy', pid: 16834 });
    expect(line.slice(offset)).toBe(MSG);
  });

  it('ISO (RSYSLOG_FileFormat)', () => {
    const line = fixtureLines('rsyslog-iso.log')[0]!;
    const { header, offset } = parseSyslogHeader(line);
    expect(header).toEqual({
      timestamp: '2026-11-28T09:49:21.168161+00:00',
      time: Date.UTC(2026, 10, 28, 9, 49, 21, 168),
      host: 'lb',
      program: 'haproxy',
      pid: 16834,
    });
    expect(line.slice(offset)).toBe(MSG);
  });

  it('RFC5424 (message after two spaces, as rsyslogd writes it)', () => {
    const line = fixtureLines('rsyslog-rfc5424.log')[0]!;
    const { header, offset } = parseSyslogHeader(line);
    expect(header).toEqual({
      timestamp: '2026-11-28T09:49:21.168161+00:00',
      time: Date.UTC(2026, 10, 28, 9, 49, 21, 168),
      host: 'lb',
      program: 'haproxy',
      pid: 16834,
    });
    expect(line.slice(offset)).toBe(MSG);
  });

  it('no prefix: raw stdout and stderr lines start at 0', () => {
    for (const line of [fixtureLines('httplog.log')[0]!, fixtureLines('haproxy-stderr.log')[0]!]) {
      expect(parseSyslogHeader(line)).toEqual({ header: {}, offset: 0 });
    }
  });
});

describe('parseSyslogHeader on journalctl shapes (built from a real line: no journald in the lab)', () => {
  const real = fixtureLines('rsyslog-traditional.log')[0]!;
  const msg = real.slice(real.indexOf(': ') + 2);

  it('short (same as traditional) and short-precise (fractional seconds)', () => {
    const { header, offset } = parseSyslogHeader(`Nov 28 09:49:21.123456 lb haproxy[16834]: ${msg}`, 2026);
    expect(header.time).toBe(Date.UTC(2026, 10, 28, 9, 49, 21, 123));
    expect(header.pid).toBe(16834);
    expect(offset).toBe('Nov 28 09:49:21.123456 lb haproxy[16834]: '.length);
  });

  it('short-iso with a +0000 offset', () => {
    const line = `2026-11-28T09:49:21+0000 lb haproxy[16834]: ${msg}`;
    const { header, offset } = parseSyslogHeader(line);
    expect(header).toEqual({ timestamp: '2026-11-28T09:49:21+0000', time: Date.UTC(2026, 10, 28, 9, 49, 21), host: 'lb', program: 'haproxy', pid: 16834 });
    expect(line.slice(offset)).toBe(msg);
  });

  it('single-digit day padded with a space, and no host', () => {
    const { header, offset } = parseSyslogHeader(`Dec  3 18:27:14 haproxy[6103]: x`, 2012);
    expect(header).toEqual({ timestamp: 'Dec  3 18:27:14', time: Date.UTC(2012, 11, 3, 18, 27, 14), program: 'haproxy', pid: 6103 });
    expect(offset).toBe(31);
  });

  it('HAProxy `format short`: <pri> then the message', () => {
    expect(parseSyslogHeader('<134>127.0.0.1:1 [x')).toEqual({ header: {}, offset: 5 });
  });
});

describe('parseSyslogHeader on malformed prefixes (hand-written)', () => {
  it.each([
    ['', 0],
    ['<', 0],
    ['<999999>x', 0],
    ['Nov 28', 0],
    ['Nov 28 09:49', 0],
    ['Foo 28 09:49:21 lb haproxy[1]: x', 0],
    ['<13>1 ', 6],
    ['<13>1 - - - - - [unterminated', 29],
  ])('%j -> offset %i, no throw', (line, offset) => {
    expect(parseSyslogHeader(line).offset).toBe(offset);
  });
});
