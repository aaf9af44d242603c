// Packet facts from tcpdump text output: packets, and TCP connection attempts grouped per SYN with their verdict.

export interface PacketEndpoint {
  address: string;
  /** Numeric port when printed as a number (or a well-known service name tcpdump printed without -nn). */
  port?: number;
  /** The port as printed when tcpdump resolved it to a name (`http`, `http-alt`). */
  portName?: string;
}

export type PacketProtocol = 'tcp' | 'udp' | 'icmp' | 'icmp6' | 'other';

export interface Packet {
  /** 1-based line of the packet's first line. */
  line: number;
  /** Timestamp as printed (`10:07:44.798469`, `2026-11-28 10:07:44.798469`, `1764320106.422123`). */
  time?: string;
  /** `-i any`: the interface and direction columns (`eth0`, `In` / `Out` / `M` / `B` / `P`). */
  interface?: string;
  direction?: string;
  family: 'ip' | 'ip6';
  protocol: PacketProtocol;
  src: PacketEndpoint;
  dst: PacketEndpoint;
  /** TCP flags as printed inside `Flags [...]`: `S`, `S.`, `R.`, `F.`, `P.`, `.`. */
  flags?: string;
  /** ICMP/ICMPv6 text after `ICMP ` / `ICMP6, ` (`10.0.0.2 tcp port 8083 unreachable`). */
  icmp?: string;
}

/**
 * What happened to one TCP connection attempt (first SYN of a 4-tuple):
 * answered = SYN-ACK back; refused = RST back; icmp-unreachable = an ICMP destination unreachable about it;
 * unanswered = nothing came back before the capture ended (`synCount` > 1 when the SYN was retransmitted).
 */
export type SynVerdict = 'answered' | 'refused' | 'icmp-unreachable' | 'unanswered';

export interface SynFlow {
  /** The connecting side and the target. */
  client: PacketEndpoint;
  server: PacketEndpoint;
  family: 'ip' | 'ip6';
  verdict: SynVerdict;
  /** Line of the first SYN, and of every SYN sent for this attempt (retransmissions included). */
  synLine: number;
  synLines: number[];
  synCount: number;
  synTime?: string;
  /** Line of the packet that decided the verdict (SYN-ACK, RST or ICMP); absent when unanswered. */
  answerLine?: number;
  answerTime?: string;
  /** The ICMP type text for icmp-unreachable (`tcp port 8083 unreachable`, `unreachable - admin prohibited`). */
  icmp?: string;
}

export interface TcpdumpCapture {
  packets: Packet[];
  flows: SynFlow[];
  /** Summary lines tcpdump prints on exit (`35 packets captured`), when present. */
  packetsCaptured?: number;
  packetsDroppedByKernel?: number;
}
