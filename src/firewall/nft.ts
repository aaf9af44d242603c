// The nftables verdict: every base chain of the packet's hooks, in hook order then priority order, across all
// tables of its family (and inet). An accept ends one base chain only; drop or reject anywhere is final.
import type { NftChain, NftMatch, NftRule, NftRuleset, NftTable, NftValue } from '../model/firewall.js';
import type { EvaluateOptions } from './iptables.js';
import { protocolMatches } from './iptables.js';
import { parseCidr, parseIp, parseIpRange, rangeContains } from './ip.js';
import { effectiveCtState, interfaceMatches, packetFamily, portSpecMatches, type ChainOutcome, type DecidingRule, type Direction, type Packet, type VerdictResult } from './packet.js';

const HOOKS: Record<Direction, string[]> = {
  input: ['prerouting', 'input'],
  forward: ['prerouting', 'forward', 'postrouting'],
  output: ['output', 'postrouting'],
};
const MAX_STEPS = 200_000;
const MAX_DEPTH = 64;

export function evaluateNft(ruleset: NftRuleset, packet: Packet, options: EvaluateOptions = {}): VerdictResult {
  const path = options.path ?? '';
  const family = packetFamily(packet);
  const result: VerdictResult = { verdict: 'ACCEPT', chainPath: [], assumptions: [] };
  const tables = ruleset.tables.filter((table) => table.family === 'inet' || table.family === (family === 4 ? 'ip' : 'ip6'));
  const hooks = HOOKS[packet.direction];
  const baseChains = tables
    .flatMap((table) => table.chains.filter((chain) => chain.hook && hooks.includes(chain.hook) && (chain.type === 'filter' || chain.type === 'route')).map((chain) => ({ table, chain })))
    .sort((a, b) => hooks.indexOf(a.chain.hook ?? '') - hooks.indexOf(b.chain.hook ?? '') || (a.chain.priority ?? 0) - (b.chain.priority ?? 0));
  for (const { table, chain } of baseChains) {
    const outcome = runBaseChain(table, chain, packet, result, path);
    result.decidingRule = outcome.rule;
    if (outcome.verdict !== 'ACCEPT') {
      result.verdict = outcome.verdict;
      if (outcome.rejectWith) result.rejectWith = outcome.rejectWith;
      return result;
    }
  }
  return result;
}

function runBaseChain(table: NftTable, base: NftChain, packet: Packet, result: VerdictResult, path: string): ChainOutcome {
  const stack: { chain: NftChain; next: number }[] = [{ chain: base, next: 0 }];
  result.chainPath.push(`${table.family} ${table.name}/${base.name}`);
  let steps = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { chain: NftChain; next: number };
    const rule = frame.chain.rules[frame.next++];
    if (!rule) {
      stack.pop();
      continue;
    }
    if (++steps > MAX_STEPS) {
      result.assumptions.push(`gave up after ${MAX_STEPS} rules (jump loop?); policy applied`);
      break;
    }
    if (!ruleMatches(rule, table, packet, result.assumptions)) continue;
    const verdict = rule.verdict;
    if (!verdict || verdict.kind === 'continue') continue;
    const decidingRule = { path, line: rule.line, text: rule.text };
    switch (verdict.kind) {
      case 'accept':
        return { verdict: 'ACCEPT', rule: decidingRule };
      case 'drop':
        return { verdict: 'DROP', rule: decidingRule };
      case 'queue':
        result.assumptions.push(`line ${rule.line}: queue hands the packet to a userspace program; assumed to drop it`);
        return { verdict: 'DROP', rule: decidingRule };
      case 'reject':
        return { verdict: 'REJECT', rejectWith: rejectName(verdict.rejectWith, packet), rule: decidingRule };
      case 'return':
        stack.pop();
        continue;
      case 'jump':
      case 'goto': {
        const target = table.chains.find((chain) => chain.name === verdict.chain);
        if (!target) {
          result.assumptions.push(`line ${rule.line}: ${verdict.kind} to unknown chain "${verdict.chain}" ignored`);
          continue;
        }
        if (stack.length >= MAX_DEPTH) {
          result.assumptions.push(`jump depth over ${MAX_DEPTH} at line ${rule.line}; jump ignored`);
          continue;
        }
        result.chainPath.push(`${table.family} ${table.name}/${target.name}`);
        if (verdict.kind === 'goto') stack.pop();
        stack.push({ chain: target, next: 0 });
        continue;
      }
    }
  }
  const policy = base.policy === 'drop' ? 'DROP' : 'ACCEPT';
  return { verdict: policy, rule: { path, line: base.line, text: `chain ${base.name} policy ${base.policy ?? 'accept'}` } };
}

/** Names a reject the way iptables does, so callers see one vocabulary: `tcp-reset`, `icmp-host-prohibited`, ... */
function rejectName(withText: string | undefined, packet: Packet): string {
  const v6 = packetFamily(packet) === 6;
  if (!withText) return v6 ? 'icmp6-port-unreachable' : 'icmp-port-unreachable';
  const [kind, type = 'port-unreachable'] = withText.split(/\s+/);
  if (kind === 'tcp') return 'tcp-reset';
  if (kind === 'icmpv6' || (kind === 'icmpx' && v6)) return `icmp6-${type === 'admin-prohibited' ? 'adm-prohibited' : type}`;
  return `icmp-${type}`;
}

function ruleMatches(rule: NftRule, table: NftTable, packet: Packet, assumptions: string[]): boolean {
  for (const match of rule.matches) {
    const matched = matchOne(match, rule, table, packet, assumptions);
    if (matched === undefined) return false;
    if ((match.operator === '!=') === matched) return false;
  }
  if (rule.unknown.length > 0) {
    assumptions.push(`line ${rule.line}: "${rule.unknown.join(' ').slice(0, 80)}" not evaluated; rule assumed not to match`);
    return false;
  }
  return true;
}

/** True/false for the positive form of the match; undefined when the packet cannot have that field (never matches, even with !=). */
function matchOne(match: NftMatch, rule: NftRule, table: NftTable, packet: Packet, assumptions: string[]): boolean | undefined {
  const family = packetFamily(packet);
  const elements = flatten(match.value, table, rule.line, assumptions);
  const [proto, field] = match.key.split(' ');
  switch (match.key) {
    case 'ip saddr':
    case 'ip daddr':
    case 'ip6 saddr':
    case 'ip6 daddr': {
      if ((proto === 'ip') !== (family === 4)) return undefined;
      const address = parseIp(field === 'saddr' ? packet.saddr : packet.daddr);
      return address !== undefined && elements.some((element) => addressElementMatches(element, address));
    }
    case 'tcp dport':
    case 'tcp sport':
    case 'udp dport':
    case 'udp sport':
    case 'sctp dport':
    case 'sctp sport':
    case 'udplite dport':
    case 'udplite sport':
    case 'th dport':
    case 'th sport': {
      const protocolOk = proto === 'th' ? ['tcp', 'udp', 'sctp', 'udplite'].some((name) => protocolMatches(name, packet.protocol)) : protocolMatches(proto ?? '', packet.protocol);
      if (!protocolOk) return undefined;
      const port = field === 'dport' ? packet.dport : packet.sport;
      return elements.some((element) => (element.kind === 'range' ? portSpecMatches(`${element.from}-${element.to}`, port) : element.kind === 'single' && portSpecMatches(element.value, port)));
    }
    case 'meta l4proto':
    case 'ip protocol':
    case 'ip6 nexthdr':
      if (match.key === 'ip protocol' && family !== 4) return undefined;
      if (match.key === 'ip6 nexthdr' && family !== 6) return undefined;
      return elements.some((element) => element.kind === 'single' && protocolMatches(element.value, packet.protocol));
    case 'meta nfproto':
    case 'meta protocol':
      return elements.some((element) => element.kind === 'single' && ['ipv4', 'ip'].includes(element.value) === (family === 4) && ['ipv4', 'ip', 'ipv6', 'ip6'].includes(element.value));
    case 'ct state':
      return elements.some((element) => element.kind === 'single' && element.value.toUpperCase() === effectiveCtState(packet));
    case 'iifname':
    case 'iif':
    case 'oifname':
    case 'oif': {
      const name = match.key.startsWith('i') ? packet.inInterface : packet.outInterface;
      if (name === undefined) {
        const onlyLoopback = elements.every((element) => element.kind === 'single' && element.value === 'lo');
        if (onlyLoopback) return false;
        assumptions.push(`line ${rule.line}: ${match.key} assumed to match the packet's interface (not given)`);
        return match.operator === '==';
      }
      return elements.some((element) => element.kind === 'single' && interfaceMatches(element.value, name));
    }
    default:
      assumptions.push(`line ${rule.line}: ${match.key} not evaluated; rule assumed not to match`);
      return undefined;
  }
}

function flatten(value: NftValue, table: NftTable, line: number, assumptions: string[], depth = 0): NftValue[] {
  if (depth > 4) return [];
  if (value.kind === 'set') return value.elements.flatMap((element) => flatten(element, table, line, assumptions, depth + 1));
  if (value.kind === 'named-set') {
    const set = table.sets.find((candidate) => candidate.name === value.name);
    if (!set) {
      assumptions.push(`line ${line}: set @${value.name} not in the dump; taken as empty`);
      return [];
    }
    return set.elements.flatMap((element) => flatten(element, table, line, assumptions, depth + 1));
  }
  return [value];
}

function addressElementMatches(element: NftValue, address: NonNullable<ReturnType<typeof parseIp>>): boolean {
  if (element.kind === 'range') {
    const range = parseIpRange(element.from, element.to);
    return range !== undefined && rangeContains(range, address);
  }
  if (element.kind !== 'single') return false;
  const range = parseCidr(element.value);
  return range !== undefined && rangeContains(range, address);
}
