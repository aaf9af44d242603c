import rule from '../../src/rules/firewall/firewall-drop.js';
import { describe, expect, it } from 'vitest';
import { describeRule } from '../helpers/rule-cases.js';
import { runRuleOn } from '../helpers/run-rule.js';

describeRule(rule, {
  positive: {
    bundle: 'firewall-drop',
    subjects: ['be_app/node2'],
    message: ['10.88.0.12:8080', 'dropped', 'nft-ruleset'],
    evidence: ['tcp dport 8080', 'Layer4 timeout', 'Flags [S]', 'timed out'],
  },
  falsePositives: ['healthy', 'firewall-reject', 'backend-stopped'],
});

describe('firewall-drop on a ufw host (lab bundle firewall-ufw)', () => {
  it('cites the kernel policy and ufw\'s default policy, and fixes it with ufw', async () => {
    const { findings } = await runRuleOn(rule, 'firewall-ufw');
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.message).toContain('(iptables-save: "INPUT policy DROP"; ufw: "Default: deny (incoming)")');
    expect(finding?.evidence.slice(0, 2).map((e) => `${e.host}:${e.path}:${e.text}`)).toEqual([
      expect.stringMatching(/^node2:commands\/iptables-save::INPUT DROP /),
      'node2:commands/ufw_status_verbose:Default: deny (incoming), allow (outgoing), disabled (routed)',
    ]);
    expect(finding?.evidence.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringContaining('Server be_app/node2 is DOWN, reason: Layer4 timeout')]));
    expect(finding?.remediation[0]).toContain('`ufw allow proto tcp from 10.88.0.10 to any port 8080`');
  });
});
