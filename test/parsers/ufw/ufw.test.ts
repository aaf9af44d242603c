import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUfwStatus } from '../../../src/parsers/ufw/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const fixture = (name: string) => readFixture('parsers/ufw', name);

describe('ufw status', () => {
  it('reads status verbose: defaults and rules in order with their lines', () => {
    const { ok, value, diagnostics } = parseUfwStatus(fixture('ufw_status_verbose-active.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.active).toBe(true);
    expect(value.defaults).toEqual({ incoming: 'deny', outgoing: 'allow', routed: 'disabled', line: 3 });
    expect(value.rules).toHaveLength(19);
    expect(value.rules[0]).toMatchObject({ line: 8, action: 'allow', direction: 'in', to: { ports: '22', protocol: 'tcp' }, from: {}, v6: false });
    expect(value.rules[1]).toMatchObject({ to: { ports: '8080', protocol: 'tcp' }, from: { address: '10.77.0.0/24' } });
    expect(value.rules[2]).toMatchObject({ action: 'deny', to: { ports: '3306' } });
    expect(value.rules[2]?.to.protocol).toBeUndefined();
    expect(value.rules[6]).toMatchObject({ to: { ports: '9200', protocol: 'tcp' }, interface: 'eth0' });
    expect(value.rules[8]).toMatchObject({ action: 'deny', to: {}, from: { address: '10.77.0.66' } });
    expect(value.rules[9]).toMatchObject({ to: { address: '10.77.0.2', ports: '5432' }, from: { address: '192.168.50.0/24' }, comment: 'postgres from lan' });
    expect(value.rules[10]).toMatchObject({ v6: true, to: { ports: '22' } });
    expect(value.rules[17]).toMatchObject({ action: 'deny', direction: 'out', to: { ports: '25', protocol: 'tcp' } });
  });

  it('reads numbered and plain status to the same rules', () => {
    const verbose = parseUfwStatus(fixture('ufw_status_verbose-active.txt')).value.rules;
    const numbered = parseUfwStatus(fixture('ufw_status_numbered-active.txt'));
    expect(numbered.diagnostics).toEqual([]);
    expect(numbered.value.rules.map((r) => r.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    const key = (r: (typeof verbose)[number]) => JSON.stringify([r.action, r.direction, r.to, r.from, r.v6, r.interface ?? null]);
    expect(new Set(numbered.value.rules.map(key))).toEqual(new Set(verbose.map(key)));
    const plain = parseUfwStatus(fixture('ufw_status-active.txt'));
    expect(plain.value.defaults).toBeUndefined();
    expect(plain.value.rules.map((r) => JSON.stringify([r.action, r.to, r.from, r.v6]))).toEqual(verbose.map((r) => JSON.stringify([r.action, r.to, r.from, r.v6])));
  });

  it('reads inactive, reject defaults and not-root outputs', () => {
    expect(parseUfwStatus(fixture('ufw_status-inactive.txt')).value).toMatchObject({ active: false, statusLine: 1, rules: [] });
    expect(parseUfwStatus(fixture('ufw_status_verbose-default-reject.txt')).value.defaults?.incoming).toBe('reject');
    expect(parseUfwStatus(fixture('ufw_status-not-root.txt')).value.unavailable?.reason).toBe('permission-denied');
  });

  it('never throws', () => {
    const real = fixture('ufw_status_numbered-active.txt');
    fc.assert(fc.property(fc.string({ maxLength: 1500 }), (text) => void parseUfwStatus(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.nat(real.length), fc.string({ maxLength: 10 }), (cut, insert) => void parseUfwStatus(real.slice(0, cut) + insert + real.slice(cut + 3))), { numRuns: 300 });
  });
});

describe('ufwStatusParser sniffer', () => {
  it('recognises the real dumps and not the other firewall dumps', async () => {
    const { ufwStatusParser } = await import('../../../src/parsers/ufw/index.js');
    for (const name of ['ufw_status-active.txt', 'ufw_status_verbose-active.txt', 'ufw_status_numbered-active.txt', 'ufw_status-inactive.txt']) expect(ufwStatusParser.sniff(readFixture('parsers/ufw', name))).toBe(true);
    for (const other of ['iptables/iptables-save-matches.txt', 'iptables/iptables_-vnxL-matches.txt', 'ufw/ufw_status_verbose-active.txt', 'nft/nft_list_ruleset-native.txt', 'firewalld/firewall-offline-cmd_--list-all-zones.txt', 'sysctl/sysctl_-a.txt', 'ip-route/ip_route.txt'].filter((path) => !path.startsWith('ufw/'))) {
      expect(ufwStatusParser.sniff(readFixture('parsers', other))).toBe(false);
    }
  });
});
