// Allocation-free scanner of HAProxy's default traffic lines (option httplog / httpslog / tcplog), shared by
// parseLogLine (which then slices strings out of the offsets) and the streaming summary (which only counts).
//
//   httplog:  %ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r
//   httpslog: the same followed by TLS fields
//   tcplog:   %ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq
// Every field is checked for its shape; anything else makes the scan fail (the line is then tried by the
// other parsers, e.g. CLF or events). Cost is linear in the line length, no backtracking.

export const TRAFFIC_NONE = 0;
export const TRAFFIC_HTTP = 1;
export const TRAFFIC_TCP = 2;

export interface TrafficScan {
  kind: number;
  clientStart: number;
  clientEnd: number;
  /** Inside the brackets. */
  dateStart: number;
  dateEnd: number;
  feStart: number;
  feEnd: number;
  /** `backend/server`: start, slash, end. */
  srvStart: number;
  srvSlash: number;
  srvEnd: number;
  timers: Float64Array;
  nTimers: number;
  /** HTTP status (-1 when none); NaN for TCP lines. */
  status: number;
  bytes: number;
  /** True when the byte count had HAProxy's `+` prefix (option logasap). */
  bytesPartial: boolean;
  ccStart: number;
  ccEnd: number;
  csStart: number;
  csEnd: number;
  tsStart: number;
  tsEnd: number;
  conns: Float64Array;
  queue: Float64Array;
  /** Offset just after the queue field. */
  afterQueue: number;
}

export function newTrafficScan(): TrafficScan {
  return {
    kind: TRAFFIC_NONE,
    clientStart: -1,
    clientEnd: -1,
    dateStart: -1,
    dateEnd: -1,
    feStart: -1,
    feEnd: -1,
    srvStart: -1,
    srvSlash: -1,
    srvEnd: -1,
    timers: new Float64Array(5),
    nTimers: 0,
    status: Number.NaN,
    bytes: 0,
    bytesPartial: false,
    ccStart: -1,
    ccEnd: -1,
    csStart: -1,
    csEnd: -1,
    tsStart: -1,
    tsEnd: -1,
    conns: new Float64Array(5),
    queue: new Float64Array(2),
    afterQueue: -1,
  };
}

/** End of the token starting at i (next space or `end`), scanned inline: tokens are short. */
function tokenEnd(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) !== 32) i++;
  return i;
}

/**
 * Reads up to `max` integers (`[-+]?digits`) separated by '/' into `out`, ending at a space or `end`.
 * Returns the position after them when `max` were read, -(k + 2) when k values with n <= k < max were read,
 * -1 on any other shape.
 */
function readInts(s: string, i: number, end: number, out: Float64Array, n: number, max: number): number {
  let k = 0;
  for (;;) {
    let c = s.charCodeAt(i);
    let neg = false;
    if (c === 45) {
      neg = true;
      c = s.charCodeAt(++i);
    } else if (c === 43) c = s.charCodeAt(++i);
    const start = i;
    let v = 0;
    while (c >= 48 && c <= 57 && i < end) {
      v = v * 10 + (c - 48);
      c = s.charCodeAt(++i);
    }
    if (i === start || i - start > 15) return -1;
    out[k++] = neg ? -v : v;
    if (i >= end || c === 32) {
      if (k === max) return i;
      return k >= n ? -(k + 2) : -1; // -(k+2): at least n but fewer than max values read
    }
    if (c !== 47 || k === max) return -1;
    i++;
  }
}

/** Scans s[p, end) as a traffic line. Fills `t` and returns true when it is one. */
export function scanTraffic(s: string, p: number, end: number, t: TrafficScan): boolean {
  t.kind = TRAFFIC_NONE;
  // client address:port (IPv4, IPv6, unix)
  let c = s.charCodeAt(p);
  if (!((c >= 48 && c <= 58) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 117)) return false;
  let i = s.indexOf(' ', p);
  if (i <= p || i + 2 >= end || s.charCodeAt(i + 1) !== 91) return false; // ' ['
  c = s.charCodeAt(i + 2);
  if (c < 48 || c > 57) return false;
  const colon = s.lastIndexOf(':', i - 1);
  if (colon < p) return false;
  t.clientStart = p;
  t.clientEnd = i;
  // accept date
  t.dateStart = i + 2;
  i = s.indexOf(']', i + 3);
  if (i === -1 || i + 2 >= end || s.charCodeAt(i + 1) !== 32) return false;
  t.dateEnd = i;
  // frontend
  const fe = i + 2;
  i = tokenEnd(s, fe, end);
  if (i === fe || i >= end) return false;
  t.feStart = fe;
  t.feEnd = i;
  // backend/server
  const sv = i + 1;
  let slash = -1;
  i = sv;
  while (i < end) {
    c = s.charCodeAt(i);
    if (c === 32) break;
    if (c === 47 && slash < 0) slash = i;
    i++;
  }
  if (i >= end || slash <= sv || slash >= i - 1) return false;
  t.srvStart = sv;
  t.srvSlash = slash;
  t.srvEnd = i;
  // timers: 5 (HTTP) or 3 (TCP)
  const timers = t.timers;
  const tEnd = readInts(s, i + 1, end, timers, 3, 5);
  let n: number;
  if (tEnd >= 0) n = 5;
  else if (tEnd === -5) n = 3;
  else return false;
  t.nTimers = n;
  // position after the timers: recompute from the token (readInts returned a code for 3 values)
  i = tokenEnd(s, i + 1, end);
  if (i >= end) return false;
  i++;
  if (n === 5) {
    // status: [-]digits, no '+'
    let neg = false;
    c = s.charCodeAt(i);
    if (c === 45) {
      neg = true;
      c = s.charCodeAt(++i);
    }
    let st = 0;
    const s0 = i;
    while (c >= 48 && c <= 57 && i < end) {
      st = st * 10 + (c - 48);
      c = s.charCodeAt(++i);
    }
    if (i === s0 || i - s0 > 15 || c !== 32 || i >= end) return false;
    t.status = neg ? -st : st;
    i++;
  } else {
    t.status = Number.NaN;
  }
  // bytes: [+]digits
  c = s.charCodeAt(i);
  t.bytesPartial = c === 43;
  if (c === 43) c = s.charCodeAt(++i);
  let b = 0;
  const b0 = i;
  while (c >= 48 && c <= 57 && i < end) {
    b = b * 10 + (c - 48);
    c = s.charCodeAt(++i);
  }
  if (i === b0 || i - b0 > 15 || c !== 32 || i >= end) return false;
  t.bytes = b;
  i++;
  if (n === 5) {
    // captured request and response cookies
    t.ccStart = i;
    i = tokenEnd(s, i, end);
    if (i === t.ccStart || i >= end) return false;
    t.ccEnd = i;
    t.csStart = ++i;
    i = tokenEnd(s, i, end);
    if (i === t.csStart || i >= end) return false;
    t.csEnd = i;
    i++;
  } else {
    t.ccStart = t.ccEnd = t.csStart = t.csEnd = -1;
  }
  // termination state (2 chars for tcplog, 4 for httplog)
  t.tsStart = i;
  i = tokenEnd(s, i, end);
  const tsLen = i - t.tsStart;
  if (tsLen < 2 || tsLen > 4 || i >= end) return false;
  t.tsEnd = i;
  // actconn/feconn/beconn/srv_conn/retries, then srv_queue/backend_queue
  i = readInts(s, i + 1, end, t.conns, 5, 5);
  if (i < 0 || i >= end) return false;
  i = readInts(s, i + 1, end, t.queue, 2, 2);
  if (i < 0) return false;
  t.afterQueue = i;
  t.kind = n === 5 ? TRAFFIC_HTTP : TRAFFIC_TCP;
  return true;
}
