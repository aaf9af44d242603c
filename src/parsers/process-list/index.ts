// `ps` listings with a header line (`ps -eo pid,user,comm,args`, `ps aux`, `ps -ef`, sosreport's `ps auxwww`,
// `ps -elfL`): one record per process, the last (command line) column taking the rest of the line.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { ProcessRecord } from '../../model/host-state.js';
import { contentLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

export interface ProcessListing {
  headerLine?: number;
  columns: string[];
  processes: ProcessRecord[];
}

const COMMAND_HEADERS = new Set(['COMMAND', 'CMD', 'ARGS']);
const MAX_COLUMNS = 40;

function isHeader(tokens: string[]): boolean {
  return (
    tokens.length >= 2 &&
    tokens.length <= MAX_COLUMNS &&
    tokens.includes('PID') &&
    tokens.every((token) => /^[A-Z%_:]+$/.test(token))
  );
}

export function parseProcessList(text: string): ParseOutput<ProcessListing> {
  const diagnostics: Diagnostic[] = [];
  const value: ProcessListing = { columns: [], processes: [] };
  let content = 0;
  for (const { line, text: lineText } of contentLines(text, diagnostics)) {
    content++;
    if (value.headerLine === undefined) {
      const tokens = lineText.split(/\s+/);
      if (isHeader(tokens)) {
        value.headerLine = line;
        value.columns = tokens;
      } else {
        diagnostics.push({ line, severity: 'warning', message: `before the ps header: "${lineText.slice(0, 80)}"` });
      }
      continue;
    }
    const record = processLine(lineText, line, value.columns);
    if (record) value.processes.push(record);
    else diagnostics.push({ line, severity: 'warning', message: `not a process line: "${lineText.slice(0, 80)}"` });
  }
  const ok = content === 0 || value.headerLine !== undefined;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no ps header line (PID ... COMMAND) found' });
  return { ok, value, diagnostics };
}

function processLine(lineText: string, line: number, columns: string[]): ProcessRecord | undefined {
  const last = columns.length - 1;
  const lastIsCommand = COMMAND_HEADERS.has(columns[last] ?? '');
  // split off the first `last` fields; the last column (a command line with spaces) is the rest
  const fields: string[] = [];
  let index = 0;
  const length = lineText.length;
  while (fields.length < (lastIsCommand ? last : columns.length) && index < length) {
    while (index < length && (lineText.charCodeAt(index) === 32 || lineText.charCodeAt(index) === 9)) index++;
    const start = index;
    while (index < length && lineText.charCodeAt(index) !== 32 && lineText.charCodeAt(index) !== 9) index++;
    if (index > start) fields.push(lineText.slice(start, index));
  }
  if (lastIsCommand) {
    const rest = lineText.slice(index).trim();
    if (rest !== '') fields.push(rest);
  }
  // the command column may be empty only when it is the last one; anything else short is not a row
  if (fields.length < last || (!lastIsCommand && fields.length < columns.length)) return undefined;
  const record: ProcessRecord = { line };
  const commandColumns = columns.map((column, at) => (COMMAND_HEADERS.has(column) ? at : -1)).filter((at) => at >= 0);
  for (const [at, column] of columns.entries()) {
    const field = fields[at];
    if (field === undefined) continue;
    if (column === 'PID' || column === 'PPID') {
      if (!/^\d{1,10}$/.test(field)) return undefined;
      record[column === 'PID' ? 'pid' : 'ppid'] = Number(field);
    } else if (column === 'USER' || column === 'RUSER' || column === 'EUSER' || (column === 'UID' && !/^\d+$/.test(field))) {
      record.user ??= field;
    } else if (COMMAND_HEADERS.has(column)) {
      // `ps -eo comm,args` prints COMMAND twice: the first is comm, the last args; a single last one is args
      if (commandColumns.length > 1 && at !== commandColumns[commandColumns.length - 1]) record.comm = field;
      else record.args = field;
    } else {
      (record.extra ??= {})[column] = field;
    }
  }
  return record.pid === undefined ? undefined : record;
}

export const processListParser: ArtifactParser<ProcessListing> = {
  kind: 'process-list',
  description: 'ps listings with a header (ps -eo pid,user,comm,args, ps aux, ps -ef, ps -elfL)',
  pathPatterns: ['commands/ps_*', 'sos_commands/process/ps_*', '**/ps-*.txt', '**/ps_*.txt'],
  sniff: (head) => {
    const first = head.split('\n', 1)[0]?.trim() ?? '';
    const tokens = first.split(/\s+/);
    return isHeader(tokens) && COMMAND_HEADERS.has(tokens[tokens.length - 1] ?? '');
  },
  parse: parseProcessList,
};
