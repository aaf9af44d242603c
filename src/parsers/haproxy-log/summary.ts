// Streaming, one-pass summary of HAProxy logs: halog -st / -tc / -srv counts in bounded memory.
//
// Counting semantics (checked against halog by test/parsers/haproxy-log/halog-parity.test.ts):
//   statusCodes        halog -st: the status field of HTTP traffic lines, as written (`-1` included).
//   terminationStates  halog -tc: the first two characters of the termination state of traffic lines.
//   servers            halog -srv, keyed `backend/server` as written (`be/<NOSRV>` included): status class from the
//                      first character of the status field (1..5, else `other`), `ok` = no negative timer,
//                      connect/response time sums over Tc >= 0 / Tr >= 0.
// Deliberate differences from halog (halog reads fields by position and was made for httplog):
//   - TCP lines (tcplog): no status code (halog counts their byte count as a status); their termination state is
//     counted (halog -tc skips them as truncated); per server they count as requests of class `other` with their
//     connect time (halog -srv lists the server with zero requests).
//   - CLF lines (option httplog clf) and syslog prefixes of any width are read (halog needs -s and skips CLF).
//   - State-change, health-check and alert lines are never counted (halog skips them too, as parse errors).
import type { LogRecord, LogSummary, ServerLogStats, TrafficRecord } from '../../model/haproxy-log.js';
import { parseLogLine } from './line-parser.js';
import { newHeaderScan, scanSyslogHeader, type HeaderScan } from './syslog-header.js';
import { TRAFFIC_HTTP, TRAFFIC_TCP, newTrafficScan, scanTraffic, type TrafficScan } from './traffic-scan.js';

/** Distinct keys kept per table (status codes, termination states, servers); beyond, lines are counted as dropped. */
export const MAX_KEYS = 10_000;
export const MAX_UNPARSED_SAMPLES = 10;
const SAMPLE_LENGTH = 500;

/** What {@link LogSummarizer.add} recognised. */
export const LINE_UNPARSED = 0;
/** Traffic line read by the fast scanner: details in `summarizer.scan` (offsets into the line). */
export const LINE_TRAFFIC_SCAN = 1;
/** Traffic line read by the full parser (CLF): the record is in `summarizer.record`. */
export const LINE_TRAFFIC_RECORD = 2;
/** Event line (state change, alert...): the record is in `summarizer.record`. */
export const LINE_EVENT = 3;

export class ServerEntry {
  /** Slot for the facts collector's per-server data. */
  facts: unknown = undefined;
  requests = 0;
  c1 = 0;
  c2 = 0;
  c3 = 0;
  c4 = 0;
  c5 = 0;
  other = 0;
  ok = 0;
  errors = 0;
  ctSum = 0;
  ctCount = 0;
  rtSum = 0;
  rtCount = 0;
  constructor(
    readonly key: string,
    readonly hash: number,
  ) {}
}

/** FNV-1a over s[a, b). */
function hashRange(s: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Open-addressing table from a `backend/server` substring to its entry, looked up without slicing. */
class ServerTable {
  entries: ServerEntry[] = [];
  private slots = new Int32Array(256).fill(-1);
  private mask = 255;

  find(s: string, a: number, b: number): ServerEntry | undefined {
    const h = hashRange(s, a, b);
    const len = b - a;
    let i = h & this.mask;
    for (;;) {
      const idx = this.slots[i]!;
      if (idx < 0) break;
      const e = this.entries[idx]!;
      if (e.hash === h && e.key.length === len && s.startsWith(e.key, a)) return e;
      i = (i + 1) & this.mask;
    }
    if (this.entries.length >= MAX_KEYS) return undefined;
    const entry = new ServerEntry(s.slice(a, b), h);
    this.slots[i] = this.entries.length;
    this.entries.push(entry);
    if (this.entries.length * 2 > this.mask) this.grow();
    return entry;
  }

  findKey(key: string): ServerEntry | undefined {
    return this.find(key, 0, key.length);
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    for (let idx = 0; idx < this.entries.length; idx++) {
      let i = this.entries[idx]!.hash & this.mask;
      while (this.slots[i]! >= 0) i = (i + 1) & this.mask;
      this.slots[i] = idx;
    }
  }
}

export class LogSummarizer {
  lines = 0;
  parsed = 0;
  unparsed = 0;
  /** Scratch of the last traffic line read by the fast path (valid right after add() returned LINE_TRAFFIC_SCAN). */
  readonly scan: TrafficScan = newTrafficScan();
  private readonly header: HeaderScan = newHeaderScan();
  /** Syslog prefix of the last traffic line (`Nov 28 08:00:00 lb haproxy[1]: `): most lines repeat it. */
  private lastPrefix = '';
  /** Record of the last line when add() returned LINE_TRAFFIC_RECORD or LINE_EVENT. */
  record: LogRecord | undefined;
  /** Server entry of the last traffic line (undefined when the table was full). */
  entry: ServerEntry | undefined;
  readonly year: number;

  // status -1..999 in a flat array, others in a map
  private readonly statusFlat = new Float64Array(1001);
  private readonly statusOther = new Map<number, number>();
  // termination states: two 8-bit chars in a flat array, others in a map
  private readonly tsFlat = new Float64Array(65536);
  private readonly tsOther = new Map<string, number>();
  private readonly servers = new ServerTable();
  private readonly samples: { line: number; text: string }[] = [];
  private droppedKeys = 0;

  constructor(options: { year?: number } = {}) {
    this.year = options.year ?? new Date().getUTCFullYear();
  }

  /** Adds one line (no newline). Returns what the line was (LINE_* constants); never throws. */
  add(text: string, lineNumber: number): number {
    return this.addRange(text, 0, text.length, lineNumber);
  }

  /** Adds the line s[start, end) without slicing it out (for callers scanning a big chunk). */
  addRange(s: string, start: number, end: number, lineNumber: number): number {
    this.lines++;
    this.record = undefined;
    this.entry = undefined;
    const t = this.scan;
    const prefix = this.lastPrefix;
    let p: number;
    const hit = prefix.length > 0 && end - start > prefix.length && s.startsWith(prefix, start);
    if (hit) p = start + prefix.length;
    else p = scanSyslogHeader(s, this.header, start, end);
    if (p < end && scanTraffic(s, p, end, t)) {
      if (!hit && p > start) this.lastPrefix = s.slice(start, p);
      this.parsed++;
      this.countScan(s, t);
      return LINE_TRAFFIC_SCAN;
    }
    const line = start === 0 && end === s.length ? s : s.slice(start, end);
    let record: LogRecord | undefined;
    try {
      record = parseLogLine(line, { year: this.year });
    } catch {
      record = undefined;
    }
    if (record === undefined) {
      this.unparsed++;
      if (this.samples.length < MAX_UNPARSED_SAMPLES) {
        this.samples.push({ line: lineNumber, text: line.length > SAMPLE_LENGTH ? line.slice(0, SAMPLE_LENGTH) : line });
      }
      return LINE_UNPARSED;
    }
    this.parsed++;
    this.record = record;
    if (record.type === 'http' || record.type === 'tcp') {
      this.countRecord(record);
      return LINE_TRAFFIC_RECORD;
    }
    return LINE_EVENT;
  }

  private countStatus(status: number): void {
    if (status >= -1 && status <= 999) this.statusFlat[status + 1]!++;
    else if (this.statusOther.has(status) || this.statusOther.size < MAX_KEYS) {
      this.statusOther.set(status, (this.statusOther.get(status) ?? 0) + 1);
    } else this.droppedKeys++;
  }

  private countTermination(a: number, b: number): void {
    if (a < 256 && b < 256) this.tsFlat[(a << 8) | b]!++;
    else {
      const key = String.fromCharCode(a, b);
      if (this.tsOther.has(key) || this.tsOther.size < MAX_KEYS) this.tsOther.set(key, (this.tsOther.get(key) ?? 0) + 1);
      else this.droppedKeys++;
    }
  }

  private countScan(s: string, t: TrafficScan): void {
    const ts0 = s.charCodeAt(t.tsStart);
    this.countTermination(ts0, s.charCodeAt(t.tsStart + 1));
    const e = this.servers.find(s, t.srvStart, t.srvEnd);
    this.entry = e;
    const timers = t.timers;
    if (t.kind === TRAFFIC_HTTP) {
      this.countStatus(t.status);
      if (e === undefined) {
        this.droppedKeys++;
        return;
      }
      e.requests++;
      // class by the first character of the status field, as halog
      const st = t.status;
      const first = st < 0 ? 0 : st < 10 ? st : st < 100 ? (st / 10) | 0 : st < 1000 ? (st / 100) | 0 : leadingDigit(st);
      switch (first) {
        case 1:
          e.c1++;
          break;
        case 2:
          e.c2++;
          break;
        case 3:
          e.c3++;
          break;
        case 4:
          e.c4++;
          break;
        case 5:
          e.c5++;
          break;
        default:
          e.other++;
      }
      const tc = timers[2]!;
      const tr = timers[3]!;
      if (timers[0]! >= 0 && timers[1]! >= 0 && tc >= 0 && tr >= 0 && timers[4]! >= 0) e.ok++;
      if (tc >= 0) {
        e.ctSum += tc;
        e.ctCount++;
      }
      if (tr >= 0) {
        e.rtSum += tr;
        e.rtCount++;
      }
    } else {
      if (e === undefined) {
        this.droppedKeys++;
        return;
      }
      e.requests++;
      e.other++;
      const tc = timers[1]!;
      if (tc >= 0) {
        e.ctSum += tc;
        e.ctCount++;
      }
    }
    if (ts0 === 83 || ts0 === 115) e.errors++;
  }

  /** Counts a traffic record from the full parser (CLF lines), with the same rules as the fast path. */
  private countRecord(r: TrafficRecord): void {
    const ts = r.terminationState;
    this.countTermination(ts.charCodeAt(0), ts.charCodeAt(1));
    const e = this.servers.findKey(`${r.backend}/${r.server}`);
    this.entry = e;
    if (r.type === 'http' && r.status !== undefined) this.countStatus(r.status);
    if (e === undefined) {
      this.droppedKeys++;
      return;
    }
    e.requests++;
    const timers = r.timers;
    if (r.type === 'http' && timers.length === 5) {
      const first = r.status === undefined || r.status < 0 ? 0 : leadingDigit(r.status);
      if (first === 1) e.c1++;
      else if (first === 2) e.c2++;
      else if (first === 3) e.c3++;
      else if (first === 4) e.c4++;
      else if (first === 5) e.c5++;
      else e.other++;
      if (timers.every((v) => v >= 0)) e.ok++;
      const tc = timers[2]!;
      const tr = timers[3]!;
      if (tc >= 0) {
        e.ctSum += tc;
        e.ctCount++;
      }
      if (tr >= 0) {
        e.rtSum += tr;
        e.rtCount++;
      }
    } else {
      e.other++;
      const tc = timers[1];
      if (tc !== undefined && tc >= 0) {
        e.ctSum += tc;
        e.ctCount++;
      }
    }
    const c = ts.charCodeAt(0);
    if (c === 83 || c === 115) e.errors++;
  }

  /** Server entries in insertion order (for the facts collector). */
  serverEntries(): readonly ServerEntry[] {
    return this.servers.entries;
  }

  summary(): LogSummary {
    const statusCodes: Record<string, number> = {};
    const statusKeys: number[] = [];
    for (let i = 0; i < this.statusFlat.length; i++) if (this.statusFlat[i]! > 0) statusKeys.push(i - 1);
    for (const k of this.statusOther.keys()) statusKeys.push(k);
    statusKeys.sort((a, b) => a - b);
    for (const k of statusKeys) {
      statusCodes[String(k)] = k >= -1 && k <= 999 ? this.statusFlat[k + 1]! : this.statusOther.get(k)!;
    }
    const tsEntries: [string, number][] = [];
    for (let i = 0; i < this.tsFlat.length; i++) {
      const n = this.tsFlat[i]!;
      if (n > 0) tsEntries.push([String.fromCharCode(i >> 8, i & 255), n]);
    }
    for (const [k, n] of this.tsOther) tsEntries.push([k, n]);
    tsEntries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const terminationStates: Record<string, number> = {};
    for (const [k, n] of tsEntries) terminationStates[k] = n;
    const servers: Record<string, ServerLogStats> = {};
    const entries = this.servers.entries.slice().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const e of entries) {
      servers[e.key] = {
        requests: e.requests,
        '1xx': e.c1,
        '2xx': e.c2,
        '3xx': e.c3,
        '4xx': e.c4,
        '5xx': e.c5,
        other: e.other,
        ok: e.ok,
        errors: e.errors,
        connectTimeSum: e.ctSum,
        connectTimeCount: e.ctCount,
        responseTimeSum: e.rtSum,
        responseTimeCount: e.rtCount,
      };
    }
    const summary: LogSummary = {
      lines: this.lines,
      parsed: this.parsed,
      unparsed: this.unparsed,
      statusCodes,
      terminationStates,
      servers,
      unparsedSamples: this.samples.slice(),
    };
    if (this.droppedKeys > 0) summary.droppedKeys = this.droppedKeys;
    return summary;
  }
}

function leadingDigit(n: number): number {
  while (n >= 10) n = Math.floor(n / 10);
  return n;
}

/** Convenience: the summary of a whole text (lines split on LF, CR dropped). */
export function summarizeText(text: string, options: { year?: number } = {}): LogSummary {
  const s = new LogSummarizer(options);
  let start = 0;
  let line = 1;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    s.addRange(text, start, stop, line);
    start = end + 1;
    line++;
  }
  return s.summary();
}

export { TRAFFIC_HTTP, TRAFFIC_TCP };
