// Host network facts: sockets from ss, addresses from ip addr, probe results from nc and curl.

export interface SocketEndpoint {
  /** Address without brackets or scope: `0.0.0.0`, `::`, `*`, `10.0.0.1`, `fe80::1`. */
  address: string;
  /** Numeric port; undefined for `*` or a service name ss could not resolve back. */
  port?: number;
  /** The port as printed when it is not a number (`http`, `*`). */
  portName?: string;
  /** Scope (`%lo`, `%eth0`) when printed. */
  scope?: string;
}

export interface SocketProcess {
  name: string;
  pid?: number;
  fd?: number;
}

export interface SocketRecord {
  line: number;
  /** tcp, udp, ... (absent when ss was run with a single protocol and printed no Netid column). */
  netid?: string;
  /** LISTEN, ESTAB, TIME-WAIT, UNCONN, SYN-SENT, ... */
  state: string;
  recvQ: number;
  sendQ: number;
  local: SocketEndpoint;
  peer: SocketEndpoint;
  processes: SocketProcess[];
}

export interface InterfaceAddress {
  line: number;
  interface: string;
  family: 'inet' | 'inet6';
  address: string;
  prefixLength: number;
  scope?: string;
  /** `UP`, `DOWN`, `UNKNOWN` from the link line when seen. */
  linkState?: string;
}

export type ProbeOutcome = 'open' | 'refused' | 'timeout' | 'unreachable' | 'dns-failure' | 'error';

/** One connect attempt reported by nc, telnet or curl. */
export interface ConnectProbe {
  line: number;
  tool: 'nc' | 'curl';
  address: string;
  port?: number;
  outcome: ProbeOutcome;
  /** The tool's own words (`Connection refused`, `timed out: Operation now in progress`). */
  detail: string;
}

export interface CurlResult {
  url?: string;
  probes: ConnectProbe[];
  /** Final HTTP status line received. */
  response?: { line: number; status: number; statusLine: string };
  /** `curl: (7) ...` exit message. */
  error?: { line: number; code?: number; message: string };
}
