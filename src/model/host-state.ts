// Host state facts beyond sockets and addresses: socket summary counts (ss -s), processes (ps), resource limits
// (/proc/<pid>/limits, ulimit), the systemd unit status and journal entries of a service.
import type { LogRecord } from './haproxy-log.js';

/** `ss -s`: socket counts by transport, and the TCP state counts the ephemeral-port rules read. */
export interface SocketSummary {
  /** `Total: 178` (sockets of every kind). */
  total?: { line: number; count: number; kernel?: number };
  /** `TCP:   9 (estab 2, closed 1, orphaned 0, timewait 1)`; older ss adds `synrecv` and `timewait 1/0`, `ports 0`. */
  tcp?: {
    line: number;
    total: number;
    estab?: number;
    closed?: number;
    orphaned?: number;
    synrecv?: number;
    timewait?: number;
    ports?: number;
  };
  /** Rows of the `Transport Total IP IPv6` table: RAW, UDP, TCP, INET, FRAG. */
  transports: { line: number; transport: string; total: number; ip: number; ipv6: number }[];
}

/** One row of `ps -eo pid,user,comm,args` (or any ps -o listing with some of these columns). */
export interface ProcessRecord {
  line: number;
  pid?: number;
  ppid?: number;
  user?: string;
  /** Executable name (`comm`, at most 15 characters in Linux). */
  comm?: string;
  /** Full command line as printed (`args` / `command` / `cmd`). */
  args?: string;
  /** Other columns, by their header name (`%CPU`, `STAT`, `NLWP`, ...). */
  extra?: Record<string, string>;
}

/** One resource limit: `unlimited` is `null`; `units` as `/proc/<pid>/limits` prints them. */
export interface LimitRecord {
  line: number;
  /** The name as printed: `Max open files` (limits) or `open files` (ulimit -a). */
  name: string;
  /** Stable key: `nofile`, `nproc`, `core`, `stack`, ... (the RLIMIT_ name in lower case without the prefix). */
  key?: string;
  soft?: number | null;
  hard?: number | null;
  units?: string;
  /** ulimit -a: the option letter (`-n`). */
  option?: string;
}

export interface LimitsListing {
  /** `proc` = /proc/<pid>/limits, `ulimit-a` = ulimit -a, `ulimit-value` = a bare `ulimit -n` number. */
  form?: 'proc' | 'ulimit-a' | 'ulimit-value';
  limits: LimitRecord[];
}

/** `systemctl status UNIT`: the unit header, Active state, main PID, and the journal tail it prints. */
export interface SystemdUnitStatus {
  unit?: { line: number; name: string; description?: string };
  loaded?: { line: number; state: string; path?: string; enabled?: string };
  /** `Active: failed (Result: exit-code) since ...`. */
  active?: { line: number; state: string; sub?: string; result?: string; since?: string; text: string };
  mainPid?: { line: number; pid: number; name?: string; exited?: string };
  /** `Process: 123 ExecStartPre=/usr/sbin/haproxy -f $CONFIG -c -q (code=exited, status=1/FAILURE)`. */
  processes: { line: number; pid: number; command: string; result?: string }[];
  /** Journal lines after the blank line, with HAProxy's records where the message is one. */
  journal: JournalEntry[];
  /** `systemctl` could not run (no systemd, unit not found): the tool's words. */
  unavailable?: { line: number; reason: string };
}

/** One journal line of `journalctl -u` (short, short-iso, short-precise, cat) or of systemctl status' tail. */
export interface JournalEntry {
  line: number;
  timestamp?: string;
  host?: string;
  /** `haproxy`, `systemd`, ... */
  identifier?: string;
  pid?: number;
  message: string;
  /** HAProxy's record when the message is one of its lines (ALERT/WARNING/NOTICE, state change, traffic). */
  haproxy?: LogRecord;
}

export interface JournalListing {
  entries: JournalEntry[];
  /** `-- Boot 1a2b... --`, `-- Logs begin at ... --`, `-- No entries --`: journalctl's own markers. */
  markers: { line: number; text: string }[];
  unavailable?: { line: number; reason: string };
}
