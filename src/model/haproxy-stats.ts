// HAProxy runtime facts from the stats socket: `show stat` (CSV), `show info`, `show servers state`.

export type StatsRowType = 'frontend' | 'backend' | 'server' | 'listener';

/** One `show stat` row. Numbers are undefined where HAProxy leaves the field empty. */
export interface StatsRow {
  line: number;
  proxy: string;
  /** `FRONTEND`, `BACKEND` or the server / listener name. */
  name: string;
  type: StatsRowType;
  /** `UP`, `DOWN`, `MAINT`, `OPEN`, `no check`, `UP 1/2`, `DOWN 1/2`, `NOLB`, `DRAIN`, ... as printed. */
  status: string;
  scur?: number;
  smax?: number;
  slim?: number;
  qcur?: number;
  qmax?: number;
  stot?: number;
  econ?: number;
  eresp?: number;
  chkfail?: number;
  chkdown?: number;
  /** Seconds since the last UP/DOWN transition. */
  lastchg?: number;
  downtime?: number;
  /** `L4OK`, `L4CON`, `L4TOUT`, `L7STS`, `L7OK`, ... (leading `* ` = check in progress, removed). */
  checkStatus?: string;
  checkCode?: number;
  checkDesc?: string;
  addr?: string;
  hrsp5xx?: number;
  /** Every column by header name, as printed. */
  fields: Record<string, string>;
}

export interface HaproxyStats {
  headerLine?: number;
  columns: string[];
  rows: StatsRow[];
}

export interface HaproxyInfo {
  fields: Record<string, { value: string; line: number }>;
  version?: string;
  maxconn?: number;
  currConns?: number;
  uptimeSec?: number;
}

export interface ServerState {
  line: number;
  backend: string;
  server: string;
  address: string;
  port?: number;
  /** srv_op_state: 0 stopped (DOWN), 1 starting, 2 running (UP), 3 stopping. */
  opState: number;
  opStateName: 'DOWN' | 'STARTING' | 'UP' | 'STOPPING' | 'UNKNOWN';
  /** srv_admin_state bits: 0x01 forced maint, 0x02 inherited maint, 0x04 config maint (`disabled`), 0x08/0x10 drain, 0x20 resolution maint. */
  adminState: number;
  maintenance: boolean;
  secondsSinceLastChange?: number;
  checkStatus?: number;
  fields: Record<string, string>;
}

export interface HaproxyServersState {
  version?: number;
  headerLine?: number;
  servers: ServerState[];
}
