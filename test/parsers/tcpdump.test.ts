import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseTcpdump, tcpdumpParser } from '../../src/parsers/tcpdump/index.js';
import { icmpTarget } from '../../src/parsers/tcpdump/flows.js';
import type { SynFlow } from '../../src/model/packets.js';
import { PROJECT_ROOT, readFixture } from '../helpers/fixtures.js';

const FIXTURES = readdirSync(path.join(PROJECT_ROOT, 'fixtures/parsers/tcpdump')).filter((name) => name.endsWith('.txt'));
const verdicts = (flows: SynFlow[]) => flows.map((f) => `${f.family} ${f.server.address}:${f.server.port} ${f.verdict}`);

// The lab probes (lab/parser-fixtures-2.sh), in order, as seen from the client.
const EXPECTED = [
  'ip 10.99.0.2:8080 answered',
  'ip 10.99.0.2:8081 refused',
  'ip 10.99.0.2:8082 unanswered',
  'ip 10.99.0.2:8083 icmp-unreachable',
  'ip 10.99.0.2:8084 icmp-unreachable',
  'ip6 fd99::2:9000 answered',
  'ip6 fd99::2:8081 refused',
  'ip6 fd99::2:8082 unanswered',
  'ip6 fd99::2:8083 icmp-unreachable',
  'ip6 fd99::2:8084 icmp-unreachable',
];

describe('tcpdump on lab captures (tcpdump 4.99.3)', () => {
  it.each(FIXTURES.filter((name) => name !== 'live_-n_-i_eth0.txt'))('%s: every probe gets its verdict, no diagnostics', (name) => {
    const { ok, value, diagnostics } = parseTcpdump(readFixture('parsers/tcpdump', name));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.packets).toHaveLength(47);
    expect(verdicts(value.flows)).toEqual(EXPECTED);
  });

  it('reads plain -n output with the SYN and answer lines', () => {
    const { value } = parseTcpdump(readFixture('parsers/tcpdump/r_-nn_-S.txt'));
    const [answered, refused, dropped, portUnreachable, prohibited] = value.flows;
    expect(answered).toMatchObject({ synLine: 1, answerLine: 2, synTime: '10:08:40.556496', client: { address: '10.99.0.1', port: 34000 } });
    expect(refused).toMatchObject({ synLine: 13, answerLine: 14 });
    expect(dropped).toMatchObject({ synLines: [15, 18, 19], synCount: 3 });
    expect(dropped?.answerLine).toBeUndefined();
    expect(portUnreachable).toMatchObject({ answerLine: 21, icmp: '10.99.0.2 tcp port 8083 unreachable' });
    expect(prohibited).toMatchObject({ answerLine: 23, icmp: 'host 10.99.0.2 unreachable - admin prohibited' });
    expect(value.packets[1]).toMatchObject({ line: 2, protocol: 'tcp', flags: 'S.', src: { address: '10.99.0.2', port: 8080 } });
  });

  it('counts SYNs sent again after an ICMPv6 error as the same attempt', () => {
    const { value } = parseTcpdump(readFixture('parsers/tcpdump/r_-nn_-S.txt'));
    expect(value.flows[8]).toMatchObject({ synLines: [36, 39], answerLine: 37, icmp: 'destination unreachable, unreachable port, fd99::2 tcp port 8083' });
  });

  it('reads -v two-line IPv4 records, skipping payload and the packet quoted in ICMP errors (-vvv)', () => {
    const { value } = parseTcpdump(readFixture('parsers/tcpdump/r_-tttt_-vvv.txt'));
    expect(value.flows[0]).toMatchObject({ synLine: 1, answerLine: 3, synTime: '2026-11-28 10:08:40.556496' });
    expect(value.flows[3]).toMatchObject({ synLine: 52, answerLine: 54, icmp: '10.99.0.2 tcp port 8083 unreachable' });
  });

  it('reads -i any interface and direction columns', () => {
    const { value } = parseTcpdump(readFixture('parsers/tcpdump/live_-i_any_-nn.txt'));
    expect(value.packets[0]).toMatchObject({ interface: 'eth0', direction: 'Out' });
    expect(value.packets[1]).toMatchObject({ interface: 'eth0', direction: 'In', flags: 'S.' });
  });

  it('reads the live capture with tcpdump\'s stderr lines and exit summary', () => {
    const { ok, value, diagnostics } = parseTcpdump(readFixture('parsers/tcpdump/live_-n_-i_eth0.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.packetsCaptured).toBe(35);
    expect(value.packetsDroppedByKernel).toBe(0);
    expect(verdicts(value.flows).slice(0, 5)).toEqual(EXPECTED.slice(0, 5));
  });

  it('is recognised by path and by content', () => {
    expect(tcpdumpParser.sniff(readFixture('parsers/tcpdump/r_-nn_-S.txt').slice(0, 4096))).toBe(true);
    expect(tcpdumpParser.sniff(readFixture('parsers/tcpdump/live_-i_any_-nn.txt').slice(0, 4096))).toBe(true);
    expect(tcpdumpParser.sniff('State Recv-Q Send-Q Local Address:Port\n')).toBe(false);
  });
});

describe('icmp targets', () => {
  it.each([
    ['10.99.0.2 tcp port 8083 unreachable', { address: '10.99.0.2', port: 8083 }],
    ['host 10.99.0.2 unreachable - admin prohibited', { address: '10.99.0.2' }],
    ['destination unreachable, unreachable port, fd99::2 tcp port 8083', { address: 'fd99::2', port: 8083 }],
    ['destination unreachable,  unreachable prohibited fd99::2', { address: 'fd99::2' }],
    ['echo request, id 1, seq 1', undefined],
  ])('%s', (text, expected) => expect(icmpTarget(text)).toEqual(expected));
});

describe('tcpdump on malformed input (hand-written)', () => {
  it('a capture cut in the middle is partial: warnings, packets kept', () => {
    const full = readFixture('parsers/tcpdump/r_-nn_-vv_-S.txt');
    const cut = full.slice(0, full.indexOf('\n', full.indexOf('proto ICMP')) + 1);
    const { ok, value, diagnostics } = parseTcpdump(cut);
    expect(ok).toBe(true);
    expect(diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(value.flows.at(-1)?.verdict).toBe('unanswered');
  });

  it('unknown lines become diagnostics with their numbers', () => {
    const text = '10:00:00.000001 IP 10.0.0.1.1000 > 10.0.0.2.80: Flags [S], seq 1, length 0\ngarbage here\n10:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1.1000: Flags [R.], seq 0, ack 2, length 0\n';
    const { ok, value, diagnostics } = parseTcpdump(text);
    expect(ok).toBe(true);
    expect(diagnostics.map((d) => d.line)).toEqual([2]);
    expect(value.flows[0]).toMatchObject({ verdict: 'refused', answerLine: 3 });
  });

  it('reports a tcpdump failure and fails on unrelated text', () => {
    expect(parseTcpdump('tcpdump: eth9: No such device exists\n').diagnostics[0]?.severity).toBe('error');
    expect(parseTcpdump('hello\nworld\n').ok).toBe(false);
  });

  it('never throws on random text, truncations or mutated real output', () => {
    const real = FIXTURES.map((name) => readFixture('parsers/tcpdump', name));
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => void parseTcpdump(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.constantFrom(...real), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (text, a, b, junk) => {
      const i = a % text.length;
      const j = b % text.length;
      parseTcpdump(text.slice(0, i));
      parseTcpdump(text.slice(0, Math.min(i, j)) + junk + text.slice(Math.max(i, j)));
    }), { numRuns: 300 });
  });

  it('stays linear on long hostile lines', () => {
    const start = performance.now();
    parseTcpdump(`10:00:00.000001 IP (${'('.repeat(60000)}\n${' >'.repeat(30000)}\n`);
    parseTcpdump(`10:00:00.000001 IP ${'1.'.repeat(30000)} > x: Flags [S]\n`);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
