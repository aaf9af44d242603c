import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSs } from '../../src/parsers/ss/index.js';
import { parseSocketEndpoint } from '../../src/parsers/ss/endpoint.js';
import { readFixture } from '../helpers/fixtures.js';

describe('ss parser on lab output', () => {
  it('reads a loopback-only listener with its process (ss -tulpn on node2, backend-loopback)', () => {
    const { ok, value, diagnostics } = parseSs(readFixture('bundles/backend-loopback/node2/commands/ss_-tulpn'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.headerLine).toBe(1);
    expect(value.sockets).toHaveLength(1);
    expect(value.sockets[0]).toMatchObject({
      line: 2,
      netid: 'tcp',
      state: 'LISTEN',
      local: { address: '127.0.0.1', port: 8080 },
      peer: { address: '0.0.0.0', portName: '*' },
      processes: [{ name: 'python3', fd: 3 }],
    });
  });

  it('reads a header-only listing as "nothing listens" (ss -tulpn on node2, backend-stopped)', () => {
    const { ok, value } = parseSs(readFixture('bundles/backend-stopped/node2/commands/ss_-tulpn'));
    expect(ok).toBe(true);
    expect(value.sockets).toEqual([]);
    expect(value.headerLine).toBe(1);
  });

  it('reads ss -tan without a Netid column', () => {
    const { value } = parseSs(readFixture('bundles/backend-stopped/lb/commands/ss_-tan'));
    const listeners = value.sockets.filter((socket) => socket.state === 'LISTEN');
    expect(listeners.map((socket) => `${socket.local.address}:${socket.local.port}`)).toContain('10.88.0.10:80');
    expect(value.sockets.every((socket) => socket.netid === undefined)).toBe(true);
  });
});

describe('ss endpoints', () => {
  it.each([
    ['0.0.0.0:80', { address: '0.0.0.0', port: 80 }],
    ['*:*', { address: '*', portName: '*' }],
    ['[::]:443', { address: '::', port: 443 }],
    ['[::ffff:10.0.0.1]:8080', { address: '::ffff:10.0.0.1', port: 8080 }],
    ['127.0.0.53%lo:53', { address: '127.0.0.53', port: 53, scope: 'lo' }],
    ['[fe80::1]%eth0:546', { address: 'fe80::1', port: 546, scope: 'eth0' }],
    ['*:http', { address: '*', portName: 'http' }],
  ])('%s', (token, expected) => {
    expect(parseSocketEndpoint(token)).toEqual(expected);
  });

  it.each(['', ':', '80', '[::1:80', 'host:'])('rejects %j', (token) => {
    expect(parseSocketEndpoint(token)).toBeUndefined();
  });
});

describe('ss parser on malformed input (hand-written)', () => {
  it('reports unreadable lines with their numbers and keeps the good ones', () => {
    const text = 'State Recv-Q Send-Q Local Address:Port Peer Address:Port\nLISTEN 0 128 0.0.0.0:22 0.0.0.0:*\nthis is not ss\nLISTEN x y z\n';
    const { ok, value, diagnostics } = parseSs(text);
    expect(ok).toBe(true);
    expect(value.sockets).toHaveLength(1);
    expect(diagnostics.map((d) => d.line)).toEqual([3, 4]);
  });

  it('fails on text that is not ss at all', () => {
    const { ok, diagnostics } = parseSs('hello\nworld\n');
    expect(ok).toBe(false);
    expect(diagnostics[0]?.severity).toBe('error');
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => {
      parseSs(text);
    }), { numRuns: 500 });
  });
});

describe('ss on the lab mixed listings', () => {
  it('reads every line of ss -tunap, IPv6 scoped and dual-stack included', () => {
    const { ok, value, diagnostics } = parseSs(readFixture('parsers/ss/tunap-mixed.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    const shown = value.sockets.map((s) => `${s.netid} ${s.state} ${s.local.address}${s.local.scope ? `%${s.local.scope}` : ''}:${s.local.port ?? s.local.portName}`);
    expect(shown).toContain('tcp LISTEN *:9000');
    expect(shown).toContain('tcp LISTEN ::1:9001');
    expect(shown).toContain('udp UNCONN 127.0.0.1:9516');
    expect(shown.some((line) => /^tcp LISTEN fe80::[0-9a-f:]+%eth0:9004$/.test(line))).toBe(true);
    expect(value.sockets.filter((s) => s.state === 'TIME-WAIT').length).toBeGreaterThan(0);
  });

  it.each(['tulpn-mixed.txt', 'tlnp-mixed.txt', 'tan-mixed.txt', 'tulpn-haproxy-lb.txt', 'tan-haproxy-lb.txt', 'tulpn-backend-only.txt', 'tulpn-empty.txt'])(
    '%s parses without diagnostics',
    (name) => {
      const { ok, diagnostics } = parseSs(readFixture('parsers/ss', name));
      expect(ok).toBe(true);
      expect(diagnostics).toEqual([]);
    },
  );
});
