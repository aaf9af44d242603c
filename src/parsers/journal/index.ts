// Journal lines (`journalctl -u haproxy` in short, short-iso, short-precise and cat output, and the tail of
// `systemctl status`), read with the haproxy-log parser's syslog header scanner and line parser, so HAProxy's
// ALERT/WARNING/state-change lines found in the journal are the same records as in haproxy.log.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { LogFacts } from '../../model/haproxy-log.js';
import type { JournalEntry } from '../../model/host-state.js';
import { haproxyLogParser, parseLogLine, parseSyslogHeader } from '../haproxy-log/index.js';
import type { ArtifactParser } from '../parser.js';
import { splitLines } from '../../model/text-lines.js';

/** `-- Boot 0123abcd... --`, `-- No entries --`, `-- Logs begin at ..., end at ... --`, `-- Reboot --`. */
export function isJournalMarker(lineText: string): boolean {
  return lineText.length >= 6 && lineText.startsWith('-- ') && lineText.endsWith(' --');
}

/** What journalctl prints instead of entries when it has none to show (stderr merged or not). */
const NO_JOURNAL = /^(No journal files were found\.|No journal files were opened due to insufficient permissions\.|Hint: You are currently not seeing messages from other users and the system\.|Failed to get journal)/;

/** One journal line: `Nov 28 10:31:02 lb haproxy[1234]: message` (or any header the scanner reads; none for -o cat). */
export function parseJournalLine(text: string, line: number, year?: number): JournalEntry {
  const { header, offset } = parseSyslogHeader(text, year);
  const entry: JournalEntry = { line, message: text.slice(offset) };
  if (header.timestamp !== undefined) entry.timestamp = header.timestamp;
  if (header.host !== undefined) entry.host = header.host;
  if (header.program !== undefined) entry.identifier = header.program;
  if (header.pid !== undefined) entry.pid = header.pid;
  const record = parseLogLine(text, year === undefined ? {} : { year });
  if (record) entry.haproxy = record;
  return entry;
}

/**
 * The haproxy-log kind for journal exports: the same records and facts as haproxy.log (so every analyze rule that
 * reads haproxy-log events reads the journal too), plus journalctl's own markers and "no journal" answers taken as
 * information, not as an unreadable log.
 */
export function parseHaproxyJournal(text: string): ParseOutput<LogFacts> {
  const output = haproxyLogParser.parse(text);
  if (output.ok) return output;
  let content = 0;
  let quiet = 0;
  let first: { line: number; text: string } | undefined;
  for (const { line, text: raw } of splitLines(text)) {
    const lineText = raw.trim();
    if (lineText === '') continue;
    content++;
    if (isJournalMarker(lineText) || NO_JOURNAL.test(lineText)) {
      quiet++;
      first ??= { line, text: lineText };
    }
  }
  if (content > 0 && quiet === content && first) {
    const diagnostics: Diagnostic[] = [{ line: first.line, severity: 'info', message: `no journal entries: "${first.text.slice(0, 80)}"` }];
    return { ok: true, value: output.value, diagnostics };
  }
  return output;
}

export const haproxyJournalParser: ArtifactParser<LogFacts> = {
  kind: 'haproxy-log',
  description: "HAProxy's journal (journalctl -u haproxy: short, short-iso, short-precise, cat), read as an HAProxy log",
  pathPatterns: [
    'commands/journalctl_-u_haproxy*',
    'commands/journalctl_*--unit*haproxy*',
    'commands/journalctl_*-u_haproxy*',
    'sos_commands/haproxy/journalctl_*',
    '**/journalctl-haproxy*.txt',
    '**/journalctl_-u_haproxy*.txt',
  ],
  // content sniffing stays with the haproxy-log parser itself
  sniff: () => false,
  parse: parseHaproxyJournal,
};
