// One HAProxy log line -> one typed record (or undefined when the line is not one HAProxy writes).
// Formats verified against HAProxy 2.6.12 output (fixtures/parsers/haproxy-log, produced by lab.sh).
import type {
  BackendNoServerRecord,
  HaproxyMessageRecord,
  LogRecord,
  NoFreePortsRecord,
  ServerStateRecord,
  SyslogHeader,
  TrafficRecord,
} from '../../model/haproxy-log.js';
import type { LogFormatMatcher } from './log-format/matcher.js';
import { headerFromScan, monthAt, newHeaderScan, scanSyslogHeader } from './syslog-header.js';
import { TRAFFIC_HTTP, newTrafficScan, scanTraffic, type TrafficScan } from './traffic-scan.js';

export interface ParseLineOptions {
  /** Year for syslog timestamps that carry none (RFC3164). Default: the current UTC year. */
  year?: number;
  /** Custom log formats (compiled from haproxy.cfg), tried on lines the default formats do not read. */
  formats?: readonly LogFormatMatcher[];
}

const headerScan = newHeaderScan();
/** Header of the last line with one (see parseLogLine). */
const last: { text: string; year: number; header: SyslogHeader; foreign: boolean } = { text: '', year: 0, header: {}, foreign: false };
const trafficScan = newTrafficScan();

/** Parses one line (without its newline). Total: never throws, undefined for lines it does not recognise. */
export function parseLogLine(line: string, options: ParseLineOptions = {}): LogRecord | undefined {
  try {
    const year = options.year ?? new Date().getUTCFullYear();
    const offset = scanSyslogHeader(line, headerScan, 0, line.length);
    // consecutive lines often share their header (same second): its object is built once (headers are never mutated)
    if (offset > 0 && offset === last.text.length && year === last.year && line.startsWith(last.text)) {
      return parseMessage(line, offset, last.header, last.foreign, options.formats);
    }
    const foreign = headerScan.progStart >= 0 && !isHaproxyProgram(line.slice(headerScan.progStart, headerScan.progEnd));
    const header = headerFromScan(line, headerScan, year);
    if (offset > 0) {
      last.text = line.slice(0, offset);
      last.year = year;
      last.header = header;
      last.foreign = foreign;
    }
    return parseMessage(line, offset, header, foreign, options.formats);
  } catch {
    return undefined;
  }
}

/** `haproxy`, `haproxy-foo`, `hapee-lb`, `/usr/sbin/haproxy`. */
export function isHaproxyProgram(prog: string): boolean {
  return prog.includes('haproxy') || prog.includes('hapee');
}

/**
 * Parses the message part of a line (after any syslog header), with the header already built.
 * Traffic lines are recognised by their shape whatever the syslog tag (`log-tag` may rename it); events only
 * when the tag is HAProxy's (`foreign` false), so `systemd[1]: Stopping ...` is not taken for HAProxy's.
 */
export function parseMessage(
  line: string,
  offset: number,
  header: SyslogHeader,
  foreign = false,
  formats?: readonly LogFormatMatcher[],
): LogRecord | undefined {
  const end = line.length;
  if (offset >= end) return undefined;
  if (scanTraffic(line, offset, end, trafficScan)) return trafficFromScan(line, trafficScan, header);
  const msg = offset === 0 ? line : line.slice(offset);
  // Events repeat word for word (the same check failing every few seconds): their parse is remembered by message.
  // Only what depends on the message alone: no custom formats, no `[LEVEL]` lines (they read the header's pid),
  // never traffic-position lines (a client address first: unique per connection, not worth remembering).
  const c0 = msg.charCodeAt(0);
  const cacheable = formats === undefined && c0 !== 91 && !(c0 >= 48 && c0 <= 58) && msg.length <= MAX_REMEMBERED_MESSAGE;
  if (cacheable) {
    const known = (foreign ? foreignMessages : messages).get(msg);
    if (known !== undefined) return known === NOT_A_RECORD ? undefined : ({ ...known, header } as LogRecord);
  }
  const clf = parseClf(msg, header);
  if (clf) return clf;
  let record: LogRecord | undefined;
  if (foreign) record = matchCustom(line, offset, header, formats);
  else if (c0 === 91) return parseBracketMessage(line, offset, header) ?? matchCustom(line, offset, header, formats);
  // no event message starts with a digit: a client address first (error-format lines, one per failed connection)
  // skips parseEvent, which then stays cold (its optimised compile is costly, per worker thread)
  else if (c0 >= 48 && c0 <= 57) record = matchCustom(line, offset, header, formats) ?? parseOtherTrafficShapes(msg, header);
  else record = parseEvent(msg, header) ?? matchCustom(line, offset, header, formats) ?? parseOtherTrafficShapes(msg, header);
  if (cacheable) remember(foreign ? foreignMessages : messages, msg, record);
  return record;
}

const MAX_REMEMBERED_MESSAGE = 1024;
const MAX_REMEMBERED = 4096;
const NOT_A_RECORD = Object.freeze({}) as LogRecord;
/** Parse of non-traffic messages (record without its header, or NOT_A_RECORD), by message text and origin. */
const messages = new Map<string, LogRecord>();
const foreignMessages = new Map<string, LogRecord>();

function remember(map: Map<string, LogRecord>, msg: string, record: LogRecord | undefined): void {
  // records of messages that are not events (CLF traffic) are never remembered
  if (record !== undefined && (record.type === 'http' || record.type === 'tcp')) return;
  if (map.size >= MAX_REMEMBERED) map.clear();
  // a copy: the caller owns the record it was given
  map.set(msg, record === undefined ? NOT_A_RECORD : { ...record });
}

/** Custom log formats, in config order, after the default ones (they are stricter than the event shapes). */
function matchCustom(line: string, offset: number, header: SyslogHeader, formats: readonly LogFormatMatcher[] | undefined): TrafficRecord | undefined {
  if (formats === undefined) return undefined;
  for (const f of formats) {
    const r = f.match(line, offset, line.length, header);
    if (r !== undefined) return r;
  }
  return undefined;
}

function num(s: string): number {
  return Number.parseInt(s, 10);
}

/** Builds the record of a line scanned by scanTraffic. */
export function trafficFromScan(s: string, t: TrafficScan, header: SyslogHeader): TrafficRecord {
  const client = s.slice(t.clientStart, t.clientEnd);
  const colon = client.lastIndexOf(':');
  let frontend = s.slice(t.feStart, t.feEnd);
  let ssl: boolean | undefined;
  if (frontend.length > 1 && frontend.endsWith('~')) {
    frontend = frontend.slice(0, -1);
    ssl = true;
  }
  const http = t.kind === TRAFFIC_HTTP;
  const record: TrafficRecord = {
    type: http ? 'http' : 'tcp',
    header,
    clientAddress: colon > 0 ? client.slice(0, colon) : client,
    acceptDate: s.slice(t.dateStart, t.dateEnd),
    frontend,
    backend: s.slice(t.srvStart, t.srvSlash),
    server: s.slice(t.srvSlash + 1, t.srvEnd),
    timers: Array.from(t.timers.subarray(0, t.nTimers)),
    terminationState: s.slice(t.tsStart, t.tsEnd),
    actconn: t.conns[0],
    feconn: t.conns[1],
    beconn: t.conns[2],
    srvConn: t.conns[3],
    retries: t.conns[4],
    srvQueue: t.queue[0],
    backendQueue: t.queue[1],
    bytes: t.bytes,
  };
  if (colon > 0) {
    const port = num(client.slice(colon + 1));
    if (Number.isFinite(port)) record.clientPort = port;
  }
  if (ssl) record.ssl = true;
  if (t.bytesPartial) record.bytesPartial = true;
  if (http) {
    record.status = t.status;
    // captures {..} then the quoted request
    let i = t.afterQueue;
    const end = s.length;
    let captures: string[] | undefined;
    while (i < end) {
      while (i < end && s.charCodeAt(i) === 32) i++;
      if (s.charCodeAt(i) !== 123) break;
      const close = s.indexOf('}', i + 1);
      if (close === -1) break;
      (captures ??= []).push(s.slice(i + 1, close));
      i = close + 1;
    }
    if (captures) record.captures = captures;
    let q = -1;
    if (s.charCodeAt(i) === 34) q = i + 1;
    else if (s.charCodeAt(i) === 92 && s.charCodeAt(i + 1) === 34) q = i + 2; // syslog-escaped \"
    if (q > 0) {
      const close = s.indexOf('"', q);
      let stop = close === -1 ? end : close;
      if (stop > q && s.charCodeAt(stop - 1) === 92) stop--;
      record.request = s.slice(q, stop);
    }
  }
  return record;
}

// ---------------------------------------------------------------------------------------------------------
// [ALERT]/[WARNING]/[NOTICE] lines (HAProxy's stderr, also in journald): `[ALERT]    (1234) : message`

function parseBracketMessage(line: string, offset: number, header: SyslogHeader): LogRecord | undefined {
  const close = line.indexOf(']', offset);
  if (close === -1 || close - offset > 10) return parseEventOrUndefined(line, offset, header);
  const tag = line.slice(offset + 1, close);
  let type: HaproxyMessageRecord['type'];
  if (tag === 'ALERT' || tag === 'EMERG') type = 'alert';
  else if (tag === 'WARNING') type = 'warning';
  else if (tag === 'NOTICE') type = 'notice';
  else return parseEventOrUndefined(line, offset, header);
  let i = close + 1;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  // (pid) :
  if (line.charCodeAt(i) === 40) {
    const pe = line.indexOf(')', i);
    if (pe > i) {
      const pid = num(line.slice(i + 1, pe));
      if (Number.isFinite(pid) && header.pid === undefined) header = { ...header, pid };
      i = pe + 1;
      while (i < line.length && line.charCodeAt(i) === 32) i++;
    }
  }
  if (line.charCodeAt(i) === 58) i++;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  const message = line.slice(i);
  // The same server state / backend events as in syslog, printed on stderr with a level prefix.
  const event = parseEvent(message, header, true);
  if (event && event.type !== 'notice') return event;
  const record: HaproxyMessageRecord = { type, header, message };
  const bind = parseBindFailure(message);
  if (bind) record.bind = bind;
  return record;
}

function parseEventOrUndefined(line: string, offset: number, header: SyslogHeader): LogRecord | undefined {
  return parseEvent(line.slice(offset), header);
}

/**
 * `Binding [/etc/haproxy/haproxy.cfg:9] for frontend fe_main: cannot bind socket (Address already in use) for [127.0.0.1:80]` (2.6)
 * `Starting frontend fe_main: cannot bind socket (Address already in use) [0.0.0.0:80]` (older)
 */
export function parseBindFailure(message: string): HaproxyMessageRecord['bind'] | undefined {
  const k = message.indexOf('cannot bind socket');
  if (k === -1) return undefined;
  const open = message.indexOf('(', k);
  const closeParen = open === -1 ? -1 : message.indexOf(')', open);
  const error = open !== -1 && closeParen !== -1 ? message.slice(open + 1, closeParen) : '';
  const lb = message.lastIndexOf('[');
  const rb = message.lastIndexOf(']');
  const bind: NonNullable<HaproxyMessageRecord['bind']> = { error, address: '' };
  if (lb > k && rb > lb) {
    const addr = message.slice(lb + 1, rb);
    const colon = addr.lastIndexOf(':');
    const port = colon >= 0 ? num(addr.slice(colon + 1)) : Number.NaN;
    if (Number.isFinite(port)) {
      bind.address = addr.slice(0, colon);
      bind.port = port;
    } else {
      bind.address = addr;
    }
  }
  const fk = message.indexOf('frontend ');
  const pk = fk === -1 ? message.indexOf('proxy ') : -1;
  const nameStart = fk !== -1 ? fk + 9 : pk !== -1 ? pk + 6 : -1;
  if (nameStart >= 0 && nameStart < k) {
    const colon = message.indexOf(':', nameStart);
    if (colon > nameStart && colon < k) bind.frontend = message.slice(nameStart, colon);
  }
  return bind;
}

// ---------------------------------------------------------------------------------------------------------
// Events HAProxy sends to its log targets (and stderr): server state changes, health checks, backend
// without server, source port exhaustion, proxy start/stop.

function stripQuotes(name: string): string {
  return name.length >= 2 && name.charCodeAt(0) === 39 && name.charCodeAt(name.length - 1) === 39
    ? name.slice(1, -1)
    : name;
}

/** Recognises the event messages; `fromStderr` also accepts stderr-only messages. */
export function parseEvent(message: string, header: SyslogHeader, fromStderr = false): LogRecord | undefined {
  if (message.startsWith('Server ')) return parseServerState(message, header, 7);
  if (message.startsWith('Health check for ') || message.startsWith('Agent check for ')) {
    return parseHealthCheck(message, header);
  }
  if (message.startsWith('backend ') && message.endsWith('has no server available!')) {
    const name = message.slice(8, message.length - 'has no server available!'.length).trim();
    const record: BackendNoServerRecord = { type: 'no-server', header, backend: stripQuotes(name), message };
    return record;
  }
  const CONNECT_FAILED = 'Connect() failed for backend ';
  if (message.startsWith(CONNECT_FAILED)) {
    const rest = message.slice(CONNECT_FAILED.length);
    const colon = rest.indexOf(':');
    const record: NoFreePortsRecord = {
      type: 'no-free-ports',
      header,
      backend: stripQuotes(colon === -1 ? rest : rest.slice(0, colon)),
      message,
    };
    return record;
  }
  const CANNOT_BIND = 'Cannot bind to source address before connect() for backend ';
  if (message.startsWith(CANNOT_BIND)) {
    let name = message.slice(CANNOT_BIND.length);
    const dot = name.indexOf('.');
    if (dot !== -1) name = name.slice(0, dot);
    const record: NoFreePortsRecord = { type: 'no-free-ports', header, backend: stripQuotes(name.trim()), message };
    return record;
  }
  if (
    (message.startsWith('Proxy ') &&
      (message.includes(' started.') || message.includes(' stopped') || message.includes(' reached '))) ||
    message.startsWith('Stopping ') ||
    message.startsWith('Pausing ') ||
    message.startsWith('Resuming ') ||
    message.startsWith('Enabling ') ||
    (fromStderr && message.length > 0)
  ) {
    const record: HaproxyMessageRecord = { type: 'notice', header, message };
    return record;
  }
  return undefined;
}

function serverName(message: string, start: number): { backend: string; server: string; end: number } | undefined {
  let end = message.indexOf(' ', start);
  if (end === -1) end = message.length;
  let name = message.slice(start, end);
  if (name.endsWith(',') || name.endsWith('.')) name = name.slice(0, -1);
  const slash = name.indexOf('/');
  if (slash <= 0 || slash === name.length - 1) return undefined;
  return { backend: name.slice(0, slash), server: name.slice(slash + 1), end };
}

/** Text after `key` up to the first of the given terminators (or the end). */
function field(message: string, key: string, terminators: string[]): string | undefined {
  const k = message.indexOf(key);
  if (k === -1) return undefined;
  const start = k + key.length;
  let stop = message.length;
  for (const t of terminators) {
    const e = message.indexOf(t, start);
    if (e !== -1 && e < stop) stop = e;
  }
  return message.slice(start, stop);
}

function fillCheckDetails(message: string, r: { reason?: string; info?: string; checkDurationMs?: number }): void {
  const reason = field(message, ', reason: ', [', code: ', ', info: ', ', check duration: ', '. ']);
  if (reason !== undefined) r.reason = reason;
  const k = message.indexOf('info: "');
  if (k !== -1) {
    const close = message.indexOf('"', k + 7);
    r.info = message.slice(k + 7, close === -1 ? message.length : close);
  }
  const d = message.indexOf('check duration: ');
  if (d !== -1) {
    const v = num(message.slice(d + 16));
    if (Number.isFinite(v)) r.checkDurationMs = v;
  }
}

function parseServerState(message: string, header: SyslogHeader, start: number): ServerStateRecord | undefined {
  const name = serverName(message, start);
  if (!name) return undefined;
  // `Server be/srv ('fqdn') is ...`: the state words follow ' is ' or 'enters'
  const rest = message.slice(name.end);
  let state: ServerStateRecord['state'] = 'OTHER';
  if (rest.includes('maintenance') && !rest.includes('leaving')) state = 'MAINT';
  else if (rest.includes('drain') && !rest.includes('leaving')) state = 'DRAIN';
  else if (rest.startsWith(' is stopping')) state = 'DRAIN';
  else if (rest.startsWith(' is DOWN')) state = 'DOWN';
  else if (rest.startsWith(' is UP')) state = 'UP';
  else if (rest.startsWith(' is READY') || rest.startsWith(' is now READY')) state = 'READY';
  const record: ServerStateRecord = { type: 'server-state', header, backend: name.backend, server: name.server, state, message };
  fillCheckDetails(message, record);
  return record;
}

function parseHealthCheck(message: string, header: SyslogHeader): ServerStateRecord | undefined {
  const k = message.indexOf('server ');
  if (k === -1 || k > 40) return undefined;
  const name = serverName(message, k + 7);
  if (!name) return undefined;
  const rest = message.slice(name.end);
  const check: ServerStateRecord['check'] = rest.startsWith(' failed')
    ? 'failed'
    : rest.startsWith(' succeeded')
      ? 'succeeded'
      : rest.startsWith(' conditionally succeeded')
        ? 'succeeded'
        : undefined;
  // `status: 1/2 UP.` is the server's state after this check
  let state: ServerStateRecord['state'] = 'OTHER';
  const st = message.lastIndexOf('status: ');
  if (st !== -1) {
    const words = message.slice(st + 8);
    if (words.includes(' DOWN')) state = 'DOWN';
    else if (words.includes(' UP')) state = 'UP';
  }
  const record: ServerStateRecord = { type: 'server-state', header, backend: name.backend, server: name.server, state, message };
  if (check) record.check = check;
  fillCheckDetails(message, record);
  return record;
}

// ---------------------------------------------------------------------------------------------------------
// CLF (`option httplog clf`):
// %{+Q}o %{-Q}ci - - [%trg] %r %ST %B "" "" %cp %ms %ft %b %s %TR %Tw %Tc %Tr %Ta %tsc %ac %fc %bc %sc %rc %sq %bq %CC %CS %hrl %hsl

/** Splits on single spaces; `"..."` and `[...]` tokens keep their spaces. Bounded: at most `max` tokens. */
function clfTokens(s: string, max: number): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n && out.length < max) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    if (c === 34) {
      const close = s.indexOf('"', i + 1);
      if (close === -1) return undefined;
      out.push(s.slice(i + 1, close));
      i = close + 1;
    } else if (c === 91) {
      const close = s.indexOf(']', i + 1);
      if (close === -1) return undefined;
      out.push(s.slice(i + 1, close));
      i = close + 1;
    } else {
      let e = s.indexOf(' ', i);
      if (e === -1) e = n;
      out.push(s.slice(i, e));
      i = e;
    }
  }
  return out;
}

function isInt(s: string | undefined): s is string {
  if (s === undefined || s.length === 0 || s.length > 16) return false;
  let i = s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43 ? 1 : 0;
  if (i === s.length) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseClf(msg: string, header: SyslogHeader): TrafficRecord | undefined {
  // cheap shape check before tokenising: `<client> - - [`
  const sp = msg.indexOf(' - - [');
  if (sp <= 0 || sp > 60) return undefined;
  const t = clfTokens(msg, 31);
  if (!t || t.length < 27 || t[1] !== '-' || t[2] !== '-') return undefined;
  const [client, , , date, request, status, bytes, , , cport, , fe, be, srv] = t;
  const timers = t.slice(14, 19);
  const conns = t.slice(20, 25);
  const queue = t.slice(25, 27);
  const ts = t[19];
  if (!isInt(status) || !isInt(bytes) || !timers.every(isInt) || !conns.every(isInt) || !queue.every(isInt)) {
    return undefined;
  }
  if (!client || !date || !fe || !be || !srv || !ts || ts.length < 2 || ts.length > 4) return undefined;
  if (monthAt(date, 3) < 0) return undefined;
  let frontend = fe;
  let ssl = false;
  if (frontend.length > 1 && frontend.endsWith('~')) {
    frontend = frontend.slice(0, -1);
    ssl = true;
  }
  const record: TrafficRecord = {
    type: 'http',
    header,
    clientAddress: client,
    acceptDate: date,
    frontend,
    backend: be,
    server: srv,
    timers: timers.map(num),
    status: num(status),
    bytes: num(bytes),
    terminationState: ts,
    actconn: num(conns[0]!),
    feconn: num(conns[1]!),
    beconn: num(conns[2]!),
    srvConn: num(conns[3]!),
    retries: num(conns[4]!),
    srvQueue: num(queue[0]!),
    backendQueue: num(queue[1]!),
  };
  if (isInt(cport)) record.clientPort = num(cport);
  if (request !== undefined && request !== '-') record.request = request;
  if (ssl) record.ssl = true;
  if (bytes.charCodeAt(0) === 43) record.bytesPartial = true;
  return record;
}

// ---------------------------------------------------------------------------------------------------------
// Other lines HAProxy writes in the traffic position:
//   error log format:   `127.0.0.1:56059 [03/Dec/2012:17:35:10.380] frt/f1: Connection error during SSL handshake`
//   legacy default fmt: `Connect from 10.0.1.2:33312 to 10.0.3.31:8012 (www/HTTP)`

export function parseOtherTrafficShapes(msg: string, header: SyslogHeader): HaproxyMessageRecord | undefined {
  if (msg.startsWith('Connect from ') && msg.includes(' to ') && msg.endsWith(')')) {
    return { type: 'notice', header, message: msg };
  }
  const sp = msg.indexOf(' [');
  if (sp > 0 && sp < 60 && msg.indexOf(':', 0) < sp) {
    const close = msg.indexOf('] ', sp);
    if (close > sp && close - sp < 40) {
      const rest = msg.slice(close + 2);
      const colon = rest.indexOf(': ');
      const slash = rest.indexOf('/');
      if (colon > 0 && slash > 0 && slash < colon && rest.indexOf(' ') > colon) {
        return { type: 'warning', header, message: msg };
      }
    }
  }
  return undefined;
}
