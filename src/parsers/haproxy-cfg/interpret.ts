// Building CfgProxy records from the sections: binds, servers, switching rules, logging, and defaults inheritance.
import type { CfgBind, CfgLine, CfgProxy, CfgSection, CfgServer } from '../../model/haproxy-config.js';
import { parseAddress, splitBindList } from './addresses.js';

export interface InterpretProblem {
  line: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** The log formats behind the `option *log` keywords (configuration.txt 8.2.x, "strict equivalent of"). */
export const BUILTIN_LOG_FORMATS = {
  tcplog: '%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq',
  httplog:
    '%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r',
  httpslog:
    '%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r' +
    ' %[fc_err]/%[ssl_fc_err,hex]/%[ssl_c_err]/%[ssl_c_ca_err]/%[ssl_fc_is_resumed] %[ssl_fc_sni]/%sslv/%sslc',
  clf:
    '%{+Q}o %{-Q}ci - - [%trg] %r %ST %B "" "" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc' +
    ' %sq %bq %CC %CS %hrl %hsl',
} as const;

/** Server keywords that take one value: skipped when looking for flags such as `check` among the options. */
const SERVER_KEYWORDS_WITH_VALUE = new Set([
  'addr', 'agent-addr', 'agent-inter', 'agent-port', 'agent-send', 'alpn', 'ca-file', 'check-alpn', 'check-proto',
  'check-sni', 'ciphers', 'ciphersuites', 'client-sigalgs', 'cookie', 'crl-file', 'crt', 'curves', 'downinter',
  'error-limit', 'fall', 'fastinter', 'hash-key', 'id', 'init-addr', 'inter', 'log-bufsize', 'log-proto', 'maxconn',
  'maxqueue', 'max-reuse', 'minconn', 'namespace', 'npn', 'observe', 'on-error', 'on-marked-down', 'on-marked-up',
  'pool-low-conn', 'pool-max-conn', 'pool-purge-delay', 'port', 'proto', 'proxy-v2-options', 'redir', 'resolve-net',
  'resolve-opts', 'resolve-prefer', 'resolvers', 'rise', 'shard', 'sigalgs', 'slowstart', 'sni', 'source',
  'ssl-max-ver', 'ssl-min-ver', 'tcp-ut', 'track', 'verify', 'verifyhost', 'weight', 'ws', 'usesrc', 'set-proxy-v2-tlv-fmt',
]);

/** What a proxy takes from its defaults section, and what a defaults section passes on. */
interface Inheritable {
  mode?: CfgProxy['mode'];
  logs: CfgProxy['logs'];
  logFormat?: CfgProxy['logFormat'];
  defaultBackend?: CfgProxy['defaultBackend'];
  /** Options of `default-server` lines, in order. */
  defaultServer: string[];
}

const emptyInheritable = (): Inheritable => ({ logs: [], defaultServer: [] });

function serverFlags(options: string[], server: CfgServer): void {
  for (let i = 0; i < options.length; i++) {
    const option = options[i]!;
    switch (option) {
      case 'check':
        server.check = true;
        break;
      case 'no-check':
        server.check = false;
        break;
      case 'backup':
        server.backup = true;
        break;
      case 'no-backup':
        server.backup = false;
        break;
      case 'disabled':
        server.disabled = true;
        break;
      case 'enabled':
        server.disabled = false;
        break;
      case 'port': {
        const port = Number(options[i + 1]);
        if (Number.isInteger(port) && port > 0 && port <= 65535) server.checkPort = port;
        i++;
        break;
      }
      default:
        if (SERVER_KEYWORDS_WITH_VALUE.has(option)) i++;
    }
  }
}

class ProxyBuilder {
  readonly proxy: CfgProxy;
  private defaultServer: string[];

  constructor(
    section: CfgSection,
    inherited: Inheritable,
    private readonly report: (p: InterpretProblem) => void,
  ) {
    this.proxy = {
      type: section.type as CfgProxy['type'],
      name: section.name ?? '',
      line: section.line,
      binds: [],
      servers: [],
      useBackends: [],
      acls: [],
      logs: [...inherited.logs],
    };
    if (inherited.mode !== undefined) this.proxy.mode = inherited.mode;
    if (inherited.logFormat !== undefined) this.proxy.logFormat = inherited.logFormat;
    // A backend has no frontend side: HAProxy ignores the default_backend of its defaults.
    if (inherited.defaultBackend !== undefined && section.type !== 'backend') this.proxy.defaultBackend = inherited.defaultBackend;
    this.defaultServer = [...inherited.defaultServer];
  }

  inheritable(): Inheritable {
    const p = this.proxy;
    return { mode: p.mode, logs: p.logs, logFormat: p.logFormat, defaultBackend: p.defaultBackend, defaultServer: this.defaultServer };
  }

  apply(line: CfgLine): void {
    const p = this.proxy;
    const args = line.args;
    switch (line.keyword) {
      case 'mode':
        if (args[0] !== undefined) p.mode = args[0];
        break;
      case 'bind':
        this.bind(line);
        break;
      case 'server':
        this.server(line);
        break;
      case 'default-server':
        this.defaultServer.push(...args);
        break;
      case 'default_backend':
        if (args[0] !== undefined) p.defaultBackend = { name: args[0], line: line.line };
        break;
      case 'use_backend':
        if (args[0] !== undefined) p.useBackends.push({ name: args[0], line: line.line, condition: args.slice(1) });
        break;
      case 'acl':
        if (args[0] !== undefined) p.acls.push({ name: args[0], line: line.line, args: args.slice(1) });
        break;
      case 'log':
        // Log targets add up: the ones from defaults stay unless `no log` comes first.
        p.logs.push({ line: line.line, args: [line.keyword, ...args] });
        break;
      case 'no':
        if (args[0] === 'log') p.logs = [{ line: line.line, args: [line.keyword, ...args] }];
        break;
      case 'log-format':
        p.logFormat = { line: line.line, format: args.join(' '), source: 'log-format' };
        break;
      case 'option':
        this.option(line);
        break;
    }
  }

  private option(line: CfgLine): void {
    const [name, arg] = line.args;
    const p = this.proxy;
    if (name === 'httplog') {
      p.logFormat =
        arg === 'clf'
          ? { line: line.line, format: BUILTIN_LOG_FORMATS.clf, source: 'option clf' }
          : { line: line.line, format: BUILTIN_LOG_FORMATS.httplog, source: 'option httplog' };
    } else if (name === 'tcplog') {
      p.logFormat = { line: line.line, format: BUILTIN_LOG_FORMATS.tcplog, source: 'option tcplog' };
    } else if (name === 'httpslog') {
      p.logFormat = { line: line.line, format: BUILTIN_LOG_FORMATS.httpslog, source: 'option httpslog' };
    }
  }

  private bind(line: CfgLine): void {
    const target = line.words[1];
    if (!target) {
      this.report({ line: line.line, column: line.column, severity: 'error', message: "'bind' expects [addr1]:port1[-end1]{,[addr]:port[-end]}... as arguments" });
      return;
    }
    for (const raw of splitBindList(target.value)) {
      const a = parseAddress(raw, 'bind');
      const bind: CfgBind = { address: a.address, line: line.line, raw, options: line.args.slice(1), family: a.family };
      if (a.port !== undefined) bind.port = a.port;
      if (a.portEnd !== undefined) bind.portEnd = a.portEnd;
      if (a.problem) this.report({ line: line.line, column: target.column, severity: 'error', message: `'bind' : ${a.problem}` });
      this.proxy.binds.push(bind);
    }
  }

  private server(line: CfgLine): void {
    const [name, raw] = line.args;
    if (name === undefined || raw === undefined) {
      this.report({ line: line.line, column: line.column, severity: 'error', message: "'server' expects <name> and <addr>[:<port>] as arguments" });
      return;
    }
    const a = parseAddress(raw, 'server');
    const options = line.args.slice(2);
    const server: CfgServer = { name, address: a.address, line: line.line, raw, options, check: false, disabled: false, backup: false };
    if (a.port !== undefined) server.port = a.port;
    serverFlags(this.defaultServer, server);
    serverFlags(options, server);
    if (server.checkPort === undefined && server.port !== undefined) server.checkPort = server.port;
    if (a.problem) {
      this.report({ line: line.line, column: line.words[2]?.column, severity: 'error', message: `'server ${name}' : ${a.problem}` });
    }
    this.proxy.servers.push(server);
  }
}

function applyLines(builder: ProxyBuilder, lines: readonly CfgLine[]): void {
  for (let i = 0; i < lines.length; i++) builder.apply(lines[i]!);
}

/** Interprets frontend/backend/listen sections, each starting from the defaults HAProxy 2.6 would give it. */
export function interpretProxies(sections: CfgSection[], report: (p: InterpretProblem) => void): CfgProxy[] {
  const proxies: CfgProxy[] = [];
  const namedDefaults = new Map<string, Inheritable>();
  let lastDefaults: Inheritable = emptyInheritable();

  const resolveFrom = (section: CfgSection): Inheritable | undefined => {
    if (section.from === undefined) return undefined;
    const found = namedDefaults.get(section.from);
    if (!found) {
      report({
        line: section.line,
        severity: 'error',
        message: `defaults section '${section.from}' not found for ${section.type} '${section.name ?? ''}'`,
      });
    }
    return found ?? emptyInheritable();
  };

  // Indexed loops on the per-line paths: a cold for...of allocates an iterator result per element (run once per CLI
  // process, this code seldom gets optimised).
  for (let s = 0; s < sections.length; s++) {
    const section = sections[s]!;
    const type = section.type;
    if (type === 'defaults') {
      // A defaults section resets everything, unless it starts `from` another one.
      const base = resolveFrom(section) ?? emptyInheritable();
      const builder = new ProxyBuilder(section, base, report);
      applyLines(builder, section.lines);
      lastDefaults = builder.inheritable();
      if (section.name !== undefined) namedDefaults.set(section.name, lastDefaults);
    } else if (type === 'frontend' || type === 'backend' || type === 'listen') {
      const base = resolveFrom(section) ?? lastDefaults;
      const builder = new ProxyBuilder(section, base, report);
      applyLines(builder, section.lines);
      proxies.push(builder.proxy);
    }
  }
  return proxies;
}
