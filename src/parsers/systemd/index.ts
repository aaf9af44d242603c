// `systemctl status UNIT`: unit header, Loaded/Active lines, main PID, Process: lines, and the journal tail,
// whose HAProxy lines (ALERT, WARNING, state changes) become the same records as in haproxy.log.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { SystemdUnitStatus } from '../../model/host-state.js';
import { splitLines } from '../../model/text-lines.js';
import { isJournalMarker, parseJournalLine } from '../journal/index.js';
import type { ArtifactParser } from '../parser.js';

/** What systemctl prints when it cannot answer: the artifact says "unknown", never "not running". */
const UNAVAILABLE = [
  /^System has not been booted with systemd as init system/,
  /^Failed to connect to bus/,
  /^Unit \S+ could not be found\./,
  /^Failed to get properties: /,
  /^(?:bash: |sh: )?(?:line \d+: )?systemctl: (?:command )?not found/,
  /^Running in chroot, ignoring command/,
];
/** The unit header's state bullet: ● (active/inactive), × (failed, systemd >= 248), ○ (inactive), ↻ (reloading), * (no UTF-8). */
const BULLETS = new Set(['●', '×', '○', '↻', '*']);
const FIELD = /^([A-Z][A-Za-z ]{1,20}):\s(.*)$/;
const MAX_OTHER_DIAGNOSTICS = 50;

export function parseSystemctlStatus(text: string): ParseOutput<SystemdUnitStatus> {
  const diagnostics: Diagnostic[] = [];
  const value: SystemdUnitStatus = { processes: [], journal: [] };
  let content = 0;
  let inJournal = false;
  let lastField: string | undefined;
  let warned = 0;
  for (const { line, text: raw, truncated } of splitLines(text)) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    const lineText = raw.trim();
    if (lineText === '') {
      // the blank line between the properties and the journal tail
      if (value.unit || value.active) inJournal = true;
      continue;
    }
    content++;
    if (inJournal) {
      if (isJournalMarker(lineText) || lineText.startsWith('Hint: ') || lineText.startsWith('Warning: ')) continue;
      value.journal.push(parseJournalLine(raw, line));
      continue;
    }
    const unavailable = UNAVAILABLE.find((pattern) => pattern.test(lineText));
    if (unavailable) {
      value.unavailable ??= { line, reason: lineText };
      continue;
    }
    const first = lineText.slice(0, lineText.indexOf(' ') === -1 ? lineText.length : lineText.indexOf(' '));
    if (BULLETS.has(first) && lineText.includes(' ', first.length + 1)) {
      if (value.unit) {
        diagnostics.push({ line, severity: 'info', message: 'a second unit: only the first is read' });
        break;
      }
      const rest = lineText.slice(first.length + 1).trim();
      const dash = rest.indexOf(' - ');
      value.unit = dash === -1 ? { line, name: rest } : { line, name: rest.slice(0, dash), description: rest.slice(dash + 3) };
      continue;
    }
    const field = FIELD.exec(lineText);
    if (field) {
      lastField = field[1];
      readField(field[1] ?? '', (field[2] ?? '').trim(), line, value);
      continue;
    }
    // continuation of Docs:, CGroup: (└─123 /usr/sbin/haproxy ...), Process: ... lines
    if (lastField !== undefined && /^(\S|[├└│])/.test(lineText) && raw.startsWith(' ')) continue;
    if (warned++ < MAX_OTHER_DIAGNOSTICS) diagnostics.push({ line, severity: 'warning', message: `not understood: "${lineText.slice(0, 80)}"` });
  }
  if (value.unavailable && !value.unit) {
    diagnostics.push({ line: value.unavailable.line, severity: 'info', message: `systemctl could not answer: ${value.unavailable.reason.slice(0, 100)}` });
  }
  const ok = content === 0 || value.unit !== undefined || value.active !== undefined || value.unavailable !== undefined;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no unit header (● name.service - ...) or Active: line found' });
  else if (value.unit && !value.active) diagnostics.push({ line: value.unit.line, severity: 'warning', message: 'no Active: line: output cut?' });
  return { ok, value, diagnostics };
}

function readField(name: string, text: string, line: number, value: SystemdUnitStatus): void {
  switch (name) {
    case 'Loaded': {
      // loaded (/lib/systemd/system/haproxy.service; enabled; preset: enabled)
      const open = text.indexOf('(');
      const state = (open === -1 ? text : text.slice(0, open)).trim();
      value.loaded = { line, state };
      if (open !== -1) {
        const parts = text.slice(open + 1, text.lastIndexOf(')') > open ? text.lastIndexOf(')') : undefined).split(';').map((part) => part.trim());
        if (parts[0]) value.loaded.path = parts[0];
        if (parts[1]) value.loaded.enabled = parts[1];
      }
      return;
    }
    case 'Active': {
      // failed (Result: exit-code) since Sat 2026-11-28 10:31:02 UTC; 5s ago | active (running) since ...
      const words = text.split(' ');
      const active: NonNullable<SystemdUnitStatus['active']> = { line, state: words[0] ?? '', text };
      const sub = /^\S+ \(([^()]*)\)/.exec(text)?.[1];
      if (sub !== undefined) {
        if (sub.startsWith('Result: ')) active.result = sub.slice(8);
        else active.sub = sub;
      }
      const since = text.indexOf(' since ');
      if (since !== -1) active.since = text.slice(since + 7).split(';')[0]?.trim() ?? '';
      value.active = active;
      return;
    }
    case 'Main PID': {
      // 16779 (haproxy) | 1200 (code=exited, status=0/SUCCESS)
      const pid = /^(\d+)/.exec(text)?.[1];
      if (pid === undefined) return;
      const inner = /\(([^()]*)\)/.exec(text)?.[1];
      const mainPid: NonNullable<SystemdUnitStatus['mainPid']> = { line, pid: Number(pid) };
      if (inner?.startsWith('code=')) mainPid.exited = inner;
      else if (inner !== undefined) mainPid.name = inner;
      value.mainPid = mainPid;
      return;
    }
    case 'Process': {
      // 1234 ExecStartPre=/usr/sbin/haproxy -f $CONFIG -c -q (code=exited, status=1/FAILURE)
      const match = /^(\d+) (.*)$/.exec(text);
      if (!match) return;
      let command = match[2] ?? '';
      let result: string | undefined;
      const open = command.lastIndexOf(' (code=');
      if (open !== -1 && command.endsWith(')')) {
        result = command.slice(open + 2, -1);
        command = command.slice(0, open);
      }
      value.processes.push(result === undefined ? { line, pid: Number(match[1]), command } : { line, pid: Number(match[1]), command, result });
      return;
    }
    default:
      return;
  }
}

export const systemctlStatusParser: ArtifactParser<SystemdUnitStatus> = {
  kind: 'systemd-status',
  description: 'systemctl status UNIT (Active state, main PID, Process: results, journal tail with HAProxy records)',
  pathPatterns: ['commands/systemctl_status*', 'sos_commands/systemd/systemctl_status*', 'sos_commands/haproxy/systemctl_status*', '**/systemctl_status*.txt', '**/systemctl-status*.txt'],
  sniff: (head) => /^\S+ \S+\.service - .*\n\s+Loaded: /m.test(head),
  parse: parseSystemctlStatus,
};
