import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/engine/artifact.js';
import { usableArtifacts, type RuleContext } from '../../src/engine/context.js';
import { firewallVerdictForHost } from '../../src/firewall/index.js';
import type { Packet } from '../../src/firewall/packet.js';
import { parserForKind } from '../../src/parsers/registry.js';
import { readFixture } from '../helpers/fixtures.js';

function contextWith(files: [kind: string, path: string, fixture: string][]): RuleContext {
  const artifacts: Artifact[] = files.map(([kind, path, fixture]) => {
    const output = parserForKind(kind)?.parse(readFixture('parsers', fixture));
    return { file: {} as Artifact['file'], host: 'node2', path, kind, status: 'parsed', diagnostics: [], value: output?.value };
  });
  return { topology: { hosts: [], servers: [], ownersOf: () => [] }, artifacts: (kind, host) => usableArtifacts(artifacts, kind, host), report: () => {}, skip: () => {} };
}

const syn: Packet = { protocol: 'tcp', saddr: '10.77.0.1', daddr: '10.77.0.2', sport: 40000, dport: 3306, direction: 'input', inInterface: 'eth0' };

describe('firewallVerdictForHost', () => {
  it('prefers iptables-save and cites the deciding line', () => {
    const context = contextWith([
      ['iptables-list', 'sos_commands/firewall_tables/iptables_-vnxL', 'iptables/iptables_-vnxL-matches.txt'],
      ['iptables-save', 'commands/iptables-save', 'iptables/iptables-save-matches.txt'],
    ]);
    expect(firewallVerdictForHost(context, 'node2', syn)).toMatchObject({ verdict: 'DROP', sourceKind: 'iptables-save', evidence: [{ host: 'node2', path: 'commands/iptables-save', line: 3 }] });
  });

  it('falls back past a "permission denied" dump to the listing', () => {
    const context = contextWith([
      ['iptables-save', 'commands/iptables-save', 'iptables/iptables-save-permission-denied.txt'],
      ['iptables-list', 'sos_commands/firewall_tables/iptables_-vnxL', 'iptables/iptables_-vnxL-matches.txt'],
    ]);
    expect(firewallVerdictForHost(context, 'node2', syn)).toMatchObject({ verdict: 'DROP', sourceKind: 'iptables-list', evidence: [{ line: 1 }] });
  });

  it('lets a native nft table reject what iptables accepts (both run in the kernel)', () => {
    const context = contextWith([
      ['iptables-save', 'commands/iptables-save', 'iptables/iptables-save-matches.txt'],
      ['nft-ruleset', 'commands/nft_list_ruleset', 'nft/nft_list_ruleset-native.txt'],
    ]);
    const answer = firewallVerdictForHost(context, 'node2', { ...syn, saddr: '10.77.0.150', dport: 9000 }); // iptables: iprange ACCEPT
    expect(answer).toMatchObject({ verdict: 'REJECT', sourceKind: 'nft-ruleset', rejectWith: 'icmp-port-unreachable', evidence: [{ path: 'commands/nft_list_ruleset', line: 21 }] });
  });

  it('uses ufw or firewalld listings when nothing lower-level is there, and nothing when only "not running" is', () => {
    expect(firewallVerdictForHost(contextWith([['ufw-status', 'commands/ufw_status_verbose', 'ufw/ufw_status_verbose-active.txt']]), 'node2', syn)).toMatchObject({ verdict: 'DROP', sourceKind: 'ufw-status', evidence: [{ line: 10 }] });
    expect(firewallVerdictForHost(contextWith([['firewalld-zones', 'commands/firewall-cmd_--list-all-zones', 'firewalld/firewall-offline-cmd_--list-all-zones.txt']]), 'node2', syn)).toMatchObject({ verdict: 'REJECT', rejectWith: 'tcp-reset', sourceKind: 'firewalld-zones' });
    expect(firewallVerdictForHost(contextWith([['firewalld-zones', 'commands/firewall-cmd_--list-all-zones', 'firewalld/firewall-cmd_--list-all-zones-not-running.txt']]), 'node2', syn)).toBeUndefined();
    expect(firewallVerdictForHost(contextWith([]), 'node2', syn)).toBeUndefined();
  });
});
