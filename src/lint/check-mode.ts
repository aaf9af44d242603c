// HTTP-only settings in a proxy that runs in TCP mode: HAProxy 2.6 starts, warns, and ignores them (or falls back), so
// the header, the redirect or the stickiness the author expects never happens. Messages follow haproxy -c 2.6.12.
import type { CfgLine } from '../model/haproxy-config.js';
import type { SourcedProxy } from './check-references.js';
import type { Finding } from './lint-result.js';

type Report = (finding: Finding) => void;

const HTTP_RULE_SETS = ['http-request', 'http-response', 'http-after-response', 'redirect'];
/** Balance algorithms that hash layer-7 data. */
const LAYER7_BALANCE = /^(?:uri|url_param|hdr\()/;

export function checkModeIgnored(proxies: SourcedProxy[], report: Report): void {
  for (const { file, proxy, section } of proxies) {
    if (proxy.mode === 'http') continue;
    // `switch-mode http` upgrades the stream: the HTTP rules then apply, and HAProxy does not warn.
    if (section.lines.some((l) => l.keyword === 'tcp-request' && l.args[0] === 'content' && l.args[1] === 'switch-mode' && l.args[2] === 'http')) continue;
    const name = proxy.name;
    const warn = (line: CfgLine, message: string) => report({ file, line: line.line, column: line.column, ruleId: 'ignored-in-tcp-mode', severity: 'warning', message });
    const first = (match: (l: CfgLine) => boolean) => section.lines.find(match);

    for (const ruleSet of HTTP_RULE_SETS) {
      const line = first((l) => l.keyword === ruleSet);
      if (line) warn(line, `'${ruleSet}' rules ignored for proxy '${name}' as they require HTTP mode.`);
    }
    const stats = first((l) => l.keyword === 'stats' && l.args[0] !== 'socket');
    if (stats) warn(stats, `'stats' statement ignored for proxy '${name}' as it requires HTTP mode.`);
    for (const option of ['forwardfor', 'originalto']) {
      const line = first((l) => l.keyword === 'option' && l.args[0] === option);
      if (line) warn(line, `'option ${option}' ignored for proxy '${name}' as it requires HTTP mode.`);
    }
    const httplog = first((l) => l.keyword === 'option' && l.args[0] === 'httplog');
    if (httplog) warn(httplog, `'option httplog' not usable with proxy '${name}' (needs 'mode http'). Falling back to 'option tcplog'.`);
    const cookie = first((l) => l.keyword === 'cookie');
    if (cookie) warn(cookie, `cookie will be ignored for proxy '${name}' (needs 'mode http').`);
    const balance = first((l) => l.keyword === 'balance' && LAYER7_BALANCE.test(l.args[0] ?? ''));
    if (balance) warn(balance, `Layer 7 hash not possible for proxy '${name}' (needs 'mode http'). Falling back to round robin.`);
    for (const line of section.lines) {
      if (line.keyword === 'server' && line.args.includes('cookie')) warn(line, `proxy '${name}' : ignoring cookie for server '${line.args[0]}' as HTTP mode is disabled.`);
    }
  }
}
