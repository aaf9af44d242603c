// Resource limits: `/proc/<pid>/limits`, `ulimit -a` (bash and dash wordings) and a bare `ulimit -n` value.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { LimitRecord, LimitsListing } from '../../model/host-state.js';
import { contentLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

/** `/proc/<pid>/limits` names (fs/proc/base.c lnames) -> RLIMIT key. */
const PROC_KEYS: Record<string, string> = {
  'Max cpu time': 'cpu', 'Max file size': 'fsize', 'Max data size': 'data', 'Max stack size': 'stack',
  'Max core file size': 'core', 'Max resident set': 'rss', 'Max processes': 'nproc', 'Max open files': 'nofile',
  'Max locked memory': 'memlock', 'Max address space': 'as', 'Max file locks': 'locks', 'Max pending signals': 'sigpending',
  'Max msgqueue size': 'msgqueue', 'Max nice priority': 'nice', 'Max realtime priority': 'rtprio', 'Max realtime timeout': 'rttime',
};
/** bash `ulimit -a` option letters -> RLIMIT key. */
const OPTION_KEYS: Record<string, string> = {
  c: 'core', d: 'data', e: 'nice', f: 'fsize', i: 'sigpending', l: 'memlock', m: 'rss', n: 'nofile', q: 'msgqueue',
  r: 'rtprio', s: 'stack', t: 'cpu', u: 'nproc', v: 'as', x: 'locks', R: 'rttime', k: 'kqueues', b: 'sbsize', P: 'npts',
};
/** dash `ulimit -a` names (the unit in parentheses removed) -> RLIMIT key. */
const DASH_KEYS: Record<string, string> = {
  time: 'cpu', file: 'fsize', data: 'data', stack: 'stack', coredump: 'core', memory: 'rss', 'locked memory': 'memlock',
  process: 'nproc', nofiles: 'nofile', vmemory: 'as', locks: 'locks', rtprio: 'rtprio', nice: 'nice', sigpending: 'sigpending',
  msgqueue: 'msgqueue', rttime: 'rttime',
};

function limitValue(word: string | undefined): number | null | undefined {
  if (word === undefined) return undefined;
  if (word === 'unlimited' || word === 'infinity') return null;
  return /^\d{1,20}$/.test(word) ? Number(word) : undefined;
}

export function parseLimits(text: string): ParseOutput<LimitsListing> {
  const diagnostics: Diagnostic[] = [];
  const value: LimitsListing = { limits: [] };
  let content = 0;
  for (const { line, text: lineText } of contentLines(text, diagnostics)) {
    content++;
    if (/^Limit\s+Soft Limit\s+Hard Limit\s+Units$/.test(lineText)) {
      value.form ??= 'proc';
      continue;
    }
    const proc = procLine(lineText, line);
    const ulimit = proc ? undefined : (bashLine(lineText, line) ?? dashLine(lineText, line));
    const bare = proc || ulimit ? undefined : bareValue(lineText, line, content);
    const record = proc ?? ulimit ?? bare;
    if (record) {
      value.form ??= proc ? 'proc' : ulimit ? 'ulimit-a' : 'ulimit-value';
      value.limits.push(record);
    } else {
      diagnostics.push({ line, severity: 'warning', message: `not a limit line: "${lineText.slice(0, 80)}"` });
    }
  }
  const ok = content === 0 || value.limits.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no limit recognised (/proc/<pid>/limits, ulimit -a, ulimit -n)' });
  return { ok, value, diagnostics };
}

/** `Max open files            4096                 4096                 files` (units may be absent). */
function procLine(lineText: string, line: number): LimitRecord | undefined {
  const tokens = lineText.split(/\s+/);
  if (tokens[0] !== 'Max' || tokens.length < 4) return undefined;
  let units: string | undefined;
  let end = tokens.length;
  if (limitValue(tokens[end - 1]) === undefined) units = tokens[--end];
  const soft = limitValue(tokens[end - 2]);
  const hard = limitValue(tokens[end - 1]);
  if (soft === undefined || hard === undefined || end - 2 < 2) return undefined;
  const name = tokens.slice(0, end - 2).join(' ');
  const record: LimitRecord = { line, name, soft, hard };
  const key = PROC_KEYS[name];
  if (key) record.key = key;
  if (units) record.units = units;
  return record;
}

/** bash: `open files                          (-n) 20000`, `core file size              (blocks, -c) 0`. */
function bashLine(lineText: string, line: number): LimitRecord | undefined {
  const close = lineText.lastIndexOf(')');
  const open = close === -1 ? -1 : lineText.lastIndexOf('(', close);
  if (open <= 0) return undefined;
  const inside = lineText.slice(open + 1, close);
  const option = /(?:^|, )-([a-zA-Z])$/.exec(inside)?.[1];
  const soft = limitValue(lineText.slice(close + 1).trim());
  if (!option || soft === undefined) return undefined;
  const record: LimitRecord = { line, name: lineText.slice(0, open).trim(), soft, option: `-${option}` };
  const key = OPTION_KEYS[option];
  if (key) record.key = key;
  const unit = inside.includes(',') ? inside.slice(0, inside.lastIndexOf(',')).trim() : undefined;
  if (unit) record.units = unit;
  return record;
}

/** dash: `nofiles              1024`, `locked memory(kbytes) 8192`, `time(seconds)        unlimited`. */
function dashLine(lineText: string, line: number): LimitRecord | undefined {
  const space = lineText.lastIndexOf(' ');
  if (space <= 0) return undefined;
  const soft = limitValue(lineText.slice(space + 1));
  if (soft === undefined) return undefined;
  const label = lineText.slice(0, space).trim();
  const paren = label.indexOf('(');
  const name = paren === -1 ? label : label.slice(0, paren);
  const key = DASH_KEYS[name];
  if (!key) return undefined;
  const record: LimitRecord = { line, name: label, key, soft };
  if (paren !== -1 && label.endsWith(')')) record.units = label.slice(paren + 1, -1);
  return record;
}

/** `ulimit -n` prints one number (or `unlimited`): taken as the soft open-files limit. */
function bareValue(lineText: string, line: number, content: number): LimitRecord | undefined {
  const soft = limitValue(lineText);
  if (soft === undefined || content !== 1) return undefined;
  return { line, name: 'open files', key: 'nofile', soft };
}

export const limitsParser: ArtifactParser<LimitsListing> = {
  kind: 'limits',
  description: 'resource limits: /proc/<pid>/limits, ulimit -a (bash, dash), ulimit -n',
  pathPatterns: ['proc/*/limits', 'commands/cat_.proc.*.limits', 'commands/ulimit_*', 'commands/sh_-c_ulimit*', 'commands/bash_-c_ulimit*', '**/limits-*.txt', '**/ulimit*.txt'],
  sniff: (head) => /^Limit\s+Soft Limit\s+Hard Limit\s+Units/m.test(head) || /^open files\s+\(-n\)\s/m.test(head) || /^nofiles\s+(\d+|unlimited)$/m.test(head),
  parse: parseLimits,
};
