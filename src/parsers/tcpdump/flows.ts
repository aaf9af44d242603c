// Groups tcpdump packets into TCP connection attempts (one per first SYN) and says what came back.
import type { Packet, PacketEndpoint, SynFlow } from '../../model/packets.js';

// How far back an ICMP error looks for the attempt it answers; bounds the work on adversarial captures.
const ICMP_LOOKBACK = 1000;

export function classifySynFlows(packets: readonly Packet[]): SynFlow[] {
  const flows: SynFlow[] = [];
  /** Undecided attempts by `client|cport|server|sport`. */
  const open = new Map<string, SynFlow>();
  /** Attempts answered by an ICMP error: Linux treats it as soft while connecting and sends the SYN again. */
  const softFailed = new Map<string, SynFlow>();
  /** Undecided attempts by `client|server` (ICMP errors name hosts, sometimes no port). */
  const byHosts = new Map<string, SynFlow[]>();
  /** The attempt whose SYN was sent last between two hosts: what a port-less ICMP error answers. */
  const lastSyn = new Map<string, SynFlow>();
  for (const packet of packets) {
    if (packet.protocol === 'tcp' && packet.flags !== undefined) {
      const syn = packet.flags.includes('S');
      const ack = packet.flags.includes('.');
      if (syn && !ack) {
        const key = tupleKey(packet.src, packet.dst);
        const existing = open.get(key) ?? softFailed.get(key);
        if (existing) {
          lastSyn.set(`${packet.src.address}|${packet.dst.address}`, existing);
          existing.synLines.push(packet.line);
          existing.synCount++;
          continue;
        }
        const flow: SynFlow = {
          client: packet.src, server: packet.dst, family: packet.family, verdict: 'unanswered',
          synLine: packet.line, synLines: [packet.line], synCount: 1,
        };
        if (packet.time !== undefined) flow.synTime = packet.time;
        flows.push(flow);
        open.set(key, flow);
        const hosts = `${packet.src.address}|${packet.dst.address}`;
        lastSyn.set(hosts, flow);
        const list = byHosts.get(hosts);
        if (list) list.push(flow);
        else byHosts.set(hosts, [flow]);
        continue;
      }
      const reply = (syn && ack) || packet.flags.includes('R');
      if (!reply) continue;
      const key = tupleKey(packet.dst, packet.src);
      const flow = open.get(key);
      if (!flow) continue;
      decide(flow, syn ? 'answered' : 'refused', packet);
      open.delete(key);
      softFailed.delete(key);
      continue;
    }
    if ((packet.protocol === 'icmp' || packet.protocol === 'icmp6') && packet.icmp && /unreachable/i.test(packet.icmp)) {
      const target = icmpTarget(packet.icmp);
      const hosts = `${packet.dst.address}|${target?.address ?? packet.src.address}`;
      let flow: SynFlow | undefined;
      if (target?.port === undefined) {
        flow = lastSyn.get(hosts);
      } else {
        const list = byHosts.get(hosts) ?? [];
        compact(list);
        for (let i = list.length - 1; i >= 0 && i >= list.length - ICMP_LOOKBACK; i--) {
          if (list[i]?.server.port === target.port) {
            flow = list[i];
            break;
          }
        }
      }
      if (flow && flow.answerLine === undefined) {
        decide(flow, 'icmp-unreachable', packet);
        flow.icmp = packet.icmp;
        const key = tupleKey(flow.client, flow.server);
        open.delete(key);
        softFailed.set(key, flow);
      }
    }
  }
  return flows;
}

function decide(flow: SynFlow, verdict: SynFlow['verdict'], packet: Packet): void {
  flow.verdict = verdict;
  flow.answerLine = packet.line;
  if (packet.time !== undefined) flow.answerTime = packet.time;
}

function compact(list: SynFlow[]): void {
  let kept = 0;
  for (const flow of list) if (flow.answerLine === undefined) list[kept++] = flow;
  list.length = kept;
}

function tupleKey(client: PacketEndpoint, server: PacketEndpoint): string {
  return `${client.address}|${client.port ?? client.portName ?? ''}|${server.address}|${server.port ?? server.portName ?? ''}`;
}

/**
 * The host (and port) an ICMP unreachable is about, from tcpdump's text:
 * `10.0.0.2 tcp port 8083 unreachable`, `host 10.0.0.2 unreachable - admin prohibited`,
 * `destination unreachable, unreachable port, fd99::2 tcp port 8083`, `destination unreachable,  unreachable prohibited fd99::2`.
 */
export function icmpTarget(text: string): { address: string; port?: number } | undefined {
  let address: string | undefined;
  let port: number | undefined;
  const tokens = text.split(/[\s,]+/);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (address === undefined && isIpLiteral(token)) address = token;
    if (token === 'port' && /^\d{1,5}$/.test(tokens[i + 1] ?? '') && tokens[i - 1] !== 'unreachable') port = Number(tokens[i + 1]);
  }
  if (address === undefined) return undefined;
  return port === undefined ? { address } : { address, port };
}

function isIpLiteral(token: string): boolean {
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(token)) return true;
  return token.length >= 2 && token.includes(':') && /^[0-9a-fA-F:.]+$/.test(token);
}
