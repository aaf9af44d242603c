// `firewall-cmd --list-all`, `--list-all-zones` (also `--permanent`, and `firewall-offline-cmd`) into zones with
// their target, interfaces, sources, services, ports and rich rules; "not running" outputs are recognised.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import { detectToolUnavailable, type FirewalldRichRule, type FirewalldZone, type FirewalldZones } from '../../model/firewall.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

const ZONE_HEADER = /^([A-Za-z0-9_+-]+)(?: \(([^)]*)\))?$/;
const FIELD = /^([a-z][a-z0-9 -]*):(?: (.*))?$/;
const LIST_FIELDS: Record<string, 'interfaces' | 'sources' | 'services' | 'ports'> = { interfaces: 'interfaces', sources: 'sources', services: 'services', ports: 'ports' };

export function parseFirewalldZones(text: string): ParseOutput<FirewalldZones> {
  const diagnostics: Diagnostic[] = [];
  const value: FirewalldZones = { zones: [] };
  const lines = [...splitLines(text)];
  let zone: FirewalldZone | undefined;
  let inRichRules = false;
  let content = 0;
  for (const { line, text: raw, truncated } of lines) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    if (raw.trim() === '') continue;
    content++;
    const indented = /^\s/.test(raw);
    const lineText = raw.trim();
    if (!indented) {
      const header = ZONE_HEADER.exec(lineText);
      if (header) {
        const flags = (header[2] ?? '').split(',').map((flag) => flag.trim());
        zone = { name: header[1] ?? '', line, active: flags.includes('active'), isDefault: flags.includes('default'), target: 'default', interfaces: [], sources: [], services: [], ports: [], richRules: [], fieldLines: {} };
        value.zones.push(zone);
        inRichRules = false;
        continue;
      }
      diagnostics.push({ line, severity: 'warning', message: `not a zone header: "${lineText.slice(0, 80)}"` });
      continue;
    }
    if (!zone) {
      diagnostics.push({ line, severity: 'warning', message: 'zone field before any zone header' });
      continue;
    }
    if (inRichRules && lineText.startsWith('rule')) {
      zone.richRules.push(parseRichRule(lineText, line));
      continue;
    }
    const field = FIELD.exec(lineText);
    if (!field) {
      diagnostics.push({ line, severity: 'warning', message: `not a zone field: "${lineText.slice(0, 80)}"` });
      continue;
    }
    const key = field[1] ?? '';
    const fieldValue = (field[2] ?? '').trim();
    zone.fieldLines[key] = line;
    inRichRules = key === 'rich rules';
    if (key === 'target') zone.target = fieldValue;
    const listField = LIST_FIELDS[key];
    if (listField) zone[listField] = fieldValue === '' ? [] : fieldValue.split(/\s+/);
  }
  if (value.zones.length === 0) {
    const unavailable = detectToolUnavailable(lines);
    if (unavailable) {
      value.unavailable = unavailable;
      return { ok: true, value, diagnostics: [{ line: unavailable.line, severity: 'info', message: `no zones: ${unavailable.reason}` }] };
    }
  }
  const ok = content === 0 || value.zones.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no firewalld zone found' });
  return { ok, value, diagnostics };
}

/** `rule family="ipv4" source [NOT] address="..." port port="80" protocol="tcp" reject type="tcp-reset"`. */
export function parseRichRule(text: string, line: number): FirewalldRichRule {
  const rule: FirewalldRichRule = { line, text };
  const words: string[] = [];
  // words, with `key="value with spaces"` kept whole
  for (const match of text.matchAll(/[^\s"=]+(?:="[^"]*")?|\S/g)) words.push(match[0]);
  const attribute = (word: string | undefined, key: string): string | undefined => {
    if (!word?.startsWith(`${key}=`)) return undefined;
    return word.slice(key.length + 1).replace(/^"|"$/g, '');
  };
  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const family = attribute(word, 'family');
    if (family === 'ipv4' || family === 'ipv6') rule.family = family;
    const priority = attribute(word, 'priority');
    if (priority !== undefined && /^-?\d+$/.test(priority)) rule.priority = Number(priority);
    if (word === 'source' || word === 'destination') {
      let negated = false;
      let next = words[index + 1];
      if (next?.toLowerCase() === 'not') {
        negated = true;
        index++;
        next = words[index + 1];
      }
      const address = attribute(next, 'address') ?? attribute(next, 'ipset');
      if (address !== undefined) {
        rule[word] = { value: address, negated };
        index++;
      }
    } else if (word === 'service') {
      const name = attribute(words[index + 1], 'name');
      if (name) rule.service = name;
    } else if (word === 'port') {
      const port = attribute(words[index + 1], 'port');
      const protocol = attribute(words[index + 2], 'protocol') ?? attribute(words[index + 1], 'protocol');
      if (port) rule.port = { port, protocol: protocol ?? 'tcp' };
    } else if (word === 'accept' || word === 'reject' || word === 'drop' || word === 'mark') {
      rule.action = word;
      const type = attribute(words[index + 1], 'type');
      if (word === 'reject' && type) rule.rejectType = type;
    }
  }
  return rule;
}

export const firewalldZonesParser: ArtifactParser<FirewalldZones> = {
  kind: 'firewalld-zones',
  description: 'firewall-cmd --list-all / --list-all-zones (also --permanent, firewall-offline-cmd)',
  pathPatterns: ['commands/firewall-cmd_*--list-all*', 'commands/firewall-offline-cmd_*--list-all*', 'sos_commands/firewalld/firewall-cmd_*--list-all*'],
  sniff: (head) => /^\S+( \([a-z, ]+\))?\r?\n  target: \S+\r?\n  (icmp-block-inversion|interfaces): /m.test(head),
  parse: parseFirewalldZones,
};
