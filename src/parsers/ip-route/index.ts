// `ip route`, `ip -6 route`, `ip -d route`, `ip route show table all` into route records (multipath nexthops kept).
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { RouteRecord } from '../../model/firewall.js';
import { contentLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast']);
/** Keys followed by one value; anything else that is a single word (linkdown, onlink, ...) is a flag. */
const VALUE_KEYS = new Set(['via', 'dev', 'proto', 'scope', 'src', 'metric', 'table', 'pref', 'mtu', 'advmss', 'weight', 'expires', 'realm', 'realms', 'tos', 'initcwnd', 'initrwnd', 'hoplimit', 'rtt', 'rttvar', 'congctl', 'features', 'quickack', 'nhid', 'from', 'dsfield', 'error', 'ssthresh', 'cwnd', 'window', 'lock', 'fastopen_no_cookie', 'encap', 'type']);
const DESTINATION = /^(default|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;

export function parseIpRoute(text: string): ParseOutput<RouteRecord[]> {
  const diagnostics: Diagnostic[] = [];
  const routes: RouteRecord[] = [];
  let content = 0;
  for (const { line, text: lineText } of contentLines(text, diagnostics)) {
    content++;
    const words = lineText.split(/\s+/);
    if (words[0] === 'nexthop') {
      const last = routes[routes.length - 1];
      if (!last) {
        diagnostics.push({ line, severity: 'warning', message: 'nexthop line before any route' });
        continue;
      }
      const hop: NonNullable<RouteRecord['nexthops']>[number] = { line };
      for (let i = 1; i < words.length; i++) {
        if (words[i] === 'via') hop.via = words[words[i + 1] === 'inet' || words[i + 1] === 'inet6' ? ++i + 1 : i + 1];
        if (words[i] === 'dev') hop.dev = words[i + 1];
        if (words[i] === 'weight') hop.weight = Number(words[i + 1]);
      }
      (last.nexthops ??= []).push(hop);
      continue;
    }
    let index = 0;
    let type = 'unicast';
    if (ROUTE_TYPES.has(words[0] ?? '')) type = words[index++] ?? type;
    const destination = words[index++] ?? '';
    if (!DESTINATION.test(destination)) {
      diagnostics.push({ line, severity: 'warning', message: `not a route line: "${lineText.slice(0, 80)}"` });
      continue;
    }
    const route: RouteRecord = { line, type, destination, family: destination.includes(':') ? 'inet6' : 'inet' };
    while (index < words.length) {
      const key = words[index++] ?? '';
      if (!VALUE_KEYS.has(key)) continue;
      let value = words[index++] ?? '';
      if (key === 'via' && (value === 'inet' || value === 'inet6')) value = words[index++] ?? '';
      if (key === 'via') {
        route.via = value;
        if (value.includes(':')) route.family = 'inet6';
      } else if (key === 'dev') route.dev = value;
      else if (key === 'proto') route.proto = value;
      else if (key === 'scope') route.scope = value;
      else if (key === 'src') route.src = value;
      else if (key === 'table') route.table = value;
      else if (key === 'metric' && /^\d+$/.test(value)) route.metric = Number(value);
    }
    routes.push(route);
  }
  const ok = content === 0 || routes.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no route line found' });
  return { ok, value: routes, diagnostics };
}

export const ipRouteParser: ArtifactParser<RouteRecord[]> = {
  kind: 'ip-route',
  description: 'ip route / ip -6 route / ip route show table all',
  pathPatterns: ['commands/ip_route*', 'commands/ip_-6_route*', 'commands/ip_-4_route*', 'commands/ip_-d_route*', 'sos_commands/networking/ip_route*', 'sos_commands/networking/ip_-6_route*', 'sos_commands/networking/ip_-4_route*', '**/ip_route*.txt'],
  sniff: (head) => /^(default via \S+ dev \S+|[0-9.]+\/\d+ dev \S+ proto kernel scope link src )/m.test(head),
  parse: parseIpRoute,
};
