// Per-line checks as HAProxy 2.6 makes them while parsing: keywords per section, removed keywords, and the
// arguments it validates (mode, balance, timeouts, options, log targets, bind/server options, ACL expressions).
import type { CfgLine, CfgSection } from '../model/haproxy-config.js';
import { compareVersions } from '../parsers/haproxy-cfg/conditionals.js';
import { bestMatch, keywordCatalogue, type KeywordEntry } from './keyword-catalogue.js';
import type { Finding } from './lint-result.js';
import { LOG_LEVELS } from './log-levels.js';
import { PROXY_TYPES, RULE_SETS } from './keyword-sets.js';

/** Keywords whose second word is part of the keyword in the catalogue. */
const TWO_WORD = new Set(['timeout', 'stats', 'capture', 'stick', 'email-alert', 'http-check', 'tcp-check', 'declare']);
/** HAProxy prints some section types under another name in its messages. */
const SECTION_LABEL: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { userlist: 'users' });
export const BUILTIN_ACLS = new Set([
  'FALSE', 'HTTP', 'HTTP_1.0', 'HTTP_1.1', 'HTTP_2.0', 'HTTP_CONTENT', 'HTTP_URL_ABS', 'HTTP_URL_SLASH', 'HTTP_URL_STAR',
  'LOCALHOST', 'METH_CONNECT', 'METH_DELETE', 'METH_GET', 'METH_HEAD', 'METH_OPTIONS', 'METH_POST', 'METH_PUT',
  'METH_TRACE', 'RDP_COOKIE', 'REQ_CONTENT', 'TRUE', 'WAIT_END',
]);
const BALANCE_ALGORITHMS = new Set(['roundrobin', 'static-rr', 'leastconn', 'first', 'source', 'uri', 'url_param', 'random', 'rdp-cookie', 'hdr', 'hash']);
const LOG_FACILITIES = new Set([
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'auth2', 'ftp', 'ntp', 'audit', 'alert',
  'cron2', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
]);
const LOG_LEVEL_NAMES = new Set<string>(LOG_LEVELS);
/** Server options whose value is a time (parse_time_err: a bad unit is fatal there). */
const SERVER_TIME_OPTIONS = new Set(['inter', 'fastinter', 'downinter', 'agent-inter', 'slowstart', 'pool-purge-delay']);
/** `haproxy -vv` of the Debian 2.6.12 build: "Compression algorithms supported". */
const COMPRESSION_ALGORITHMS = new Set(['identity', 'deflate', 'raw-deflate', 'gzip']);
/** `haproxy -vv` of the Debian 2.6.12 build: the multiplexers `proto` may name; it is built without QUIC. */
const MUX_PROTOCOLS = new Set(['h2', 'fcgi', 'h1', 'none']);
const QUIC_ADDRESS = /^quic[46]@/;
const EXTRA_BIND_KEYWORDS: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, { ssl: 0, quic: 0 });

export interface TimeValue {
  ok: boolean;
  /** Fatal: an unexpected character right after the digits. */
  error?: string;
  /** Accepted by 2.6 with a warning (extra characters after a valid unit). */
  warning?: string;
  unitless: boolean;
}

/** parse_time_err() of HAProxy 2.6 on a `timeout`/`inter` value. */
export function parseTime(value: string, what: string): TimeValue {
  const m = /^(\d+)(.*)$/s.exec(value);
  if (!m) return { ok: false, error: `unexpected character '${value[0] ?? ''}' in '${what}'`, unitless: false };
  const rest = m[2]!;
  if (rest === '') return { ok: true, unitless: true };
  const unit = /^(us|ms|s|m|h|d)/.exec(rest)?.[1];
  if (unit === undefined) return { ok: false, error: `unexpected character '${rest[0]}' in '${what}'`, unitless: false };
  if (rest.length > unit.length) {
    return {
      ok: true,
      unitless: false,
      warning: `unexpected character '${rest[unit.length]}' after the timer value '${value}', only (us=microseconds,ms=milliseconds,s=seconds,m=minutes,h=hours,d=days) are supported. This will be reported as an error in next versions.`,
    };
  }
  return { ok: true, unitless: false };
}

export interface KeywordCheckContext {
  file: string;
  report: (finding: Omit<Finding, 'file'> & { file?: string }) => void;
  /** Target version is newer than the catalogue: unknown keywords may be valid there. */
  newerTarget: boolean;
}

function fill(message: string, section: CfgSection): string {
  return message.replaceAll('{proxyType}', section.type).replaceAll('{proxyName}', section.name ?? '');
}

/** Checks every line of one section; returns the names of ACLs declared in it, in order, for the reference checks. */
export function checkSectionLines(section: CfgSection, ctx: KeywordCheckContext): void {
  const catalogue = keywordCatalogue();
  // A section of a later version the catalogue has no keywords for (log-profile: its documentation is not where the
  // generator reads): nothing to check its lines against.
  const entries = catalogue.sections[section.type];
  if (entries === undefined) return;
  const isProxy = PROXY_TYPES.has(section.type);
  const declaredAcls = new Set<string>();

  for (const line of section.lines) {
    let keyword = line.keyword;
    let args = line.args;
    let negated = false;
    if (isProxy && (keyword === 'no' || keyword === 'default') && args.length > 0) {
      negated = true;
      keyword = args[0]!;
      args = args.slice(1);
    }
    const at = (column = line.column) => ({ line: line.line, column });

    let entry: KeywordEntry | undefined;
    let shown = keyword;
    const twoWord = TWO_WORD.has(keyword);
    // `http-check set-var(check.x)`: the action name stops at the parenthesis.
    const sub = twoWord ? args[0]?.replace(/\(.*$/s, '') : undefined;
    if (sub !== undefined && entries[`${keyword} ${sub}`] !== undefined) {
      entry = entries[`${keyword} ${sub}`];
      shown = `${keyword} ${sub}`;
    } else entry = entries[keyword];

    if (entry === undefined) {
      const suggestion = bestMatch(keyword, Object.keys(entries).filter((k) => !k.includes(' ')));
      ctx.report({
        ...at(),
        ruleId: 'unknown-keyword',
        severity: ctx.newerTarget ? 'warning' : 'error',
        message:
          `unknown keyword '${keyword}' in '${SECTION_LABEL[section.type] ?? section.type}' section` +
          (suggestion ? `; did you mean '${suggestion}' maybe ?` : '') +
          (ctx.newerTarget ? ` (unknown to HAProxy ${catalogue.version}; not checked for the target version)` : ''),
      });
      continue;
    }
    if (entry !== 'ok') {
      if (entry.status === 'removed') ctx.report({ ...at(), ruleId: 'removed-keyword', severity: 'error', message: entry.message });
      else ctx.report({ ...at(), ruleId: 'keyword-wrong-section', severity: entry.status === 'error' ? 'error' : 'warning', message: fill(entry.message, section) });
      if (entry.status !== 'ignored') continue;
    }
    // `timeout mail` in a backend, `stats socket` in a frontend: the first word is known, the pair is not.
    if (keyword === 'stats' && section.type === 'global' && shown === keyword && args[0] !== undefined) {
      ctx.report({ ...at(), ruleId: 'invalid-argument', severity: 'error', message: `'stats' only supports 'socket', 'maxconn', 'bind-process' and 'timeout' (got '${args[0]}')` });
      continue;
    }
    if (twoWord && shown === keyword && args[0] !== undefined && isProxy && Object.keys(entries).some((k) => k.startsWith(`${keyword} `))) {
      const known = Object.keys(entries).filter((k) => k.startsWith(`${keyword} `)).map((k) => `'${k.slice(keyword.length + 1)}'`);
      ctx.report({
        ...at(),
        ruleId: 'invalid-argument',
        severity: 'error',
        message: keyword === 'timeout'
          ? `'timeout' supports ${known.join(', ')} (got '${args[0]}')`
          : `unknown ${keyword} parameter '${args[0]}', expects ${known.join(', ')}.`,
      });
      continue;
    }

    const word = (i: number) => line.words[line.words.length - args.length + i];
    const bad = (message: string, column?: number, severity: 'error' | 'warning' = 'error', ruleId = 'invalid-argument') =>
      ctx.report({ ...at(column), ruleId, severity, message });

    switch (keyword) {
      case 'mode':
        // `mode log` (log backends) came with 3.0.
        if (isProxy && args[0] !== undefined && args[0] !== 'tcp' && args[0] !== 'http' && !(args[0] === 'log' && compareVersions(catalogue.version, '3.0') >= 0)) {
          bad(`unknown proxy mode '${args[0]}'.`, word(0)?.column);
        }
        break;
      case 'compression':
        // 2.6 syntax only: later versions add directions and per-direction algorithms and types.
        if (isProxy && catalogue.version.startsWith('2.6')) checkCompression(args, (message) => bad(message, word(0)?.column));
        break;
      case 'balance': {
        const algorithm = args[0]?.replace(/\(.*$/s, '');
        if (isProxy && algorithm !== undefined && !BALANCE_ALGORITHMS.has(algorithm)) {
          bad("balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.", word(0)?.column);
        }
        break;
      }
      case 'hash-type':
        if (isProxy && args[0] !== undefined && args[0] !== 'consistent' && args[0] !== 'map-based') bad("'hash-type' only supports 'consistent' and 'map-based'.", word(0)?.column);
        break;
      case 'timeout':
        if (isProxy && args[0] !== undefined && (args[1] === undefined || args[1] === '')) bad(`'timeout ${args[0]}' expects an integer value (in milliseconds)`);
        else if (isProxy && args[1] !== undefined) {
          const t = parseTime(args[1], `timeout ${args[0]}`);
          if (t.error) bad(t.error, word(1)?.column);
          else if (t.warning) bad(t.warning, word(1)?.column, 'warning', 'suspicious-value');
        }
        break;
      case 'option':
        if (isProxy) checkOption(args, negated, line, word(0)?.column, ctx);
        break;
      case 'stats':
        if (section.type === 'global' && args[0] === 'socket') {
          const level = args.indexOf('level', 2);
          const value = level >= 0 ? args[level + 1] : undefined;
          if (value !== undefined && value !== 'user' && value !== 'operator' && value !== 'admin') {
            bad(`'stats socket' : ''level' only supports 'user', 'operator', and 'admin' (got '${value}')'`, word(level + 1)?.column);
          }
        }
        break;
      case 'source':
        if (isProxy && !negated) checkSource(args, 0, '', line, ctx);
        break;
      case 'log':
        if (!negated && section.type !== 'userlist') checkLog(args, line, ctx);
        break;
      case 'bind':
        if (isProxy || section.type === 'peers' || section.type === 'log-forward') {
          checkBindAddresses(args[0], line, ctx);
          checkBindOptions(args, line, section, ctx);
        }
        break;
      case 'server':
      case 'default-server':
      case 'server-template':
        if (isProxy || section.type === 'peers' || section.type === 'ring') checkServerOptions(keyword, args, line, section, ctx);
        break;
      case 'acl':
        if (isProxy && args[0] !== undefined) {
          checkAclExpression(args.slice(1), `error detected while parsing ACL '${args[0]}'`, line, ctx);
          declaredAcls.add(args[0]);
        }
        break;
    }

    if (isProxy) {
      checkCondition(keyword, args, line, declaredAcls, ctx);
      if (RULE_SETS.has(keyword)) checkSampleExpressions(keyword, args, line, section, ctx);
    }
  }
}

function checkOption(args: string[], negated: boolean, line: CfgLine, column: number | undefined, ctx: KeywordCheckContext): void {
  const options = keywordCatalogue().options;
  const name = args[0];
  if (name === undefined) return;
  const report = (message: string) => ctx.report({ line: line.line, column: column ?? line.column, ruleId: 'invalid-argument', severity: 'error', message });
  const known = options[name];
  if (!known) {
    const suggestion = bestMatch(name, Object.keys(options));
    report(`unknown option '${name}'${suggestion ? `; did you mean '${suggestion}' maybe ?` : '.'}`);
    return;
  }
  if (negated && !known.negatable) report(`negation/default is not supported for option '${name}'.`);
  else if (name === 'httpchk' && args.length > 4) report(`'option httpchk' cannot handle unexpected argument '${args[4]}'.`);
  else if (name === 'httplog' && args[1] !== undefined && args[1] !== 'clf') report("keyword 'httplog' only supports option 'clf'.");
  else if (name === 'forwardfor' || name === 'originalto') {
    // cfg_parse_listen() of 2.6: `except <network>`, `header <name>` and (forwardfor only) `if-none`, in any order.
    for (let i = 1; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === 'except') {
        if (!isNetwork(args[i + 1])) return report(`'option ${name} except' expects <address>[/mask] as argument.`);
        i++;
      } else if (arg === 'header') {
        if (args[i + 1] === undefined || args[i + 1] === '') return report(`'option ${name} header' expects <header_name> as argument.`);
        i++;
      } else if (arg === 'if-none' && name === 'forwardfor') {
        continue;
      } else {
        return report(name === 'forwardfor'
          ? "'option forwardfor' only supports optional values: 'except', 'header' and 'if-none'."
          : "'option originalto' only supports optional values: 'except' and 'header'.");
      }
    }
  }
}

/** `compression algo <name>...`, `compression type <mime>...` or `compression offload`, as 2.6 parses it. */
function checkCompression(args: string[], report: (message: string) => void): void {
  if (args[0] !== 'algo' && args[0] !== 'type' && args[0] !== 'offload') return report("'compression' expects 'algo', 'type' or 'offload'");
  if (args[0] !== 'algo') return;
  if (args.length === 1) return report("'compression' expects <algorithm>.");
  const unknown = args.slice(1).find((a) => !COMPRESSION_ALGORITHMS.has(a));
  if (unknown !== undefined) report(`'compression' : '${unknown}' is not a supported algorithm.`);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

/** str2net()/str62net(): an IPv4 address with a /bits or dotted mask, or an IPv6 address with /0-128. */
function isNetwork(value: string | undefined): boolean {
  if (value === undefined || value === '') return false;
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const mask = slash < 0 ? undefined : value.slice(slash + 1);
  if (IPV4.test(address)) return mask === undefined || (/^\d{1,2}$/.test(mask) && Number(mask) <= 32) || IPV4.test(mask);
  if (IPV6.test(address)) return mask === undefined || (/^\d{1,3}$/.test(mask) && Number(mask) <= 128);
  return false;
}

/**
 * `source <addr>[:<port>] [usesrc {<addr>[:<port>]|client|clientip|hdr_ip(...)}] [interface <name>]`, in a proxy
 * (`label` empty) or after a server's `source` (label `'server be/name' : `). `from` is the index of the address.
 * Returns the index of the last word it consumed.
 */
function checkSource(args: string[], from: number, label: string, line: CfgLine, ctx: KeywordCheckContext): number {
  let i = from;
  while (args[i + 1] === 'usesrc' || args[i + 1] === 'interface') {
    const keyword = args[i + 1]!;
    const value = args[i + 2];
    const column = line.words[line.words.length - args.length + i + 2]?.column ?? line.column;
    const report = (severity: 'error' | 'warning', message: string) =>
      ctx.report({ line: line.line, column, ruleId: severity === 'error' ? 'invalid-argument' : 'suspicious-value', severity, message: `${label}${message}` });
    if (value === undefined) {
      if (keyword === 'usesrc') report('error', "'usesrc' expects <addr>[:<port>], 'client', or 'clientip' as argument.");
      return i + 1;
    }
    if (keyword === 'usesrc' && value !== 'client' && value !== 'clientip' && !/^hdr_ip\(/.test(value)) {
      const host = /^\[([^\]]*)\](?::\d*)?$/.exec(value)?.[1] ?? value.replace(/:\d*$/, '');
      if (!/^[A-Za-z0-9.:_-]+$/.test(host)) {
        report('error', `'usesrc ${value}' : invalid address: '${value}' in '${value}'`);
      } else if (!IPV4.test(host) && !IPV6.test(host)) {
        // A name: HAProxy resolves it while reading the configuration, and refuses to start if it does not resolve.
        report('warning', `'usesrc ${value}' : '${host}' is a host name: HAProxy resolves it when it reads the configuration and refuses to start if that fails; expected an IP address`);
      }
    }
    i += 2;
  }
  return i;
}

function checkLog(args: string[], line: CfgLine, ctx: KeywordCheckContext): void {
  if (args.length === 0 || args[0] === 'global') return;
  const report = (message: string) => ctx.report({ line: line.line, column: line.column, ruleId: 'invalid-argument', severity: 'error', message });
  const target = args[0]!;
  let i = 1;
  // `profile <name>` (a log-profile section) came with 3.1.
  const withProfile = compareVersions(keywordCatalogue().version, '3.1') >= 0;
  while (i < args.length && (args[i] === 'len' || args[i] === 'format' || args[i] === 'sample' || (withProfile && args[i] === 'profile'))) i += 2;
  const facility = args[i];
  if (facility === undefined) {
    report('log expects <address> and <facility> as arguments.');
    return;
  }
  if (!LOG_FACILITIES.has(facility)) {
    report(`log : unknown log facility '${facility}'`);
    return;
  }
  for (const level of args.slice(i + 1, i + 3)) {
    if (!LOG_LEVEL_NAMES.has(level)) {
      report(`log : unknown optional log level '${level}'`);
      return;
    }
  }
  const port = /^(?:udp[46]?@|tcp[46]?@|ipv[46]@)?(?:\[[^\]]*\]|[^:/@]*):(\d*)$/.exec(target)?.[1];
  if (port !== undefined && port !== '' && Number(port) > 65535) report(`log : invalid port '${port}'`);
}

/** What the parser's address reader lets through but str2sa_range() refuses: port 0, characters no host name has. */
function checkBindAddresses(target: string | undefined, line: CfgLine, ctx: KeywordCheckContext): void {
  if (target === undefined) return;
  for (const raw of target.split(',')) {
    if (raw === '' || /^[a-z0-9+]*@/i.test(raw) || raw.startsWith('/')) continue;
    const m = /^(\[[^\]]*\]|[^\[]*?)(?::([^:]*))?$/.exec(raw);
    const host = m?.[1] ?? raw;
    const port = m?.[2];
    if (!/^(\[[0-9a-fA-F:.]*\]|[A-Za-z0-9.:_*-]*)$/.test(host) && !host.includes(':')) {
      ctx.report({ line: line.line, column: line.column, ruleId: 'invalid-argument', severity: 'error', message: `'bind' : invalid address: '${host}' in '${raw}'` });
      return;
    }
    if (port !== undefined && /^0+(-|$)/.test(port)) {
      ctx.report({ line: line.line, column: line.column, ruleId: 'invalid-argument', severity: 'error', message: `'bind' : invalid port '${port.replace(/-.*/, '')}'` });
      return;
    }
  }
}

function checkBindOptions(args: string[], line: CfgLine, section: CfgSection, ctx: KeywordCheckContext): void {
  const catalogue = keywordCatalogue();
  const keywords = catalogue.bindKeywords;
  const build26 = catalogue.version.startsWith('2.6');
  const fail = (message: string, word: number) => ctx.report({ line: line.line, column: line.words[word]?.column ?? line.column, ruleId: 'invalid-argument', severity: 'error', message });
  const quic = args[0]?.split(',').find((a) => QUIC_ADDRESS.test(a));
  if (build26 && quic !== undefined) return fail(`'bind' : unsupported stream protocol for datagram family ${quic.startsWith('quic6') ? 10 : 2} address '${quic}'; QUIC is not compiled in if this is what you were looking for.`, 1);
  for (let i = 1; i < args.length; i++) {
    const option = args[i]!;
    if (build26 && option === 'proto' && args[i + 1] !== undefined && !MUX_PROTOCOLS.has(args[i + 1]!)) {
      return fail(`'bind ${args[0]}' in section '${section.type}' : 'proto' :  unknown MUX protocol '${args[i + 1]}'`, i + 2);
    }
    const arity = keywords[option] ?? EXTRA_BIND_KEYWORDS[option];
    if (arity === undefined) {
      const suggestion = bestMatch(option, Object.keys(keywords));
      ctx.report({
        line: line.line,
        column: line.words[i + 1]?.column ?? line.column,
        ruleId: 'invalid-argument',
        severity: 'error',
        message: `'bind ${args[0]}' in section '${section.type}': unknown keyword '${option}'${suggestion ? `; did you mean '${suggestion}' maybe ?` : '.'}`,
      });
      return;
    }
    i += Math.max(arity, 0);
  }
}

function checkServerOptions(keyword: string, args: string[], line: CfgLine, section: CfgSection, ctx: KeywordCheckContext): void {
  const keywords = keywordCatalogue().serverKeywords;
  // default-server has no name and no address; server-template has a prefix, a count and an address.
  const first = keyword === 'default-server' ? 0 : keyword === 'server-template' ? 3 : 2;
  const label = `'${keyword === 'default-server' ? 'default-server' : 'server'} ${section.name ?? ''}/${args[0] ?? ''}'`;
  const build26 = keywordCatalogue().version.startsWith('2.6');
  const address = keyword === 'server' ? args[1] : keyword === 'server-template' ? args[2] : undefined;
  if (build26 && address !== undefined && QUIC_ADDRESS.test(address)) {
    ctx.report({ line: line.line, column: line.words[first]?.column ?? line.column, ruleId: 'invalid-argument', severity: 'error', message: `${label} : unsupported stream protocol for datagram family ${address.startsWith('quic6') ? 10 : 2} address '${address}'; QUIC is not compiled in if this is what you were looking for.` });
    return;
  }
  for (let i = first; i < args.length; i++) {
    const option = args[i]!;
    const column = line.words[i + 1]?.column ?? line.column;
    if (build26 && option === 'proto' && args[i + 1] !== undefined && !MUX_PROTOCOLS.has(args[i + 1]!)) {
      ctx.report({ line: line.line, column: line.words[i + 2]?.column ?? column, ruleId: 'invalid-argument', severity: 'error', message: `${label} : 'proto' :  unknown MUX protocol '${args[i + 1]}'.` });
      return;
    }
    const arity = keywords[option];
    if (arity === undefined) {
      const suggestion = bestMatch(option, Object.keys(keywords));
      ctx.report({ line: line.line, column, ruleId: 'invalid-argument', severity: 'error', message: `${label} : unknown keyword '${option}'${suggestion ? `; did you mean '${suggestion}' maybe ?` : '.'}` });
      return;
    }
    const value = args[i + 1];
    if (option === 'source') {
      // `source <addr>` then optional `usesrc <addr>` and `interface <name>` pairs (arity -1 in the catalogue).
      if (value === undefined) return;
      i = checkSource(args, i + 1, `${label} : `, line, ctx);
      continue;
    }
    if (arity > 0 && value !== undefined) {
      if (SERVER_TIME_OPTIONS.has(option)) {
        const t = parseTime(value, option);
        if (t.error) {
          ctx.report({ line: line.line, column: line.words[i + 2]?.column ?? column, ruleId: 'invalid-argument', severity: 'error', message: `${label} : ${t.error} argument of server ${args[0] ?? ''}.` });
          return;
        }
      } else if ((option === 'rise' || option === 'fall') && (parseInt(value, 10) || 0) <= 0) {
        ctx.report({ line: line.line, column: line.words[i + 2]?.column ?? column, ruleId: 'invalid-argument', severity: 'error', message: `${label} : '${option}' has to be > 0.` });
        return;
      } else if ((option === 'weight' || option === 'maxconn' || option === 'maxqueue' || option === 'minconn') && !/^\d+$/.test(value)) {
        // atol(): HAProxy takes the leading digits (or 0) and says nothing.
        ctx.report({ line: line.line, column: line.words[i + 2]?.column ?? column, ruleId: 'suspicious-value', severity: 'warning', message: `${label} : '${option}' expects an integer, got '${value}'; HAProxy reads it as ${parseInt(value, 10) || 0} without a warning` });
      }
    }
    i += Math.max(arity, 0);
  }
}

/** `acl name criterion[(args)][,conv]* [flags] [values]` and `{ criterion ... }`: the fetch and converters must exist. */
function checkAclExpression(words: string[], prefix: string, line: CfgLine, ctx: KeywordCheckContext): boolean {
  const catalogue = keywordCatalogue();
  const expression = words[0];
  if (expression === undefined) return true;
  const fetch = /^[^(,]*/.exec(expression)![0];
  if (!catalogue.aclKeywords[fetch] && !catalogue.fetches[fetch] && !fetch.startsWith('lua.')) {
    ctx.report({ line: line.line, column: line.column, ruleId: 'invalid-argument', severity: 'error', message: `${prefix} : unknown fetch method '${fetch}' in ACL expression '${expression}'.` });
    return false;
  }
  return true;
}

/** `if`/`unless` conditions: named ACLs must be declared before the rule (or built in); anonymous ones must parse. */
function checkCondition(keyword: string, args: string[], line: CfgLine, declaredAcls: Set<string>, ctx: KeywordCheckContext): void {
  if (keyword === 'acl') return;
  let start = args.indexOf('if');
  if (start < 0) start = args.indexOf('unless');
  else {
    const unless = args.indexOf('unless');
    if (unless >= 0 && unless < start) start = unless;
  }
  if (start < 0) return;
  const context = keyword === 'use_backend' || keyword === 'use-server' ? 'error detected while parsing switching rule' : `error detected while parsing '${keyword}${RULE_SETS.has(keyword) && args[0] ? ` ${args[0]}` : ''}' condition`;
  for (let i = start + 1; i < args.length; i++) {
    let term = args[i]!;
    if (term === '||' || term === 'or' || term === '!') continue;
    if (term === '{') {
      const close = args.indexOf('}', i + 1);
      if (!checkAclExpression(args.slice(i + 1, close < 0 ? undefined : close), context, line, ctx)) return;
      i = close < 0 ? args.length : close;
      continue;
    }
    while (term.startsWith('!')) term = term.slice(1);
    if (term === '') continue;
    if (term === '{') {
      const close = args.indexOf('}', i + 1);
      if (!checkAclExpression(args.slice(i + 1, close < 0 ? undefined : close), context, line, ctx)) return;
      i = close < 0 ? args.length : close;
      continue;
    }
    if (!declaredAcls.has(term) && !BUILTIN_ACLS.has(term)) {
      ctx.report({ line: line.line, column: line.column, ruleId: 'undefined-acl', severity: 'error', message: `${context} : no such ACL : '${term}'.` });
      return;
    }
  }
}

/** Names in `%[fetch(args),conv(args)]` and in `set-var(name) expr`: fetches and converters must exist. */
function checkSampleExpressions(keyword: string, args: string[], line: CfgLine, section: CfgSection, ctx: KeywordCheckContext): void {
  const catalogue = keywordCatalogue();
  const action = keyword.startsWith('tcp-') ? `${args[0] ?? ''} ${args[1] ?? ''}` : (args[0] ?? '');
  const prefix = `error detected in ${section.type === 'defaults' ? 'proxy' : section.type} '${section.name ?? ''}' while parsing '${keyword} ${action.trim()}' rule`;
  const expressions: string[] = [];
  for (const arg of args) {
    for (let i = arg.indexOf('%['); i >= 0; i = arg.indexOf('%[', i + 2)) expressions.push(arg.slice(i + 2));
  }
  const setVar = args.findIndex((a) => /^set-var\(/.test(a));
  if (setVar >= 0 && args[setVar + 1] !== undefined) expressions.push(args[setVar + 1]!);
  for (const expression of expressions) {
    const fetch = /^[a-zA-Z0-9._-]+/.exec(expression)?.[0];
    // Lua scripts register `lua.*` fetches and converters when they load: unknown offline.
    if (fetch === undefined || /^\d/.test(fetch) || fetch.startsWith('lua.')) continue;
    if (!catalogue.fetches[fetch]) {
      ctx.report({ line: line.line, column: line.column, ruleId: 'invalid-argument', severity: 'error', message: `${prefix} : unknown fetch method '${fetch}'.` });
      return;
    }
    // Converters follow top-level commas, outside parentheses and before the closing bracket.
    let depth = 0;
    for (let i = fetch.length; i < expression.length; i++) {
      const ch = expression[i];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (ch === ']' && depth === 0) break;
      else if (ch === ',' && depth === 0) {
        const converter = /^[a-zA-Z0-9._-]+/.exec(expression.slice(i + 1))?.[0];
        if (converter !== undefined && !converter.startsWith('lua.') && !catalogue.converters[converter]) {
          ctx.report({ line: line.line, column: line.column, ruleId: 'invalid-argument', severity: 'error', message: `${prefix} : unknown converter '${converter}'.` });
          return;
        }
      }
    }
  }
}
