// HAProxy stats socket dumps: `show stat` CSV, `show info`, `show servers state`.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { HaproxyInfo, HaproxyServersState, HaproxyStats, ServerState, StatsRow, StatsRowType } from '../../model/haproxy-stats.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

const ROW_TYPES: Record<string, StatsRowType> = { '0': 'frontend', '1': 'backend', '2': 'server', '3': 'listener' };
const NUMERIC: [keyof StatsRow, string][] = [
  ['scur', 'scur'], ['smax', 'smax'], ['slim', 'slim'], ['qcur', 'qcur'], ['qmax', 'qmax'], ['stot', 'stot'], ['econ', 'econ'],
  ['eresp', 'eresp'], ['chkfail', 'chkfail'], ['chkdown', 'chkdown'], ['lastchg', 'lastchg'], ['downtime', 'downtime'],
  ['checkCode', 'check_code'], ['hrsp5xx', 'hrsp_5xx'],
];
// The socket's own complaints (wrong level, unknown command) come back as text instead of the dump.
const SOCKET_ERROR_TEXT = /^(Unknown command|Permission denied|.*: No such file or directory|.*Connection refused)/;
const SOCKET_ERROR = { test: (line: string) => !line.includes(',') && SOCKET_ERROR_TEXT.test(line) };

export function parseHaproxyStats(text: string): ParseOutput<HaproxyStats> {
  const diagnostics: Diagnostic[] = [];
  const value: HaproxyStats = { columns: [], rows: [] };
  let contentLines = 0;
  for (const { line, text: raw, truncated } of splitLines(text)) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    const lineText = raw.trim();
    if (lineText === '') continue;
    contentLines++;
    if (lineText.startsWith('# pxname,svname,')) {
      value.headerLine ??= line;
      if (value.columns.length === 0) value.columns = lineText.slice(2).split(',');
      continue;
    }
    if (SOCKET_ERROR.test(lineText)) {
      diagnostics.push({ line, severity: 'error', message: `stats socket error: "${lineText.slice(0, 120)}"` });
      continue;
    }
    const row = value.columns.length > 0 ? readRow(lineText, line, value.columns) : undefined;
    if (row) value.rows.push(row);
    else diagnostics.push({ line, severity: 'warning', message: value.columns.length === 0 ? 'stats row before the "# pxname,svname,..." header' : `not a stats CSV row: "${lineText.slice(0, 80)}"` });
  }
  const ok = contentLines === 0 || value.headerLine !== undefined;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no "# pxname,svname,..." header' });
  return { ok, value, diagnostics };
}

function readRow(lineText: string, line: number, columns: string[]): StatsRow | undefined {
  const cells = lineText.split(',');
  // Every row ends with a trailing comma, so a complete row has at least as many cells as the header.
  if (cells.length < Math.min(columns.length, 33)) return undefined;
  const fields: Record<string, string> = {};
  columns.forEach((name, i) => {
    if (name !== '') fields[name] = cells[i] ?? '';
  });
  const name = fields.svname ?? '';
  const type = ROW_TYPES[fields.type ?? ''] ?? (name === 'FRONTEND' ? 'frontend' : name === 'BACKEND' ? 'backend' : 'server');
  if ((fields.pxname ?? '') === '' || name === '') return undefined;
  const row: StatsRow = { line, proxy: fields.pxname ?? '', name, type, status: fields.status ?? '', fields };
  for (const [key, column] of NUMERIC) {
    const cell = fields[column];
    if (cell !== undefined && /^-?\d+$/.test(cell)) (row as unknown as Record<string, number>)[key] = Number(cell);
  }
  const check = (fields.check_status ?? '').replace(/^\* /, '');
  if (check !== '') row.checkStatus = check;
  if (fields.check_desc) row.checkDesc = fields.check_desc;
  if (fields.addr) row.addr = fields.addr;
  return row;
}

export function parseHaproxyInfo(text: string): ParseOutput<HaproxyInfo> {
  const diagnostics: Diagnostic[] = [];
  const value: HaproxyInfo = { fields: {} };
  let contentLines = 0;
  for (const { line, text: raw } of splitLines(text)) {
    const lineText = raw.trim();
    if (lineText === '') continue;
    contentLines++;
    const m = /^([A-Za-z][\w. -]*): ?(.*)$/.exec(lineText);
    if (!m) {
      diagnostics.push({ line, severity: SOCKET_ERROR.test(lineText) ? 'error' : 'warning', message: `not a "Name: value" line: "${lineText.slice(0, 80)}"` });
      continue;
    }
    value.fields[m[1] ?? ''] = { value: m[2] ?? '', line };
  }
  const number = (key: string) => {
    const field = value.fields[key]?.value;
    return field !== undefined && /^\d+$/.test(field) ? Number(field) : undefined;
  };
  if (value.fields.Version) value.version = value.fields.Version.value;
  const maxconn = number('Maxconn');
  const currConns = number('CurrConns');
  const uptimeSec = number('Uptime_sec');
  if (maxconn !== undefined) value.maxconn = maxconn;
  if (currConns !== undefined) value.currConns = currConns;
  if (uptimeSec !== undefined) value.uptimeSec = uptimeSec;
  const ok = contentLines === 0 || value.fields.Name !== undefined || value.version !== undefined;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no "Name:" or "Version:" line' });
  return { ok, value, diagnostics };
}

const OP_STATES: ServerState['opStateName'][] = ['DOWN', 'STARTING', 'UP', 'STOPPING'];

export function parseServersState(text: string): ParseOutput<HaproxyServersState> {
  const diagnostics: Diagnostic[] = [];
  const value: HaproxyServersState = { servers: [] };
  let columns: string[] = [];
  let contentLines = 0;
  for (const { line, text: raw } of splitLines(text)) {
    const lineText = raw.trim();
    if (lineText === '') continue;
    contentLines++;
    if (value.version === undefined && value.headerLine === undefined && /^\d+$/.test(lineText)) {
      value.version = Number(lineText);
      continue;
    }
    if (lineText.startsWith('# be_id ')) {
      value.headerLine ??= line;
      columns = lineText.slice(2).split(/\s+/);
      continue;
    }
    const server = columns.length > 0 ? readServer(lineText, line, columns) : undefined;
    if (server) value.servers.push(server);
    else diagnostics.push({ line, severity: SOCKET_ERROR.test(lineText) ? 'error' : 'warning', message: `not a server state line: "${lineText.slice(0, 80)}"` });
  }
  const ok = contentLines === 0 || value.headerLine !== undefined;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no "# be_id be_name ..." header' });
  return { ok, value, diagnostics };
}

function readServer(lineText: string, line: number, columns: string[]): ServerState | undefined {
  const cells = lineText.split(/\s+/);
  if (cells.length < Math.min(columns.length, 19)) return undefined;
  const fields: Record<string, string> = {};
  columns.forEach((name, i) => {
    fields[name] = cells[i] ?? '';
  });
  const opState = Number(fields.srv_op_state);
  const adminState = Number(fields.srv_admin_state);
  if (!Number.isInteger(opState) || !Number.isInteger(adminState) || !fields.be_name || !fields.srv_name) return undefined;
  const server: ServerState = {
    line, backend: fields.be_name, server: fields.srv_name, address: fields.srv_addr ?? '',
    opState, opStateName: OP_STATES[opState] ?? 'UNKNOWN', adminState,
    // Any of the maintenance bits (forced, inherited, config `disabled`, resolution, health-check-forced).
    maintenance: (adminState & (0x01 | 0x02 | 0x04 | 0x20 | 0x40)) !== 0,
    fields,
  };
  if (/^\d{1,5}$/.test(fields.srv_port ?? '')) server.port = Number(fields.srv_port);
  if (/^\d+$/.test(fields.srv_time_since_last_change ?? '')) server.secondsSinceLastChange = Number(fields.srv_time_since_last_change);
  if (/^\d+$/.test(fields.srv_check_status ?? '')) server.checkStatus = Number(fields.srv_check_status);
  return server;
}

export const haproxyStatsParser: ArtifactParser<HaproxyStats> = {
  kind: 'haproxy-stats',
  description: 'HAProxy `show stat` CSV from the stats socket (or the stats page ;csv export)',
  pathPatterns: ['commands/*show_stat', 'commands/*show_stat_*', 'commands/*show_stat.txt', '**/haproxy-stat*.csv', '**/show_stat*.txt'],
  sniff: (head) => /^# pxname,svname,/m.test(head),
  parse: parseHaproxyStats,
};

export const haproxyInfoParser: ArtifactParser<HaproxyInfo> = {
  kind: 'haproxy-info',
  description: 'HAProxy `show info` from the stats socket',
  pathPatterns: ['commands/*show_info*', '**/show_info*.txt'],
  sniff: (head) => /^Name: HAProxy$/m.test(head) && /^Version: /m.test(head),
  parse: parseHaproxyInfo,
};

export const haproxyServersStateParser: ArtifactParser<HaproxyServersState> = {
  kind: 'haproxy-servers-state',
  description: 'HAProxy `show servers state` (also the server-state-file format)',
  pathPatterns: ['commands/*show_servers_state*', '**/show_servers_state*.txt', '**/server-state*', 'var/lib/haproxy/server-state*'],
  sniff: (head) => /^# be_id be_name srv_id srv_name srv_addr srv_op_state/m.test(head),
  parse: parseServersState,
};
