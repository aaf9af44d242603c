// Bind and server addresses as HAProxy 2.6's str2sa_range() reads them (configuration.txt section 11).
import type { CfgBind, Endpoint } from '../../model/haproxy-config.js';

const UNIX_PREFIXES = new Set(['unix', 'uxst', 'uxdg', 'abns']);
const OTHER_PREFIXES = new Set(['fd', 'sockpair']);
const IPV4_PREFIXES = new Set(['ipv4', 'tcp4', 'udp4', 'quic4']);
const IPV6_PREFIXES = new Set(['ipv6', 'tcp6', 'udp6', 'quic6']);
const IP_PREFIXES = new Set(['ip', 'tcp', 'udp']);

export interface ParsedAddress extends Endpoint {
  family: CfgBind['family'];
  /** `+N`/`-N` server port: relative to the port the client connected to. */
  portOffset?: number;
  /** Why the address cannot be used as HAProxy would, if it cannot. */
  problem?: string;
}

/** Splits `stream+ipv4@`, `unix@`, ... off; returns the lower-cased family prefix (without `stream+`/`dgram+`). */
function splitPrefix(raw: string): { prefix?: string; rest: string } {
  const at = raw.indexOf('@');
  if (at < 0) return { rest: raw };
  let prefix = raw.slice(0, at).toLowerCase();
  const plus = prefix.indexOf('+');
  if (plus >= 0) prefix = prefix.slice(plus + 1);
  if (
    !UNIX_PREFIXES.has(prefix) && !OTHER_PREFIXES.has(prefix) && !IPV4_PREFIXES.has(prefix) &&
    !IPV6_PREFIXES.has(prefix) && !IP_PREFIXES.has(prefix)
  ) {
    return { rest: raw };
  }
  return { prefix, rest: raw.slice(at + 1) };
}

function parsePortNumber(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/**
 * Reads one address. `kind` says whether a port is mandatory and whether ranges (bind) or offsets (server) apply.
 * The last `:` separates the port, so `::1:80` is `::1` port 80 and `ipv6@::1` is address `:` port 1 (as 2.6
 * does); brackets (`[::1]:80`) protect an IPv6 address (accepted by 2.6.12).
 */
export function parseAddress(raw: string, kind: 'bind' | 'server'): ParsedAddress {
  const { prefix, rest } = splitPrefix(raw);
  if ((prefix !== undefined && UNIX_PREFIXES.has(prefix)) || (prefix === undefined && rest.startsWith('/'))) {
    return { address: rest, family: 'unix' };
  }
  if (prefix !== undefined && OTHER_PREFIXES.has(prefix)) return { address: rest, family: 'other' };

  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return { address: rest, family: 'ipv6', problem: `unmatched '[' in '${raw}'` };
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after.startsWith(':')) portText = after.slice(1);
    else if (after !== '') return { address: host, family: 'ipv6', problem: `invalid address '${raw}'` };
  } else {
    const colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      host = rest.slice(0, colon);
      portText = rest.slice(colon + 1);
    } else host = rest;
  }

  let family: CfgBind['family'];
  if (prefix !== undefined && IPV6_PREFIXES.has(prefix)) family = 'ipv6';
  else if (prefix !== undefined && IPV4_PREFIXES.has(prefix)) family = 'ipv4';
  else family = host.includes(':') ? 'ipv6' : 'ipv4';
  // `*` and the empty address are the IPv4 wildcard; with an ipv6 prefix, the IPv6 one.
  const address = host === '' || host === '*' ? (family === 'ipv6' ? '::' : '0.0.0.0') : host;
  const result: ParsedAddress = { address, family };

  if (portText === undefined || portText === '') {
    if (kind === 'bind') result.problem = `missing port specification in '${raw}'`;
    return result;
  }
  if (kind === 'server' && (portText.startsWith('+') || portText.startsWith('-'))) {
    const offset = parsePortNumber(portText.slice(1));
    if (offset === undefined) result.problem = `invalid port '${portText}' in '${raw}'`;
    else result.portOffset = portText.startsWith('-') ? -offset : offset;
    return result;
  }
  const dash = kind === 'bind' ? portText.indexOf('-') : -1;
  const port = parsePortNumber(dash >= 0 ? portText.slice(0, dash) : portText);
  if (port === undefined) {
    result.problem = `invalid port '${portText}' in '${raw}'`;
    return result;
  }
  result.port = port;
  if (dash >= 0) {
    const end = parsePortNumber(portText.slice(dash + 1));
    if (end === undefined || end < port) result.problem = `invalid port range '${portText}' in '${raw}'`;
    else result.portEnd = end;
  }
  return result;
}

/** `bind :80,:81,10.0.0.1:8000-8010`: one listener per comma-separated element. */
export function splitBindList(raw: string): string[] {
  return raw.split(',').filter((part) => part !== '');
}
