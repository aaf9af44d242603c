import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNetstat } from '../../src/parsers/netstat/index.js';
import { parseProcNetTcp, readHexEndpoint } from '../../src/parsers/proc-net-tcp/index.js';
import type { SocketRecord } from '../../src/model/network.js';
import { readFixture } from '../helpers/fixtures.js';

const show = (s: SocketRecord) => `${s.netid} ${s.state} ${s.local.address}:${s.local.port ?? s.local.portName}`;
const NETSTAT = ['netstat_-an.txt', 'netstat_-tulpn.txt', 'netstat_-neopa.txt', 'netstat_-antW.txt', 'netstat_-tulpn-empty.txt'];
const PROC = ['proc_net_tcp.txt', 'proc_net_tcp6.txt', 'proc_net_udp.txt'];

describe('netstat (net-tools 2.10, lab namespace hd-p2-srv)', () => {
  it.each(NETSTAT)('%s parses without diagnostics', (name) => {
    const { ok, diagnostics, value } = parseNetstat(readFixture('parsers/netstat', name));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.headerLine).toBe(2);
  });

  it('reads -tulpn listeners with their processes, IPv6 and UDP, in ss vocabulary', () => {
    const { value } = parseNetstat(readFixture('parsers/netstat/netstat_-tulpn.txt'));
    const shown = value.sockets.map(show);
    expect(shown).toEqual(expect.arrayContaining(['tcp LISTEN 127.0.0.1:9003', 'tcp LISTEN 10.99.0.2:8080', 'tcp LISTEN ::1:9001', 'tcp LISTEN :::9000', 'udp UNCONN 0.0.0.0:9514', 'udp UNCONN :::9515']));
    expect(value.sockets.find((s) => s.local.port === 8080)?.processes[0]).toMatchObject({ name: 'python3' });
    expect(value.sockets[0]?.peer).toEqual({ address: '0.0.0.0', portName: '*' });
  });

  it('reads every state of -neopa and stops at the UNIX socket section', () => {
    const { value } = parseNetstat(readFixture('parsers/netstat/netstat_-neopa.txt'));
    const states = new Set(value.sockets.map((s) => s.state));
    for (const state of ['LISTEN', 'ESTAB', 'TIME-WAIT', 'SYN-SENT', 'CLOSE-WAIT', 'FIN-WAIT-2', 'UNCONN']) expect(states).toContain(state);
    expect(value.sockets.find((s) => s.state === 'SYN-SENT')).toMatchObject({ sendQ: 1, peer: { address: '10.99.0.1', port: 8082 }, processes: [{ name: 'nc' }] });
    expect(value.sockets.every((s) => s.netid === 'tcp' || s.netid === 'udp')).toBe(true);
  });

  it('reads an empty listing as "nothing listens"', () => {
    const { value } = parseNetstat(readFixture('parsers/netstat/netstat_-tulpn-empty.txt'));
    expect(value.sockets).toEqual([]);
  });
});

describe('/proc/net/tcp* (lab namespace hd-p2-srv, same moment as netstat)', () => {
  it.each(PROC)('%s parses without diagnostics', (name) => {
    const { ok, diagnostics, value } = parseProcNetTcp(readFixture('parsers/proc-net-tcp', name));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.sockets.length).toBeGreaterThan(0);
  });

  it('decodes hex addresses, ports and state codes like ss prints them', () => {
    const tcp = parseProcNetTcp(readFixture('parsers/proc-net-tcp/proc_net_tcp.txt')).value;
    expect(tcp.protocol).toBe('tcp');
    expect(tcp.sockets.map(show)).toEqual(expect.arrayContaining(['tcp LISTEN 127.0.0.1:9003', 'tcp LISTEN 10.99.0.2:8080', 'tcp TIME-WAIT 10.99.0.2:8080']));
    const tcp6 = parseProcNetTcp(readFixture('parsers/proc-net-tcp/proc_net_tcp6.txt')).value;
    expect(tcp6.sockets.map(show)).toEqual(expect.arrayContaining(['tcp LISTEN ::1:9001', 'tcp LISTEN :::9000', 'tcp ESTAB fd99::2:9000']));
    const udp = parseProcNetTcp(readFixture('parsers/proc-net-tcp/proc_net_udp.txt')).value;
    expect(udp.protocol).toBe('udp');
    expect(udp.sockets.map(show)).toContain('udp UNCONN 0.0.0.0:9514');
  });

  it('agrees with netstat -an on the TCP listeners', () => {
    const netstat = parseNetstat(readFixture('parsers/netstat/netstat_-an.txt')).value.sockets.filter((s) => s.netid === 'tcp' && s.state === 'LISTEN').map(show).sort();
    const proc = [...parseProcNetTcp(readFixture('parsers/proc-net-tcp/proc_net_tcp.txt')).value.sockets, ...parseProcNetTcp(readFixture('parsers/proc-net-tcp/proc_net_tcp6.txt')).value.sockets]
      .filter((s) => s.state === 'LISTEN').map(show).sort();
    expect(proc).toEqual(netstat);
  });

  it.each([
    ['0100007F:232B', { address: '127.0.0.1', port: 9003 }],
    ['00000000:0000', { address: '0.0.0.0', portName: '*' }],
    ['00000000000000000000000001000000:2329', { address: '::1', port: 9001 }],
    ['0000000000000000FFFF00000100007F:0050', { address: '::ffff:127.0.0.1', port: 80 }],
    ['000080FE00000000FF000000010000FE:0050', { address: 'fe80::ff:fe00:1', port: 80 }],
  ])('hex endpoint %s', (token, expected) => expect(readHexEndpoint(token)).toEqual(expected));
});

describe('socket tables on malformed input (hand-written)', () => {
  it('unknown lines become diagnostics with their numbers; a cut row is reported', () => {
    const full = readFixture('parsers/netstat/netstat_-tulpn.txt');
    const cut = full.slice(0, full.indexOf('LISTEN', full.indexOf('10.99.0.2:8080')) - 3);
    const { ok, value, diagnostics } = parseNetstat(cut);
    expect(ok).toBe(true);
    expect(value.sockets).toHaveLength(1);
    expect(diagnostics.map((d) => [d.line, d.severity])).toEqual([[4, 'warning']]);
    expect(parseProcNetTcp('  sl  local_address rem_address   st tx_queue\n   0: 0100007F:23\n').diagnostics.map((d) => d.line)).toEqual([2]);
    expect(parseNetstat('hello\n').ok).toBe(false);
    expect(parseProcNetTcp('hello\n').ok).toBe(false);
  });

  it('never throws on random text, truncations or mutated real output', () => {
    const real = [...NETSTAT.map((n) => readFixture('parsers/netstat', n)), ...PROC.map((n) => readFixture('parsers/proc-net-tcp', n))];
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => {
      parseNetstat(text);
      parseProcNetTcp(text);
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.constantFrom(...real), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (text, a, b, junk) => {
      const i = a % Math.max(text.length, 1);
      const j = b % Math.max(text.length, 1);
      const mutated = text.slice(0, Math.min(i, j)) + junk + text.slice(Math.max(i, j));
      parseNetstat(text.slice(0, i));
      parseNetstat(mutated);
      parseProcNetTcp(text.slice(0, i));
      parseProcNetTcp(mutated);
    }), { numRuns: 300 });
  });
});
