// What the verdict engine is asked about (a packet arriving, leaving or crossing a host) and what it answers.

export type Direction = 'input' | 'output' | 'forward';
export type ConntrackState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

export interface Packet {
  /** `tcp`, `udp`, `icmp`, `ipv6-icmp`, or a protocol number as text. */
  protocol: string;
  saddr: string;
  daddr: string;
  sport?: number;
  dport?: number;
  direction: Direction;
  inInterface?: string;
  outInterface?: string;
  /** Defaults to NEW (a connection's first packet, which is what a refused or dropped connect is about). */
  ctState?: ConntrackState;
  /** TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10); defaults to a bare SYN for a NEW TCP packet. */
  tcpFlags?: number;
}

export type Verdict = 'ACCEPT' | 'DROP' | 'REJECT';

export interface DecidingRule {
  /** Artifact path when the caller gave one. */
  path: string;
  line: number;
  /** The rule (or policy / zone target) as printed. */
  text: string;
}

/** How one chain walk ended: the final verdict and the rule (or policy) that gave it. */
export interface ChainOutcome {
  verdict: Verdict;
  rejectWith?: string;
  rule: DecidingRule;
}

export interface VerdictResult {
  verdict: Verdict;
  /** How a REJECT answers: `icmp-port-unreachable`, `tcp-reset`, `icmp-host-prohibited`, ... */
  rejectWith?: string;
  /** The rule, policy line or zone target that decided; absent when nothing in the dump did (e.g. no chain for the hook). */
  decidingRule?: DecidingRule;
  /** Chains (or zones) traversed to reach the decision, in order: `filter/INPUT`, `filter/APP`, ... */
  chainPath: string[];
  /**
   * Places where the engine had to assume something (a match it does not evaluate, a listing without
   * interface columns, a rate limit assumed not exceeded). Empty means the verdict follows from the dump alone.
   */
  assumptions: string[];
}

export const SYN = 0x02;

export function packetFamily(packet: Packet): 4 | 6 {
  return packet.saddr.includes(':') || packet.daddr.includes(':') ? 6 : 4;
}

export function effectiveCtState(packet: Packet): ConntrackState {
  return packet.ctState ?? 'NEW';
}

export function effectiveTcpFlags(packet: Packet): number {
  return packet.tcpFlags ?? (effectiveCtState(packet) === 'NEW' ? SYN : 0x10);
}

const PROTOCOL_NUMBERS: Record<string, number> = { icmp: 1, igmp: 2, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, 'ipv6-icmp': 58, icmpv6: 58, sctp: 132, udplite: 136 };

export function protocolNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (/^\d{1,3}$/.test(lower)) return Number(lower);
  return PROTOCOL_NUMBERS[lower];
}

/** `eth+` (iptables) and `eth*` (nft) match every name starting with `eth`. */
export function interfaceMatches(pattern: string, name: string | undefined): boolean {
  if (name === undefined) return false;
  if (pattern.endsWith('+') || pattern.endsWith('*')) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/** `80`, `1024:65535`, `:1024`, `1024:`, `8000-8010` against a port. */
export function portSpecMatches(spec: string, port: number | undefined): boolean {
  if (port === undefined) return false;
  const separator = spec.includes(':') ? ':' : spec.includes('-') ? '-' : undefined;
  if (!separator) return /^\d+$/.test(spec) && Number(spec) === port;
  const [from, to] = spec.split(separator);
  const low = from === '' || from === undefined ? 0 : Number(from);
  const high = to === '' || to === undefined ? 65535 : Number(to);
  return Number.isFinite(low) && Number.isFinite(high) && port >= low && port <= high;
}
