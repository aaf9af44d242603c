// Records of HAProxy's log lines (traffic and events) and the streaming summary computed from them.

export interface SyslogHeader {
  /** As written, e.g. `Nov 28 08:49:58` or `2026-11-28T08:49:58.123+00:00`. */
  timestamp?: string;
  /** Milliseconds since the epoch when the timestamp could be read (year assumed for RFC3164). */
  time?: number;
  host?: string;
  program?: string;
  pid?: number;
}

export interface TrafficRecord {
  type: 'http' | 'tcp';
  header: SyslogHeader;
  clientAddress?: string;
  clientPort?: number;
  /** Accept date inside the brackets, as written. */
  acceptDate?: string;
  frontend: string;
  backend: string;
  /** `<NOSRV>` when no server was selected. */
  server: string;
  /** Tq/Tw/Tc/Tr/Ta for HTTP (Tq...Tr may be -1), Tw/Tc/Tt for TCP. */
  timers: number[];
  /** HTTP status, undefined for TCP lines; -1 as HAProxy writes it when no response. */
  status?: number;
  bytes?: number;
  /** Termination state, 2 or 4 characters (e.g. `SC--`, `--`). */
  terminationState: string;
  actconn?: number;
  feconn?: number;
  beconn?: number;
  srvConn?: number;
  retries?: number;
  srvQueue?: number;
  backendQueue?: number;
  request?: string;
  /** Frontend name had HAProxy's `~` suffix (TLS listener); `frontend` is given without it. */
  ssl?: boolean;
  /** Byte count had the `+` prefix (option logasap: the count was still growing). */
  bytesPartial?: boolean;
  /** Captured header blocks `{...}` in order (request then response), without the braces. */
  captures?: string[];
}

export interface ServerStateRecord {
  type: 'server-state';
  header: SyslogHeader;
  backend: string;
  server: string;
  /** e.g. DOWN, UP, 'in maintenance' → MAINT, DRAIN. */
  state: 'DOWN' | 'UP' | 'MAINT' | 'DRAIN' | 'READY' | 'OTHER';
  /** `Layer4 connection problem`, `Layer7 wrong status`, ... */
  reason?: string;
  /** The `info:` text, e.g. `"Connection refused"`. */
  info?: string;
  checkDurationMs?: number;
  /** Set for `Health check for server ... failed/succeeded` lines; `state` is then the state after the check. */
  check?: 'failed' | 'succeeded';
  message: string;
}

export interface BackendNoServerRecord {
  type: 'no-server';
  header: SyslogHeader;
  backend: string;
  message: string;
}

export interface NoFreePortsRecord {
  type: 'no-free-ports';
  header: SyslogHeader;
  backend: string;
  message: string;
}

/** HAProxy's own [ALERT]/[WARNING]/[NOTICE] lines (stderr, journal) and proxy start/stop notices. */
export interface HaproxyMessageRecord {
  type: 'alert' | 'warning' | 'notice';
  header: SyslogHeader;
  message: string;
  /** For bind failures: `cannot bind socket (Address already in use) for [0.0.0.0:80]`. */
  bind?: { error: string; address: string; port?: number; frontend?: string };
}

export type LogRecord =
  | TrafficRecord
  | ServerStateRecord
  | BackendNoServerRecord
  | NoFreePortsRecord
  | HaproxyMessageRecord;

/** Per-server counters, keyed `backend/server` as halog -srv does. */
export interface ServerLogStats {
  requests: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  other: number;
  /** halog's req_ok: lines none of whose five HTTP timers is negative (TCP lines never count). */
  ok?: number;
  /** Traffic lines whose termination state starts with S or s: the server side refused, aborted or timed out (SC, sC, SH, sH, sQ, ...). */
  errors: number;
  /** Sum and count of the connect time (Tc >= 0) and response time (Tr >= 0) for averages. */
  connectTimeSum: number;
  connectTimeCount: number;
  responseTimeSum: number;
  responseTimeCount: number;
}

/** The `logs --format json` contract (see DESIGN.md) plus what analyze needs. */
export interface LogSummary {
  lines: number;
  parsed: number;
  unparsed: number;
  statusCodes: Record<string, number>;
  terminationStates: Record<string, number>;
  servers: Record<string, ServerLogStats>;
  /** `file` names the input the line came from when several were read (the `logs` command). */
  unparsedSamples: { line: number; text: string; file?: string }[];
  /** Traffic lines left out by the `logs` filters (--since, --backend, ...); absent when none. */
  filtered?: number;
  /** Lines whose status, termination state or server key was not counted because a key table was full. */
  droppedKeys?: number;
}

/** A non-traffic record with the 1-based line it came from. */
export type LocatedEvent = (ServerStateRecord | BackendNoServerRecord | NoFreePortsRecord | HaproxyMessageRecord) & { line: number };

/** Failure counters of one server (`backend/server` key), with where they start and end. */
export interface ServerFailureFacts {
  requests: number;
  /** Count per termination state (first two characters). */
  terminationStates: Record<string, number>;
  /** First and last line of each termination state. */
  stateLines?: Record<string, { first: number; last: number }>;
  /** Traffic lines whose termination state starts with `SC` (connect refused/failed on the server side). */
  connectFailures: number;
  firstFailureLine?: number;
  lastFailureLine?: number;
}

/** Per backend: requests that found no server (`<NOSRV>`), mostly 503s. */
export interface BackendNoServerFacts {
  count: number;
  firstLine: number;
  lastLine: number;
  firstTime?: number;
  lastTime?: number;
}

/** What analyze learns from one log file; bounded in size whatever the log's length. */
export interface LogFacts {
  summary: LogSummary;
  events: LocatedEvent[];
  /** Events beyond the cap that were counted but not kept. */
  droppedEvents: number;
  noServer: Record<string, BackendNoServerFacts>;
  servers: Record<string, ServerFailureFacts>;
  firstTime?: number;
  lastTime?: number;
}
