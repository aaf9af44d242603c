// The ufw verdict from `ufw status verbose` alone (when no iptables-save shows ufw's chains): loopback and
// tracked connections pass (ufw's before.rules), then the user rules in order, then the default policy.
import type { UfwEndpoint, UfwRule, UfwStatus } from '../model/firewall.js';
import type { EvaluateOptions } from './iptables.js';
import { protocolMatches } from './iptables.js';
import { cidrContains } from './ip.js';
import { effectiveCtState, packetFamily, portSpecMatches, type Packet, type VerdictResult } from './packet.js';

export function evaluateUfw(status: UfwStatus, packet: Packet, options: EvaluateOptions = {}): VerdictResult {
  const path = options.path ?? '';
  const result: VerdictResult = { verdict: 'ACCEPT', chainPath: ['ufw'], assumptions: [] };
  if (status.active === false) {
    if (status.statusLine !== undefined) result.decidingRule = { path, line: status.statusLine, text: 'Status: inactive' };
    return result;
  }
  if (packet.inInterface === 'lo' || ['ESTABLISHED', 'RELATED'].includes(effectiveCtState(packet))) return result;
  const direction = packet.direction === 'input' ? 'in' : packet.direction === 'output' ? 'out' : 'fwd';
  const v6 = packetFamily(packet) === 6;
  for (const rule of status.rules) {
    if (rule.direction !== direction || rule.v6 !== v6) continue;
    if (!ruleMatches(rule, packet, result.assumptions)) continue;
    const decidingRule = { path, line: rule.line, text: rule.text };
    result.decidingRule = decidingRule;
    if (rule.action === 'allow' || rule.action === 'limit') {
      if (rule.action === 'limit') result.assumptions.push(`line ${rule.line}: LIMIT assumed under its rate (6 connections in 30 s)`);
      return result;
    }
    result.verdict = rule.action === 'deny' ? 'DROP' : 'REJECT';
    // ufw turns a reject with a port into `--reject-with tcp-reset` for TCP; others get the ICMP default.
    if (rule.action === 'reject') result.rejectWith = packet.protocol === 'tcp' && (rule.to.ports || rule.from.ports) ? 'tcp-reset' : v6 ? 'icmp6-port-unreachable' : 'icmp-port-unreachable';
    return result;
  }
  const defaults = status.defaults;
  if (!defaults) {
    result.assumptions.push('no "Default:" line (plain `ufw status`): incoming policy assumed deny, outgoing allow');
  }
  const policy = direction === 'in' ? (defaults?.incoming ?? 'deny') : direction === 'out' ? (defaults?.outgoing ?? 'allow') : (defaults?.routed ?? 'disabled');
  if (defaults) result.decidingRule = { path, line: defaults.line, text: `Default: ${policy} (${direction === 'in' ? 'incoming' : direction === 'out' ? 'outgoing' : 'routed'})` };
  if (policy === 'deny') result.verdict = 'DROP';
  else if (policy === 'reject') {
    result.verdict = 'REJECT';
    result.rejectWith = v6 ? 'icmp6-port-unreachable' : 'icmp-port-unreachable';
  } else if (policy === 'disabled') result.assumptions.push('routed policy disabled: forwarding left to the kernel and other rules');
  return result;
}

function ruleMatches(rule: UfwRule, packet: Packet, assumptions: string[]): boolean {
  if (rule.interface) {
    const name = rule.direction === 'out' ? packet.outInterface : packet.inInterface;
    if (name === undefined) assumptions.push(`line ${rule.line}: interface ${rule.interface} assumed to be the packet's`);
    else if (name !== rule.interface) return false;
  }
  return endpointMatches(rule.to, packet.daddr, packet.dport, packet, rule.line, assumptions) && endpointMatches(rule.from, packet.saddr, packet.sport, packet, rule.line, assumptions);
}

function endpointMatches(endpoint: UfwEndpoint, address: string, port: number | undefined, packet: Packet, line: number, assumptions: string[]): boolean {
  if (endpoint.address && !cidrContains(endpoint.address, address)) return false;
  if (endpoint.application) {
    assumptions.push(`line ${line}: application profile "${endpoint.application}" has no ports in the status output; rule assumed not to match`);
    return false;
  }
  if (endpoint.protocol && !protocolMatches(endpoint.protocol, packet.protocol)) return false;
  if (endpoint.ports) {
    if (!protocolMatches('tcp', packet.protocol) && !protocolMatches('udp', packet.protocol)) return false;
    return endpoint.ports.split(',').some((spec) => portSpecMatches(spec, port));
  }
  return true;
}
