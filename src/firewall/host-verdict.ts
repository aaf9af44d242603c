// Answers "what would this host's firewall do with this packet?" from whichever firewall dump the host has.
import type { RuleContext } from '../engine/context.js';
import type { FirewalldZones, IptablesRuleset, NftRuleset, UfwStatus } from '../model/firewall.js';
import type { Provenance } from '../model/provenance.js';
import { evaluateFirewalld } from './firewalld.js';
import { evaluateIptables } from './iptables.js';
import { evaluateNft } from './nft.js';
import type { Packet, Verdict, VerdictResult } from './packet.js';
import { evaluateUfw } from './ufw.js';

export type FirewallSourceKind = 'iptables-save' | 'nft-ruleset' | 'iptables-list' | 'ufw-status' | 'firewalld-zones';

export interface HostFirewallVerdict {
  verdict: Verdict;
  rejectWith?: string;
  /** The deciding rule (or policy / zone target) first, as bundle lines; then the front-end's own line, if any. */
  evidence: Provenance[];
  sourceKind: FirewallSourceKind;
  result: VerdictResult;
  /**
   * The firewall front-end that wrote the kernel rules which decided (today: ufw), with its own deciding
   * line, when the host's dump of that front-end gives the same verdict. This is what the admin changes.
   */
  frontEnd?: FirewallFrontEnd;
}

export interface FirewallFrontEnd {
  kind: 'ufw';
  /** The front-end's deciding line as printed (`3306  DENY IN  Anywhere`, `Default: deny (incoming)`). */
  text: string;
  /** True when no rule of the front-end matched and its default policy decided. */
  byDefault: boolean;
  evidence: Provenance[];
}

type Evaluator = (value: never, packet: Packet, options: { path: string }) => VerdictResult;

// Most faithful first: iptables-save is the kernel's rule set verbatim (ufw's and firewalld-iptables' chains
// included); nft shows the same for nft-based hosts; a -L listing loses details; ufw/firewalld listings are
// the front-ends' view only.
const SOURCES: { kind: FirewallSourceKind; evaluate: Evaluator; usable: (value: never) => boolean }[] = [
  { kind: 'iptables-save', evaluate: evaluateIptables as Evaluator, usable: (value: IptablesRuleset) => !value.unavailable && value.tables.length > 0 },
  { kind: 'nft-ruleset', evaluate: evaluateNft as Evaluator, usable: (value: NftRuleset) => !value.unavailable && value.tables.length > 0 },
  { kind: 'iptables-list', evaluate: evaluateIptables as Evaluator, usable: (value: IptablesRuleset) => !value.unavailable && value.tables.length > 0 },
  { kind: 'ufw-status', evaluate: evaluateUfw as Evaluator, usable: (value: UfwStatus) => !value.unavailable && value.active !== undefined },
  { kind: 'firewalld-zones', evaluate: evaluateFirewalld as Evaluator, usable: (value: FirewalldZones) => !value.unavailable && value.zones.length > 0 },
];

/**
 * The verdict of the first usable firewall artifact of the host, in the order above; undefined when the host
 * has none (or only "not running" / "permission denied" dumps, which say nothing about the rules).
 * When the family of the packet has no rule set in an iptables dump (e.g. IPv6 packet, iptables-save only),
 * the next source is tried.
 */
export function firewallVerdictForHost(context: RuleContext, host: string, packet: Packet): HostFirewallVerdict | undefined {
  const first = firstSourceVerdict(context, host, packet);
  if (first && first.verdict !== 'ACCEPT') return withFrontEnd(context, host, packet, first);
  if (!first || first.sourceKind === 'nft-ruleset') return first;
  // iptables accepted, but the kernel also runs every nft base chain (firewalld's `inet firewalld` table, a
  // hand-written nft table): a drop or reject there is final. Tables iptables-nft manages are left out (already counted).
  for (const artifact of context.artifacts<NftRuleset>('nft-ruleset', host)) {
    if (!artifact.value || artifact.value.unavailable) continue;
    const nativeTables = artifact.value.tables.filter((table) => !((table.family === 'ip' || table.family === 'ip6') && IPTABLES_TABLES.has(table.name)));
    if (nativeTables.length === 0) continue;
    const result = evaluateNft({ tables: nativeTables }, packet, { path: artifact.path });
    if (result.verdict === 'ACCEPT') continue;
    const answer: HostFirewallVerdict = {
      verdict: result.verdict,
      evidence: result.decidingRule ? [{ host: artifact.host, path: artifact.path, line: result.decidingRule.line }] : [],
      sourceKind: 'nft-ruleset',
      result,
    };
    if (result.rejectWith) answer.rejectWith = result.rejectWith;
    return answer;
  }
  return first;
}

const IPTABLES_TABLES = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);

function firstSourceVerdict(context: RuleContext, host: string, packet: Packet): HostFirewallVerdict | undefined {
  const v6 = packet.saddr.includes(':') || packet.daddr.includes(':');
  for (const source of SOURCES) {
    for (const artifact of context.artifacts<never>(source.kind, host)) {
      const value = artifact.value;
      if (value === undefined || !source.usable(value)) continue;
      if ((source.kind === 'iptables-save' || source.kind === 'iptables-list') && !(value as IptablesRuleset).tables.some((table) => table.family === (v6 ? 'ipv6' : 'ipv4'))) continue;
      const result = source.evaluate(value, packet, { path: artifact.path });
      const evidence: Provenance[] = result.decidingRule ? [{ host: artifact.host, path: artifact.path, line: result.decidingRule.line }] : [];
      const answer: HostFirewallVerdict = { verdict: result.verdict, evidence, sourceKind: source.kind, result };
      if (result.rejectWith) answer.rejectWith = result.rejectWith;
      return answer;
    }
  }
  return undefined;
}

// ufw's chains in the kernel dump (`ufw-user-input`, `ufw6-...`; nft shows them as `ip filter/ufw-...`).
const UFW_CHAIN = /\/ufw6?-/;

/**
 * When the packet went through ufw's chains and the host's `ufw status` decides the same way, the ufw line
 * (rule or `Default:` policy) is added after the kernel's deciding line: the rule set proves the verdict, the
 * ufw line says what to change. A ufw status that disagrees (stale, or a hand-written rule decided) adds nothing.
 */
function withFrontEnd(context: RuleContext, host: string, packet: Packet, answer: HostFirewallVerdict): HostFirewallVerdict {
  if (answer.sourceKind === 'ufw-status') {
    const rule = answer.result.decidingRule;
    if (rule) answer.frontEnd = { kind: 'ufw', text: rule.text, byDefault: rule.text.startsWith('Default:'), evidence: [...answer.evidence] };
    return answer;
  }
  if (!answer.result.chainPath.some((chain) => UFW_CHAIN.test(chain))) return answer;
  for (const artifact of context.artifacts<UfwStatus>('ufw-status', host)) {
    const status = artifact.value;
    if (!status || status.unavailable || status.active !== true) continue;
    const result = evaluateUfw(status, packet, { path: artifact.path });
    if (result.verdict !== answer.verdict || !result.decidingRule) continue;
    const evidence: Provenance[] = [{ host: artifact.host, path: artifact.path, line: result.decidingRule.line }];
    answer.frontEnd = { kind: 'ufw', text: result.decidingRule.text, byDefault: result.decidingRule.text.startsWith('Default:'), evidence };
    answer.evidence = [...answer.evidence, ...evidence];
    return answer;
  }
  return answer;
}
