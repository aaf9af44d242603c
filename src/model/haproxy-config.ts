// The parsed haproxy.cfg: raw keyword lines per section, plus the interpreted pieces rules read.

export type SectionType =
  | 'global' | 'defaults' | 'frontend' | 'backend' | 'listen' | 'userlist' | 'peers' | 'resolvers'
  | 'mailers' | 'cache' | 'program' | 'http-errors' | 'ring' | 'log-forward' | 'fcgi-app'
  // sections of later versions, recognised only for a target that has them
  | 'crt-store' | 'log-profile' | 'traces' | 'acme';

/** One word of a keyword line after unquoting, escape and ${VAR} expansion; position of its first character. */
export interface CfgWord {
  value: string;
  line: number;
  column: number;
}

/** One keyword line: `keyword args*`, with 1-based position of the keyword. */
export interface CfgLine {
  line: number;
  column: number;
  keyword: string;
  args: string[];
  words: CfgWord[];
  /** The source line as written (secrets not yet redacted: reporters redact). */
  text: string;
}

export interface CfgSection {
  type: SectionType;
  /** Section name (`frontend fe_main` -> fe_main); undefined for global and anonymous defaults. */
  name?: string;
  /** `defaults`/proxy `from NAME`. */
  from?: string;
  line: number;
  lines: CfgLine[];
}

export interface Endpoint {
  /** Address as written after resolution of `*`/empty to '0.0.0.0'/'::' where it is a wildcard; may be a hostname. */
  address: string;
  /** undefined when the config leaves it out (server port inherited from the client). */
  port?: number;
  /** Port range end for binds like `:8000-8010`. */
  portEnd?: number;
}

export interface CfgBind extends Endpoint {
  line: number;
  /** Raw bind target as written (`*:80`, `ipv4@10.0.0.1:443`, `unix@/run/x.sock`). */
  raw: string;
  options: string[];
  /** unix sockets, abns, fd@: not an IP listener. */
  family: 'ipv4' | 'ipv6' | 'unix' | 'other';
}

export interface CfgServer extends Endpoint {
  name: string;
  line: number;
  raw: string;
  options: string[];
  check: boolean;
  disabled: boolean;
  backup: boolean;
  /** Health-check port when `port N` is set, else the server's port. */
  checkPort?: number;
}

export interface CfgProxy {
  type: 'frontend' | 'backend' | 'listen' | 'defaults';
  name: string;
  line: number;
  mode?: string;
  binds: CfgBind[];
  servers: CfgServer[];
  defaultBackend?: { name: string; line: number };
  useBackends: { name: string; line: number; condition: string[] }[];
  acls: { name: string; line: number; args: string[] }[];
  /** `log ...` lines (including `log global`), `no log`, and the log format in force. */
  logs: { line: number; args: string[] }[];
  logFormat?: { line: number; format: string; source: 'log-format' | 'option httplog' | 'option tcplog' | 'option httpslog' | 'option clf' };
}

export interface HaproxyConfig {
  sections: CfgSection[];
  /** frontend, backend and listen sections interpreted (defaults inherited where HAProxy inherits them). */
  proxies: CfgProxy[];
  /** Section-less keyword lines and other structure problems are reported as diagnostics, not here. */
}
