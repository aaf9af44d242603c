// Byte-level twin of traffic-scan.ts: the same checks, field by field, on the raw bytes of a log chunk, so the
// summary's hot loop never decodes a line to a string. Any line this accepts, scanTraffic accepts on the
// decoded text with the same offsets (fields are ASCII-delimited); test/logs/logs.test.ts checks the two
// against each other, on real fixtures and on arbitrary input.
//
// One pass over the bytes of the fields it reads (the request and what follows are never looked at): the client's
// last colon, the FNV-1a hash of `backend/server` (for the summary's server table) and every integer are taken
// on the way, with no helper calls, closures or allocations.
import { TRAFFIC_HTTP, TRAFFIC_NONE, TRAFFIC_TCP, type TrafficScan } from './traffic-scan.js';

const SP = 32;

/** Scans b[p, end) as a traffic line (see scanTraffic). Offsets in `t` are byte offsets into `b`. */
export function scanTrafficBytes(b: Uint8Array, p: number, end: number, t: TrafficScan): boolean {
  t.kind = TRAFFIC_NONE;
  if (p >= end) return false;
  let c = b[p]!;
  // client address:port (IPv4, IPv6, unix), up to the space, remembering the last colon
  if (!((c >= 48 && c <= 58) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 117)) return false;
  let colon = c === 58 ? p : -1;
  let i = p + 1;
  while (i < end) {
    c = b[i]!;
    if (c === SP) break;
    if (c === 58) colon = i;
    i++;
  }
  if (i + 2 >= end || colon < 0 || b[i + 1] !== 91) return false;
  c = b[i + 2]!;
  if (c < 48 || c > 57) return false;
  t.clientStart = p;
  t.clientEnd = i;
  // accept date: up to the first ']'
  t.dateStart = i + 2;
  i += 3;
  while (i < end && b[i] !== 93) i++;
  if (i + 2 >= end || b[i + 1] !== SP) return false;
  t.dateEnd = i;
  // frontend
  const fe = i + 2;
  i = fe;
  while (i < end && b[i] !== SP) i++;
  if (i === fe || i >= end) return false;
  t.feStart = fe;
  t.feEnd = i;
  // backend/server, hashed on the way
  const sv = i + 1;
  let slash = -1;
  let h = 0x811c9dc5;
  i = sv;
  while (i < end) {
    c = b[i]!;
    if (c === SP) break;
    if (c === 47 && slash < 0) slash = i;
    h = Math.imul(h ^ c, 0x01000193);
    i++;
  }
  if (i >= end || slash <= sv || slash >= i - 1) return false;
  t.srvStart = sv;
  t.srvSlash = slash;
  t.srvEnd = i;
  t.srvHash = h >>> 0;
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
      v = v * 10 + (c - 48);
      c = ++i < end ? b[i]! : -1;
    }
    if (i === d0 || i - d0 > 15) return false;
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
      st = st * 10 + (c - 48);
      c = ++i < end ? b[i]! : -1;
    }
    if (i === s0 || i - s0 > 15 || c !== SP) return false;
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
    v = v * 10 + (c - 48);
    c = ++i < end ? b[i]! : -1;
  }
  if (i === b0 || i - b0 > 15 || c !== SP) return false;
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
      x = x * 10 + (c - 48);
      c = ++i < end ? b[i]! : -1;
    }
    if (i === d0 || i - d0 > 15) return false;
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
