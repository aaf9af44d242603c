// Cross-references and whole-configuration checks HAProxy 2.6 makes after parsing: switching targets, use-server,
// duplicate names, userlists/resolvers/peers, defaults `from`, frontend/backend mode mismatch, missing timeouts,
// no listener.
import type { CfgProxy, CfgSection } from '../model/haproxy-config.js';
import type { Finding } from './lint-result.js';
import { PROXY_TYPES } from './keyword-sets.js';

export interface SourcedSection {
  file: string;
  section: CfgSection;
}

export interface ProxyTimeouts {
  client?: string;
  connect?: string;
  server?: string;
}

export interface SourcedProxy {
  file: string;
  section: CfgSection;
  proxy: CfgProxy;
  timeouts: ProxyTimeouts;
}

type Report = (finding: Finding) => void;

const hasFrontend = (type: string) => type === 'frontend' || type === 'listen';
const hasBackend = (type: string) => type === 'backend' || type === 'listen';

/** Timeouts in force for each proxy, inherited from its defaults section as interpretProxies() inherits the rest. */
export function proxyTimeouts(sections: SourcedSection[]): ProxyTimeouts[] {
  const named = new Map<string, ProxyTimeouts>();
  let last: ProxyTimeouts = {};
  const result: ProxyTimeouts[] = [];
  for (const { section } of sections) {
    if (!PROXY_TYPES.has(section.type)) continue;
    const base = section.from !== undefined ? (named.get(section.from) ?? {}) : section.type === 'defaults' ? {} : last;
    const timeouts: ProxyTimeouts = { ...base };
    for (const line of section.lines) {
      const name = line.keyword === 'timeout' ? line.args[0] : line.keyword === 'contimeout' ? 'connect' : line.keyword === 'clitimeout' ? 'client' : line.keyword === 'srvtimeout' ? 'server' : undefined;
      const value = line.keyword === 'timeout' ? line.args[1] : line.args[0];
      if ((name === 'client' || name === 'connect' || name === 'server') && value !== undefined) timeouts[name] = value;
    }
    if (section.type === 'defaults') {
      last = timeouts;
      if (section.name !== undefined) named.set(section.name, timeouts);
    } else result.push(timeouts);
  }
  return result;
}

/** `firstFile`: where a configuration with no section at all is reported. */
export function checkReferences(sections: SourcedSection[], proxies: SourcedProxy[], report: Report, firstFile = ''): void {
  const byName = new Map<string, SourcedProxy[]>();
  for (const p of proxies) byName.set(p.proxy.name, [...(byName.get(p.proxy.name) ?? []), p]);
  const backends = new Map(proxies.filter((p) => hasBackend(p.proxy.type)).map((p) => [p.proxy.name, p]));
  const named = (type: string) => new Set(sections.filter((s) => s.section.type === type && s.section.name !== undefined).map((s) => s.section.name!));
  const userlists = named('userlist');
  const resolvers = named('resolvers');
  const peers = named('peers');
  const at = (p: { file: string }, line: number, column = 1) => ({ file: p.file, line, column });

  // Same name with a shared capability: frontend+backend may share a name, listen shares with both.
  const seen = new Map<string, SourcedProxy>();
  for (const p of proxies) {
    for (const cap of ['fe', 'be']) {
      if (!(cap === 'fe' ? hasFrontend : hasBackend)(p.proxy.type)) continue;
      const key = `${cap}/${p.proxy.name}`;
      const previous = seen.get(key);
      if (previous && previous !== p) {
        report({ ...at(p, p.proxy.line), ruleId: 'duplicate-name', severity: 'error', message: `${p.proxy.type} '${p.proxy.name}' has the same name as ${previous.proxy.type} '${previous.proxy.name}' declared at ${previous.file}:${previous.proxy.line}.` });
        break;
      }
      seen.set(key, p);
    }
  }
  // Defaults sections by name.
  const defaultsSeen = new Map<string, SourcedSection>();
  for (const s of sections) {
    if (s.section.type !== 'defaults' || s.section.name === undefined) continue;
    const previous = defaultsSeen.get(s.section.name);
    if (previous) report({ ...at(s, s.section.line), ruleId: 'duplicate-name', severity: 'error', message: `defaults section '${s.section.name}' has the same name as another defaults section declared at ${previous.file}:${previous.section.line}.` });
    defaultsSeen.set(s.section.name, s);
  }

  for (const p of proxies) {
    const { proxy } = p;
    const servers = new Map<string, number>();
    for (const server of proxy.servers) {
      const previous = servers.get(server.name);
      if (previous !== undefined) {
        report({ ...at(p, server.line), ruleId: 'duplicate-name', severity: 'error', message: `'server ${proxy.name}/${server.name}' : this server name is already used by the server declared at line ${previous}` });
      } else servers.set(server.name, server.line);
      const resolver = option(server.options, 'resolvers');
      if (resolver !== undefined && !resolvers.has(resolver)) {
        report({ ...at(p, server.line), ruleId: 'unknown-reference', severity: 'error', message: `${proxy.type} '${proxy.name}', server '${server.name}': unable to find required resolvers '${resolver}'` });
      }
      const track = option(server.options, 'track');
      if (track !== undefined) {
        const [trackBackend, trackServer] = track.includes('/') ? track.split('/', 2) : [proxy.name, track];
        const target = backends.get(trackBackend!);
        if (!target || !target.proxy.servers.some((s) => s.name === trackServer)) {
          report({ ...at(p, server.line), ruleId: 'unknown-reference', severity: 'error', message: `config : ${proxy.type} '${proxy.name}', server '${server.name}': unable to find required server '${track}' for tracking.` });
        }
      }
    }

    const targets = [
      ...(proxy.defaultBackend ? [{ ...proxy.defaultBackend, keyword: 'default_backend' }] : []),
      ...proxy.useBackends.map((use) => ({ ...use, keyword: 'use_backend' })),
    ];
    for (const target of targets) {
      const backend = backends.get(target.name);
      if (!backend || target.name.includes('%[') || !hasFrontend(proxy.type)) continue;
      if (proxy.mode === 'http' && backend.proxy.mode !== 'http') {
        report({ ...at(p, target.line), ruleId: 'mode-mismatch', severity: 'error', message: `${proxy.type} '${proxy.name}' (http) ${target.keyword} backend '${target.name}' (${backend.proxy.mode ?? 'tcp'}): HAProxy refuses to switch an HTTP frontend to a TCP backend` });
      }
    }

    for (const line of p.section.lines) {
      if (line.keyword === 'use-server' && line.args[0] !== undefined && !proxy.servers.some((s) => s.name === line.args[0])) {
        report({ ...at(p, line.line, line.column), ruleId: 'unknown-server', severity: 'error', message: `${proxy.type} '${proxy.name}' : unable to find server '${line.args[0]}' referenced in a 'use-server' rule` });
      }
      for (let i = 0; i < line.args.length; i++) {
        if (!line.args[i]!.startsWith('http_auth')) continue;
        const m = /^http_auth(?:_group)?\(([^)]*)\)/.exec(line.args[i]!);
        if (m && m[1] && !userlists.has(m[1])) {
          report({ ...at(p, line.line, line.column), ruleId: 'unknown-reference', severity: 'error', message: `unable to find userlist '${m[1]}' referenced by '${line.args[i]}'` });
        }
      }
      if (line.keyword === 'stick-table') {
        const peer = option(line.args, 'peers');
        if (peer !== undefined && !peers.has(peer)) report({ ...at(p, line.line, line.column), ruleId: 'unknown-reference', severity: 'error', message: `${proxy.type} '${proxy.name}': unable to find sync peers '${peer}'` });
      }
    }

    const missing = [
      ...(hasFrontend(proxy.type) && !nonZero(p.timeouts.client) ? ['client'] : []),
      ...(hasBackend(proxy.type) && !nonZero(p.timeouts.connect) ? ['connect'] : []),
      ...(hasBackend(proxy.type) && !nonZero(p.timeouts.server) ? ['server'] : []),
    ];
    if (missing.length > 0 && (proxy.mode === undefined || proxy.mode === 'tcp' || proxy.mode === 'http')) {
      report({ ...at(p, proxy.line), ruleId: 'missing-timeout', severity: 'warning', message: `missing timeouts for ${proxy.type} '${proxy.name}': ${missing.map((m) => `'timeout ${m}'`).join(', ')} not set. While not properly invalid, you will certainly encounter various problems with such a configuration.` });
    }
  }

  const program = sections.find((s) => s.section.type === 'program');
  const masterWorker = sections.some((s) => s.section.type === 'global' && s.section.lines.some((l) => l.keyword === 'master-worker'));
  if (program && !masterWorker) {
    report({ ...at(program, program.section.line), ruleId: 'invalid-argument', severity: 'error', message: "Can't use a 'program' section without master worker mode." });
  }

  // The stats socket of global is a listener too (the Debian default config has nothing else).
  const hasListener = sections.some((s) => s.section.type === 'global' && s.section.lines.some((l) => l.keyword === 'stats' && l.args[0] === 'socket')) ||
    proxies.some((p) => hasFrontend(p.proxy.type) && p.proxy.binds.length > 0) ||
    sections.some((s) => (s.section.type === 'log-forward' || s.section.type === 'peers') && s.section.lines.some((l) => l.keyword === 'bind' || l.keyword === 'dgram-bind' || l.keyword === 'peer'));
  // An empty configuration (or one of comments only) has no listener either: haproxy -c exits 2 on it too.
  if (!hasListener) {
    const first = sections[0] ?? { file: firstFile, section: { line: 1 } };
    report({ ...at(first, first.section.line), ruleId: 'no-listener', severity: 'error', message: 'Configuration file has no error but will not start (no listener) => exit(2).' });
  }
}

function option(options: string[], name: string): string | undefined {
  const i = options.indexOf(name);
  return i >= 0 ? options[i + 1] : undefined;
}

function nonZero(value: string | undefined): boolean {
  return value !== undefined && /[1-9]/.test(value);
}
