// Checks beyond `haproxy -c`: configurations HAProxy accepts but that fail in the field (see docs/rules/<id>.md).
import type { CfgLine } from '../model/haproxy-config.js';
import type { SourcedProxy, SourcedSection } from './check-references.js';
import { parseTime } from './check-keywords.js';
import type { Finding } from './lint-result.js';
import { EVIDENCE_LEVELS, LOG_LEVELS, maxLogLevel } from './log-levels.js';
import { PROXY_TYPES } from './keyword-sets.js';

type Report = (finding: Finding) => void;

/** Below this `inter`, a server that pauses for a GC or a slow disk is marked down. */
const MIN_INTER_MS = 1000;
/** Below this `timeout check`, a healthy server slowed by a GC pause, a cold cache or a busy disk fails its checks. */
const MIN_CHECK_TIMEOUT_MS = 100;

function milliseconds(value: string): number | undefined {
  const m = /^(\d+)(us|ms|s|m|h|d)?$/.exec(value);
  if (!m) return undefined;
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] ?? 'ms']!;
  return Number(m[1]) * factor;
}

function optionValue(words: string[], name: string): string | undefined {
  const i = words.indexOf(name);
  return i >= 0 ? words[i + 1] : undefined;
}

export function checkPractices(sections: SourcedSection[], proxies: SourcedProxy[], report: Report): void {
  const at = (file: string, line: CfgLine) => ({ file, line: line.line, column: line.column });
  const globalLines = sections.filter((s) => s.section.type === 'global').flatMap((s) => s.section.lines.map((line) => ({ file: s.file, line })));
  const globalMaxconn = globalLines.find((g) => g.line.keyword === 'maxconn');
  const globalLogs = globalLines.filter((g) => g.line.keyword === 'log');

  for (const { file, section } of sections) {
    if (!PROXY_TYPES.has(section.type)) continue;
    const hasHostHeader = section.lines.some((l) => l.keyword === 'http-check' && l.args[0] === 'send' && /\bhdr\b/.test(l.args.join(' ')) && l.args.some((a) => a.toLowerCase() === 'host'));
    for (const line of section.lines) {
      if (line.keyword === 'timeout' && line.args[1] !== undefined && parseTime(line.args[1], '').unitless && !/^0+$/.test(line.args[1])) {
        report({ ...at(file, line), ruleId: 'unitless-timeout', severity: 'warning', message: `'timeout ${line.args[0]} ${line.args[1]}' has no unit: HAProxy reads it as ${line.args[1]} milliseconds; expected an explicit unit such as '${line.args[1]}ms' or '${line.args[1]}s'` });
      }
      if (line.keyword === 'timeout' && line.args[0] === 'check' && line.args[1] !== undefined) {
        const ms = milliseconds(line.args[1]);
        if (ms !== undefined && ms > 0 && ms < MIN_CHECK_TIMEOUT_MS) {
          report({ ...at(file, line), ruleId: 'aggressive-health-check', severity: 'warning', message: `'timeout check ${line.args[1]}' gives a server ${ms} ms to answer its health check: a short slowdown of a healthy server marks it down; expected at least ${MIN_CHECK_TIMEOUT_MS} ms` });
        }
      }
      if (line.keyword === 'server' || line.keyword === 'default-server') {
        const inter = optionValue(line.args, 'inter');
        const ms = inter === undefined ? undefined : milliseconds(inter);
        if (ms !== undefined && ms < MIN_INTER_MS) {
          report({ ...at(file, line), ruleId: 'aggressive-health-check', severity: 'warning', message: `'inter ${inter}' checks every ${ms} ms: a short pause of a healthy server marks it down; expected at least ${MIN_INTER_MS} ms` });
        } else if (optionValue(line.args, 'fall') === '1') {
          report({ ...at(file, line), ruleId: 'aggressive-health-check', severity: 'warning', message: "'fall 1' marks the server down on a single failed check; expected 'fall 2' or more" });
        }
      }
      if (line.keyword === 'option' && line.args[0] === 'httpchk' && !hasHostHeader) {
        const version = line.args.length >= 4 ? line.args[3]! : '';
        if (/^HTTP\/1\.1/i.test(version) && !/\r?\n?host:/i.test(version.replace(/\\r\\n/g, '\n'))) {
          report({ ...at(file, line), ruleId: 'httpchk-missing-host', severity: 'warning', message: "'option httpchk' sends HTTP/1.1 without a Host header: most servers answer 400; expected 'http-check send hdr Host <name>'" });
        }
      }
      if ((line.keyword === 'no' && line.args[0] === 'log') || (line.keyword === 'option' && line.args[0] === 'dontlog-normal')) {
        report({ ...at(file, line), ruleId: 'hidden-evidence', severity: 'warning', message: `'${line.keyword} ${line.args[0]}' in ${section.type} '${section.name ?? ''}' hides the traffic logs an incident needs` });
      }
    }
  }

  const binds = new Map<string, { file: string; proxy: string; line: number }>();
  for (const { file, proxy, section } of proxies) {
    if (proxy.type === 'backend' || proxy.type === 'listen') {
      const active = proxy.servers.filter((s) => !s.disabled);
      const unchecked = active.find((s) => !s.check);
      if (active.length >= 2 && unchecked) {
        report({ file, line: unchecked.line, column: 1, ruleId: 'server-without-check', severity: 'warning', message: `server '${proxy.name}/${unchecked.name}' has no 'check' in a backend of ${active.length} servers: traffic keeps going to it when it is down; expected 'check'` });
      }
    }
    if (proxy.type === 'frontend' || proxy.type === 'listen') {
      for (const bind of proxy.binds) {
        if (bind.port === undefined || (bind.family !== 'ipv4' && bind.family !== 'ipv6')) continue;
        if (bind.port < 1024) {
          report({ file, line: bind.line, column: 1, ruleId: 'privileged-port', severity: 'info', message: `bind '${bind.raw}' uses port ${bind.port} (< 1024): HAProxy needs root or CAP_NET_BIND_SERVICE to bind it` });
        }
        for (let port = bind.port; port <= (bind.portEnd ?? bind.port) && port < bind.port + 64; port++) {
          const wildcard = bind.address === '0.0.0.0' || bind.address === '::';
          const keys = [`${bind.address}:${port}`, ...(wildcard ? [] : [`${bind.family === 'ipv6' ? '::' : '0.0.0.0'}:${port}`])];
          const other = keys.map((k) => binds.get(k)).find((b) => b !== undefined && b.proxy !== proxy.name);
          if (other) {
            report({ file, line: bind.line, column: 1, ruleId: 'duplicate-bind', severity: 'warning', message: `${proxy.type} '${proxy.name}' binds '${bind.raw}', which ${other.proxy} already binds at ${other.file}:${other.line}: the kernel spreads connections between both` });
            break;
          }
          binds.set(`${bind.address}:${port}`, { file, proxy: proxy.name, line: bind.line });
        }
      }
      const logs = proxy.logs.filter((l) => !(l.args[0] === 'no'));
      const logsGlobally = logs.some((l) => l.args[1] === 'global');
      if (logs.length === 0 || (logsGlobally && logs.length === 1 && globalLogs.length === 0)) {
        report({ file, line: proxy.line, column: 1, ruleId: 'hidden-evidence', severity: 'warning', message: `${proxy.type} '${proxy.name}' has no log target: nothing records its traffic; expected 'log global' with a 'log' line in global` });
      }
      const maxconn = section.lines.find((l) => l.keyword === 'maxconn');
      const global = globalMaxconn ? Number(globalMaxconn.line.args[0]) : undefined;
      if (maxconn && global !== undefined && Number(maxconn.args[0]) > global) {
        report({ file, line: maxconn.line, column: maxconn.column, ruleId: 'maxconn-limit', severity: 'warning', message: `maxconn ${maxconn.args[0]} of ${proxy.type} '${proxy.name}' is above the global maxconn ${global}: the global limit queues connections first` });
      }
    }
  }
  checkLogLevels(proxies, globalLogs, report);
  const firstGlobal = sections.find((s) => s.section.type === 'global');
  if (firstGlobal && !globalMaxconn && proxies.some((p) => p.proxy.type === 'frontend' || p.proxy.type === 'listen')) {
    report({ file: firstGlobal.file, line: firstGlobal.section.line, column: 1, ruleId: 'maxconn-limit', severity: 'info', message: "global section sets no 'maxconn': the limit then derives from ulimit -n; expected an explicit 'maxconn'" });
  }
}

/**
 * Log targets whose level drops the evidence an incident needs: a proxy logs through all its targets (`log global`
 * adds global's), so it is blind only when every one of them stops below the level. One finding per set of targets.
 */
function checkLogLevels(proxies: SourcedProxy[], globalLogs: { file: string; line: CfgLine }[], report: Report): void {
  const groups = new Map<string, { at: { file: string; line: number }; cap: number; proxies: string[]; lost: Set<string> }>();
  for (const { file, proxy } of proxies) {
    const targets = proxy.logs
      .filter((l) => l.args[0] !== 'no')
      .flatMap((l) => (l.args[1] === 'global' ? globalLogs.map((g) => ({ file: g.file, line: g.line.line, args: [g.line.keyword, ...g.line.args] })) : [{ file, line: l.line, args: l.args }]));
    if (targets.length === 0) continue; // no target at all: the check above reports it
    const cap = Math.max(...targets.map((t) => maxLogLevel(t.args) ?? 7));
    const sides = proxy.type === 'listen' ? ['frontend', 'backend'] : [proxy.type];
    const lost = EVIDENCE_LEVELS.filter((e) => sides.includes(e.side) && cap < e.level).map((e) => e.what);
    if (lost.length === 0) continue;
    const key = targets.map((t) => `${t.file}:${t.line}`).join(',');
    const group = groups.get(key) ?? { at: targets[0]!, cap, proxies: [], lost: new Set<string>() };
    group.proxies.push(`${proxy.type} '${proxy.name}'`);
    for (const what of lost) group.lost.add(what);
    groups.set(key, group);
  }
  for (const { at, cap, proxies: names, lost } of groups.values()) {
    const who = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    const dropped = EVIDENCE_LEVELS.map((e) => e.what).filter((w) => lost.has(w));
    report({ file: at.file, line: at.line, column: 1, ruleId: 'hidden-evidence', severity: 'warning', message: `the log targets of ${who} stop at level '${LOG_LEVELS[cap]}': ${dropped.join(', ')} are not logged; expected one target at 'info' or without a level` });
  }
}
