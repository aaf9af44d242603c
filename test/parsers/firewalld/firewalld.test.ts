import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFirewalldZones } from '../../../src/parsers/firewalld/index.js';
import { readFixture } from '../../helpers/fixtures.js';

const fixture = (name: string) => readFixture('parsers/firewalld', name);

describe('firewall-cmd --list-all(-zones)', () => {
  it('reads one zone with services, ports and rich rules with their lines', () => {
    const { ok, value, diagnostics } = parseFirewalldZones(fixture('firewall-offline-cmd_--list-all.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    const [zone] = value.zones;
    expect(zone).toMatchObject({ name: 'public', active: true, target: 'default', interfaces: ['eth0'], services: ['dhcpv6-client', 'http', 'ssh'], ports: ['8080/tcp', '9000-9010/tcp'] });
    expect(zone?.fieldLines.services).toBe(6);
    expect(zone?.richRules).toEqual([
      { line: 15, text: 'rule family="ipv4" source address="10.77.0.0/24" port port="5432" protocol="tcp" accept', family: 'ipv4', source: { value: '10.77.0.0/24', negated: false }, port: { port: '5432', protocol: 'tcp' }, action: 'accept' },
      { line: 16, text: 'rule family="ipv4" source address="10.77.0.66" reject', family: 'ipv4', source: { value: '10.77.0.66', negated: false }, action: 'reject' },
      { line: 17, text: 'rule family="ipv4" source address="10.77.0.67" drop', family: 'ipv4', source: { value: '10.77.0.67', negated: false }, action: 'drop' },
      { line: 18, text: 'rule family="ipv4" port port="3306" protocol="tcp" reject type="tcp-reset"', family: 'ipv4', port: { port: '3306', protocol: 'tcp' }, action: 'reject', rejectType: 'tcp-reset' },
    ]);
  });

  it('reads every zone with targets and sources', () => {
    const { value, diagnostics } = parseFirewalldZones(fixture('firewall-offline-cmd_--list-all-zones.txt'));
    expect(diagnostics).toEqual([]);
    const summary = Object.fromEntries(value.zones.map((z) => [z.name, `${z.target}|${z.sources.join(',')}|${z.interfaces.join(',')}`]));
    expect(summary).toMatchObject({ block: '%%REJECT%%|10.77.0.201/32|', drop: 'DROP|10.77.0.200|', haproxy: 'ACCEPT|10.77.0.202|', internal: 'default||dummy0', public: 'default||eth0', trusted: 'ACCEPT|192.168.50.0/24|' });
  });

  it('recognises firewall-cmd without a running daemon', () => {
    for (const name of ['firewall-cmd_--list-all-not-running.txt', 'firewall-cmd_--list-all-zones-not-running.txt']) {
      const { ok, value } = parseFirewalldZones(fixture(name));
      expect(ok).toBe(true);
      expect(value.unavailable?.reason).toBe('not-running');
    }
    expect(parseFirewalldZones('FirewallD is not running\n').value.unavailable).toEqual({ reason: 'not-running', line: 1, text: 'FirewallD is not running' });
  });

  it('never throws', () => {
    const real = fixture('firewall-offline-cmd_--list-all-zones.txt');
    fc.assert(fc.property(fc.string({ maxLength: 1500 }), (text) => void parseFirewalldZones(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.nat(real.length), fc.string({ maxLength: 10 }), (cut, insert) => void parseFirewalldZones(real.slice(0, cut) + insert + real.slice(cut + 2))), { numRuns: 300 });
  });
});

describe('firewalldZonesParser sniffer', () => {
  it('recognises the real dumps and not the other firewall dumps', async () => {
    const { firewalldZonesParser } = await import('../../../src/parsers/firewalld/index.js');
    for (const name of ['firewall-offline-cmd_--list-all.txt', 'firewall-offline-cmd_--list-all-zones.txt']) expect(firewalldZonesParser.sniff(readFixture('parsers/firewalld', name))).toBe(true);
    for (const other of ['iptables/iptables-save-matches.txt', 'iptables/iptables_-vnxL-matches.txt', 'ufw/ufw_status_verbose-active.txt', 'nft/nft_list_ruleset-native.txt', 'firewalld/firewall-offline-cmd_--list-all-zones.txt', 'sysctl/sysctl_-a.txt', 'ip-route/ip_route.txt'].filter((path) => !path.startsWith('firewalld/'))) {
      expect(firewalldZonesParser.sniff(readFixture('parsers', other))).toBe(false);
    }
  });
});
