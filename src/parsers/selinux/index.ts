// SELinux tool listings: getsebool -a / semanage boolean -l, semanage port -l, sestatus / sestatus -b.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { SelinuxBoolean, SelinuxPortType, SelinuxStatus } from '../../model/selinux.js';
import { contentLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

// On a host without SELinux the tools answer with one sentence; that is a fact, not a parse failure.
const DISABLED = /SELinux is disabled|SELinux policy is not managed|SELinux status:\s+disabled/;

export interface SelinuxBooleans {
  /** True when the tool said SELinux is disabled / not managed. */
  disabled: boolean;
  booleans: SelinuxBoolean[];
}

export function parseSelinuxBooleans(text: string): ParseOutput<SelinuxBooleans> {
  const diagnostics: Diagnostic[] = [];
  const value: SelinuxBooleans = { disabled: false, booleans: [] };
  let content = 0;
  for (const { line, text: lineText } of contentLines(text, diagnostics)) {
    content++;
    if (DISABLED.test(lineText)) {
      value.disabled = true;
      continue;
    }
    if (/^SELinux boolean\s+State\s+Default/.test(lineText)) continue;
    // getsebool -a: `haproxy_connect_any --> off`
    const getsebool = /^(\S+) --> (on|off)(?: pending: (on|off))?$/.exec(lineText);
    if (getsebool) {
      value.booleans.push({ line, name: getsebool[1] ?? '', state: getsebool[2] === 'on' });
      continue;
    }
    // semanage boolean -l: `haproxy_connect_any            (on   ,  off)  Allow haproxy to connect any`
    const semanage = /^(\S+)\s+\((on|off)\s*,\s*(on|off)\)\s*(.*)$/.exec(lineText);
    if (semanage) {
      value.booleans.push({ line, name: semanage[1] ?? '', state: semanage[2] === 'on', default: semanage[3] === 'on', description: semanage[4] ?? '' });
      continue;
    }
    diagnostics.push({ line, severity: 'warning', message: `not a boolean line: "${lineText.slice(0, 80)}"` });
  }
  const ok = content === 0 || value.disabled || value.booleans.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no SELinux boolean recognised' });
  return { ok, value, diagnostics };
}

export interface SelinuxPorts {
  disabled: boolean;
  ports: SelinuxPortType[];
}

export function parseSelinuxPorts(text: string): ParseOutput<SelinuxPorts> {
  const diagnostics: Diagnostic[] = [];
  const value: SelinuxPorts = { disabled: false, ports: [] };
  let content = 0;
  for (const { line, text: lineText } of contentLines(text, diagnostics)) {
    content++;
    if (DISABLED.test(lineText)) {
      value.disabled = true;
      continue;
    }
    if (/^SELinux Port Type\s+Proto\s+Port Number/.test(lineText)) continue;
    const match = /^(\S+)\s+(tcp|udp|sctp|dccp)\s+(\S.*)$/.exec(lineText);
    const ranges = match ? readRanges(match[3] ?? '') : undefined;
    if (!match || !ranges) {
      diagnostics.push({ line, severity: 'warning', message: `not a port type line: "${lineText.slice(0, 80)}"` });
      continue;
    }
    value.ports.push({ line, type: match[1] ?? '', protocol: match[2] ?? '', ranges });
  }
  const ok = content === 0 || value.disabled || value.ports.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no SELinux port type recognised' });
  return { ok, value, diagnostics };
}

function readRanges(text: string): SelinuxPortType['ranges'] | undefined {
  const ranges: SelinuxPortType['ranges'] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,5})(?:-(\d{1,5}))?\s*$/.exec(part);
    if (!m) return undefined;
    const low = Number(m[1]);
    ranges.push({ low, high: m[2] === undefined ? low : Number(m[2]) });
  }
  return ranges;
}

/** The SELinux type that covers a port, as the kernel picks it: the narrowest matching range. */
export function portTypeFor(ports: readonly SelinuxPortType[], protocol: string, port: number): SelinuxPortType | undefined {
  let best: { entry: SelinuxPortType; width: number } | undefined;
  for (const entry of ports) {
    if (entry.protocol !== protocol) continue;
    for (const range of entry.ranges) {
      if (port < range.low || port > range.high) continue;
      const width = range.high - range.low;
      if (!best || width < best.width) best = { entry, width };
    }
  }
  return best?.entry;
}

export function parseSestatus(text: string): ParseOutput<SelinuxStatus> {
  const diagnostics: Diagnostic[] = [];
  const value: SelinuxStatus = { fields: {}, booleans: [] };
  let inBooleans = false;
  let content = 0;
  for (const { line, text: lineText } of contentLines(text, diagnostics)) {
    content++;
    if (lineText === 'Policy booleans:') {
      inBooleans = true;
      continue;
    }
    if (inBooleans) {
      const bool = /^(\S+)\s+(on|off)$/.exec(lineText);
      if (bool) {
        value.booleans.push({ line, name: bool[1] ?? '', state: bool[2] === 'on' });
        continue;
      }
    }
    const colon = lineText.indexOf(':');
    if (colon > 0 && /^[A-Za-z][A-Za-z _-]*$/.test(lineText.slice(0, colon))) {
      const key = lineText.slice(0, colon).trim();
      const fieldValue = lineText.slice(colon + 1).trim();
      value.fields[key] = { value: fieldValue, line };
      if (key === 'SELinux status') {
        value.status = fieldValue;
        value.statusLine = line;
      } else if (key === 'Current mode') {
        value.currentMode = fieldValue;
        value.currentModeLine = line;
      } else if (key === 'Mode from config file') value.modeFromConfig = fieldValue;
      else if (key === 'Loaded policy name' || key === 'Policy from config file') value.policyName ??= fieldValue;
      continue;
    }
    diagnostics.push({ line, severity: 'warning', message: `not a sestatus line: "${lineText.slice(0, 80)}"` });
  }
  const ok = content === 0 || value.status !== undefined;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no "SELinux status:" line' });
  return { ok, value, diagnostics };
}

export const selinuxBooleansParser: ArtifactParser<SelinuxBooleans> = {
  kind: 'selinux-booleans',
  description: 'SELinux booleans: getsebool -a, semanage boolean -l',
  pathPatterns: ['commands/getsebool_*', 'commands/semanage_boolean_*', 'sos_commands/selinux/getsebool_*', 'sos_commands/selinux/semanage_boolean_*'],
  sniff: (head) => /^\w+ --> (on|off)$/m.test(head) || /^SELinux boolean\s+State\s+Default/m.test(head),
  parse: parseSelinuxBooleans,
};

export const selinuxPortsParser: ArtifactParser<SelinuxPorts> = {
  kind: 'selinux-ports',
  description: 'SELinux port types: semanage port -l',
  pathPatterns: ['commands/semanage_port_*', 'sos_commands/selinux/semanage_port_*'],
  sniff: (head) => /^SELinux Port Type\s+Proto\s+Port Number/m.test(head),
  parse: parseSelinuxPorts,
};

export const sestatusParser: ArtifactParser<SelinuxStatus> = {
  kind: 'sestatus',
  description: 'SELinux status: sestatus, sestatus -b',
  pathPatterns: ['commands/sestatus*', 'sos_commands/selinux/sestatus*'],
  sniff: (head) => /^SELinux status:\s+(enabled|disabled)/m.test(head),
  parse: parseSestatus,
};
