// Verdict tables for each firewall front-end, on the lab's real dumps, plus cross-checks between dumps of the
// same rules (iptables-save vs listings vs nft; ufw status vs the iptables chains ufw generated).
import { describe, expect, it } from 'vitest';
import { evaluateFirewalld } from '../../src/firewall/firewalld.js';
import { evaluateIptables } from '../../src/firewall/iptables.js';
import { evaluateNft } from '../../src/firewall/nft.js';
import type { Packet } from '../../src/firewall/packet.js';
import { evaluateUfw } from '../../src/firewall/ufw.js';
import { parseFirewalldZones } from '../../src/parsers/firewalld/index.js';
import { parseIptablesList, parseIptablesSave } from '../../src/parsers/iptables/index.js';
import { parseNftRuleset } from '../../src/parsers/nft/index.js';
import { parseUfwStatus } from '../../src/parsers/ufw/index.js';
import { readFixture } from '../helpers/fixtures.js';

const syn = (saddr: string, dport: number, extra: Partial<Packet> = {}): Packet => ({ protocol: 'tcp', saddr, daddr: '10.77.0.2', sport: 40000, dport, direction: 'input', inInterface: 'eth0', ...extra });
const shown = (r: { verdict: string; rejectWith?: string; decidingRule?: { line: number } }) => `${r.verdict}${r.rejectWith ? ` ${r.rejectWith}` : ''} @${r.decidingRule?.line ?? '-'}`;
const GRID: Packet[] = ['10.77.0.1', '10.77.0.5', '10.77.0.66', '10.77.0.150', '192.168.1.1', '192.168.50.9', '10.77.0.201'].flatMap((saddr) =>
  [22, 25, 53, 80, 443, 2222, 3306, 5432, 8005, 8080, 9000, 9100, 9200, 9300, 1234].map((dport) => syn(saddr, dport)),
);

describe('iptables', () => {
  const save = parseIptablesSave(readFixture('parsers/iptables', 'iptables-save-matches.txt')).value;

  it.each([
    [syn('10.77.0.1', 22), 'ACCEPT @22', 'filter/INPUT,filter/MGMT'],
    [syn('10.77.0.5', 22), 'REJECT icmp-host-prohibited @23', 'filter/INPUT,filter/MGMT'],
    [syn('10.77.0.1', 80), 'ACCEPT @21', 'filter/INPUT,filter/APP'],
    [syn('10.77.0.1', 8005), 'REJECT icmp-port-unreachable @19', 'filter/INPUT,filter/APP'],
    [syn('10.77.0.150', 9000), 'ACCEPT @14', 'filter/INPUT'],
    [syn('192.168.1.1', 9100), 'REJECT tcp-reset @15', 'filter/INPUT'],
    [syn('10.77.0.1', 3306), 'DROP @3', 'filter/INPUT'],
    [syn('10.77.0.1', 3306, { ctState: 'ESTABLISHED' }), 'ACCEPT @9', 'filter/INPUT'],
    [syn('127.0.0.1', 3306, { inInterface: 'lo' }), 'ACCEPT @8', 'filter/INPUT'],
    [{ ...syn('10.77.0.1', 53), protocol: 'udp' }, 'ACCEPT @17', 'filter/INPUT'],
  ])('%o -> %s', (packet, expected, chainPath) => {
    const result = evaluateIptables(save, packet, { path: 'commands/iptables-save' });
    expect(shown(result)).toBe(expected);
    expect(result.chainPath.join()).toBe(chainPath);
    expect(result.decidingRule?.path).toBe('commands/iptables-save');
    expect(result.assumptions).toEqual([]);
  });

  it('gives the same verdicts from iptables-save, -vnxL, --line-numbers, the legacy backend and nft (iptables-nft)', () => {
    const dumps = {
      list: parseIptablesList(readFixture('parsers/iptables', 'iptables_-vnxL-matches.txt')).value,
      numbered: parseIptablesList(readFixture('parsers/iptables', 'iptables_-L_-n_-v_--line-numbers-matches.txt')).value,
      legacy: parseIptablesList(readFixture('parsers/iptables', 'iptables-legacy_-vnxL-matches.txt')).value,
      legacySave: parseIptablesSave(readFixture('parsers/iptables', 'iptables-legacy-save-matches.txt')).value,
    };
    const nft = parseNftRuleset(readFixture('parsers/nft', 'nft_list_ruleset-iptables-nft.txt')).value;
    const expected = GRID.map((packet) => evaluateIptables(save, packet)).map((r) => `${r.verdict} ${r.rejectWith ?? ''}`);
    for (const dump of Object.values(dumps)) expect(GRID.map((packet) => evaluateIptables(dump, packet)).map((r) => `${r.verdict} ${r.rejectWith ?? ''}`)).toEqual(expected);
    expect(GRID.map((packet) => evaluateNft(nft, packet)).map((r) => `${r.verdict} ${r.rejectWith ?? ''}`)).toEqual(expected);
  });

  it('says when a listing without -v could not show interfaces', () => {
    const bare = parseIptablesList(readFixture('parsers/iptables', 'iptables_-L_-n-matches.txt')).value;
    const result = evaluateIptables(bare, syn('10.77.0.1', 3306));
    // `-i lo -j ACCEPT` prints as an unconditional ACCEPT without -v: the verdict is wrong and must say why.
    expect(result.verdict).toBe('ACCEPT');
    expect(result.assumptions[0]).toMatch(/without -v/);
  });

  it('evaluates IPv6 packets against the ip6tables dump only', () => {
    const v6 = parseIptablesSave(readFixture('parsers/iptables', 'ip6tables-save-filter.txt')).value;
    expect(shown(evaluateIptables(v6, syn('fd77::1', 22, { daddr: 'fd77::2' })))).toBe('ACCEPT @9');
    expect(shown(evaluateIptables(v6, syn('fd77::1', 80, { daddr: 'fd77::2' })))).toBe('REJECT icmp6-adm-prohibited @10');
    expect(evaluateIptables(v6, syn('10.77.0.1', 80)).verdict).toBe('ACCEPT'); // no IPv4 table in this dump
  });

  it('survives a jump loop in a malformed dump (hand-written)', () => {
    const looped = parseIptablesSave('*filter\n:INPUT DROP [0:0]\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n').value;
    const result = evaluateIptables(looped, syn('10.0.0.1', 80));
    expect(result.verdict).toBe('DROP');
    expect(result.assumptions.length).toBeGreaterThan(0);
  });
});

describe('nftables', () => {
  const native = parseNftRuleset(readFixture('parsers/nft', 'nft_list_ruleset-native.txt')).value;

  it.each([
    [syn('10.77.0.1', 22), 'ACCEPT @48'], // @admins set; then `late` (priority +10) accepts tcp dport != 443
    [syn('10.77.0.5', 22), 'REJECT icmp-port-unreachable @21'],
    [syn('10.77.0.66', 80), 'DROP @40'], // `early` (priority -10) drops before inet filter
    [syn('10.77.0.1', 443), 'ACCEPT @45'], // the last base chain's policy (its `chain post {` line) lets it through
    [syn('192.168.1.1', 443), 'DROP @47'], // accepted by inet filter, dropped by the later base chain
    [syn('10.77.0.1', 8005), 'REJECT icmp-port-unreachable @21'], // app returns, then the final reject
    [syn('10.77.0.1', 8080), 'REJECT icmp-port-unreachable @21'], // not in 8000-8010: the final reject
    [syn('10.77.0.1', 9100), 'REJECT tcp-reset @18'],
    [syn('10.77.0.1', 9300), 'REJECT icmp-host-prohibited @20'],
    [syn('10.77.0.1', 9400), 'REJECT icmp-port-unreachable @21'], // accept in `early` does not end the hook
    [syn('fd77::1', 22, { daddr: 'fd77::2' }), 'REJECT icmp6-port-unreachable @21'], // @admins is IPv4
  ])('%o -> %s', (packet, expected) => {
    const result = evaluateNft(native, packet);
    expect(shown(result)).toBe(expected);
    expect(result.assumptions).toEqual([]);
  });
});

describe('ufw', () => {
  const verbose = parseUfwStatus(readFixture('parsers/ufw', 'ufw_status_verbose-active.txt')).value;
  const chains = parseIptablesSave(readFixture('parsers/iptables', 'iptables-save-ufw.txt')).value;

  it('from ufw status verbose agrees with the iptables chains ufw generated for the same rules', () => {
    const packets = GRID.filter((p) => p.dport !== 2222); // LIMIT: both assume under the rate, stated separately
    const fromStatus = packets.map((p) => `${evaluateUfw(verbose, p).verdict} ${evaluateUfw(verbose, p).rejectWith ?? ''}`);
    const fromChains = packets.map((p) => `${evaluateIptables(chains, p).verdict} ${evaluateIptables(chains, p).rejectWith ?? ''}`);
    expect(fromStatus).toEqual(fromChains);
    expect(new Set(fromStatus)).toEqual(new Set(['ACCEPT ', 'DROP ', 'REJECT tcp-reset']));
  });

  it.each([
    ['ufw_status_verbose-active.txt', syn('10.77.0.1', 1234), 'DROP @3'],
    ['ufw_status_verbose-default-reject.txt', syn('10.77.0.1', 1234), 'REJECT icmp-port-unreachable @3'],
    ['ufw_status_verbose-active.txt', syn('10.77.0.66', 22), 'ACCEPT @8'], // rule order: 22/tcp comes first
    ['ufw_status_verbose-active.txt', syn('10.77.0.66', 1234), 'DROP @16'],
    ['ufw_status_verbose-active.txt', syn('192.168.50.9', 5432), 'ACCEPT @17'],
    ['ufw_status_verbose-inactive.txt', syn('10.77.0.1', 1234), 'ACCEPT @1'],
  ])('%s %o -> %s', (name, packet, expected) => {
    expect(shown(evaluateUfw(parseUfwStatus(readFixture('parsers/ufw', name)).value, packet))).toBe(expected);
  });
});

describe('firewalld', () => {
  const zones = parseFirewalldZones(readFixture('parsers/firewalld', 'firewall-offline-cmd_--list-all-zones.txt')).value;
  const lineOf = (text: string) => readFixture('parsers/firewalld', 'firewall-offline-cmd_--list-all-zones.txt').split('\n').findIndex((l) => l === text) + 1;

  it.each([
    [syn('10.77.0.1', 80), 'ACCEPT', 'zone public', '  services: dhcpv6-client http ssh'],
    [syn('10.77.0.1', 9005), 'ACCEPT', 'zone public', '  ports: 8080/tcp 9000-9010/tcp'],
    [syn('10.77.0.1', 5432), 'ACCEPT', 'zone public', '\trule family="ipv4" source address="10.77.0.0/24" port port="5432" protocol="tcp" accept'],
    [syn('10.77.0.66', 80), 'REJECT icmp-port-unreachable', 'zone public', '\trule family="ipv4" source address="10.77.0.66" reject'], // deny rich rules before services
    [syn('10.77.0.67', 22), 'DROP', 'zone public', '\trule family="ipv4" source address="10.77.0.67" drop'],
    [syn('10.77.0.1', 3306), 'REJECT tcp-reset', 'zone public', '\trule family="ipv4" port port="3306" protocol="tcp" reject type="tcp-reset"'],
    [syn('10.77.0.1', 1234), 'REJECT icmp-admin-prohibited', 'zone public', undefined],
    [syn('10.77.0.200', 22), 'DROP', 'zone drop', '  target: DROP'],
    [syn('10.77.0.201', 22), 'REJECT icmp-admin-prohibited', 'zone block', '  target: %%REJECT%%'],
    [syn('10.77.0.202', 1234), 'ACCEPT', 'zone haproxy', '  target: ACCEPT'],
    [syn('192.168.50.9', 1234), 'ACCEPT', 'zone trusted', undefined],
    [syn('10.99.0.1', 22, { inInterface: 'dummy0' }), 'ACCEPT', 'zone internal', undefined],
    [syn('10.99.0.1', 80, { inInterface: 'dummy0' }), 'REJECT icmp-admin-prohibited', 'zone internal', undefined],
  ])('%o -> %s in %s', (packet, expected, zone, evidence) => {
    const result = evaluateFirewalld(zones, packet);
    expect(`${result.verdict}${result.rejectWith ? ` ${result.rejectWith}` : ''}`).toBe(expected);
    expect(result.chainPath).toEqual([zone]);
    if (evidence) expect(result.decidingRule?.line).toBe(lineOf(evidence));
  });

  it('says that the default zone was assumed when the listing does not mark it', () => {
    expect(evaluateFirewalld(zones, syn('10.99.0.1', 80, { inInterface: 'ens3' })).assumptions.join()).toMatch(/default zone not marked/);
  });
});
