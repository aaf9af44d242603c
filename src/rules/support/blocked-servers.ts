// Shared body of firewall-reject and firewall-drop: one finding per server whose path a firewall blocks.
import type { RuleContext } from '../../engine/context.js';
import type { FindingDraft } from '../../model/finding.js';
import { formatEndpoint } from '../../model/net-address.js';
import type { SynVerdict } from '../../model/packets.js';
import type { ProbeOutcome } from '../../model/network.js';
import { blockingFirewall } from './firewall-path.js';
import { serverStateEvidence } from './log-events.js';
import { flowsTo } from './packet-evidence.js';
import { probesTo } from './probes.js';

export interface FirewallRuleShape {
  verdict: 'REJECT' | 'DROP';
  /** Probe outcomes and wire verdicts that agree with this verdict. */
  agreeingProbes: ProbeOutcome[];
  agreeingFlows: SynVerdict[];
}

export function reportBlockedServers(context: RuleContext, shape: FirewallRuleShape, report: (draft: FindingDraft & { messageId: 'blocked' }) => void): void {
  for (const target of context.topology.servers) {
    const { server, backend, lbHost } = target;
    const port = server.port;
    if (server.disabled || port === undefined) continue;
    const blocked = blockingFirewall(context, target);
    if (!blocked || blocked.verdict.verdict !== shape.verdict) continue;
    const endpoint = formatEndpoint(server.address, port);
    // Contradicting evidence: a probe from the LB that connected means the rule set read is not the one in force.
    const connected = probesTo(context, server.address, port, ['open']);
    const agreeing = probesTo(context, server.address, port, shape.agreeingProbes);
    const wire = flowsTo(context, server.address, port, shape.agreeingFlows);
    const ruleText = blocked.verdict.result.decidingRule?.text ?? 'the default policy';
    report({
      messageId: 'blocked',
      severity: connected.length > 0 ? 'warning' : 'error',
      data: {
        server: server.name,
        backend,
        endpoint,
        firewallHost: blocked.host,
        chain: blocked.direction === 'input' ? 'incoming' : 'outgoing',
        source: blocked.verdict.sourceKind,
        rule: ruleText.trim(),
        frontEnd: blocked.verdict.frontEnd && blocked.verdict.sourceKind !== 'ufw-status' ? `; ufw: "${oneLine(blocked.verdict.frontEnd.text)}"` : '',
        rejectWith: blocked.verdict.rejectWith ? ` with ${blocked.verdict.rejectWith}` : '',
        corroboration: connected.length > 0 ? '; but a probe from the load balancer did connect, so this rule set may not be the one in force' : wire.flows.length > 0 ? `; the capture shows it (${wire.flows.length} attempt(s))` : '',
      },
      subject: { host: lbHost, backend, server: server.name },
      hosts: [lbHost, blocked.host],
      evidence: [
        ...blocked.verdict.evidence,
        target.provenance,
        ...serverStateEvidence(context, lbHost, backend, server.name),
        ...wire.evidence,
        ...agreeing.map((probe) => probe.provenance),
        ...connected.map((probe) => probe.provenance),
      ],
      remediation: [
        blocked.verdict.frontEnd?.kind === 'ufw'
          ? ufwRemediation(blocked.host, blocked.direction, blocked.packet.saddr, server.address, port, blocked.verdict.frontEnd.byDefault)
          : `Allow the load balancer to reach ${endpoint} on ${blocked.host}: insert an accept rule before the one cited (e.g. \`iptables -I ${blocked.direction === 'input' ? 'INPUT' : 'OUTPUT'} -p tcp ${blocked.direction === 'input' ? `-s ${blocked.packet.saddr}` : `-d ${server.address}`} --dport ${port} -j ACCEPT\`, or the equivalent in nft/ufw/firewalld), and persist it the way that host manages its firewall.`,
        `Verify from the load balancer: \`nc -vz ${server.address} ${server.port}\`.`,
      ],
    });
  }
}

function oneLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

// ufw manages the host's rules: change them with ufw (which saves them), not with iptables (lost at the next
// `ufw reload`). ufw rules are first-match, so an allow must come before the deny/reject rule that matched.
function ufwRemediation(host: string, direction: 'input' | 'output', saddr: string, daddr: string, port: number, byDefault: boolean): string {
  const rule = direction === 'input' ? `allow proto tcp from ${saddr} to any port ${port}` : `allow out proto tcp to ${daddr} port ${port}`;
  const command = byDefault ? `ufw ${rule}` : `ufw insert 1 ${rule}`;
  return `${host} manages its firewall with ufw: allow the load balancer's connections there (\`${command}\`${byDefault ? ", since ufw's default policy decided" : ', before the ufw rule cited'}); ufw saves the rule.`;
}
