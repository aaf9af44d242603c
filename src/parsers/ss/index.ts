// `ss` socket listings (-tulpn, -tlnp, -tan, -tunap and their -H variants) into socket records.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { SocketProcess, SocketRecord } from '../../model/network.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';
import { parseSocketEndpoint } from './endpoint.js';

export { parseSsSummary, ssSummaryParser } from './summary.js';

const NETIDS = new Set(['tcp', 'udp', 'raw', 'sctp', 'dccp', 'mptcp', 'u_str', 'u_dgr', 'u_seq', 'p_raw', 'p_dgr', 'nl', 'v_str', 'v_dgr', 'xdp', 'tipc']);
const STATES = new Set([
  'LISTEN', 'ESTAB', 'UNCONN', 'TIME-WAIT', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT',
  'LAST-ACK', 'CLOSING', 'CLOSED', 'UNKNOWN', 'NEW-SYN-RECV', 'BOUND', 'CONNECTED',
]);
const PROCESS_ENTRY = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=(\d+)\)/g;

/** Socket families a HAProxy diagnosis never asks about: counted, not recorded (ss -a / -peaonmi print them). */
const NON_INET_NETIDS = new Set(['u_str', 'u_dgr', 'u_seq', 'p_raw', 'p_dgr', 'nl', 'v_str', 'v_dgr', 'xdp', 'tipc']);
/**
 * What ss writes on stderr (merged into sosreport's captures) when a cgroup, a netlink family or a kernel
 * module is missing: informational, the listing itself is complete.
 */
const INFORMATIONAL = /^(Failed to find cgroup2 mount|RTNETLINK answers: |Cannot open netlink socket|Cannot receive |Warning: )/;

export interface SsListing {
  /** 1-based line of the column header, when printed (evidence for "nothing listens here"). */
  headerLine?: number;
  headerText?: string;
  sockets: SocketRecord[];
  /** Unix, netlink, packet, vsock ... sockets seen and left out (ss -a, ss -peaonmi). */
  nonInetSockets?: number;
}

export function parseSs(text: string): ParseOutput<SsListing> {
  const diagnostics: Diagnostic[] = [];
  const value: SsListing = { sockets: [] };
  let contentLines = 0;
  let summaryLine: number | undefined;
  // The previous line was a socket record (or a skipped non-inet socket): an indented line continues it
  // (sosreport's `ss -peaonmi` prints `skmem:(...)`, `bbr cwnd:10`, timers on a second, tab-indented line).
  let afterSocket = false;
  for (const { line, text: raw, truncated } of splitLines(text)) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    const lineText = raw.trim();
    if (lineText === '') continue;
    contentLines++;
    if (/^(Netid\s+)?State\s+Recv-Q\s+Send-Q\b/.test(lineText)) {
      value.headerLine ??= line;
      value.headerText ??= raw;
      afterSocket = false;
      continue;
    }
    const indented = raw.charCodeAt(0) === 9 || raw.charCodeAt(0) === 32;
    const firstToken = lineText.slice(0, lineText.search(/\s|$/));
    if (NON_INET_NETIDS.has(firstToken)) {
      value.nonInetSockets = (value.nonInetSockets ?? 0) + 1;
      afterSocket = true;
      continue;
    }
    const record = parseSocketLine(lineText, line);
    if (record) {
      value.sockets.push(record);
      afterSocket = true;
      continue;
    }
    if (indented && afterSocket) continue;
    afterSocket = false;
    if (INFORMATIONAL.test(lineText)) {
      diagnostics.push({ line, severity: 'info', message: `ss said: "${lineText.slice(0, 80)}"` });
      continue;
    }
    if (/^Total: \d+/.test(lineText)) summaryLine ??= line;
    diagnostics.push({ line, severity: 'warning', message: `not a socket line: "${lineText.slice(0, 80)}"` });
  }
  const ok = contentLines === 0 || value.sockets.length > 0 || value.headerLine !== undefined;
  if (!ok) {
    const message = summaryLine !== undefined ? 'this is `ss -s` summary output: the ss-summary kind reads it' : 'no ss header and no socket line recognised';
    diagnostics.unshift({ line: summaryLine ?? 1, severity: 'error', message });
  }
  return { ok, value, diagnostics };
}

function parseSocketLine(lineText: string, line: number): SocketRecord | undefined {
  const tokens = lineText.split(/\s+/);
  let index = 0;
  let netid: string | undefined;
  if (NETIDS.has(tokens[0] ?? '')) netid = tokens[index++];
  const state = tokens[index++] ?? '';
  if (!STATES.has(state)) return undefined;
  const recvQ = Number(tokens[index++]);
  const sendQ = Number(tokens[index++]);
  if (!Number.isInteger(recvQ) || !Number.isInteger(sendQ)) return undefined;
  const local = parseSocketEndpoint(tokens[index++] ?? '');
  const peer = parseSocketEndpoint(tokens[index++] ?? '');
  if (!local || !peer) return undefined;
  const rest = tokens.slice(index).join(' ');
  const processes: SocketProcess[] = [];
  for (const match of rest.matchAll(PROCESS_ENTRY)) {
    processes.push({ name: match[1] ?? '', pid: Number(match[2]), fd: Number(match[3]) });
  }
  const record: SocketRecord = { line, state, recvQ, sendQ, local, peer, processes };
  if (netid) record.netid = netid;
  return record;
}

export const ssParser: ArtifactParser<SsListing> = {
  kind: 'ss',
  description: 'ss socket listings (-tulpn, -tlnp, -tan, -tunap, sosreport\'s two-line -peaonmi)',
  pathPatterns: ['commands/ss_*', 'sos_commands/networking/ss_-t*', 'sos_commands/networking/ss_-u*', 'sos_commands/networking/ss_-p*', 'sos_commands/networking/ss_-a*', '**/ss-*.txt', '**/ss_*.txt'],
  sniff: (head) => /^(Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local Address:Port/m.test(head),
  parse: parseSs,
};
