// `nft list ruleset` (also `nft -a`) into tables, base chains with hook and priority, sets, and rules whose
// match expressions and verdicts the verdict engine reads; expressions it does not read are kept as `unknown`.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import { detectToolUnavailable, type NftChain, type NftMatch, type NftRule, type NftRuleset, type NftSet, type NftTable, type NftValue, type NftVerdict } from '../../model/firewall.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';
import { splitNftWords, stripHandle, type NftWord } from './words.js';

const NAMED_PRIORITIES: Record<string, number> = { raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100, out: 100 };
/** Selectors the engine evaluates: `<protocol> <field>` pairs and single-word meta keys. */
const TWO_WORD_KEYS = new Set([
  'ip saddr', 'ip daddr', 'ip protocol', 'ip6 saddr', 'ip6 daddr', 'ip6 nexthdr', 'tcp dport', 'tcp sport', 'udp dport', 'udp sport',
  'th dport', 'th sport', 'sctp dport', 'sctp sport', 'udplite dport', 'udplite sport', 'ct state', 'meta l4proto', 'meta nfproto',
  'meta protocol', 'meta iifname', 'meta oifname', 'meta iif', 'meta oif',
]);
const ONE_WORD_KEYS = new Set(['iifname', 'oifname', 'iif', 'oif']);
/** Statements that neither match nor decide; with how many words of arguments they may take. */
const NEUTRAL_STATEMENTS = new Set(['counter', 'log', 'comment', 'notrack', 'packets', 'bytes', 'prefix', 'level', 'flags', 'group', 'snaplen', 'queue-threshold']);
const VERDICTS = new Set(['accept', 'drop', 'reject', 'jump', 'goto', 'return', 'continue', 'queue']);

interface Block {
  kind: 'table' | 'chain' | 'set' | 'other';
  table?: NftTable;
  chain?: NftChain;
  set?: NftSet;
}

export function parseNftRuleset(text: string): ParseOutput<NftRuleset> {
  const diagnostics: Diagnostic[] = [];
  const value: NftRuleset = { tables: [] };
  const lines = [...splitLines(text)];
  const stack: Block[] = [];
  let content = 0;
  // A set's `elements = { ... }` may run over several lines: collected until its braces balance.
  let pendingElements: { set: NftSet; text: string; depth: number } | undefined;
  for (const { line, text: raw, truncated } of lines) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    if (pendingElements) {
      pendingElements.text += ` ${raw}`;
      pendingElements.depth += braceBalance(raw);
      if (pendingElements.depth <= 0) {
        pendingElements.set.elements = setElements(pendingElements.text);
        pendingElements = undefined;
      }
      continue;
    }
    const lineText = stripHandle(raw.trim());
    if (lineText === '' || lineText.startsWith('#')) continue;
    content++;
    const top = stack[stack.length - 1];
    if (lineText === '}') {
      if (stack.length === 0) diagnostics.push({ line, severity: 'warning', message: 'closing brace without an open block' });
      stack.pop();
      continue;
    }
    const opener = /^(table|chain|set|map|flowtable|ct|counter|quota|limit|secmark|synproxy)\s+(.*?)\s*\{$/.exec(lineText);
    if (opener) {
      const [, keyword, rest = ''] = opener;
      if (keyword === 'table') {
        const [family, name] = rest.split(/\s+/);
        const table: NftTable = { family: name ? (family ?? 'ip') : 'ip', name: name ?? family ?? '', line, chains: [], sets: [] };
        value.tables.push(table);
        stack.push({ kind: 'table', table });
      } else if (keyword === 'chain' && top?.kind === 'table' && top.table) {
        const chain: NftChain = { name: rest.replace(/^"|"$/g, ''), line, rules: [] };
        top.table.chains.push(chain);
        stack.push({ kind: 'chain', chain });
      } else if ((keyword === 'set' || keyword === 'map') && top?.kind === 'table' && top.table) {
        const set: NftSet = { name: rest, line, elements: [] };
        top.table.sets.push(set);
        stack.push({ kind: 'set', set });
      } else stack.push({ kind: 'other' });
      continue;
    }
    if (!top) {
      diagnostics.push({ line, severity: 'warning', message: `outside any table: "${lineText.slice(0, 80)}"` });
      continue;
    }
    if (top.kind === 'set' && top.set) {
      const typeMatch = /^type\s+(.+)$/.exec(lineText);
      if (typeMatch) top.set.type = typeMatch[1];
      else if (lineText.startsWith('elements = ')) {
        const depth = braceBalance(lineText);
        if (depth > 0) pendingElements = { set: top.set, text: lineText, depth };
        else top.set.elements = setElements(lineText);
      }
      continue;
    }
    if (top.kind === 'chain' && top.chain) {
      if (/^type\s/.test(lineText) && /\bhook\s/.test(lineText)) {
        readChainHeader(lineText, top.chain, line, diagnostics);
        continue;
      }
      if (/^policy\s+(accept|drop);?$/.test(lineText)) {
        top.chain.policy = lineText.includes('drop') ? 'drop' : 'accept';
        continue;
      }
      if (/^(comment|devices\s*=)\s/.test(lineText)) continue;
      top.chain.rules.push(parseNftRule(lineText, line));
      continue;
    }
    if (top.kind === 'table' && /^(flags|comment)\s/.test(lineText)) continue;
    if (top.kind === 'other') continue;
    diagnostics.push({ line, severity: 'warning', message: `not understood here: "${lineText.slice(0, 80)}"` });
  }
  if (stack.length > 0) diagnostics.push({ line: lines.length, severity: 'warning', message: `${stack.length} block(s) not closed: output cut?` });
  if (value.tables.length === 0) {
    const unavailable = detectToolUnavailable(lines);
    if (unavailable) {
      value.unavailable = unavailable;
      return { ok: true, value, diagnostics: [{ line: unavailable.line, severity: 'info', message: `no rule set: ${unavailable.reason}` }] };
    }
  }
  const ok = content === 0 || value.tables.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no nft table found' });
  return { ok, value, diagnostics };
}

function braceBalance(text: string): number {
  let depth = 0;
  for (const c of text) {
    if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  return depth;
}

function setElements(text: string): NftValue[] {
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  if (open === -1) return [];
  return text
    .slice(open + 1, close === -1 ? undefined : close)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map(valueOf);
}

function readChainHeader(text: string, chain: NftChain, line: number, diagnostics: Diagnostic[]): void {
  for (const part of text.split(';')) {
    const words = part.trim().split(/\s+/);
    if (words[0] === 'type') {
      chain.type = words[1];
      const hookAt = words.indexOf('hook');
      if (hookAt !== -1) chain.hook = words[hookAt + 1];
      const priorityAt = words.indexOf('priority');
      if (priorityAt !== -1) {
        const priority = priorityValue(words.slice(priorityAt + 1));
        if (priority === undefined) diagnostics.push({ line, severity: 'warning', message: `priority "${words.slice(priorityAt + 1).join(' ')}" not understood` });
        else chain.priority = priority;
      }
    } else if (words[0] === 'policy') chain.policy = words[1] === 'drop' ? 'drop' : 'accept';
  }
}

/** `filter`, `-10`, `filter - 10`, `mangle + 5`. */
function priorityValue(words: string[]): number | undefined {
  const base = (word: string | undefined): number | undefined => (word === undefined ? undefined : /^-?\d+$/.test(word) ? Number(word) : NAMED_PRIORITIES[word]);
  const first = base(words[0]);
  if (first === undefined) return undefined;
  if (words.length >= 3 && (words[1] === '+' || words[1] === '-')) {
    const offset = base(words[2]);
    if (offset === undefined) return undefined;
    return words[1] === '+' ? first + offset : first - offset;
  }
  return first;
}

function valueOf(text: string): NftValue {
  if (text.startsWith('@')) return { kind: 'named-set', name: text.slice(1) };
  const unquoted = text.replace(/^"|"$/g, '');
  // `8000-8010`, `10.0.0.1-10.0.0.9`; an IPv6 range is `fd00::1-fd00::9` (no other `-` in an address).
  const dash = unquoted.indexOf('-');
  if (dash > 0 && /^[0-9a-fA-F.:]+-[0-9a-fA-F.:]+$/.test(unquoted)) return { kind: 'range', from: unquoted.slice(0, dash), to: unquoted.slice(dash + 1) };
  return { kind: 'single', value: unquoted };
}

function wordValue(word: NftWord): NftValue {
  if (word.kind === 'set') return { kind: 'set', elements: word.items.map(valueOf) };
  if (!word.quoted && word.text.includes(',')) return { kind: 'set', elements: word.text.split(',').filter((item) => item !== '').map(valueOf) };
  return word.quoted ? { kind: 'single', value: word.text } : valueOf(word.text);
}

export function parseNftRule(text: string, line: number): NftRule {
  const words = splitNftWords(text);
  const rule: NftRule = { line, text, matches: [], unknown: [] };
  let index = 0;
  const wordText = (at: number): string | undefined => {
    const word = words[at];
    return word?.kind === 'word' && !word.quoted ? word.text : undefined;
  };
  while (index < words.length) {
    const first = wordText(index);
    if (first === undefined) {
      rule.unknown.push('{...}');
      index++;
      continue;
    }
    const pair = `${first} ${wordText(index + 1) ?? ''}`;
    let key: string | undefined;
    if (TWO_WORD_KEYS.has(pair)) {
      key = pair.startsWith('meta ') && pair !== 'meta l4proto' && pair !== 'meta nfproto' && pair !== 'meta protocol' ? pair.slice(5) : pair;
      index += 2;
    } else if (ONE_WORD_KEYS.has(first)) {
      key = first;
      index += 1;
    }
    if (key !== undefined) {
      let operator: NftMatch['operator'] = '==';
      const maybeOperator = wordText(index);
      if (maybeOperator === '!=' || maybeOperator === '==' || maybeOperator === 'eq' || maybeOperator === 'ne') {
        operator = maybeOperator === '!=' || maybeOperator === 'ne' ? '!=' : '==';
        index++;
      }
      const valueWord = words[index++];
      if (!valueWord) {
        rule.unknown.push(key);
        break;
      }
      rule.matches.push({ key, operator, value: wordValue(valueWord) });
      continue;
    }
    if (VERDICTS.has(first)) {
      const verdict: NftVerdict = { kind: first as NftVerdict['kind'] };
      index++;
      if (first === 'jump' || first === 'goto') verdict.chain = (words[index++] as { text?: string } | undefined)?.text ?? '';
      if (first === 'reject' && wordText(index) === 'with') {
        const parts: string[] = [];
        index++;
        while (index < words.length && parts.length < 3) {
          const part = wordText(index);
          if (part === undefined || VERDICTS.has(part) || part === 'comment') break;
          parts.push(part);
          index++;
        }
        verdict.rejectWith = parts.filter((part) => part !== 'type').join(' ');
        // `reject with icmpv6 ...` in an inet table carries an implicit `meta nfproto ipv6` that nft does not
        // print back when nothing else in the rule needs it: an IPv4 packet never meets this reject (kernel-checked).
        const family = parts[0] === 'icmpv6' ? 'ipv6' : parts[0] === 'icmp' ? 'ipv4' : undefined;
        if (family) rule.matches.push({ key: 'meta nfproto', operator: '==', value: { kind: 'single', value: family } });
      }
      if (first === 'queue') while (index < words.length && wordText(index) !== 'comment') index++;
      rule.verdict = verdict;
      continue;
    }
    if (NEUTRAL_STATEMENTS.has(first)) {
      index++;
      // arguments of counter/log/comment: numbers, quoted strings, level names
      while (index < words.length) {
        const next = words[index] as NftWord;
        // `counter packets 0 bytes 0 tcp dport 80`: `tcp` starts the next match here, not a `log flags` argument
        const startsMatch = next.kind === 'word' && !next.quoted && TWO_WORD_KEYS.has(`${next.text} ${wordText(index + 1) ?? ''}`);
        if (!startsMatch && next.kind === 'word' && (next.quoted || /^\d+$/.test(next.text) || /^(emerg|alert|crit|err|warn|notice|info|debug|all|tcp|ip|skuid|ether|sequence|options|,)$/.test(next.text))) index++;
        else break;
      }
      continue;
    }
    // Unknown expression: keep its words up to the next recognised keyword.
    const start = index;
    index++;
    while (index < words.length) {
      const next = wordText(index);
      if (next !== undefined && (VERDICTS.has(next) || NEUTRAL_STATEMENTS.has(next) || ONE_WORD_KEYS.has(next) || TWO_WORD_KEYS.has(`${next} ${wordText(index + 1) ?? ''}`))) break;
      index++;
    }
    rule.unknown.push(
      words
        .slice(start, index)
        .map((word) => (word.kind === 'set' ? `{ ${word.items.join(', ')} }` : word.text))
        .join(' '),
    );
  }
  return rule;
}

export const nftRulesetParser: ArtifactParser<NftRuleset> = {
  kind: 'nft-ruleset',
  description: 'nft list ruleset (also nft -a)',
  // An empty ruleset prints nothing.
  acceptsEmpty: true,
  pathPatterns: ['commands/nft_list_ruleset*', 'commands/nft_-a_list_ruleset*', 'sos_commands/firewall_tables/nft_*list_ruleset*', 'sos_commands/nftables/nft_*list_ruleset*', '**/nft_list_ruleset*.txt', 'sos_commands/networking/nft_*list_ruleset*'],
  sniff: (head) => /^table (ip|ip6|inet|arp|bridge|netdev) \S+ \{/m.test(head) && /^\s+chain \S+ \{/m.test(head),
  parse: parseNftRuleset,
};
