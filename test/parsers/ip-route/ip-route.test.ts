import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpRoute } from '../../../src/parsers/ip-route/index.js';
import { readFixture } from '../../helpers/fixtures.js';

describe('ip route', () => {
  it('reads the main table: default, kernel, metric, blackhole, unreachable', () => {
    const { ok, value, diagnostics } = parseIpRoute(readFixture('parsers/ip-route', 'ip_route.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.map((r) => `${r.type} ${r.destination}`)).toEqual(['unicast default', 'unicast 10.77.0.0/24', 'unicast 172.16.0.0/12', 'unicast 192.168.50.0/24', 'unreachable 198.51.100.0/24', 'blackhole 203.0.113.0/24']);
    expect(value[0]).toEqual({ line: 1, type: 'unicast', destination: 'default', family: 'inet', via: '10.77.0.1', dev: 'eth0' });
    expect(value[1]).toMatchObject({ proto: 'kernel', scope: 'link', src: '10.77.0.2' });
    expect(value[2]?.metric).toBe(50);
  });

  it('reads every table, IPv6 and the -d form', () => {
    const all = parseIpRoute(readFixture('parsers/ip-route', 'ip_route_show_table_all.txt'));
    expect(all.diagnostics).toEqual([]);
    expect(all.value.find((r) => r.table === '100')).toMatchObject({ destination: '10.200.0.0/16', via: '192.168.50.1' });
    expect(all.value.filter((r) => r.type === 'local').length).toBeGreaterThan(3);
    expect(all.value.find((r) => r.family === 'inet6' && r.destination === 'default')).toMatchObject({ via: 'fd77::1', metric: 1024 });
    const detailed = parseIpRoute(readFixture('parsers/ip-route', 'ip_-d_route.txt'));
    expect(detailed.diagnostics).toEqual([]);
    expect(detailed.value[0]).toMatchObject({ type: 'unicast', destination: 'default', proto: 'boot' });
  });

  it('attaches multipath nexthops and reports junk (hand-written malformed input)', () => {
    const { value, diagnostics } = parseIpRoute('default proto static metric 10\n\tnexthop via 10.0.0.1 dev eth0 weight 1\n\tnexthop via 10.0.1.1 dev eth1 weight 2\nnot a route\n');
    expect(value[0]?.nexthops).toEqual([{ line: 2, via: '10.0.0.1', dev: 'eth0', weight: 1 }, { line: 3, via: '10.0.1.1', dev: 'eth1', weight: 2 }]);
    expect(diagnostics.map((d) => d.line)).toEqual([4]);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 1500 }), (text) => void parseIpRoute(text)), { numRuns: 300 });
  });
});

describe('ipRouteParser sniffer', () => {
  it('recognises the real dumps and not the other firewall dumps', async () => {
    const { ipRouteParser } = await import('../../../src/parsers/ip-route/index.js');
    for (const name of ['ip_route.txt', 'ip_route_show_table_all.txt']) expect(ipRouteParser.sniff(readFixture('parsers/ip-route', name))).toBe(true);
    for (const other of ['iptables/iptables-save-matches.txt', 'iptables/iptables_-vnxL-matches.txt', 'ufw/ufw_status_verbose-active.txt', 'nft/nft_list_ruleset-native.txt', 'firewalld/firewall-offline-cmd_--list-all-zones.txt', 'sysctl/sysctl_-a.txt', 'ip-route/ip_route.txt'].filter((path) => !path.startsWith('ip-route/'))) {
      expect(ipRouteParser.sniff(readFixture('parsers', other))).toBe(false);
    }
  });
});
