// net-tools `netstat` listings (-an, -tulpn, -neopa, -W) into the socket records ss produces.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { SocketEndpoint, SocketProcess, SocketRecord } from '../../model/network.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';
import type { SsListing } from '../ss/index.js';

// netstat's state names, mapped to ss's so rules read one vocabulary.
const STATES: Record<string, string> = {
  LISTEN: 'LISTEN', ESTABLISHED: 'ESTAB', TIME_WAIT: 'TIME-WAIT', SYN_SENT: 'SYN-SENT', SYN_RECV: 'SYN-RECV',
  FIN_WAIT1: 'FIN-WAIT-1', FIN_WAIT2: 'FIN-WAIT-2', CLOSE_WAIT: 'CLOSE-WAIT', LAST_ACK: 'LAST-ACK', CLOSING: 'CLOSING',
  CLOSE: 'CLOSED', UNKNOWN: 'UNKNOWN',
};
const PROTOCOLS: Record<string, string> = { tcp: 'tcp', tcp6: 'tcp', udp: 'udp', udp6: 'udp', udpl: 'udp', udpl6: 'udp', raw: 'raw', raw6: 'raw', sctp: 'sctp' };

export function parseNetstat(text: string): ParseOutput<SsListing> {
  const diagnostics: Diagnostic[] = [];
  const value: SsListing = { sockets: [] };
  let contentLines = 0;
  // Sections after the Internet one (UNIX domain, Bluetooth) are not sockets rules read.
  let inInternetSection = true;
  let sawNetstat = false;
  for (const { line, text: raw, truncated } of splitLines(text)) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    const lineText = raw.trim();
    if (lineText === '') continue;
    contentLines++;
    if (lineText.startsWith('Active ')) {
      sawNetstat = true;
      inInternetSection = lineText.startsWith('Active Internet connections');
      continue;
    }
    if (!inInternetSection) continue;
    if (/^Proto\s+Recv-Q\s+Send-Q\s+Local Address/.test(lineText)) {
      value.headerLine ??= line;
      value.headerText ??= raw;
      continue;
    }
    const record = readSocketLine(lineText, line);
    if (record) value.sockets.push(record);
    else diagnostics.push({ line, severity: 'warning', message: `not a netstat socket line: "${lineText.slice(0, 80)}"` });
  }
  const ok = contentLines === 0 || value.sockets.length > 0 || value.headerLine !== undefined || sawNetstat;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no netstat header and no socket line recognised' });
  return { ok, value, diagnostics };
}

function readSocketLine(lineText: string, line: number): SocketRecord | undefined {
  const tokens = lineText.split(/\s+/);
  const netid = PROTOCOLS[tokens[0] ?? ''];
  if (!netid || tokens.length < 5) return undefined;
  const recvQ = Number(tokens[1]);
  const sendQ = Number(tokens[2]);
  if (!Number.isInteger(recvQ) || !Number.isInteger(sendQ)) return undefined;
  const local = readEndpoint(tokens[3] ?? '');
  const peer = readEndpoint(tokens[4] ?? '');
  if (!local || !peer) return undefined;
  let index = 5;
  let state = STATES[tokens[index] ?? ''];
  if (state) index++;
  else if (netid === 'udp' || netid === 'raw') state = 'UNCONN';
  else return undefined;
  const processes: SocketProcess[] = [];
  // -p: `PID/Program name` (or `-`); -e adds User and Inode before it, -o a Timer column after it.
  for (let i = index; i < tokens.length; i++) {
    const m = /^(\d+)\/(.+)$/.exec(tokens[i] ?? '');
    if (m) {
      processes.push({ name: m[2] ?? '', pid: Number(m[1]) });
      break;
    }
  }
  return { line, netid, state, recvQ, sendQ, local, peer, processes };
}

/** `0.0.0.0:*`, `:::9000`, `::1:9001`, `fe80::1%eth0:546`, `10.0.0.1:http` (without -n). */
export function readEndpoint(token: string): SocketEndpoint | undefined {
  const colon = token.lastIndexOf(':');
  if (colon <= 0 || colon === token.length - 1) return undefined;
  let address = token.slice(0, colon);
  const portText = token.slice(colon + 1);
  const endpoint: SocketEndpoint = { address };
  const percent = address.indexOf('%');
  if (percent !== -1) {
    endpoint.scope = address.slice(percent + 1);
    address = address.slice(0, percent);
    endpoint.address = address;
  }
  if (address === '') return undefined;
  if (/^\d{1,5}$/.test(portText)) endpoint.port = Number(portText);
  else endpoint.portName = portText;
  return endpoint;
}

export const netstatParser: ArtifactParser<SsListing> = {
  kind: 'netstat',
  description: 'net-tools netstat socket listings (-an, -tulpn, -neopa, -W)',
  pathPatterns: ['commands/netstat_*', 'sos_commands/networking/netstat_*'],
  sniff: (head) => /^Active Internet connections/m.test(head) || /^Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address/m.test(head),
  parse: parseNetstat,
};
