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

  describe('on a ufw host (iptables-save holds ufw\'s chains)', () => {
    const ufwHost = (status: string) =>
      contextWith([
        ['iptables-save', 'commands/iptables-save', 'iptables/iptables-save-ufw.txt'],
        ['ufw-status', 'commands/ufw_status_verbose', `ufw/${status}`],
      ]);

    it('adds the ufw rule that decided after the kernel rule', () => {
      const answer = firewallVerdictForHost(ufwHost('ufw_status_verbose-active.txt'), 'node2', syn); // ufw deny 3306
      expect(answer).toMatchObject({
        verdict: 'DROP',
        sourceKind: 'iptables-save',
        frontEnd: { kind: 'ufw', byDefault: false, text: expect.stringMatching(/^3306 +DENY IN +Anywhere/) },
      });
      expect(answer?.result.decidingRule?.text).toContain('--dport 3306 -j DROP');
      expect(answer?.evidence.map((e) => e.path)).toEqual(['commands/iptables-save', 'commands/ufw_status_verbose']);
      expect(answer?.evidence[1]?.line).toBe(10);
    });

    it("cites ufw's default policy when no ufw rule matched", () => {
      const answer = firewallVerdictForHost(ufwHost('ufw_status_verbose-active.txt'), 'node2', { ...syn, dport: 12345 });
      expect(answer).toMatchObject({ verdict: 'DROP', frontEnd: { kind: 'ufw', byDefault: true, text: 'Default: deny (incoming)' } });
      expect(answer?.result.decidingRule?.text).toBe('INPUT policy DROP');
      expect(answer?.evidence).toEqual([
        { host: 'node2', path: 'commands/iptables-save', line: expect.any(Number) },
        { host: 'node2', path: 'commands/ufw_status_verbose', line: 3 },
      ]);
    });

    it('keeps the REJECT and its tcp-reset', () => {
      expect(firewallVerdictForHost(ufwHost('ufw_status_verbose-active.txt'), 'node2', { ...syn, dport: 9100 })).toMatchObject({
        verdict: 'REJECT',
        rejectWith: 'tcp-reset',
        frontEnd: { kind: 'ufw', text: expect.stringMatching(/^9100\/tcp +REJECT IN/) },
      });
    });

    it('adds nothing when ufw status disagrees with the kernel rules or the rules are not ufw\'s', () => {
      const inactive = firewallVerdictForHost(ufwHost('ufw_status_verbose-inactive.txt'), 'node2', syn);
      expect(inactive).toMatchObject({ verdict: 'DROP', sourceKind: 'iptables-save' });
      expect(inactive?.frontEnd).toBeUndefined();
      expect(inactive?.evidence).toHaveLength(1);
      const handWritten = contextWith([
        ['iptables-save', 'commands/iptables-save', 'iptables/iptables-save-matches.txt'],
        ['ufw-status', 'commands/ufw_status_verbose', 'ufw/ufw_status_verbose-active.txt'],
      ]);
      expect(firewallVerdictForHost(handWritten, 'node2', syn)?.frontEnd).toBeUndefined();
    });

    it('names ufw as the front-end when only `ufw status` was collected', () => {
      expect(firewallVerdictForHost(contextWith([['ufw-status', 'commands/ufw_status_verbose', 'ufw/ufw_status_verbose-active.txt']]), 'node2', { ...syn, dport: 12345 })).toMatchObject({
        sourceKind: 'ufw-status',
        frontEnd: { kind: 'ufw', byDefault: true, text: 'Default: deny (incoming)' },
        evidence: [{ line: 3 }],
      });
    });
  });
});
