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
import type { LogFormatMatcher } from './log-format/matcher.js';
import { monthAt, newHeaderScan, scanSyslogHeader, type HeaderScan } from './syslog-header.js';
import { TRAFFIC_HTTP, TRAFFIC_TCP, newTrafficScan, scanTraffic, type TrafficScan } from './traffic-scan.js';
import { scanTrafficBytes } from './traffic-scan-bytes.js';

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
/** Traffic line left out by the observer's filters: counted in `lines`, `parsed` and `filtered` only. */
export const LINE_FILTERED = 4;

/**
 * What an observer (the `logs` command's filters and extra aggregates) sees of a traffic line, whatever path read it.
 * Reused for every line: read it during the call, never keep it.
 */
export interface TrafficView {
  http: boolean;
  /** HTTP status, NaN for TCP lines. */
  status: number;
  /** Tq/Tw/Tc/Tr/Ta (HTTP) or Tw/Tc/Tt (TCP); `nTimers` says which. */
  timers: Float64Array;
  nTimers: number;
  /** actconn/feconn/beconn/srv_conn/retries. */
  conns: Float64Array;
  /** srv_queue/backend_queue. */
  queue: Float64Array;
  /** First two characters of the termination state. */
  ts0: number;
  ts1: number;
  /** Accept date in ms since the epoch (as written, no time zone), NaN when unreadable. */
  time: number;
  frontend: string;
  entry: ServerEntry | undefined;
}

export interface TrafficObserver {
  /** Called once per traffic line before it is counted; false leaves it out of every count. */
  traffic(view: TrafficView, line: number): boolean;
  /** Called for event lines (state changes, alerts...). */
  event(record: LogRecord, line: number): void;
}

export class ServerEntry {
  /** Slot for the facts collector's per-server data. */
  facts: unknown = undefined;
  /** Slot for the `logs` observer's per-server data. */
  detail: unknown = undefined;
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

/** FNV-1a over b[a, c). */
function hashBytes(b: Uint8Array, a: number, c: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < c; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

/**
 * Open-addressing cache from raw bytes (a `backend/server` or frontend name) to a value made once from their UTF-8
 * decoding: the byte path decodes a name only the first time it meets it.
 */
export class ByteKeyCache<V> {
  private keys: Uint8Array[] = [];
  private hashes: number[] = [];
  private values: V[] = [];
  private slots = new Int32Array(256).fill(-1);
  private mask = 255;
  constructor(
    private readonly make: (decoded: string) => V | undefined,
    private readonly max = MAX_KEYS,
  ) {}

  get(b: Uint8Array, a: number, c: number): V | undefined {
    const h = hashBytes(b, a, c);
    const len = c - a;
    let i = h & this.mask;
    for (;;) {
      const idx = this.slots[i]!;
      if (idx < 0) break;
      const k = this.keys[idx]!;
      if (this.hashes[idx] === h && k.length === len) {
        let same = true;
        for (let j = 0; j < len; j++) {
          if (k[j] !== b[a + j]) {
            same = false;
            break;
          }
        }
        if (same) return this.values[idx];
      }
      i = (i + 1) & this.mask;
    }
    if (this.keys.length >= this.max) return undefined;
    const value = this.make(Buffer.from(b.buffer, b.byteOffset + a, len).toString('utf8'));
    if (value === undefined) return undefined;
    this.slots[i] = this.keys.length;
    this.keys.push(b.slice(a, c));
    this.hashes.push(h);
    this.values.push(value);
    if (this.keys.length * 2 > this.mask) {
      const size = (this.mask + 1) * 2;
      this.mask = size - 1;
      this.slots = new Int32Array(size).fill(-1);
      for (let idx = 0; idx < this.keys.length; idx++) {
        let k = this.hashes[idx]! & this.mask;
        while (this.slots[k]! >= 0) k = (k + 1) & this.mask;
        this.slots[k] = idx;
      }
    }
    return value;
  }
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
  /** Custom log formats tried after the default ones (`logs --config`, analyze with the host's haproxy.cfg). */
  readonly formats: readonly LogFormatMatcher[] | undefined;

  // status -1..999 in a flat array, others in a map
  private readonly statusFlat = new Float64Array(1001);
  private readonly statusOther = new Map<number, number>();
  // termination states: two 8-bit chars in a flat array, others in a map
  private readonly tsFlat = new Float64Array(65536);
  private readonly tsOther = new Map<string, number>();
  private readonly servers = new ServerTable();
  private readonly samples: { line: number; text: string; file?: string }[] = [];
  private droppedKeys = 0;
  /** Traffic lines the observer's filters left out. */
  filtered = 0;
  /** Named in unparsed samples (the `logs` command reads several files). */
  file: string | undefined;
  /** Filters and extra aggregates of the `logs` command; none for analyze. */
  observer: TrafficObserver | undefined;
  private readonly view: TrafficView;
  // byte path: the syslog prefix of the last traffic line as bytes (0 = none known), or "lines have no header"
  private prefixBytes = new Uint8Array(0);
  private prefixSynced = '';
  private noHeader = false;
  private readonly serverBytes = new ByteKeyCache<ServerEntry>((key) => this.servers.findKey(key));
  private readonly frontendBytes = new ByteKeyCache<string>((name) => name);
  // day part (`28/Nov/2026`) of the last accept date and its time
  private readonly dayBytes = new Uint8Array(11);
  private dayKey = '';
  private dayMs = Number.NaN;

  constructor(options: { year?: number; observer?: TrafficObserver; formats?: readonly LogFormatMatcher[] } = {}) {
    this.year = options.year ?? new Date().getUTCFullYear();
    this.formats = options.formats !== undefined && options.formats.length > 0 ? options.formats : undefined;
    this.observer = options.observer;
    const t = this.scan;
    this.view = { http: true, status: 0, timers: t.timers, nTimers: 0, conns: t.conns, queue: t.queue, ts0: 0, ts1: 0, time: Number.NaN, frontend: '', entry: undefined };
  }

  /**
   * Adds the line b[start, end) (no newline, no CR) read from raw bytes. Traffic lines in the default formats are
   * read from the bytes; any other line is decoded as UTF-8 and goes through {@link addRange}. Same counts either way.
   */
  addBytes(b: Uint8Array, start: number, end: number, lineNumber: number): number {
    const t = this.scan;
    let p = -1;
    const prefix = this.prefixBytes;
    const pl = prefix.length;
    if (pl > 0) {
      if (end - start > pl) {
        p = start + pl;
        for (let k = pl - 1; k >= 0; k--) {
          if (b[start + k] !== prefix[k]) {
            p = -1;
            break;
          }
        }
      }
    } else if (this.noHeader && end - start > 5 && !(b[start + 4] === 45 && b[start]! <= 57 && b[start + 1]! <= 57)) {
      // no syslog header: an ISO timestamp (`2026-`) or `<pri>` would be one, and neither starts a traffic line
      p = start;
    }
    if (p >= 0 && scanTrafficBytes(b, p, end, t) && b[t.tsStart]! < 128 && b[t.tsStart + 1]! < 128) {
      this.lines++;
      this.record = undefined;
      const e = this.serverBytes.get(b, t.srvStart, t.srvEnd);
      this.entry = e;
      const ts0 = b[t.tsStart]!;
      const ts1 = b[t.tsStart + 1]!;
      const observer = this.observer;
      if (observer !== undefined) {
        const v = this.view;
        v.http = t.kind === TRAFFIC_HTTP;
        v.status = t.status;
        v.nTimers = t.nTimers;
        v.ts0 = ts0;
        v.ts1 = ts1;
        v.entry = e;
        v.time = this.timeFromBytes(b, t.dateStart, t.dateEnd);
        let fe = t.feEnd;
        if (fe - t.feStart > 1 && b[fe - 1] === 126) fe--; // `fe~`: TLS listener
        v.frontend = this.frontendBytes.get(b, t.feStart, fe) ?? '';
        if (!observer.traffic(v, lineNumber)) {
          this.parsed++;
          this.filtered++;
          return LINE_FILTERED;
        }
      }
      this.parsed++;
      this.countScan(ts0, ts1, e, t);
      return LINE_TRAFFIC_SCAN;
    }
    const text = Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
    const kind = this.addRange(text, 0, text.length, lineNumber);
    if (kind === LINE_TRAFFIC_SCAN || kind === LINE_FILTERED) {
      if (this.lastPrefix !== this.prefixSynced) {
        this.prefixSynced = this.lastPrefix;
        // a prefix with replacement characters does not stand for one byte sequence
        this.prefixBytes = this.lastPrefix.includes('\ufffd') ? new Uint8Array(0) : Buffer.from(this.lastPrefix, 'utf8');
      }
      if (t.clientStart === 0 && this.record === undefined) this.noHeader = true;
    }
    return kind;
  }

  private timeFromBytes(b: Uint8Array, a: number, c: number): number {
    if (c - a < 20) return Number.NaN;
    const day = this.dayBytes;
    let same = this.dayKey !== '';
    for (let k = 0; k < 11 && same; k++) same = b[a + k] === day[k];
    if (!same) {
      day.set(b.subarray(a, a + 11));
      this.setDay(Buffer.from(b.buffer, b.byteOffset + a, 11).toString('latin1'));
    }
    const d = (k: number) => b[a + k]! - 48;
    let ms = (((d(12) * 10 + d(13)) * 60 + d(15) * 10 + d(16)) * 60 + d(18) * 10 + d(19)) * 1000;
    if (b[a + 20] === 46) ms += d(21) * 100 + d(22) * 10 + d(23);
    return this.dayMs + ms;
  }

  private timeFromString(s: string, a: number, c: number): number {
    if (c - a < 20) return Number.NaN;
    if (!s.startsWith(this.dayKey, a) || this.dayKey === '') {
      this.setDay(s.slice(a, a + 11));
      for (let k = 0; k < 11; k++) this.dayBytes[k] = s.charCodeAt(a + k) & 255;
    }
    const d = (k: number) => s.charCodeAt(a + k) - 48;
    let ms = (((d(12) * 10 + d(13)) * 60 + d(15) * 10 + d(16)) * 60 + d(18) * 10 + d(19)) * 1000;
    if (s.charCodeAt(a + 20) === 46) ms += d(21) * 100 + d(22) * 10 + d(23);
    return this.dayMs + ms;
  }

  /** `28/Nov/2026` -> ms at 00:00 of that day (NaN when it is not a date). */
  private setDay(day: string): void {
    this.dayKey = day;
    const month = monthAt(day, 3);
    const dd = Number(day.slice(0, 2));
    const yyyy = Number(day.slice(7, 11));
    this.dayMs = month >= 0 && day.charCodeAt(2) === 47 && day.charCodeAt(6) === 47 ? Date.UTC(yyyy, month, dd) : Number.NaN;
  }

  /** Offers a traffic line read from a string (scan offsets into `s`, or a record) to the observer. */
  private observe(s: string, t: TrafficScan | undefined, r: TrafficRecord | undefined, lineNumber: number): boolean {
    const v = this.view;
    if (t !== undefined) {
      v.http = t.kind === TRAFFIC_HTTP;
      v.status = t.status;
      v.nTimers = t.nTimers;
      v.ts0 = s.charCodeAt(t.tsStart);
      v.ts1 = s.charCodeAt(t.tsStart + 1);
      v.time = this.timeFromString(s, t.dateStart, t.dateEnd);
      let fe = t.feEnd;
      if (fe - t.feStart > 1 && s.charCodeAt(fe - 1) === 126) fe--;
      v.frontend = s.slice(t.feStart, fe);
    } else if (r !== undefined) {
      v.http = r.type === 'http';
      v.status = r.status ?? Number.NaN;
      v.nTimers = r.timers.length;
      for (let k = 0; k < 5; k++) v.timers[k] = r.timers[k] ?? -1;
      v.conns[0] = r.actconn ?? 0;
      v.conns[1] = r.feconn ?? 0;
      v.conns[2] = r.beconn ?? 0;
      v.conns[3] = r.srvConn ?? 0;
      v.conns[4] = r.retries ?? 0;
      v.queue[0] = r.srvQueue ?? 0;
      v.queue[1] = r.backendQueue ?? 0;
      // a custom format without %ts/%tsc has no termination state: seen as a normal end (`--`)
      const ts = r.terminationState.length >= 2 ? r.terminationState : '--';
      v.ts0 = ts.charCodeAt(0);
      v.ts1 = ts.charCodeAt(1);
      v.time = r.acceptDate === undefined ? Number.NaN : this.timeFromString(r.acceptDate, 0, r.acceptDate.length);
      v.frontend = r.frontend;
    }
    v.entry = this.entry;
    return this.observer!.traffic(v, lineNumber);
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
      const e = this.servers.find(s, t.srvStart, t.srvEnd);
      this.entry = e;
      if (this.observer !== undefined && !this.observe(s, t, undefined, lineNumber)) {
        this.filtered++;
        return LINE_FILTERED;
      }
      this.countScan(s.charCodeAt(t.tsStart), s.charCodeAt(t.tsStart + 1), e, t);
      return LINE_TRAFFIC_SCAN;
    }
    const line = start === 0 && end === s.length ? s : s.slice(start, end);
    let record: LogRecord | undefined;
    try {
      record = parseLogLine(line, this.formats === undefined ? { year: this.year } : { year: this.year, formats: this.formats });
    } catch {
      record = undefined;
    }
    if (record === undefined) {
      this.unparsed++;
      if (this.samples.length < MAX_UNPARSED_SAMPLES) {
        const sample: { line: number; text: string; file?: string } = { line: lineNumber, text: line.length > SAMPLE_LENGTH ? line.slice(0, SAMPLE_LENGTH) : line };
        if (this.file !== undefined) sample.file = this.file;
        this.samples.push(sample);
      }
      return LINE_UNPARSED;
    }
    this.parsed++;
    this.record = record;
    if (record.type === 'http' || record.type === 'tcp') {
      if (this.observer !== undefined) {
        this.entry = this.servers.findKey(`${record.backend}/${record.server}`);
        if (!this.observe('', undefined, record, lineNumber)) {
          this.filtered++;
          return LINE_FILTERED;
        }
      }
      this.countRecord(record);
      return LINE_TRAFFIC_RECORD;
    }
    this.observer?.event(record, lineNumber);
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

  private countScan(ts0: number, ts1: number, e: ServerEntry | undefined, t: TrafficScan): void {
    this.countTermination(ts0, ts1);
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
    // custom formats without %ts/%tsc: nothing to count
    if (ts.length >= 2) this.countTermination(ts.charCodeAt(0), ts.charCodeAt(1));
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

  /** Lines the summary has kept as unparsed samples (for merging partial summaries). */
  get sampleCount(): number {
    return this.samples.length;
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
      if (e.requests === 0 && e.facts === undefined) continue; // only seen in filtered-out lines
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
    if (this.filtered > 0) summary.filtered = this.filtered;
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
