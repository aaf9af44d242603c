// The firewalld verdict for incoming packets (firewalld 1.x, nftables backend): tracked and loopback traffic
// passes; the zone is the one whose source matches, else the one holding the interface, else the default zone;
// in the zone, rich rules that drop/reject come before what the zone allows (services, ports, accept rich
// rules), and the zone target decides the rest (default and %%REJECT%% reject with icmpx admin-prohibited).
import type { FirewalldRichRule, FirewalldZone, FirewalldZones } from '../model/firewall.js';
import { FIREWALLD_SERVICE_PORTS } from './firewalld-services.js';
import type { EvaluateOptions } from './iptables.js';
import { protocolMatches } from './iptables.js';
import { parseCidr, parseIp, rangeContains } from './ip.js';
import { effectiveCtState, packetFamily, portSpecMatches, type DecidingRule, type Packet, type VerdictResult } from './packet.js';

export function evaluateFirewalld(zones: FirewalldZones, packet: Packet, options: EvaluateOptions = {}): VerdictResult {
  const path = options.path ?? '';
  const result: VerdictResult = { verdict: 'ACCEPT', chainPath: [], assumptions: [] };
  if (packet.direction !== 'input') {
    result.assumptions.push(`firewalld zones filter incoming traffic; ${packet.direction} traffic assumed accepted (policies and direct rules not evaluated)`);
    return result;
  }
  if (packet.inInterface === 'lo' || ['ESTABLISHED', 'RELATED'].includes(effectiveCtState(packet))) return result;
  const zone = selectZone(zones.zones, packet, result.assumptions);
  if (!zone) {
    result.assumptions.push('no zone in the dump; nothing filtered');
    return result;
  }
  result.chainPath.push(`zone ${zone.name}`);
  const rule = (line: number, text: string): DecidingRule => ({ path, line, text });
  const rich = zone.richRules.filter((candidate) => richRuleMatches(candidate, packet, result.assumptions));
  const ordered = [
    ...rich.filter((r) => (r.priority ?? 0) < 0).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0)),
    ...rich.filter((r) => (r.priority ?? 0) === 0 && (r.action === 'reject' || r.action === 'drop')),
    ...rich.filter((r) => (r.priority ?? 0) === 0 && r.action === 'accept'),
  ];
  const decisive = ordered.find((r) => r.action === 'accept' || r.action === 'reject' || r.action === 'drop');
  if (decisive && (decisive.action !== 'accept' || (decisive.priority ?? 0) < 0)) return richVerdict(result, decisive, packet, rule);
  const allowed = allowedBy(zone, packet);
  if (allowed) {
    result.decidingRule = rule(allowed.line, allowed.text);
    return result;
  }
  if (decisive) return richVerdict(result, decisive, packet, rule);
  const late = rich.filter((r) => (r.priority ?? 0) > 0).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0)).find((r) => r.action !== 'mark');
  if (late) return richVerdict(result, late, packet, rule);
  const targetLine = zone.fieldLines.target ?? zone.line;
  result.decidingRule = rule(targetLine, `zone ${zone.name} target: ${zone.target}`);
  if (zone.target === 'ACCEPT') return result;
  if (zone.target === 'DROP') {
    result.verdict = 'DROP';
    return result;
  }
  result.verdict = 'REJECT';
  result.rejectWith = packetFamily(packet) === 6 ? 'icmp6-adm-prohibited' : 'icmp-admin-prohibited';
  return result;
}

function richVerdict(result: VerdictResult, rule: FirewalldRichRule, packet: Packet, make: (line: number, text: string) => DecidingRule): VerdictResult {
  result.decidingRule = make(rule.line, rule.text);
  if (rule.action === 'drop') result.verdict = 'DROP';
  else if (rule.action === 'reject') {
    result.verdict = 'REJECT';
    result.rejectWith = rule.rejectType ?? (packetFamily(packet) === 6 ? 'icmp6-port-unreachable' : 'icmp-port-unreachable');
  }
  return result;
}

function addressIn(cidr: string, address: string): boolean {
  const range = parseCidr(cidr);
  const ip = parseIp(address);
  return range !== undefined && ip !== undefined && rangeContains(range, ip);
}

function selectZone(zones: FirewalldZone[], packet: Packet, assumptions: string[]): FirewalldZone | undefined {
  const bySource = zones
    .flatMap((zone) => zone.sources.filter((source) => addressIn(source, packet.saddr)).map((source) => ({ zone, prefix: parseCidr(source) })))
    .sort((a, b) => Number((a.prefix?.to ?? 0n) - (a.prefix?.from ?? 0n) - ((b.prefix?.to ?? 0n) - (b.prefix?.from ?? 0n))));
  if (bySource[0]) {
    if (bySource.length > 1) assumptions.push(`source ${packet.saddr} is in several zones; the most specific source (zone ${bySource[0].zone.name}) taken`);
    return bySource[0].zone;
  }
  if (packet.inInterface !== undefined) {
    const byInterface = zones.find((zone) => zone.interfaces.includes(packet.inInterface ?? ''));
    if (byInterface) return byInterface;
  } else {
    const withInterfaces = zones.filter((zone) => zone.interfaces.some((name) => name !== 'lo'));
    if (withInterfaces.length === 1 && withInterfaces[0]) {
      assumptions.push(`in-interface not given; zone ${withInterfaces[0].name} (the only zone with interfaces) taken`);
      return withInterfaces[0];
    }
  }
  const marked = zones.find((zone) => zone.isDefault);
  if (marked) return marked;
  // firewall-offline-cmd and --permanent listings do not mark the default zone; firewalld ships with public.
  const publicZone = zones.find((zone) => zone.name === 'public') ?? (zones.length === 1 ? zones[0] : undefined);
  if (publicZone) assumptions.push(`default zone not marked in the listing; "${publicZone.name}" assumed`);
  return publicZone;
}

function portListMatches(entries: readonly string[], packet: Packet): string | undefined {
  return entries.find((entry) => {
    if (entry.startsWith('proto:')) return protocolMatches(entry.slice(6), packet.protocol);
    const [ports = '', protocol = 'tcp'] = entry.split('/');
    return protocolMatches(protocol, packet.protocol) && portSpecMatches(ports, packet.dport);
  });
}

function allowedBy(zone: FirewalldZone, packet: Packet): { line: number; text: string } | undefined {
  const service = zone.services.find((name) => portListMatches(FIREWALLD_SERVICE_PORTS[name] ?? [], packet));
  if (service) return { line: zone.fieldLines.services ?? zone.line, text: `zone ${zone.name} services: ${service}` };
  const port = portListMatches(zone.ports, packet);
  if (port) return { line: zone.fieldLines.ports ?? zone.line, text: `zone ${zone.name} ports: ${port}` };
  return undefined;
}

function richRuleMatches(rule: FirewalldRichRule, packet: Packet, assumptions: string[]): boolean {
  const family = packetFamily(packet) === 6 ? 'ipv6' : 'ipv4';
  if (rule.family && rule.family !== family) return false;
  if (rule.source) {
    if (!parseCidr(rule.source.value)) {
      assumptions.push(`line ${rule.line}: source "${rule.source.value}" (ipset?) not evaluated; rule assumed not to match`);
      return false;
    }
    if (addressIn(rule.source.value, packet.saddr) === rule.source.negated) return false;
  }
  if (rule.destination && addressIn(rule.destination.value, packet.daddr) === rule.destination.negated) return false;
  if (rule.service) {
    const ports = FIREWALLD_SERVICE_PORTS[rule.service];
    if (!ports) {
      assumptions.push(`line ${rule.line}: service "${rule.service}" unknown to the engine; rule assumed not to match`);
      return false;
    }
    if (!portListMatches(ports, packet)) return false;
  }
  if (rule.port && !portListMatches([`${rule.port.port}/${rule.port.protocol}`], packet)) return false;
  return true;
}
