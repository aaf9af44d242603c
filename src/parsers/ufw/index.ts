// `ufw status`, `ufw status verbose` and `ufw status numbered` into status, default policies and ordered rules.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import { detectToolUnavailable, type UfwAction, type UfwEndpoint, type UfwPolicy, type UfwRule, type UfwStatus } from '../../model/firewall.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';
import { parseCidr } from '../../firewall/ip.js';

// The action column: the first ALLOW/DENY/REJECT/LIMIT word with spaces around it (columns overflow when
// the To text is long, so fixed offsets are not reliable).
const ACTION = / (ALLOW|DENY|REJECT|LIMIT)(?: (IN|OUT|FWD))?(?= |$)/;
const DEFAULTS = /^Default: (\w+) \(incoming\), (\w+) \(outgoing\)(?:, (\w+) \(routed\))?/;
const PORTS = /^[\d,:]+(?:\/(tcp|udp))?$/;

export function parseUfwStatus(text: string): ParseOutput<UfwStatus> {
  const diagnostics: Diagnostic[] = [];
  const value: UfwStatus = { rules: [] };
  const lines = [...splitLines(text)];
  let content = 0;
  let headerSeen = false;
  for (const { line, text: raw, truncated } of lines) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    const lineText = raw.trim();
    if (lineText === '') continue;
    content++;
    const status = /^Status: (active|inactive)$/.exec(lineText);
    if (status) {
      value.active = status[1] === 'active';
      value.statusLine = line;
      continue;
    }
    const defaults = DEFAULTS.exec(lineText);
    if (defaults) {
      value.defaults = { incoming: policy(defaults[1]), outgoing: policy(defaults[2]), routed: policy(defaults[3] ?? 'disabled'), line };
      continue;
    }
    if (/^(Logging|New profiles):/.test(lineText)) continue;
    if (/^To\s+Action\s+From$/.test(lineText) || /^--\s+------\s+----$/.test(lineText)) {
      headerSeen = true;
      continue;
    }
    const rule = headerSeen ? parseRuleLine(lineText, line) : undefined;
    if (rule) value.rules.push(rule);
    else diagnostics.push({ line, severity: 'warning', message: `not a ufw status line: "${lineText.slice(0, 80)}"` });
  }
  if (value.active === undefined) {
    const unavailable = detectToolUnavailable(lines);
    if (unavailable) {
      value.unavailable = unavailable;
      return { ok: true, value, diagnostics: [{ line: unavailable.line, severity: 'info', message: `no ufw status: ${unavailable.reason}` }] };
    }
  }
  const ok = content === 0 || value.active !== undefined;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no "Status: active|inactive" line' });
  return { ok, value, diagnostics };
}

function policy(word: string | undefined): UfwPolicy {
  return word === 'allow' || word === 'deny' || word === 'reject' ? word : 'disabled';
}

function parseRuleLine(text: string, line: number): UfwRule | undefined {
  let rest = text;
  let number: number | undefined;
  const numbered = /^\[\s*(\d+)\]\s+/.exec(rest);
  if (numbered) {
    number = Number(numbered[1]);
    rest = rest.slice(numbered[0].length);
  }
  let comment: string | undefined;
  const hash = rest.indexOf(' # ');
  if (hash !== -1) {
    comment = rest.slice(hash + 3).trim();
    rest = rest.slice(0, hash);
  }
  rest = rest.replace(/\s+\(out\)\s*$/, '').trimEnd();
  const action = ACTION.exec(` ${rest}`);
  if (!action) return undefined;
  const at = action.index - 1;
  const toText = rest.slice(0, Math.max(0, at)).trim();
  const fromText = rest.slice(at + action[0].length).trim();
  const direction = action[2] === 'OUT' ? 'out' : action[2] === 'FWD' ? 'fwd' : 'in';
  const to = endpoint(toText);
  const from = endpoint(fromText);
  const rule: UfwRule = { line, text, action: (action[1] ?? 'ALLOW').toLowerCase() as UfwAction, direction, to: to.endpoint, from: from.endpoint, v6: to.v6 || from.v6 };
  if (number !== undefined) rule.number = number;
  const iface = (direction === 'out' ? from.iface : undefined) ?? to.iface ?? from.iface;
  if (iface) rule.interface = iface;
  if (comment) rule.comment = comment;
  return rule;
}

function endpoint(text: string): { endpoint: UfwEndpoint; v6: boolean; iface?: string } {
  let rest = text;
  let iface: string | undefined;
  const on = / on (\S+)$/.exec(rest);
  if (on) {
    iface = on[1];
    rest = rest.slice(0, on.index);
  }
  const v6 = / \(v6\)$/.test(rest);
  rest = rest.replace(/ \(v6\)$/, '').trim();
  const result: UfwEndpoint = {};
  if (rest === 'Anywhere' || rest === '') return { endpoint: result, v6, ...(iface ? { iface } : {}) };
  const words = rest.split(/\s+/);
  if (words[0] && parseCidr(words[0])) {
    result.address = words.shift();
  } else if (words[0] === 'Anywhere') words.shift();
  const portText = words.join(' ');
  if (portText !== '') {
    if (PORTS.test(portText)) {
      const [ports, protocol] = portText.split('/');
      result.ports = ports;
      if (protocol === 'tcp' || protocol === 'udp') result.protocol = protocol;
    } else result.application = portText;
  }
  return { endpoint: result, v6, ...(iface ? { iface } : {}) };
}

export const ufwStatusParser: ArtifactParser<UfwStatus> = {
  kind: 'ufw-status',
  description: 'ufw status / status verbose / status numbered',
  pathPatterns: ['commands/ufw_status*', 'sos_commands/ufw/ufw_status*', 'sos_commands/*/ufw_status*', '**/ufw_status*.txt'],
  sniff: (head) => /^Status: (active|inactive)\r?$/m.test(head) && (/^\s*To\s+Action\s+From\r?$/m.test(head) || /^Status: inactive\r?\n?$/.test(head.trim())),
  parse: parseUfwStatus,
};
