// Byte-level twin of traffic-scan.ts: the same checks, field by field, on the raw bytes of a log chunk, so the
// summary's hot loop never decodes a line to a string. Any line this accepts, scanTraffic accepts on the
// decoded text with the same offsets (fields are ASCII-delimited); test/logs/logs.test.ts checks the two
// against each other, on real fixtures and on arbitrary input.
//
// One pass over the bytes of the fields it reads (the request and what follows are never looked at), with no
// closures or allocations: integers are read digit by digit, inline in each field (a shared number reader
// measured 5% slower on the 1M-line bench), fields only looked through for their end (client,
// accept date, frontend, backend/server) are searched four bytes at a time (byte-words.ts).
import { indexOfByte, wordOf } from './byte-words.js';
import { TRAFFIC_HTTP, TRAFFIC_NONE, TRAFFIC_TCP, type TrafficScan } from './traffic-scan.js';

const SP = 32;
const SPACES = wordOf(SP);
const CLOSING_BRACKETS = wordOf(93);
const SLASHES = wordOf(47);

/**
 * Value of the digits b[a, c), at most 15 (exact as a double). The scanner's digit loops add up in int32, cheaper
 * than doubles, and call this only for numbers of 10 digits or more.
 */
function digitsValue(b: Uint8Array, a: number, c: number): number {
  let v = 0;
  for (let k = a; k < c; k++) v = v * 10 + (b[k]! - 48);
  return v;
}

/**
 * Scans b[p, end) as a traffic line (see scanTraffic). Offsets in `t` are byte offsets into `b`; `dv` is a DataView
 * on the same bytes as `b` (same offsets).
 */
export function scanTrafficBytes(b: Uint8Array, dv: DataView, p: number, end: number, t: TrafficScan): boolean {
  t.kind = TRAFFIC_NONE;
  if (p >= end) return false;
  let c = b[p]!;
  // client address:port (IPv4, IPv6, unix), up to the space, remembering the last colon
  if (!((c >= 48 && c <= 58) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 117)) return false;
  let i = indexOfByte(b, dv, SPACES, SP, p + 1, end);
  // the port follows the last colon (IPv6 addresses have more)
  let colon = i - 1;
  while (colon >= p && b[colon] !== 58) colon--;
  if (i + 2 >= end || colon < p || b[i + 1] !== 91) return false;
  c = b[i + 2]!;
  if (c < 48 || c > 57) return false;
  t.clientStart = p;
  t.clientEnd = i;
  // accept date: up to the first ']'
  t.dateStart = i + 2;
  i = indexOfByte(b, dv, CLOSING_BRACKETS, 93, i + 3, end);
  if (i + 2 >= end || b[i + 1] !== SP) return false;
  t.dateEnd = i;
  // frontend
  const fe = i + 2;
  i = indexOfByte(b, dv, SPACES, SP, fe, end);
  if (i === fe || i >= end) return false;
  t.feStart = fe;
  t.feEnd = i;
  // backend/server
  const sv = i + 1;
  i = indexOfByte(b, dv, SPACES, SP, sv, end);
  if (i >= end) return false;
  const slash = indexOfByte(b, dv, SLASHES, 47, sv, i);
  if (slash <= sv || slash >= i - 1) return false;
  t.srvStart = sv;
  t.srvSlash = slash;
  t.srvEnd = i;
  // timers: 5 (HTTP) or 3 (TCP), each [-+]?digits (at most 15), '/'-separated
  const timers = t.timers;
  let n = 0;
  i++;
  for (;;) {
    c = i < end ? b[i]! : -1;
    let neg = false;
    if (c === 45) {
      neg = true;
      c = ++i < end ? b[i]! : -1;
    } else if (c === 43) c = ++i < end ? b[i]! : -1;
    const d0 = i;
    let v = 0;
    while (c >= 48 && c <= 57) {
      v = (v * 10 + c - 48) | 0;
      c = ++i < end ? b[i]! : -1;
    }
    if (i === d0 || i - d0 > 15) return false;
    if (i - d0 > 9) v = digitsValue(b, d0, i);
    timers[n++] = neg ? -v : v;
    if (c === SP || c < 0) break;
    if (c !== 47 || n === 5) return false;
    i++;
  }
  if (n !== 5 && n !== 3) return false;
  t.nTimers = n;
  if (i >= end) return false;
  i++;
  if (n === 5) {
    // status: [-]digits, no '+'
    let neg = false;
    c = i < end ? b[i]! : -1;
    if (c === 45) {
      neg = true;
      c = ++i < end ? b[i]! : -1;
    }
    let st = 0;
    const s0 = i;
    while (c >= 48 && c <= 57) {
      st = (st * 10 + c - 48) | 0;
      c = ++i < end ? b[i]! : -1;
    }
    if (i === s0 || i - s0 > 15 || c !== SP) return false;
    if (i - s0 > 9) st = digitsValue(b, s0, i);
    t.status = neg ? -st : st;
    i++;
  } else {
    t.status = Number.NaN;
  }
  // bytes: [+]digits
  c = i < end ? b[i]! : -1;
  t.bytesPartial = c === 43;
  if (c === 43) c = ++i < end ? b[i]! : -1;
  let v = 0;
  const b0 = i;
  while (c >= 48 && c <= 57) {
    v = (v * 10 + c - 48) | 0;
    c = ++i < end ? b[i]! : -1;
  }
  if (i === b0 || i - b0 > 15 || c !== SP) return false;
  if (i - b0 > 9) v = digitsValue(b, b0, i);
  t.bytes = v;
  i++;
  if (n === 5) {
    // captured request and response cookies
    const cc = i;
    while (i < end && b[i] !== SP) i++;
    if (i === cc || i >= end) return false;
    t.ccStart = cc;
    t.ccEnd = i;
    const cs = ++i;
    while (i < end && b[i] !== SP) i++;
    if (i === cs || i >= end) return false;
    t.csStart = cs;
    t.csEnd = i;
    i++;
  } else {
    t.ccStart = t.ccEnd = t.csStart = t.csEnd = -1;
  }
  // termination state (2 chars for tcplog, 4 for httplog)
  const ts = i;
  while (i < end && b[i] !== SP) i++;
  if (i - ts < 2 || i - ts > 4 || i >= end) return false;
  t.tsStart = ts;
  t.tsEnd = i;
  // actconn/feconn/beconn/srv_conn/retries (exactly 5), then srv_queue/backend_queue (exactly 2)
  const conns = t.conns;
  const queue = t.queue;
  i++;
  let k = 0;
  for (;;) {
    c = i < end ? b[i]! : -1;
    let neg = false;
    if (c === 45) {
      neg = true;
      c = ++i < end ? b[i]! : -1;
    } else if (c === 43) c = ++i < end ? b[i]! : -1;
    const d0 = i;
    let x = 0;
    while (c >= 48 && c <= 57) {
      x = (x * 10 + c - 48) | 0;
      c = ++i < end ? b[i]! : -1;
    }
    if (i === d0 || i - d0 > 15) return false;
    if (i - d0 > 9) x = digitsValue(b, d0, i);
    if (k < 5) conns[k] = neg ? -x : x;
    else queue[k - 5] = neg ? -x : x;
    k++;
    if (c === SP || c < 0) {
      // the conns field ends after exactly 5 values, the queue field after exactly 2 (the line may end there)
      if (k === 5) {
        if (c < 0 || i + 1 >= end) return false;
        i++;
        continue;
      }
      if (k === 7) break;
      return false;
    }
    if (c !== 47 || k === 5 || k === 7) return false;
    i++;
  }
  t.afterQueue = i;
  t.kind = n === 5 ? TRAFFIC_HTTP : TRAFFIC_TCP;
  return true;
}
