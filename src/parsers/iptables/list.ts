// `iptables -L -n` listings (with or without -v, -x, --line-numbers; sosreport's `iptables -vnxL`) into the
// same rule model as iptables-save. The match column is iptables' human rendering; the common matches are
// translated back, anything else is kept in `unknownMatches` so the engine can say it did not evaluate it.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import {
  detectToolUnavailable,
  type IptablesChain,
  type IptablesModuleMatch,
  type IptablesRule,
  type IptablesRuleset,
  type IptablesTable,
  type NegatableValue,
} from '../../model/firewall.js';
import { splitLines } from '../../model/text-lines.js';

const CHAIN_HEADER = /^Chain (\S+) \((?:policy (\S+)[^)]*|(\d+) references|[^)]*)\)$/;
const COLUMN_NAMES = new Set(['num', 'pkts', 'bytes', 'target', 'prot', 'opt', 'in', 'out', 'source', 'destination']);
const PROTOCOL_NUMBERS: Record<string, string> = { '0': 'all', '1': 'icmp', '2': 'igmp', '4': 'ipip', '6': 'tcp', '17': 'udp', '41': 'ipv6', '47': 'gre', '50': 'esp', '51': 'ah', '58': 'ipv6-icmp', '132': 'sctp', '136': 'udplite' };
// `iptables -L` without -n prints service names; the few a load balancer cares about.
const SERVICE_PORTS: Record<string, string> = { ssh: '22', http: '80', https: '443', 'http-alt': '8080', domain: '53', mysql: '3306', postgresql: '5432', smtp: '25' };
const OPT_VALUES = new Set(['--', '-f', '!f']);

export function parseIptablesList(text: string): ParseOutput<IptablesRuleset> {
  const diagnostics: Diagnostic[] = [];
  const lines = [...splitLines(text)];
  const value: IptablesRuleset = { format: 'list', tables: [], interfacesShown: false };
  // A listing is one table; its name is not printed (sosreport's file name says `-t nat` when it is not filter).
  const table: IptablesTable = { name: 'filter', line: 1, family: 'ipv4', chains: [], complete: true };
  let chain: IptablesChain | undefined;
  let columns: string[] | undefined;
  let content = 0;
  let sawV6 = false;
  for (const { line, text: raw, truncated } of lines) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    const lineText = raw.trim();
    if (lineText === '' || lineText.startsWith('# Warning:')) continue;
    content++;
    const header = CHAIN_HEADER.exec(lineText);
    if (header) {
      chain = { name: header[1] ?? '', line, rules: [] };
      if (header[2]) chain.policy = header[2];
      table.chains.push(chain);
      columns = undefined;
      continue;
    }
    const words = lineText.split(/\s+/);
    if (chain && !columns && words.every((word) => COLUMN_NAMES.has(word)) && words.includes('target')) {
      columns = words;
      if (words.includes('in')) value.interfacesShown = true;
      continue;
    }
    if (!chain || !columns) {
      diagnostics.push({ line, severity: 'warning', message: `not an iptables listing line: "${lineText.slice(0, 80)}"` });
      continue;
    }
    const rule = parseRow(line, raw, words, columns);
    if (!rule) {
      diagnostics.push({ line, severity: 'warning', message: `unreadable rule row: "${lineText.slice(0, 80)}"` });
      continue;
    }
    if (rule.source?.value.includes(':') || rule.destination?.value.includes(':')) sawV6 = true;
    chain.rules.push(rule);
  }
  if (sawV6) table.family = 'ipv6';
  table.name = tableNameFromChains(table.chains.map((c) => c.name));
  if (table.chains.length > 0) value.tables.push(table);
  else {
    const unavailable = detectToolUnavailable(lines);
    if (unavailable) {
      value.unavailable = unavailable;
      return { ok: true, value, diagnostics: [{ line: unavailable.line, severity: 'info', message: `no rule set: ${unavailable.reason}` }] };
    }
  }
  const ok = content === 0 || table.chains.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no "Chain NAME (policy ...)" header found' });
  return { ok, value, diagnostics };
}

/** A listing does not print its table; the built-in chains tell (`iptables -t nat -vnxL` has PREROUTING/POSTROUTING). */
function tableNameFromChains(names: string[]): string {
  const has = (name: string) => names.includes(name);
  if (!has('PREROUTING') && !has('POSTROUTING')) return 'filter';
  if (has('FORWARD')) return 'mangle';
  if (has('INPUT') || has('POSTROUTING')) return 'nat';
  return 'raw';
}

function negatable(text: string): NegatableValue {
  return text.startsWith('!') ? { value: text.slice(1), negated: true } : { value: text, negated: false };
}

function parseRow(line: number, raw: string, words: string[], columns: string[]): IptablesRule | undefined {
  const targetColumn = columns.indexOf('target');
  const optColumn = columns.indexOf('opt');
  // The target column is blank for a rule without -j: whitespace splitting then shifts every later column left.
  let shift = 0;
  if (optColumn !== -1 && !OPT_VALUES.has(words[optColumn] ?? '') && OPT_VALUES.has(words[optColumn - 1] ?? '')) shift = -1;
  const cell = (name: string): string | undefined => {
    const at = columns.indexOf(name);
    if (at === -1) return undefined;
    if (at === targetColumn && shift === -1) return '';
    return words[at > targetColumn ? at + shift : at];
  };
  const fixed = columns.length + shift;
  if (words.length < fixed) return undefined;
  const rule: IptablesRule = { line, text: raw.trimEnd(), matches: [], targetOptions: [] };
  const target = cell('target');
  if (target) rule.target = target;
  const prot = negatable(cell('prot') ?? 'all');
  const protocolName = PROTOCOL_NUMBERS[prot.value] ?? prot.value;
  if (protocolName !== 'all') rule.protocol = { value: protocolName, negated: prot.negated };
  for (const [column, field] of [['in', 'inInterface'], ['out', 'outInterface'], ['source', 'source'], ['destination', 'destination']] as const) {
    const text = cell(column);
    if (text === undefined) continue;
    const parsed = negatable(text === 'anywhere' ? '0.0.0.0/0' : text);
    if (parsed.value === '*' || ((field === 'source' || field === 'destination') && (parsed.value === '0.0.0.0/0' || parsed.value === '::/0') && !parsed.negated)) continue;
    rule[field] = parsed;
  }
  if (cell('opt') === '-f' || cell('opt') === '!f') rule.matches.push({ module: 'fragment', options: [{ name: 'fragment', negated: cell('opt') === '!f', values: [] }] });
  translateMatches(words.slice(fixed), rule);
  return rule;
}

/** Turns the rendered match column back into module options. */
function translateMatches(words: string[], rule: IptablesRule): void {
  let index = 0;
  const unknown: string[] = [];
  const module = (name: string): IptablesModuleMatch => {
    const match: IptablesModuleMatch = { module: name, options: [] };
    rule.matches.push(match);
    return match;
  };
  while (index < words.length) {
    const word = words[index++] ?? '';
    if (word === '[goto]') {
      rule.goto = true;
      continue;
    }
    if (word === '/*') {
      while (index < words.length && words[index] !== '*/') index++;
      index++;
      continue;
    }
    if (word === 'tcp' || word === 'udp' || word === 'sctp' || word === 'udplite') {
      const match = module(word);
      while (index < words.length) {
        const port = /^(spts?|dpts?):(!?)(.*)$/.exec(words[index] ?? '');
        const flags = /^flags:(!?)(0x[0-9A-Fa-f]+)\/(0x[0-9A-Fa-f]+)$/.exec(words[index] ?? '');
        if (port) {
          const name = port[1]?.startsWith('s') ? 'sport' : 'dport';
          match.options.push({ name, negated: port[2] === '!', values: [servicePort(port[3] ?? '')] });
        } else if (flags) {
          match.options.push({ name: 'tcp-flags-mask', negated: flags[1] === '!', values: [flags[3] ?? '', flags[2] ?? ''] });
        } else break;
        index++;
      }
      continue;
    }
    if (word === 'multiport') {
      const kind = words[index++] ?? '';
      let list = words[index++] ?? '';
      let negated = false;
      if (list === '!') {
        negated = true;
        list = words[index++] ?? '';
      } else if (list.startsWith('!')) {
        negated = true;
        list = list.slice(1);
      }
      module('multiport').options.push({ name: kind, negated, values: [list.split(',').map(servicePort).join(',')] });
      continue;
    }
    if (word === 'ctstate' || word === 'state' || (word === '!' && (words[index] === 'ctstate' || words[index] === 'state'))) {
      let negated = false;
      let name = word;
      if (word === '!') {
        negated = true;
        name = words[index++] ?? '';
      }
      let states = words[index++] ?? '';
      if (states.startsWith('!')) {
        negated = true;
        states = states.slice(1);
      }
      module(name === 'ctstate' ? 'conntrack' : 'state').options.push({ name, negated, values: [states] });
      continue;
    }
    if ((word === 'source' || word === 'destination') && words[index] === 'IP' && words[index + 1] === 'range') {
      let range = words[index + 2] ?? '';
      let negated = false;
      if (range === '!') {
        negated = true;
        range = words[index + 3] ?? '';
        index++;
      }
      index += 3;
      module('iprange').options.push({ name: word === 'source' ? 'src-range' : 'dst-range', negated, values: [range] });
      continue;
    }
    if (word === 'reject-with') {
      rule.targetOptions.push({ name: 'reject-with', negated: false, values: [words[index++] ?? ''] });
      continue;
    }
    if (word === 'ADDRTYPE' && words[index] === 'match') {
      const match = module('addrtype');
      index++;
      while (index < words.length && /^(src-type|dst-type)$/.test(words[index] ?? '')) {
        const name = words[index++] ?? '';
        let type = words[index++] ?? '';
        let negated = false;
        if (type === '!') {
          negated = true;
          type = words[index++] ?? '';
        }
        match.options.push({ name, negated, values: [type] });
      }
      continue;
    }
    if (word === 'limit:') {
      // `limit: avg 3/min burst 10`
      module('limit');
      while (index < words.length && /^(avg|burst|\d|mode)/.test(words[index] ?? '')) index++;
      continue;
    }
    if (word === 'LOG' && rule.target === 'LOG') break; // LOG target options run to the end of the row
    unknown.push(words.slice(index - 1).join(' '));
    break;
  }
  if (unknown.length > 0) rule.unknownMatches = unknown;
}

function servicePort(text: string): string {
  return text
    .split(':')
    .map((part) => SERVICE_PORTS[part] ?? part)
    .join(':');
}
