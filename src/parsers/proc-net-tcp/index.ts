// /proc/net/tcp, tcp6, udp, udp6 (hex addresses and state codes) into the socket records ss produces.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { SocketEndpoint, SocketRecord } from '../../model/network.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

// include/net/tcp_states.h, printed with ss's names.
const TCP_STATES: Record<string, string> = {
  '01': 'ESTAB', '02': 'SYN-SENT', '03': 'SYN-RECV', '04': 'FIN-WAIT-1', '05': 'FIN-WAIT-2', '06': 'TIME-WAIT',
  '07': 'CLOSED', '08': 'CLOSE-WAIT', '09': 'LAST-ACK', '0A': 'LISTEN', '0B': 'CLOSING', '0C': 'NEW-SYN-RECV',
};

export interface ProcNetSocket extends SocketRecord {
  uid: number;
  inode: number;
}

export interface ProcNetTable {
  headerLine?: number;
  /** tcp or udp, from the header (udp tables end in `ref pointer drops`). */
  protocol?: 'tcp' | 'udp';
  sockets: ProcNetSocket[];
}

export function parseProcNetTcp(text: string): ParseOutput<ProcNetTable> {
  const diagnostics: Diagnostic[] = [];
  const value: ProcNetTable = { sockets: [] };
  let contentLines = 0;
  for (const { line, text: raw } of splitLines(text)) {
    const lineText = raw.trim();
    if (lineText === '') continue;
    contentLines++;
    if (/^sl\s+local_address\s+rem(ote)?_address\s+st\b/.test(lineText)) {
      value.headerLine ??= line;
      value.protocol ??= /\bdrops$/.test(lineText) ? 'udp' : 'tcp';
      continue;
    }
    const record = readRow(lineText, line, value.protocol ?? 'tcp');
    if (record) value.sockets.push(record);
    else diagnostics.push({ line, severity: 'warning', message: `not a /proc/net socket row: "${lineText.slice(0, 80)}"` });
  }
  const ok = contentLines === 0 || value.headerLine !== undefined || value.sockets.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no /proc/net/tcp header and no socket row recognised' });
  return { ok, value, diagnostics };
}

function readRow(lineText: string, line: number, protocol: 'tcp' | 'udp'): ProcNetSocket | undefined {
  const tokens = lineText.split(/\s+/);
  if (!/^\d+:$/.test(tokens[0] ?? '') || tokens.length < 10) return undefined;
  const local = readHexEndpoint(tokens[1] ?? '');
  const peer = readHexEndpoint(tokens[2] ?? '');
  const stateCode = (tokens[3] ?? '').toUpperCase();
  const queues = /^([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8})$/.exec(tokens[4] ?? '');
  const uid = Number(tokens[7]);
  const inode = Number(tokens[9]);
  let state = TCP_STATES[stateCode];
  if (protocol === 'udp') state = stateCode === '01' ? 'ESTAB' : stateCode === '07' ? 'UNCONN' : state;
  if (!local || !peer || !state || !queues || !Number.isInteger(uid) || !Number.isInteger(inode)) return undefined;
  return {
    line, netid: protocol, state, local, peer, processes: [], uid, inode,
    sendQ: Number.parseInt(queues[1] ?? '0', 16), recvQ: Number.parseInt(queues[2] ?? '0', 16),
  };
}

/** `0100007F:232B` (IPv4, host byte order: little-endian words) or 32 hex digits for IPv6. */
export function readHexEndpoint(token: string): SocketEndpoint | undefined {
  const m = /^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})$/.exec(token);
  if (!m) return undefined;
  const hex = m[1] ?? '';
  const port = Number.parseInt(m[2] ?? '0', 16);
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    for (let b = 6; b >= 0; b -= 2) bytes.push(Number.parseInt(hex.slice(word + b, word + b + 2), 16));
  }
  const address = bytes.length === 4 ? bytes.join('.') : ipv6Text(bytes);
  const endpoint: SocketEndpoint = { address };
  // Port 0 on the peer of a listener is what ss prints as `*`.
  if (port === 0) endpoint.portName = '*';
  else endpoint.port = port;
  return endpoint;
}

function ipv6Text(bytes: number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  // RFC 5952: compress the longest run of zero groups (length >= 2).
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const text = groups.map((g) => g.toString(16));
  if (bestStart === -1) return text.join(':');
  return `${text.slice(0, bestStart).join(':')}::${text.slice(bestStart + bestLength).join(':')}`;
}

export const procNetTcpParser: ArtifactParser<ProcNetTable> = {
  kind: 'proc-net-tcp',
  description: '/proc/net/tcp, tcp6, udp, udp6 socket tables (hex addresses)',
  pathPatterns: ['proc/net/tcp', 'proc/net/tcp6', 'proc/net/udp', 'proc/net/udp6', 'commands/cat_.proc.net.*'],
  sniff: (head) => /^\s*sl\s+local_address\s+rem(ote)?_address\s+st\s+tx_queue/m.test(head),
  parse: parseProcNetTcp,
};
