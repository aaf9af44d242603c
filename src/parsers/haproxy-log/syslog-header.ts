// The prefix syslog daemons, journald or HAProxy itself put before HAProxy's message, scanned by hand
// (indexOf/charCodeAt, no regex) so the hot path of the log summary stays allocation free.
//
// Recognised shapes (the message starts after the returned offset):
//   rsyslog traditional / journalctl short:  `Nov 28 08:49:58 lb haproxy[123]: msg`
//   journalctl short-precise:                `Nov 28 08:49:58.123456 lb haproxy[123]: msg`
//   RFC3164 with priority:                   `<134>Nov 28 08:49:58 lb haproxy[123]: msg` (host optional)
//   RFC5424:                                 `<134>1 2026-11-28T08:49:58.123456+00:00 lb haproxy 123 - - msg`
//   ISO (rsyslog FileFormat, short-iso):     `2026-11-28T08:49:58.123+00:00 lb haproxy[1]: msg`
//   HAProxy `format short`:                  `<134>msg`
//   nothing (raw stdout, stderr `[ALERT] ...`): the message is the whole line.
import type { SyslogHeader } from '../../model/haproxy-log.js';

const SPACE = 32;
const COLON = 58;

/** Offsets of the header parts found by {@link scanSyslogHeader}; -1 when absent. Reused, never allocated per line. */
export interface HeaderScan {
  pri: number;
  tsStart: number;
  tsEnd: number;
  /** 'bsd' = `Mmm dd hh:mm:ss`, 'iso' = ISO 8601, '' = none. */
  tsKind: '' | 'bsd' | 'iso';
  hostStart: number;
  hostEnd: number;
  progStart: number;
  progEnd: number;
  pidStart: number;
  pidEnd: number;
  /** Where the message starts (0 when the line has no header). */
  message: number;
}

export function newHeaderScan(): HeaderScan {
  return {
    pri: -1,
    tsStart: -1,
    tsEnd: -1,
    tsKind: '',
    hostStart: -1,
    hostEnd: -1,
    progStart: -1,
    progEnd: -1,
    pidStart: -1,
    pidEnd: -1,
    message: 0,
  };
}

function reset(h: HeaderScan): void {
  h.pri = -1;
  h.tsStart = -1;
  h.tsEnd = -1;
  h.tsKind = '';
  h.hostStart = -1;
  h.hostEnd = -1;
  h.progStart = -1;
  h.progEnd = -1;
  h.pidStart = -1;
  h.pidEnd = -1;
  h.message = 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 0..11 for the English month abbreviation at `i`, -1 otherwise. */
export function monthAt(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  switch (a) {
    case 74: // J
      if (b === 97 && c === 110) return 0; // Jan
      if (b === 117 && c === 110) return 5; // Jun
      if (b === 117 && c === 108) return 6; // Jul
      return -1;
    case 70: // F
      return b === 101 && c === 98 ? 1 : -1;
    case 77: // M
      if (b === 97 && c === 114) return 2; // Mar
      if (b === 97 && c === 121) return 4; // May
      return -1;
    case 65: // A
      if (b === 112 && c === 114) return 3; // Apr
      if (b === 117 && c === 103) return 7; // Aug
      return -1;
    case 83: // S
      return b === 101 && c === 112 ? 8 : -1;
    case 79: // O
      return b === 99 && c === 116 ? 9 : -1;
    case 78: // N
      return b === 111 && c === 118 ? 10 : -1;
    case 68: // D
      return b === 101 && c === 99 ? 11 : -1;
    default:
      return -1;
  }
}

/** End of a `Mmm dd hh:mm:ss[.frac]` timestamp at `i` (exclusive), or -1. */
function bsdTimestampEnd(s: string, i: number, end: number): number {
  if (i + 15 > end || monthAt(s, i) < 0 || s.charCodeAt(i + 3) !== SPACE) return -1;
  const d1 = s.charCodeAt(i + 4);
  if (!(d1 === SPACE || isDigit(d1)) || !isDigit(s.charCodeAt(i + 5)) || s.charCodeAt(i + 6) !== SPACE) return -1;
  const t = i + 7;
  if (
    !isDigit(s.charCodeAt(t)) ||
    !isDigit(s.charCodeAt(t + 1)) ||
    s.charCodeAt(t + 2) !== COLON ||
    !isDigit(s.charCodeAt(t + 3)) ||
    !isDigit(s.charCodeAt(t + 4)) ||
    s.charCodeAt(t + 5) !== COLON ||
    !isDigit(s.charCodeAt(t + 6)) ||
    !isDigit(s.charCodeAt(t + 7))
  ) {
    return -1;
  }
  let e = t + 8;
  if (e < end && s.charCodeAt(e) === 46) {
    e++;
    while (e < end && isDigit(s.charCodeAt(e))) e++;
  }
  return e;
}

/** End of an ISO 8601 timestamp `YYYY-MM-DDThh:mm:ss...` at `i` (up to the next space), or -1. */
function isoTimestampEnd(s: string, i: number, end: number): number {
  if (
    i + 19 > end ||
    !isDigit(s.charCodeAt(i)) ||
    !isDigit(s.charCodeAt(i + 3)) ||
    s.charCodeAt(i + 4) !== 45 ||
    s.charCodeAt(i + 7) !== 45 ||
    s.charCodeAt(i + 10) !== 84 ||
    s.charCodeAt(i + 13) !== COLON
  ) {
    return -1;
  }
  let e = s.indexOf(' ', i + 19);
  if (e === -1 || e > end) e = end;
  return e;
}

function tokenEnd(s: string, i: number, end: number): number {
  const e = s.indexOf(' ', i);
  return e === -1 || e > end ? end : e;
}

/** Fills `h` with the offsets of the header of `s[start, end)`; returns the message offset. Never throws. */
export function scanSyslogHeader(s: string, h: HeaderScan, start = 0, end = s.length): number {
  reset(h);
  let i = start;
  h.message = start;
  if (i >= end) return start;
  let hadPri = false;
  if (s.charCodeAt(i) === 60) {
    // <pri>
    let j = i + 1;
    let pri = 0;
    while (j < end && j < i + 5 && isDigit(s.charCodeAt(j))) pri = pri * 10 + s.charCodeAt(j++) - 48;
    if (j === i + 1 || j >= end || s.charCodeAt(j) !== 62) return start;
    h.pri = pri;
    hadPri = true;
    i = j + 1;
    // RFC5424: version digit(s) then space
    if (i + 1 < end && isDigit(s.charCodeAt(i)) && s.charCodeAt(i + 1) === SPACE) {
      return scan5424(s, h, i + 2, end);
    }
  }
  let tsEnd = bsdTimestampEnd(s, i, end);
  if (tsEnd >= 0) {
    h.tsKind = 'bsd';
  } else {
    tsEnd = isoTimestampEnd(s, i, end);
    if (tsEnd >= 0) h.tsKind = 'iso';
  }
  if (tsEnd < 0) {
    // HAProxy `format short` (<pri>msg) or no header at all.
    h.message = hadPri ? i : start;
    return h.message;
  }
  h.tsStart = i;
  h.tsEnd = tsEnd;
  if (tsEnd >= end || s.charCodeAt(tsEnd) !== SPACE) {
    h.message = tsEnd;
    return tsEnd;
  }
  // host? tag:
  const t1 = tsEnd + 1;
  const t1End = tokenEnd(s, t1, end);
  if (t1End > t1 && s.charCodeAt(t1End - 1) === COLON) {
    setTag(s, h, t1, t1End - 1);
    h.message = skipSpaces(s, t1End, end);
    return h.message;
  }
  h.hostStart = t1;
  h.hostEnd = t1End;
  if (t1End < end) {
    const t2 = t1End + 1;
    const t2End = tokenEnd(s, t2, end);
    if (t2End > t2 && s.charCodeAt(t2End - 1) === COLON) {
      setTag(s, h, t2, t2End - 1);
      h.message = skipSpaces(s, t2End, end);
      return h.message;
    }
    h.message = t2;
    return t2;
  }
  h.message = end;
  return end;
}

function skipSpaces(s: string, i: number, end: number): number {
  while (i < end && s.charCodeAt(i) === SPACE) i++;
  return i;
}

/** `prog[pid]` or `prog` in s[a, b). */
function setTag(s: string, h: HeaderScan, a: number, b: number): void {
  h.progStart = a;
  h.progEnd = b;
  if (b > a && s.charCodeAt(b - 1) === 93) {
    const open = s.lastIndexOf('[', b - 1);
    if (open > a) {
      let ok = open + 1 < b - 1;
      for (let k = open + 1; k < b - 1 && ok; k++) ok = isDigit(s.charCodeAt(k));
      if (ok) {
        h.progEnd = open;
        h.pidStart = open + 1;
        h.pidEnd = b - 1;
      }
    }
  }
}

/** RFC5424 after `<pri>1 `: TIMESTAMP HOST APP PROCID MSGID SD MSG. */
function scan5424(s: string, h: HeaderScan, i: number, end: number): number {
  const tsEnd = tokenEnd(s, i, end);
  if (!(tsEnd === i + 1 && s.charCodeAt(i) === 45)) {
    h.tsStart = i;
    h.tsEnd = tsEnd;
    h.tsKind = 'iso';
  }
  let p = tsEnd + 1;
  const fields: number[] = [];
  for (let f = 0; f < 4 && p < end; f++) {
    const e = tokenEnd(s, p, end);
    fields.push(p, e);
    p = e + 1;
  }
  const [hs = -1, he = -1, as = -1, ae = -1, ps = -1, pe = -1] = fields;
  if (hs >= 0 && !(he === hs + 1 && s.charCodeAt(hs) === 45)) {
    h.hostStart = hs;
    h.hostEnd = he;
  }
  if (as >= 0 && !(ae === as + 1 && s.charCodeAt(as) === 45)) {
    h.progStart = as;
    h.progEnd = ae;
  }
  if (ps >= 0 && pe > ps) {
    let ok = true;
    for (let k = ps; k < pe && ok; k++) ok = isDigit(s.charCodeAt(k));
    if (ok) {
      h.pidStart = ps;
      h.pidEnd = pe;
    }
  }
  // structured data: '-' or one or more [ ... ] groups (with \] escapes)
  if (p < end && s.charCodeAt(p) === 91) {
    while (p < end && s.charCodeAt(p) === 91) {
      let q = p + 1;
      while (q < end) {
        const c = s.charCodeAt(q);
        if (c === 92) q += 2;
        else if (c === 93) break;
        else q++;
      }
      p = q + 1;
    }
  } else if (p < end) {
    p = tokenEnd(s, p, end);
  }
  p = skipSpaces(s, p, end);
  if (p < end && s.charCodeAt(p) === 0xfeff) p++; // BOM
  h.message = p > end ? end : p;
  return h.message;
}

function num(s: string, a: number, b: number): number {
  let v = 0;
  for (let i = a; i < b; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
}

/** Milliseconds since the epoch of a BSD timestamp (UTC assumed, `year` supplied), or undefined. */
export function bsdTimestampToTime(s: string, i: number, year: number): number | undefined {
  const month = monthAt(s, i);
  if (month < 0) return undefined;
  const d1 = s.charCodeAt(i + 4);
  const day = (d1 === SPACE ? 0 : d1 - 48) * 10 + s.charCodeAt(i + 5) - 48;
  const hh = num(s, i + 7, i + 9);
  const mm = num(s, i + 10, i + 12);
  const ss = num(s, i + 13, i + 15);
  let ms = 0;
  // (no read past the end: an out-of-bounds charCodeAt deoptimises the optimised callers)
  if (i + 15 < s.length && s.charCodeAt(i + 15) === 46) ms = fraction(s, i + 16);
  const t = Date.UTC(year, month, day, hh, mm, ss, ms);
  return Number.isFinite(t) ? t : undefined;
}

function fraction(s: string, i: number): number {
  let ms = 0;
  let scale = 100;
  while (isDigit(s.charCodeAt(i))) {
    ms += (s.charCodeAt(i) - 48) * scale;
    scale /= 10;
    i++;
  }
  return Math.floor(ms);
}

/** Milliseconds since the epoch of an ISO 8601 timestamp (`+0000` and `+00:00` offsets, `Z`), or undefined. */
export function isoTimestampToTime(text: string): number | undefined {
  // Date.parse does not take `+0000` (journalctl short-iso); add the colon.
  let t = text;
  const n = t.length;
  if (n >= 5) {
    const sign = t.charCodeAt(n - 5);
    if ((sign === 43 || sign === 45) && isDigit(t.charCodeAt(n - 1)) && t.charCodeAt(n - 3) !== COLON) {
      t = `${t.slice(0, n - 2)}:${t.slice(n - 2)}`;
    }
  }
  const v = Date.parse(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Builds the header object of a scanned line. `year` is used for BSD timestamps, which carry none. */
export function headerFromScan(s: string, h: HeaderScan, year: number): SyslogHeader {
  const header: SyslogHeader = {};
  if (h.tsStart >= 0) {
    header.timestamp = s.slice(h.tsStart, h.tsEnd);
    const time = h.tsKind === 'bsd' ? bsdTimestampToTime(s, h.tsStart, year) : isoTimestampToTime(header.timestamp);
    if (time !== undefined) header.time = time;
  }
  if (h.hostStart >= 0) header.host = s.slice(h.hostStart, h.hostEnd);
  if (h.progStart >= 0) header.program = s.slice(h.progStart, h.progEnd);
  if (h.pidStart >= 0) header.pid = num(s, h.pidStart, h.pidEnd);
  return header;
}

/** Parses the prefix of one line: the header and the offset where HAProxy's message starts. */
export function parseSyslogHeader(
  line: string,
  year: number = new Date().getUTCFullYear(),
): { header: SyslogHeader; offset: number } {
  const h = newHeaderScan();
  const offset = scanSyslogHeader(line, h);
  return { header: headerFromScan(line, h, year), offset };
}
