// Byte-level twin of traffic-scan.ts: the same checks, field by field, on the raw bytes of a log chunk, so the
// summary's hot loop never decodes a line to a string. Any line this accepts, scanTraffic accepts on the
// decoded text with the same offsets (fields are ASCII-delimited); test/parsers/haproxy-log/byte-path.test.ts
// checks the two against each other, on real fixtures and on arbitrary input.
import { TRAFFIC_HTTP, TRAFFIC_NONE, TRAFFIC_TCP, type TrafficScan } from './traffic-scan.js';

const SP = 32;

function tokenEndB(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] !== SP) i++;
  return i;
}

/** Where the last readIntsB stopped (also when it returned a code). */
let intsEnd = 0;

/** Byte twin of traffic-scan.ts readInts (same return codes). */
function readIntsB(b: Uint8Array, i: number, end: number, out: Float64Array, n: number, max: number): number {
  let k = 0;
  for (;;) {
    let c = i < end ? b[i]! : -1;
    let neg = false;
    if (c === 45) {
      neg = true;
      c = ++i < end ? b[i]! : -1;
    } else if (c === 43) c = ++i < end ? b[i]! : -1;
    const start = i;
    let v = 0;
    while (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      c = ++i < end ? b[i]! : -1;
    }
    if (i === start || i - start > 15) return -1;
    out[k++] = neg ? -v : v;
    if (i >= end || c === SP) {
      intsEnd = i;
      if (k === max) return i;
      return k >= n ? -(k + 2) : -1;
    }
    if (c !== 47 || k === max) return -1;
    i++;
  }
}

/** Scans b[p, end) as a traffic line (see scanTraffic). Offsets in `t` are byte offsets into `b`. */
export function scanTrafficBytes(b: Uint8Array, p: number, end: number, t: TrafficScan): boolean {
  t.kind = TRAFFIC_NONE;
  if (p >= end) return false;
  let c = b[p]!;
  if (!((c >= 48 && c <= 58) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 117)) return false;
  let i = p;
  while (i < end && b[i] !== SP) i++;
  if (i <= p || i + 2 >= end || b[i + 1] !== 91) return false;
  c = b[i + 2]!;
  if (c < 48 || c > 57) return false;
  let colon = i - 1;
  while (colon >= p && b[colon] !== 58) colon--;
  if (colon < p) return false;
  t.clientStart = p;
  t.clientEnd = i;
  t.dateStart = i + 2;
  i += 3;
  while (i < end && b[i] !== 93) i++;
  if (i >= end || i + 2 >= end || b[i + 1] !== SP) return false;
  t.dateEnd = i;
  const fe = i + 2;
  i = tokenEndB(b, fe, end);
  if (i === fe || i >= end) return false;
  t.feStart = fe;
  t.feEnd = i;
  const sv = i + 1;
  let slash = -1;
  i = sv;
  while (i < end) {
    c = b[i]!;
    if (c === SP) break;
    if (c === 47 && slash < 0) slash = i;
    i++;
  }
  if (i >= end || slash <= sv || slash >= i - 1) return false;
  t.srvStart = sv;
  t.srvSlash = slash;
  t.srvEnd = i;
  const tEnd = readIntsB(b, i + 1, end, t.timers, 3, 5);
  let n: number;
  if (tEnd >= 0) n = 5;
  else if (tEnd === -5) n = 3;
  else return false;
  t.nTimers = n;
  i = intsEnd; // readIntsB stopped at the space (or end) after the timers in both cases
  if (i >= end) return false;
  i++;
  if (n === 5) {
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
    if (i === s0 || i - s0 > 15 || c !== SP || i >= end) return false;
    t.status = neg ? -st : st;
    i++;
  } else {
    t.status = Number.NaN;
  }
  c = i < end ? b[i]! : -1;
  t.bytesPartial = c === 43;
  if (c === 43) c = ++i < end ? b[i]! : -1;
  let v = 0;
  const b0 = i;
  while (c >= 48 && c <= 57) {
    v = v * 10 + (c - 48);
    c = ++i < end ? b[i]! : -1;
  }
  if (i === b0 || i - b0 > 15 || c !== SP || i >= end) return false;
  t.bytes = v;
  i++;
  if (n === 5) {
    t.ccStart = i;
    i = tokenEndB(b, i, end);
    if (i === t.ccStart || i >= end) return false;
    t.ccEnd = i;
    t.csStart = ++i;
    i = tokenEndB(b, i, end);
    if (i === t.csStart || i >= end) return false;
    t.csEnd = i;
    i++;
  } else {
    t.ccStart = t.ccEnd = t.csStart = t.csEnd = -1;
  }
  t.tsStart = i;
  i = tokenEndB(b, i, end);
  const tsLen = i - t.tsStart;
  if (tsLen < 2 || tsLen > 4 || i >= end) return false;
  t.tsEnd = i;
  i = readIntsB(b, i + 1, end, t.conns, 5, 5);
  if (i < 0 || i >= end) return false;
  i = readIntsB(b, i + 1, end, t.queue, 2, 2);
  if (i < 0) return false;
  t.afterQueue = i;
  t.kind = n === 5 ? TRAFFIC_HTTP : TRAFFIC_TCP;
  return true;
}
