// tcpdump text output (-n/-nn, -S, -v/-vv/-vvv, -t/-tt/-tttt, -i any) into packets and per-SYN verdicts.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { Packet, PacketEndpoint, TcpdumpCapture } from '../../model/packets.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';
import { classifySynFlows } from './flows.js';

const CLOCK = /^\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH = /^\d{9,11}\.\d{1,9}$/;
// `-i any` prints the direction after the interface name (libpcap 1.10 LINUX_SLL2).
const DIRECTIONS = new Set(['In', 'Out', 'M', 'B', 'P', 'U']);
// tcpdump without -nn prints some ports by name (its own table plus /etc/services).
const PORT_NAMES: Record<string, number> = {
  http: 80, https: 443, 'http-alt': 8080, webcache: 8080, ssh: 22, domain: 53, smtp: 25, mysql: 3306,
  postgresql: 5432, redis: 6379, ldap: 389, ldaps: 636, ntp: 123, syslog: 514, 'pcsync-https': 8443, cslistener: 9000,
};
const SUMMARY = /^(\d+) packets? (captured|received by filter|dropped by kernel)$/;

interface PacketHead {
  line: number;
  time?: string;
  interface?: string;
  direction?: string;
  family: 'ip' | 'ip6';
}

export function parseTcpdump(text: string): ParseOutput<TcpdumpCapture> {
  const diagnostics: Diagnostic[] = [];
  const value: TcpdumpCapture = { packets: [], flows: [] };
  let sawTcpdump = false;
  let contentLines = 0;
  // An IPv4 -v header (`IP (tos ..., length 60)`) whose addresses come on the next, indented line.
  let pending: PacketHead | undefined;
  for (const { line, text: raw, truncated } of splitLines(text)) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    if (raw.trim() === '') continue;
    contentLines++;
    if (raw.startsWith(' ') || raw.startsWith('\t')) {
      if (pending) {
        const packet = readAddressPart(raw.trim(), pending);
        if (packet) value.packets.push(packet);
        else diagnostics.push({ line, severity: 'warning', message: `verbose packet line not understood: "${raw.trim().slice(0, 80)}"` });
        pending = undefined;
      }
      // Otherwise: decoded payload (-A, -vv HTTP) or the packet quoted inside an ICMP error (-vvv).
      continue;
    }
    if (pending) {
      diagnostics.push({ line: pending.line, severity: 'warning', message: 'verbose packet header without its address line' });
      pending = undefined;
    }
    const lineText = raw.trim();
    const summary = SUMMARY.exec(lineText);
    if (summary) {
      sawTcpdump = true;
      if (summary[2] === 'captured') value.packetsCaptured = Number(summary[1]);
      if (summary[2] === 'dropped by kernel') value.packetsDroppedByKernel = Number(summary[1]);
      continue;
    }
    if (/^(tcpdump: |listening on |reading from file |dropped privs to )/.test(lineText)) {
      sawTcpdump = true;
      if (/^tcpdump: .*(No such device|permission|Operation not permitted|syntax error|don't have permission)/i.test(lineText)) {
        diagnostics.push({ line, severity: 'error', message: `tcpdump failed: "${lineText.slice(0, 120)}"` });
      }
      continue;
    }
    const result = readPacketLine(lineText, line);
    if (result === 'other') continue;
    if (result === undefined) {
      diagnostics.push({ line, severity: 'warning', message: `not a tcpdump packet line: "${lineText.slice(0, 80)}"` });
      continue;
    }
    if ('protocol' in result) value.packets.push(result);
    else pending = result;
  }
  if (pending) diagnostics.push({ line: pending.line, severity: 'warning', message: 'capture cut after a verbose packet header' });
  value.flows = classifySynFlows(value.packets);
  const ok = contentLines === 0 || value.packets.length > 0 || sawTcpdump;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no tcpdump packet line recognised' });
  return { ok, value, diagnostics };
}

/** A packet, a pending verbose header, 'other' for a timestamped non-IP packet (ARP, ...), or undefined. */
function readPacketLine(lineText: string, line: number): Packet | PacketHead | 'other' | undefined {
  let rest = lineText;
  const head: Partial<PacketHead> = { line };
  const first = nextToken(rest);
  if (DATE.test(first.token)) {
    const clock = nextToken(first.rest);
    if (!CLOCK.test(clock.token)) return undefined;
    head.time = `${first.token} ${clock.token}`;
    rest = clock.rest;
  } else if (CLOCK.test(first.token) || EPOCH.test(first.token)) {
    head.time = first.token;
    rest = first.rest;
  }
  let proto = nextToken(rest);
  if (proto.token !== 'IP' && proto.token !== 'IP6') {
    const direction = nextToken(proto.rest);
    if (DIRECTIONS.has(direction.token)) {
      head.interface = proto.token;
      head.direction = direction.token;
      rest = direction.rest;
      proto = nextToken(rest);
    }
  }
  if (proto.token !== 'IP' && proto.token !== 'IP6') return head.time !== undefined ? 'other' : undefined;
  head.family = proto.token === 'IP' ? 'ip' : 'ip6';
  rest = proto.rest;
  if (rest.startsWith('(')) {
    const close = matchingParen(rest);
    if (close === -1) return undefined;
    rest = rest.slice(close + 1).trim();
    if (rest === '') return head as PacketHead;
  }
  return readAddressPart(rest, head as PacketHead);
}

/** `SRC > DST: what` after the IP/IP6 token (or on the indented second line of an IPv4 -v record). */
function readAddressPart(text: string, head: PacketHead): Packet | undefined {
  const arrow = text.indexOf(' > ');
  if (arrow <= 0) return undefined;
  const afterArrow = text.slice(arrow + 3);
  let colon = afterArrow.indexOf(': ');
  if (colon === -1 && afterArrow.endsWith(':')) colon = afterArrow.length - 1;
  if (colon <= 0) return undefined;
  const srcText = text.slice(0, arrow).trim();
  const dstText = afterArrow.slice(0, colon).trim();
  let what = afterArrow.slice(colon + 1).trim();
  // -v on IPv6 puts `[icmp6 sum ok]` / `[bad udp cksum ...]` before the protocol text.
  if (what.startsWith('[')) {
    const close = what.indexOf(']');
    if (close !== -1) what = what.slice(close + 1).trim();
  }
  let protocol: Packet['protocol'] = 'other';
  let flags: string | undefined;
  let icmp: string | undefined;
  if (what.startsWith('Flags [')) {
    protocol = 'tcp';
    const close = what.indexOf(']');
    flags = close === -1 ? undefined : what.slice(7, close);
    if (flags === undefined) return undefined;
  } else if (what.startsWith('ICMP6')) {
    protocol = 'icmp6';
    icmp = stripLength(what.slice(5).replace(/^,\s*/, ''));
  } else if (what.startsWith('ICMP ')) {
    protocol = 'icmp';
    icmp = stripLength(what.slice(5));
  } else if (what.startsWith('UDP') || / UDP,/.test(what.slice(0, 200))) {
    protocol = 'udp';
  }
  const withPorts = protocol !== 'icmp' && protocol !== 'icmp6';
  const src = readEndpoint(srcText, head.family, withPorts);
  const dst = readEndpoint(dstText, head.family, withPorts);
  if (!src || !dst) return undefined;
  if (protocol === 'other' && src.port !== undefined && dst.port !== undefined) protocol = 'udp';
  const packet: Packet = { line: head.line, family: head.family, protocol, src, dst };
  if (head.time !== undefined) packet.time = head.time;
  if (head.interface !== undefined) packet.interface = head.interface;
  if (head.direction !== undefined) packet.direction = head.direction;
  if (flags !== undefined) packet.flags = flags;
  if (icmp !== undefined) packet.icmp = icmp;
  return packet;
}

/** `10.0.0.1.8080`, `fd99::1.33352`, `10.0.0.1` (ICMP), `host.example.com.http` (no -n). */
function readEndpoint(text: string, family: 'ip' | 'ip6', withPorts: boolean): PacketEndpoint | undefined {
  if (text === '' || text.includes(' ')) return undefined;
  let address = text;
  let portText: string | undefined;
  if (family === 'ip') {
    const parts = text.split('.');
    const dottedQuad = parts.length >= 4 && parts.slice(0, 4).every((part) => /^\d{1,3}$/.test(part));
    if (dottedQuad && parts.length === 5) {
      address = parts.slice(0, 4).join('.');
      portText = parts[4];
    } else if (!dottedQuad && withPorts && parts.length > 1) {
      address = parts.slice(0, -1).join('.');
      portText = parts[parts.length - 1];
    } else if (dottedQuad && parts.length !== 4) return undefined;
  } else if (withPorts) {
    const dot = text.lastIndexOf('.');
    if (dot > 0) {
      address = text.slice(0, dot);
      portText = text.slice(dot + 1);
    }
  }
  if (address === '') return undefined;
  const endpoint: PacketEndpoint = { address };
  if (portText !== undefined && portText !== '') {
    if (/^\d{1,5}$/.test(portText)) endpoint.port = Number(portText);
    else {
      endpoint.portName = portText;
      const known = PORT_NAMES[portText];
      if (known !== undefined) endpoint.port = known;
    }
  }
  return endpoint;
}

function stripLength(text: string): string {
  const cut = text.lastIndexOf(', length ');
  return (cut === -1 ? text : text.slice(0, cut)).trim();
}

function nextToken(text: string): { token: string; rest: string } {
  const trimmed = text.trimStart();
  const space = trimmed.indexOf(' ');
  if (space === -1) return { token: trimmed, rest: '' };
  return { token: trimmed.slice(0, space), rest: trimmed.slice(space + 1).trimStart() };
}

/** Index of the `)` closing the `(` at position 0, or -1. */
function matchingParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export const tcpdumpParser: ArtifactParser<TcpdumpCapture> = {
  kind: 'tcpdump',
  description: 'tcpdump text output (-n/-nn, -S, -v..-vvv, -tttt, -i any): packets and per-SYN verdicts',
  pathPatterns: ['commands/tcpdump_*', 'commands/tcpdump-*', '**/tcpdump*.txt', 'sos_commands/**/tcpdump_*'],
  sniff: (head) =>
    /^(listening on \S+, link-type |reading from file .*, link-type )/m.test(head) ||
    /^(\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}:\d{2}\.\d{6} (\S+ +(In|Out|M|B|P) +)?IP6? (\(|\S+ > \S+: Flags \[)/m.test(head),
  parse: parseTcpdump,
};
