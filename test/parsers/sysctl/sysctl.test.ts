import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSysctl, sysctlValue } from '../../../src/parsers/sysctl/index.js';
import { readFixture } from '../../helpers/fixtures.js';

describe('sysctl -a', () => {
  it('reads every key, with the values the lab set', () => {
    const text = readFixture('parsers/sysctl', 'sysctl_-a.txt');
    const { ok, value, diagnostics } = parseSysctl(text);
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.entries.length).toBe(text.trim().split('\n').length);
    expect(sysctlValue(value, 'net.ipv4.ip_local_port_range')?.value).toBe('20000 29999');
    expect(sysctlValue(value, 'net.ipv4.tcp_tw_reuse')?.value).toBe('1');
    expect(sysctlValue(value, 'net.core.somaxconn')?.value).toBe('1024');
    const line = sysctlValue(value, 'net.core.somaxconn')?.line ?? 0;
    expect(text.split('\n')[line - 1]).toBe('net.core.somaxconn = 1024');
  });

  it('lists the keys a non-root run could not read', () => {
    const { value, diagnostics } = parseSysctl(readFixture('parsers/sysctl', 'sysctl_-a-not-root.txt'));
    expect(diagnostics).toEqual([]);
    expect(value.unreadable.map((u) => u.key)).toContain('net.ipv4.tcp_fastopen_key');
    expect(value.entries.length).toBeGreaterThan(500);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 1500 }), (text) => void parseSysctl(text)), { numRuns: 300 });
  });
});

describe('sysctlParser sniffer', () => {
  it('recognises the real dumps and not the other firewall dumps', async () => {
    const { sysctlParser } = await import('../../../src/parsers/sysctl/index.js');
    for (const name of ['sysctl_-a.txt']) expect(sysctlParser.sniff(readFixture('parsers/sysctl', name))).toBe(true);
    for (const other of ['iptables/iptables-save-matches.txt', 'iptables/iptables_-vnxL-matches.txt', 'ufw/ufw_status_verbose-active.txt', 'nft/nft_list_ruleset-native.txt', 'firewalld/firewall-offline-cmd_--list-all-zones.txt', 'sysctl/sysctl_-a.txt', 'ip-route/ip_route.txt'].filter((path) => !path.startsWith('sysctl/'))) {
      expect(sysctlParser.sniff(readFixture('parsers', other))).toBe(false);
    }
  });
});
