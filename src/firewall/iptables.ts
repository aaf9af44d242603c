// The iptables verdict: walks the tables a packet meets (raw, mangle, filter, security) for its direction,
// following jumps, gotos and RETURNs, exactly in rule order, until a terminating target or a policy decides.
import type { IptablesChain, IptablesModuleMatch, IptablesOption, IptablesRule, IptablesRuleset, IptablesTable, NegatableValue } from '../model/firewall.js';
import { parseCidr, parseIp, parseIpRange, rangeContains } from './ip.js';
import {
  effectiveCtState,
  effectiveTcpFlags,
  interfaceMatches,
  packetFamily,
  portSpecMatches,
  protocolNumber,
  type ChainOutcome,
  type DecidingRule,
  type Direction,
  type Packet,
  type VerdictResult,
} from './packet.js';

export interface EvaluateOptions {
  /** Artifact path put into `decidingRule.path`. */
  path?: string;
}

// Tables and built-in chains in the order netfilter runs them (nat cannot drop, so it is not consulted).
const STAGES: Record<Direction, [string, string][]> = {
  input: [['raw', 'PREROUTING'], ['mangle', 'PREROUTING'], ['mangle', 'INPUT'], ['filter', 'INPUT'], ['security', 'INPUT']],
  output: [['raw', 'OUTPUT'], ['mangle', 'OUTPUT'], ['filter', 'OUTPUT'], ['security', 'OUTPUT'], ['mangle', 'POSTROUTING']],
  forward: [['raw', 'PREROUTING'], ['mangle', 'PREROUTING'], ['mangle', 'FORWARD'], ['filter', 'FORWARD'], ['security', 'FORWARD'], ['mangle', 'POSTROUTING']],
};
const CONTINUING_TARGETS = new Set(['LOG', 'NFLOG', 'ULOG', 'MARK', 'CONNMARK', 'TRACE', 'CT', 'NOTRACK', 'AUDIT', 'TCPMSS', 'DSCP', 'TOS', 'TTL', 'HL', 'CLASSIFY', 'SECMARK', 'CONNSECMARK', 'CHECKSUM', 'SET']);
/** Steps (rules looked at) after which a malformed rule set with a jump loop is abandoned. */
const MAX_STEPS = 200_000;
const MAX_DEPTH = 64;

interface Frame {
  chain: IptablesChain;
  next: number;
}

export function evaluateIptables(ruleset: IptablesRuleset, packet: Packet, options: EvaluateOptions = {}): VerdictResult {
  const path = options.path ?? '';
  const family = packetFamily(packet) === 6 ? 'ipv6' : 'ipv4';
  const result: VerdictResult = { verdict: 'ACCEPT', chainPath: [], assumptions: [] };
  if (ruleset.format === 'list' && !ruleset.interfacesShown) {
    result.assumptions.push('listing without -v: interface conditions (-i/-o) are not shown, rules are read as if they had none');
  }
  const tables = ruleset.tables.filter((table) => table.family === family);
  let decided = false;
  for (const [tableName, chainName] of STAGES[packet.direction]) {
    const table = tables.find((candidate) => candidate.name === tableName);
    const chain = table?.chains.find((candidate) => candidate.name === chainName);
    if (!table || !chain) continue;
    const outcome = runBuiltinChain(table, chain, packet, result, path);
    if (outcome.verdict !== 'ACCEPT') {
      result.verdict = outcome.verdict;
      if (outcome.rejectWith) result.rejectWith = outcome.rejectWith;
      result.decidingRule = outcome.rule;
      return result;
    }
    // ACCEPT ends this table's chain only; later tables still see the packet. The filter table's answer is the one cited.
    if (tableName === 'filter' || !decided) {
      result.decidingRule = outcome.rule;
      decided = tableName === 'filter';
    }
  }
  return result;
}

function runBuiltinChain(table: IptablesTable, builtin: IptablesChain, packet: Packet, result: VerdictResult, path: string): ChainOutcome {
  const stack: Frame[] = [{ chain: builtin, next: 0 }];
  result.chainPath.push(`${table.name}/${builtin.name}`);
  let steps = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const rule = frame.chain.rules[frame.next++];
    if (!rule) {
      stack.pop();
      continue;
    }
    if (++steps > MAX_STEPS) {
      result.assumptions.push(`gave up after ${MAX_STEPS} rules (jump loop?); policy applied`);
      break;
    }
    if (!ruleMatches(rule, packet, result.assumptions)) continue;
    const target = rule.target ?? '';
    const decidingRule = { path, line: rule.line, text: rule.text };
    if (target === 'ACCEPT') return { verdict: 'ACCEPT', rule: decidingRule };
    if (target === 'DROP') return { verdict: 'DROP', rule: decidingRule };
    if (target === 'REJECT') {
      const rejectWith = option(rule.targetOptions, 'reject-with')?.values[0] ?? (packetFamily(packet) === 6 ? 'icmp6-port-unreachable' : 'icmp-port-unreachable');
      return { verdict: 'REJECT', rejectWith, rule: decidingRule };
    }
    if (target === 'RETURN') {
      stack.pop();
      continue;
    }
    const userChain = table.chains.find((chain) => chain.name === target);
    if (userChain && !userChain.policy) {
      if (stack.length >= MAX_DEPTH) {
        result.assumptions.push(`jump depth over ${MAX_DEPTH} at line ${rule.line}; jump ignored`);
        continue;
      }
      result.chainPath.push(`${table.name}/${userChain.name}`);
      if (rule.goto) stack.pop();
      stack.push({ chain: userChain, next: 0 });
      continue;
    }
    if (target === 'QUEUE' || target === 'NFQUEUE') {
      result.assumptions.push(`line ${rule.line}: ${target} hands the packet to a userspace program; assumed to drop it (none listening)`);
      return { verdict: 'DROP', rule: decidingRule };
    }
    if (target !== '' && !CONTINUING_TARGETS.has(target)) {
      result.assumptions.push(`line ${rule.line}: target ${target} not evaluated; assumed to let the packet continue`);
    }
  }
  const policy = builtin.policy === 'DROP' ? 'DROP' : 'ACCEPT';
  const policyText = `${builtin.name} policy ${builtin.policy ?? 'ACCEPT'}`;
  return { verdict: policy, rule: { path, line: builtin.line, text: policyText } };
}

function option(options: IptablesOption[], ...names: string[]): IptablesOption | undefined {
  return options.find((candidate) => names.includes(candidate.name));
}

function ruleMatches(rule: IptablesRule, packet: Packet, assumptions: string[]): boolean {
  if (rule.protocol && !negatableMatches(rule.protocol, protocolMatches(rule.protocol.value, packet.protocol))) return false;
  if (rule.source && !negatableMatches(rule.source, addressMatches(rule.source.value, packet.saddr, rule.line, assumptions))) return false;
  if (rule.destination && !negatableMatches(rule.destination, addressMatches(rule.destination.value, packet.daddr, rule.line, assumptions))) return false;
  if (rule.inInterface && !negatableMatches(rule.inInterface, interfaceMatch(rule.inInterface.value, packet.inInterface, 'in', rule.line, assumptions))) return false;
  if (rule.outInterface && !negatableMatches(rule.outInterface, interfaceMatch(rule.outInterface.value, packet.outInterface, 'out', rule.line, assumptions))) return false;
  for (const match of rule.matches) {
    if (!moduleMatches(match, rule, packet, assumptions)) return false;
  }
  if (rule.unknownMatches && rule.unknownMatches.length > 0) {
    assumptions.push(`line ${rule.line}: match "${rule.unknownMatches.join(' ').slice(0, 80)}" not evaluated; rule assumed not to match`);
    return false;
  }
  return true;
}

function negatableMatches(value: NegatableValue, matched: boolean): boolean {
  return value.negated ? !matched : matched;
}

export function protocolMatches(ruleProtocol: string, packetProtocol: string): boolean {
  if (ruleProtocol === 'all' || ruleProtocol === '0') return true;
  const wanted = protocolNumber(ruleProtocol);
  const actual = protocolNumber(packetProtocol);
  return wanted !== undefined && wanted === actual;
}

function addressMatches(cidr: string, address: string, line: number, assumptions: string[]): boolean {
  const range = parseCidr(cidr);
  const ip = parseIp(address);
  if (!range) {
    assumptions.push(`line ${line}: address "${cidr}" not understood; assumed not to match`);
    return false;
  }
  return ip !== undefined && rangeContains(range, ip);
}

function interfaceMatch(pattern: string, name: string | undefined, side: 'in' | 'out', line: number, assumptions: string[]): boolean {
  if (name !== undefined) return interfaceMatches(pattern, name);
  // Unknown interface: a packet between hosts does not use loopback; any other name is assumed to be the one in use.
  if (pattern === 'lo') return false;
  assumptions.push(`line ${line}: ${side}-interface "${pattern}" assumed to be the packet's interface (not given)`);
  return true;
}

const TCP_FLAG_BITS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80, ALL: 0x3f, NONE: 0 };

function flagBits(list: string): number {
  return list.split(',').reduce((bits, name) => bits | (TCP_FLAG_BITS[name.toUpperCase()] ?? 0), 0);
}

function moduleMatches(match: IptablesModuleMatch, rule: IptablesRule, packet: Packet, assumptions: string[]): boolean {
  const line = rule.line;
  const every = (test: (option: IptablesOption) => boolean | undefined): boolean =>
    match.options.every((candidate) => {
      const matched = test(candidate);
      if (matched === undefined) {
        assumptions.push(`line ${line}: -m ${match.module} --${candidate.name} not evaluated; rule assumed not to match`);
        return false;
      }
      return candidate.negated ? !matched : matched;
    });
  switch (match.module) {
    case 'tcp':
    case 'udp':
    case 'sctp':
    case 'udplite':
      if (!protocolMatches(match.module, packet.protocol)) return false;
      return every((candidate) => {
        const spec = candidate.values[0] ?? '';
        switch (candidate.name) {
          case 'dport':
          case 'destination-port':
            return portSpecMatches(spec, packet.dport);
          case 'sport':
          case 'source-port':
            return portSpecMatches(spec, packet.sport);
          case 'syn':
            return (effectiveTcpFlags(packet) & 0x17) === 0x02;
          case 'tcp-flags':
            return (effectiveTcpFlags(packet) & flagBits(spec)) === flagBits(candidate.values[1] ?? '');
          case 'tcp-flags-mask':
            return (effectiveTcpFlags(packet) & Number(spec)) === Number(candidate.values[1] ?? 'NaN');
          default:
            return undefined;
        }
      });
    case 'multiport':
      return every((candidate) => {
        const specs = (candidate.values[0] ?? '').split(',');
        const any = (port: number | undefined) => specs.some((spec) => portSpecMatches(spec, port));
        if (candidate.name === 'dports' || candidate.name === 'destination-ports') return any(packet.dport);
        if (candidate.name === 'sports' || candidate.name === 'source-ports') return any(packet.sport);
        if (candidate.name === 'ports') return any(packet.dport) || any(packet.sport);
        return undefined;
      });
    case 'conntrack':
    case 'state':
      return every((candidate) => {
        if (candidate.name !== 'ctstate' && candidate.name !== 'state') return undefined;
        const states = (candidate.values[0] ?? '').toUpperCase().split(',');
        return states.includes(effectiveCtState(packet));
      });
    case 'iprange':
      return every((candidate) => {
        const [from, to] = (candidate.values[0] ?? '').split('-');
        const range = parseIpRange(from ?? '', to ?? '');
        const address = parseIp(candidate.name === 'src-range' ? packet.saddr : packet.daddr);
        if (!range || (candidate.name !== 'src-range' && candidate.name !== 'dst-range')) return undefined;
        return address !== undefined && rangeContains(range, address);
      });
    case 'comment':
      return true;
    case 'addrtype':
      return every((candidate) => {
        if (candidate.name !== 'src-type' && candidate.name !== 'dst-type') return candidate.name === 'limit-iface-in' || candidate.name === 'limit-iface-out' ? true : undefined;
        const local = candidate.name === 'dst-type' ? packet.direction === 'input' : packet.direction === 'output';
        const address = candidate.name === 'dst-type' ? packet.daddr : packet.saddr;
        return (candidate.values[0] ?? '').split(',').some((type) => addressTypeMatches(type, address, local));
      });
    case 'limit':
    case 'hashlimit':
      assumptions.push(`line ${line}: rate limit (-m ${match.module}) assumed not exceeded`);
      return true;
    case 'recent':
      if (match.options.some((candidate) => candidate.name === 'set')) return true;
      assumptions.push(`line ${line}: -m recent assumed to have no earlier hits from this source`);
      return false;
    case 'fragment':
      return match.options.every((candidate) => candidate.negated);
    case 'icmp':
    case 'icmp6':
      if (!protocolMatches(match.module === 'icmp' ? 'icmp' : 'ipv6-icmp', packet.protocol)) return false;
      assumptions.push(`line ${line}: ICMP type not evaluated; assumed to match`);
      return true;
    default:
      assumptions.push(`line ${line}: -m ${match.module} not evaluated; rule assumed not to match`);
      return false;
  }
}

function addressTypeMatches(type: string, address: string, local: boolean): boolean {
  switch (type.toUpperCase()) {
    case 'LOCAL':
      return local;
    case 'UNICAST':
      return !isMulticast(address) && address !== '255.255.255.255';
    case 'MULTICAST':
      return isMulticast(address);
    case 'BROADCAST':
      return address === '255.255.255.255';
    default:
      return false;
  }
}

function isMulticast(address: string): boolean {
  const range = parseIp(address);
  if (!range) return false;
  return range.family === 4 ? range.value >> 28n === 0xen : range.value >> 120n === 0xffn;
}
