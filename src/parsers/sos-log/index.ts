// sos `sos_logs/sos.log`: what sos did not collect, and why (a missing artifact is explained, not a mystery):
// "skipped command 'ss -peaonmi': required kmods missing: ...", "command '...' timed out after 300s",
// "skipping '/var/log/x' over size limit", "skipped copy spec '...' due to predicate (...)".
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

export type SosLogOutcome = 'skipped' | 'timed-out' | 'not-found' | 'over-size-limit';

export interface SosLogEntry {
  line: number;
  /** `2026-11-28 10:17:26` (sos writes local time, no zone). */
  time: string;
  level: string;
  plugin: string;
  /** What was not collected: a command, a file or a copy spec (glob). */
  what: 'command' | 'file' | 'copy-spec';
  /** The command line or path, as sos wrote it. */
  target: string;
  outcome: SosLogOutcome;
  /** sos's reason, e.g. `required kmods missing: nf_tables.` */
  reason: string;
}

export interface SosLog {
  /** `sos report ...` as sos logged it (`executing '...'`). */
  cmdline?: string;
  entries: SosLogEntry[];
}

/** Longest line read; sos lines are short, a longer one is cut (parsers stay linear). */
const MAX_LINE = 16_384;
// Anchored, no nested quantifiers: linear per line.
const HEADER = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}),\d{3} ([A-Z]+): \[([^\]\s]{1,80})\] (.*)$/;
const SKIPPED_COMMAND = /^skipped command '(.*)': (.*)$/;
const TIMED_OUT = /^command '(.*)' timed out after (\d+)s$/;
const NOT_FOUND = /^command '(.*)' not found in (.*)$/;
const OVER_SIZE = /^skipping '(.*)' over size limit$/;
const SKIPPED_BY_PREDICATE = /^skipped (copy spec|cmd output) '(.*)' due to predicate \((.*)\)$/;
const EXECUTING = /^executing '(.*)'$/;

export function parseSosLog(text: string): ParseOutput<SosLog> {
  const diagnostics: Diagnostic[] = [];
  const value: SosLog = { entries: [] };
  let headers = 0;
  let nonEmpty = 0;
  for (const { line, text: raw } of splitLines(text)) {
    if (raw.trim() === '') continue;
    nonEmpty++;
    const header = HEADER.exec(raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw);
    if (!header) continue; // tracebacks and continuation lines of a multi-line message
    headers++;
    const [, time = '', level = '', source = '', message = ''] = header;
    if (source.startsWith('sos.report') || source.startsWith('sosreport')) {
      const executing = EXECUTING.exec(message);
      if (executing && value.cmdline === undefined) value.cmdline = executing[1] ?? '';
      continue;
    }
    if (!source.startsWith('plugin:')) continue;
    const plugin = source.slice('plugin:'.length);
    const entry = (what: SosLogEntry['what'], target: string, outcome: SosLogOutcome, reason: string) =>
      value.entries.push({ line, time, level, plugin, what, target, outcome, reason: reason.trim() });
    let m: RegExpExecArray | null;
    if ((m = SKIPPED_COMMAND.exec(message))) entry('command', m[1] ?? '', 'skipped', m[2] ?? '');
    else if ((m = TIMED_OUT.exec(message))) entry('command', m[1] ?? '', 'timed-out', `timed out after ${m[2]}s`);
    else if ((m = NOT_FOUND.exec(message))) entry('command', m[1] ?? '', 'not-found', `not found in ${m[2]}`);
    else if ((m = OVER_SIZE.exec(message))) entry('file', m[1] ?? '', 'over-size-limit', 'over size limit (--log-size)');
    else if ((m = SKIPPED_BY_PREDICATE.exec(message))) entry(m[1] === 'copy spec' ? 'copy-spec' : 'command', m[2] ?? '', 'skipped', m[3] ?? '');
  }
  if (nonEmpty === 0) {
    diagnostics.push({ line: 1, severity: 'warning', message: 'empty sos.log' });
    return { ok: false, value, diagnostics };
  }
  if (headers === 0) {
    diagnostics.push({ line: 1, severity: 'error', message: 'no sos log line ("YYYY-MM-DD HH:MM:SS,mmm LEVEL: [source] message") recognised' });
    return { ok: false, value, diagnostics };
  }
  return { ok: true, value, diagnostics };
}

/** Why sos did not collect `command` (the command line as sos runs it, e.g. `ss -peaonmi`), if its log says. */
export function whySosSkipped(log: SosLog, command: string): SosLogEntry | undefined {
  return log.entries.find((entry) => entry.what === 'command' && entry.target === command);
}

export const sosLogParser: ArtifactParser<SosLog> = {
  kind: 'sos-log',
  description: "sos's own log sos_logs/sos.log (commands and files it skipped, with sos's reason)",
  pathPatterns: ['sos_logs/sos.log'],
  sniff: (head) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} (INFO|WARNING|ERROR|DEBUG): \[(plugin:|sos\.report|archive:)/m.test(head),
  parse: parseSosLog,
};
