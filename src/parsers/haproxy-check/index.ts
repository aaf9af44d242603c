// `haproxy -c -f CFG` output: the verdict and each ALERT/WARNING with the config file and line it names.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

export interface HaproxyCheckMessage {
  line: number;
  level: 'ALERT' | 'WARNING' | 'NOTICE';
  message: string;
  /** `parsing [/etc/haproxy/haproxy.cfg:12]` → the config file and line the message is about. */
  configFile?: string;
  configLine?: number;
}

export interface HaproxyCheck {
  /** valid: "Configuration file is valid"; invalid: fatal errors; no-listener: valid but nothing to bind (exit 2). */
  verdict?: 'valid' | 'invalid' | 'no-listener';
  verdictLine?: number;
  messages: HaproxyCheckMessage[];
}

// `[ALERT]    (31264) : config : parsing [/tmp/bad.cfg:4] : unknown keyword ...` (2.6); older versions omit `(pid)`.
const MESSAGE = /^\[(ALERT|WARNING|NOTICE)\]\s*(?:\(\d+\)\s*)?:\s?(.*)$/;
const LOCATION = /\[([^\]:]+):(\d+)\]/;

export function parseHaproxyCheck(text: string): ParseOutput<HaproxyCheck> {
  const value: HaproxyCheck = { messages: [] };
  const diagnostics: Diagnostic[] = [];
  for (const { line, text: raw } of splitLines(text)) {
    const lineText = raw.trim();
    if (lineText === '') continue;
    const message = MESSAGE.exec(lineText);
    if (message) {
      const record: HaproxyCheckMessage = { line, level: message[1] as HaproxyCheckMessage['level'], message: message[2] ?? '' };
      const location = LOCATION.exec(record.message);
      if (location) {
        record.configFile = location[1];
        record.configLine = Number(location[2]);
      }
      value.messages.push(record);
      if (record.level === 'ALERT' && /Fatal errors found|Error\(s\) found/.test(record.message)) {
        value.verdict = 'invalid';
        value.verdictLine ??= line;
      }
    } else if (lineText.startsWith('|') && value.messages.length > 0) {
      // HAProxy continues a long message on lines starting with `|`.
      const previous = value.messages[value.messages.length - 1]!;
      previous.message += ` ${lineText.slice(1).trim()}`;
    } else if (lineText === 'Warnings were found.') {
      continue;
    } else if (lineText.startsWith('Configuration file is valid')) {
      value.verdict ??= 'valid';
      value.verdictLine ??= line;
    } else if (lineText.startsWith('Configuration file has no error but will not start')) {
      value.verdict = 'no-listener';
      value.verdictLine = line;
    } else {
      diagnostics.push({ line, severity: 'info', message: `line not understood: "${lineText.slice(0, 80)}"` });
    }
  }
  const ok = value.verdict !== undefined || value.messages.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no haproxy -c verdict or message found' });
  return { ok, value, diagnostics };
}

export const haproxyCheckParser: ArtifactParser<HaproxyCheck> = {
  kind: 'haproxy-check',
  description: 'haproxy -c -f CFG output (verdict, ALERT/WARNING lines with their config line)',
  pathPatterns: ['commands/haproxy_-c*', 'commands/haproxy_*_-c', 'commands/haproxy_*_-c_*', 'sos_commands/haproxy/haproxy_*-c*'],
  sniff: (head) => /^Configuration file (is valid|has no error)/m.test(head) || /^\[(ALERT|WARNING)\]\s*(\(\d+\)\s*)?: config : /m.test(head),
  parse: parseHaproxyCheck,
};
