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
import type { LogRecord, LogSummary, ServerLogStats, SyslogHeader, TrafficRecord } from '../../model/haproxy-log.js';
import { isHaproxyProgram, parseLogLine, parseOtherTrafficShapes } from './line-parser.js';
import type { LogFormatMatcher } from './log-format/matcher.js';
import { bsdTimestampToTime, headerFromScan, isoTimestampToTime, monthAt, newHeaderScan, scanSyslogHeader, type HeaderScan } from './syslog-header.js';
import { TRAFFIC_HTTP, TRAFFIC_TCP, newTrafficScan, scanTraffic, type TrafficScan } from './traffic-scan.js';
import { hashWords, latin1, sameWords } from './byte-words.js';
import { dayMsOf } from './accept-date.js';
import { scanTrafficBytes } from './traffic-scan-bytes.js';
import { ScannerEvents } from './scanner-events.js';
import {
  EVENTS_COUNT,
  EVENTS_KEEP,
  EVENTS_OFF,
  R_END,
  R_EVENT_ENTRY,
  R_EVENT_TIME,
  R_KIND,
  R_START,
  S_C1,
  S_CT_COUNT,
  S_CT_SUM,
  S_ERRORS,
  S_OK,
  S_OTHER,
  S_REQUESTS,
  S_RT_COUNT,
  S_RT_SUM,
  addDenseCounts,
  asCount,
  scanOfRecord,
  type CountedTraffic,
  type LineScanner,
} from './line-scanner.js';

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
/** Traffic line read from bytes by {@link LogSummarizer.addBytes} in a format other than the scanned ones (CLF): no record. */
export const LINE_TRAFFIC_BYTES = 5;

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
  /** False when `view.frontend` is never read (the byte path then leaves it empty rather than look the name up). */
  readonly wantsFrontend?: boolean;
  /**
   * Whether traffic lines may be counted in bulk (addCounted) instead of one by one: true only when traffic() would
   * accept every line (no filters), since the lines are never shown to it.
   */
  readonly takesCounted?: boolean;
  /** Adds traffic counted in bulk by the WebAssembly module; `entries[k]` is the entry of `c.servers[k]`. */
  addCounted?(c: CountedTraffic, entries: readonly (ServerEntry | undefined)[]): void;
  /** Whether `n` more minutes fit in its per-minute timeline. */
  roomForMinutes?(n: number): boolean;
  /** Whether event() would only count an event from now on (it keeps no more): they may then be counted in bulk. */
  readonly eventsFull?: boolean;
  /**
   * Adds event lines counted in bulk by the WebAssembly module: `counts[k]` of the kind `kinds[k]` (eventCountKey);
   * their times come with addCounted's.
   */
  addCountedEvents?(kinds: readonly string[], counts: Float64Array): void;
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

/**
 * An empty array already in V8's "any object" elements kind. A fresh `[]` starts as small integers and changes kind
 * on its first object push; code optimised on an earlier instance's array then deoptimises on each new instance's
 * (each worker segment makes new tables): the hot loop would fall back to the interpreter once per segment.
 */
export function objectArray<T>(): T[] {
  const a: unknown[] = [null];
  a.pop();
  return a as T[];
}

/** FNV-1a over s[a, b). */
function hashRange(s: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Open-addressing cache from raw bytes (a `backend/server` or frontend name) to a value made once from their UTF-8
 * decoding: the byte path decodes a name only the first time it meets it.
 */
export class ByteKeyCache<V> {
  private keys: Uint8Array[] = objectArray();
  private keyViews: DataView[] = objectArray();
  // hashes as int32 in a typed array: a plain array of uint32 values (not small integers) changes its elements
  // kind, which deoptimises the lookup of every new cache (each worker segment makes one)
  private hashes = new Int32Array(64);
  private values: V[] = objectArray();
  private slots = new Int32Array(256).fill(-1);
  private mask = 255;
  constructor(
    private readonly make: (decoded: string) => V | undefined,
    private readonly max = MAX_KEYS,
  ) {}

  /** The value of b[a, c) (`dv`: a DataView on the bytes of `b`). */
  get(b: Uint8Array, dv: DataView, a: number, c: number): V | undefined {
    const h = hashWords(b, dv, a, c);
    let i = h & this.mask;
    for (;;) {
      const idx = this.slots[i]!;
      if (idx < 0) break;
      if (this.hashes[idx] === h && sameWords(b, dv, a, c, this.keys[idx]!, this.keyViews[idx]!)) return this.values[idx];
      i = (i + 1) & this.mask;
    }
    return this.insert(b, a, c, h, i);
  }

  /** First sight of a key (rare: kept out of the lookup, which is inlined into the hot loop). */
  private insert(b: Uint8Array, a: number, c: number, h: number, i: number): V | undefined {
    const len = c - a;
    if (this.keys.length >= this.max) return undefined;
    const value = this.make(Buffer.from(b.buffer, b.byteOffset + a, len).toString('utf8'));
    if (value === undefined) return undefined;
    const n = this.keys.length;
    if (n === this.hashes.length) {
      const grown = new Int32Array(n * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.slots[i] = n;
    const key = b.slice(a, c);
    this.keys.push(key);
    this.keyViews.push(new DataView(key.buffer, key.byteOffset, key.byteLength));
    this.hashes[n] = h;
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

/** Exact byte strings to values, for the event memo of the byte path (bounded: emptied when full; hashWords lookups). */
class ByteMemo<V> {
  private readonly map = new Map<number, { key: Uint8Array; keyView: DataView; value: V }[]>();
  private size = 0;
  constructor(private readonly max: number) {}

  get(b: Uint8Array, dv: DataView, a: number, c: number, h: number): V | undefined {
    const list = this.map.get(h);
    if (list === undefined) return undefined;
    for (const { key, keyView, value } of list) if (sameWords(b, dv, a, c, key, keyView)) return value;
    return undefined;
  }

  set(b: Uint8Array, a: number, c: number, h: number, value: V): void {
    if (this.size >= this.max) {
      this.map.clear();
      this.size = 0;
    }
    const key = b.slice(a, c);
    const entry = { key, keyView: new DataView(key.buffer, key.byteOffset, key.byteLength), value };
    const list = this.map.get(h);
    if (list === undefined) this.map.set(h, [entry]);
    else list.push(entry);
    this.size++;
  }
}

/** Open-addressing table from a `backend/server` substring to its entry, looked up without slicing. */
class ServerTable {
  entries: ServerEntry[] = objectArray();
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
  /**
   * Record of the last line when add() returned LINE_TRAFFIC_RECORD or LINE_EVENT. Read it before the next line:
   * the byte path hands the same record object to every line with the same event message.
   */
  record: LogRecord | undefined;
  /** Server entry of the last traffic line (undefined when the table was full). */
  entry: ServerEntry | undefined;
  readonly year: number;
  /** Custom log formats tried after the default ones (`logs --config`, analyze with the host's haproxy.cfg). */
  readonly formats: readonly LogFormatMatcher[] | undefined;

  // status -1..999 in a flat array, others in a map
  private readonly statusFlat = new Float64Array(1001);
  /** Indexes of statusFlat / tsFlat in use: summary() reads those only (it runs once per worker segment). */
  private readonly statusUsed: number[] = [];
  private readonly tsUsed: number[] = [];
  private readonly statusOther = new Map<number, number>();
  // termination states: two 8-bit chars in a flat array, others in a map
  // ASCII pairs (every state HAProxy writes) in a flat array of 128 x 128 (small: each worker segment makes one),
  // other pairs of 8-bit characters in a map, unbounded as the flat array was
  private readonly tsFlat = new Float64Array(16384);
  private readonly tsLatin = new Map<number, number>();
  private readonly tsOther = new Map<string, number>();
  private readonly servers = new ServerTable();
  private readonly samples: { line: number; text: string; file?: string }[] = objectArray();
  private droppedKeys = 0;
  /** Traffic lines the observer's filters left out. */
  filtered = 0;
  /** Named in unparsed samples (the `logs` command reads several files). */
  file: string | undefined;
  /** Filters and extra aggregates of the `logs` command; none for analyze. */
  observer: TrafficObserver | undefined;
  private readonly view: TrafficView;
  // byte path: the syslog prefix of the last traffic line as bytes (0 = none known), or "lines have no header".
  // Its timestamp part [prefixTsStart, prefixTsEnd) changes from line to line: it is checked by shape (the shape
  // scanSyslogHeader reads, so it finds the same message offset), the rest byte for byte.
  private prefixBytes = new Uint8Array(0);
  private prefixView = new DataView(this.prefixBytes.buffer);
  private prefixSynced = '';
  private prefixTsStart = 0;
  private prefixTsEnd = 0;
  private prefixTsKind = PREFIX_TS_EXACT;
  /** Timestamp of the last prefix read by scanSyslogHeader on the string path (offsets relative to the line). */
  private lastPrefixTsStart = 0;
  private lastPrefixTsEnd = 0;
  private lastPrefixTsKind = PREFIX_TS_EXACT;
  private noHeader = false;
  private readonly wantsFrontend: boolean;
  /** Message offset of the last line addRange scanned the header of (-1: its cached prefix matched). */
  private messageOffset = -1;
  // byte path of event lines (state changes, health checks...): their record, without its header, by the exact bytes
  // of their message (they repeat word for word), one memo per origin (HAProxy's program or another); the header of
  // the last prefix they came with
  private eventMemo = new ByteMemo<LogRecord>(MAX_EVENT_MEMO);
  private foreignEventMemo = new ByteMemo<LogRecord>(MAX_EVENT_MEMO);
  /** Whole lines the string path found unparsed (they are the same line whatever comes before them). */
  private unparsedLines = new ByteMemo<boolean>(MAX_EVENT_MEMO);
  private eventPrefix = new Uint8Array(0);
  private eventHeader: SyslogHeader = {};
  private eventForeign = false;
  /** Where scanSyslogHeader read the timestamp of eventPrefix (-1: none, or not an ASCII prefix), and its kind. */
  private eventTsStart = -1;
  private eventTsEnd = -1;
  private eventTsBsd = false;
  private readonly eventScan: HeaderScan = newHeaderScan();
  /** Message of the line addBytes handed to addRange, to remember when it turns out an event (hash; -1 = none). */
  private pendingEventHash = -1;
  /** The event messages handed to the WebAssembly module (see ScannerEvents). */
  private readonly scannerEvents = new ScannerEvents();
  /** LineScanner.eventTime for this summarizer: the time of prefixHeader's header. */
  private readonly eventTimeOf = (start: number, p: number): number => {
    const b = this.eventBytes;
    if (b === undefined || !this.prefixHeader(b, start, p)) return Number.NEGATIVE_INFINITY;
    return this.eventHeader.time ?? Number.NaN;
  };
  /** The chunk of the scanner whose event lines eventTimeOf reads. */
  private eventBytes: Uint8Array | undefined;
  /**
   * Token offsets of the CLF byte reader: after addBytes returned LINE_TRAFFIC_BYTES, token k of the line is
   * b[clfStart[k], clfEnd[k]) (3: accept date, 13: server, 19: termination state), for the facts collector.
   */
  readonly clfStart = new Int32Array(31);
  readonly clfEnd = new Int32Array(31);
  /**
   * The line addBytes decoded and handed to addRange (then the scan offsets are offsets into it); undefined when it
   * read the line from the bytes. addBytes only sets it: a caller that reads it clears it before each line.
   */
  decoded: string | undefined = undefined;
  private readonly serverBytes = new ByteKeyCache<ServerEntry>((key) => this.servers.findKey(key));
  private readonly frontendBytes = new ByteKeyCache<string>((name) => name);
  // day part (`28/Nov/2026`) of the last accept date and its time
  private readonly dayBytes = new Uint8Array(11);
  private readonly dayView = new DataView(this.dayBytes.buffer);
  /** The DataView addBytes was given with the line's bytes (for the helpers it calls). */
  private viewOfBytes: DataView = new DataView(new ArrayBuffer(0));
  private dayKey = '';
  private dayMs = Number.NaN;

  constructor(options: { year?: number; observer?: TrafficObserver; formats?: readonly LogFormatMatcher[] } = {}) {
    this.year = options.year ?? new Date().getUTCFullYear();
    this.formats = options.formats !== undefined && options.formats.length > 0 ? options.formats : undefined;
    this.observer = options.observer;
    this.wantsFrontend = options.observer?.wantsFrontend !== false;
    const t = this.scan;
    this.view = { http: true, status: 0, timers: t.timers, nTimers: 0, conns: t.conns, queue: t.queue, ts0: 0, ts1: 0, time: Number.NaN, frontend: '', entry: undefined };
  }

  /**
   * Takes over the caches of the byte path from the summarizer of the previous segment read by the same thread
   * (the syslog prefix, the event header and memos, the day of the accept dates): they depend on the lines only, never
   * on counts, so the result is the same, and the first lines of the segment do not go through the paths that learn
   * them. Those paths run once per segment: code optimised during the first one would deoptimise there.
   */
  adoptCaches(from: LogSummarizer): void {
    if (from.year !== this.year || from.formats !== this.formats) return;
    this.lastPrefix = from.lastPrefix;
    this.lastPrefixTsStart = from.lastPrefixTsStart;
    this.lastPrefixTsEnd = from.lastPrefixTsEnd;
    this.lastPrefixTsKind = from.lastPrefixTsKind;
    this.prefixBytes = from.prefixBytes;
    this.prefixView = from.prefixView;
    this.prefixSynced = from.prefixSynced;
    this.prefixTsStart = from.prefixTsStart;
    this.prefixTsEnd = from.prefixTsEnd;
    this.prefixTsKind = from.prefixTsKind;
    this.noHeader = from.noHeader;
    this.eventMemo = from.eventMemo;
    this.foreignEventMemo = from.foreignEventMemo;
    this.unparsedLines = from.unparsedLines;
    this.eventPrefix = from.eventPrefix;
    this.eventHeader = from.eventHeader;
    this.eventForeign = from.eventForeign;
    this.eventTsStart = from.eventTsStart;
    this.eventTsEnd = from.eventTsEnd;
    this.eventTsBsd = from.eventTsBsd;
    this.dayBytes.set(from.dayBytes);
    this.dayKey = from.dayKey;
    this.dayMs = from.dayMs;
  }

  /**
   * Adds the line b[start, end) (no newline, no CR) read from raw bytes. Read from the bytes, without decoding: the
   * syslog prefix (compared with the last traffic line's, its timestamp by shape), traffic lines in the default
   * formats (scanTrafficBytes), CLF lines (clfBytes) and event lines whose message was seen before (eventFromBytes).
   * Any other line is decoded as UTF-8 and goes through {@link addRange}. Same counts and observer calls either way
   * (test/logs/logs.test.ts compares the two paths); the returned kind may be LINE_TRAFFIC_BYTES (no record).
   * `dv`: a DataView on the bytes of `b` (same offsets); callers reading many lines of one chunk make it once.
   */
  addBytes(b: Uint8Array, start: number, end: number, lineNumber: number, dv: DataView = new DataView(b.buffer, b.byteOffset, b.byteLength)): number {
    const t = this.scan;
    this.viewOfBytes = dv;
    let p = -1;
    const prefix = this.prefixBytes;
    const pl = prefix.length;
    if (pl > 0) {
      if (end - start > pl) {
        // lines of the same second repeat the last prefix byte for byte: compared four bytes at a time first
        const pv = this.prefixView;
        let k = 0;
        while (k + 4 <= pl && dv.getInt32(start + k, true) === pv.getInt32(k, true)) k += 4;
        if (k + 4 > pl) while (k < pl && b[start + k] === prefix[k]) k++;
        if (k === pl) p = start + pl;
        else p = this.prefixLike(b, start);
      }
    } else if (this.noHeader && end - start > 5 && !(b[start + 4] === 45 && b[start]! <= 57 && b[start + 1]! <= 57)) {
      // no syslog header: an ISO timestamp (`2026-`) or `<pri>` would be one, and neither starts a traffic line
      p = start;
    }
    if (p >= 0 && scanTrafficBytes(b, dv, p, end, t) && b[t.tsStart]! < 128 && b[t.tsStart + 1]! < 128) return this.countTraffic(b, dv, lineNumber);
    let pendingUnparsed = -1;
    if (p >= 0 && p < end) {
      // CLF (`option httplog clf`) from the bytes too; only after a client-address-like start (in the no-header
      // mode a `<pri>` or BSD header must not be taken for one)
      const c = b[p]!;
      if ((c >= 48 && c <= 58) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 117) {
        const kind = this.clfBytes(b, p, end, lineNumber);
        if (kind >= 0) return kind;
      }
    }
    if (p > start && p < end) {
      const c = b[p]!;
      if (c >= 48 && c <= 57) {
        const kind = this.digitMessageFromBytes(b, start, p, end, lineNumber);
        if (kind >= 0) return kind;
      }
    } else if (p < 0 && end - start <= MAX_EVENT_MESSAGE_BYTES) {
      // a line without the known prefix (junk, blank, another program's) read as unparsed before: the same again
      const h = hashWords(b, dv, start, end);
      if (this.unparsedLines.get(b, dv, start, end, h) !== undefined) {
        this.lines++;
        this.record = undefined;
        this.entry = undefined;
        this.addUnparsed(b, start, end, lineNumber);
        return LINE_UNPARSED;
      }
      pendingUnparsed = h;
    }
    let pending = -1;
    if (p > start && p < end && this.formats === undefined && end - p <= MAX_EVENT_MESSAGE_BYTES) {
      // a message after a known prefix: maybe an event seen before. Not `[LEVEL]` lines (their record reads the
      // header's pid), nor a space or non-ASCII byte first (scanSyslogHeader would take it into the header), nor a
      // client address first (error-format lines: one per connection, never seen twice)
      const c = b[p]!;
      if (c !== 32 && c !== 91 && c < 128 && !(c >= 48 && c <= 58)) {
        const kind = this.eventFromBytes(b, start, p, end, lineNumber);
        if (kind >= 0) return kind;
        pending = this.pendingEventHash;
      }
    }
    const text = Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
    this.decoded = text;
    const kind = this.addRange(text, 0, text.length, lineNumber);
    if (pendingUnparsed >= 0 && kind === LINE_UNPARSED) this.unparsedLines.set(b, start, end, pendingUnparsed, true);
    if (pending >= 0 && kind === LINE_EVENT && this.record !== undefined) {
      // the string path read the message as an event: the same bytes will be the same event
      const body = { ...this.record };
      (this.eventForeign ? this.foreignEventMemo : this.eventMemo).set(b, p, end, pending, body);
      this.scannerEvents.remember(b, p, end, body, this.prefixBytes, this);
    }
    if (kind === LINE_TRAFFIC_RECORD && this.formats === undefined && this.record !== undefined && this.messageOffset === 0) {
      // a CLF line without header: the no-header mode serves its byte reader
      this.noHeader = true;
    }
    if (kind === LINE_TRAFFIC_SCAN || kind === LINE_FILTERED || (kind === LINE_TRAFFIC_RECORD && this.formats === undefined)) {
      if (this.lastPrefix !== this.prefixSynced) {
        this.prefixSynced = this.lastPrefix;
        // a prefix with replacement characters does not stand for one byte sequence
        // (a plain Uint8Array: element loads on it are cheaper in V8 than on a Buffer)
        const bytes = this.lastPrefix.includes('\ufffd') ? new Uint8Array(0) : new Uint8Array(Buffer.from(this.lastPrefix, 'utf8'));
        this.prefixBytes = bytes;
        this.prefixView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        // timestamp offsets are string offsets: usable as byte offsets when the prefix is ASCII
        const ascii = bytes.length === this.lastPrefix.length;
        const tsEnd = this.lastPrefixTsEnd;
        const kind = ascii && tsEnd < bytes.length && bytes[tsEnd] === 32 ? this.lastPrefixTsKind : PREFIX_TS_EXACT;
        this.prefixTsKind = kind;
        this.prefixTsStart = kind === PREFIX_TS_EXACT ? 0 : this.lastPrefixTsStart;
        this.prefixTsEnd = kind === PREFIX_TS_EXACT ? 0 : tsEnd;
      }
      if (t.clientStart === 0 && this.record === undefined) this.noHeader = true;
    }
    return kind;
  }

  /**
   * Counts the traffic line whose scan is in `this.scan` (offsets into `b`, its termination state ASCII): the end of
   * addBytes for a line scanTrafficBytes read, and of addScanned.
   */
  private countTraffic(b: Uint8Array, dv: DataView, lineNumber: number): number {
    const t = this.scan;
    this.lines++;
    this.record = undefined;
    const e = this.serverBytes.get(b, dv, t.srvStart, t.srvEnd);
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
      if (this.wantsFrontend) {
        let fe = t.feEnd;
        if (fe - t.feStart > 1 && b[fe - 1] === 126) fe--; // `fe~`: TLS listener
        v.frontend = this.frontendBytes.get(b, dv, t.feStart, fe) ?? '';
      }
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

  /** Gives the WebAssembly line scanner this summarizer's cached prefix (see ByteLineSplitter). */
  prepareScanner(scanner: LineScanner): void {
    scanner.setPrefix(this.prefixBytes, this.prefixTsStart, this.prefixTsEnd, this.prefixTsKind, this.noHeader);
    this.eventBytes = scanner.bytes;
    this.scannerEvents.prepare(scanner, this.prefixBytes, this.prefixTsStart, this.prefixTsEnd, this, this.eventTimeOf, this.year);
  }

  /**
   * What the module may do with the event lines it knows for this summarizer (LineScanner.setEventCounting): count
   * them once the observer keeps no more events, hand them back to keep before; nothing with custom formats (the byte
   * path then reads no event from its message).
   */
  get eventsMode(): number {
    if (this.formats !== undefined || this.observer?.addCountedEvents === undefined) return EVENTS_OFF;
    return this.observer.eventsFull === true ? EVENTS_COUNT : EVENTS_KEEP;
  }

  /**
   * An event line or a warning the module read and handed back to keep: record `o` of `r` (its line b[start, end),
   * the entry of its message, its header's time in `times`). Same counts and observer calls as addBytes on it.
   */
  addKeptEvent(b: Uint8Array, dv: DataView, r: Int32Array, times: Float64Array, o: number, lineNumber: number): number {
    const start = r[o + R_START]!;
    const end = r[o + R_END]!;
    const record = this.scannerEvents.kept(r[o + R_KIND]!, r[o + R_EVENT_ENTRY]!, b, start, end, times[(o + R_EVENT_TIME) >> 1]!);
    if (record === undefined) return this.addBytes(b, start, end, lineNumber, dv);
    this.lines++;
    this.parsed++;
    this.entry = undefined;
    this.record = record;
    this.observer?.event(record, lineNumber);
    return LINE_EVENT;
  }

  /** Whether the WebAssembly module may count traffic lines for this summarizer (see ByteLineSplitter). */
  get takesCounted(): boolean {
    return this.observer === undefined || this.observer.takesCounted === true;
  }

  /**
   * Whether `servers` more servers and `minutes` more minutes (of the observer) fit before a table is full: the module
   * counts only while they do, so no line is ever dropped for want of room in bulk (the order of the lines decides
   * which ones are).
   */
  roomFor(servers: number, minutes: number): boolean {
    return this.servers.entries.length + servers < MAX_KEYS && (this.observer?.roomForMinutes?.(minutes) ?? true);
  }

  /**
   * Adds traffic lines the WebAssembly module counted (wasm/traffic-aggregate.c): the sums countTraffic makes line
   * by line, in bulk (every count adds up in any order; the caller keeps the tables from filling, see
   * ByteLineSplitter).
   */
  addCounted(c: CountedTraffic): void {
    const lines = asCount(c.lines);
    this.lines += lines;
    this.parsed += lines;
    addDenseCounts(this.statusFlat, this.statusUsed, c.statusCounts);
    addDenseCounts(this.tsFlat, this.tsUsed, c.tsCounts);
    const entries: (ServerEntry | undefined)[] = [];
    for (const { key, fields: f } of c.servers) {
      const e = this.servers.findKey(key);
      entries.push(e);
      if (e === undefined) {
        this.droppedKeys += asCount(f[S_REQUESTS]!);
        continue;
      }
      e.requests += asCount(f[S_REQUESTS]!);
      e.c1 += asCount(f[S_C1]!);
      e.c2 += asCount(f[S_C1 + 1]!);
      e.c3 += asCount(f[S_C1 + 2]!);
      e.c4 += asCount(f[S_C1 + 3]!);
      e.c5 += asCount(f[S_C1 + 4]!);
      e.other += asCount(f[S_OTHER]!);
      e.ok += asCount(f[S_OK]!);
      e.errors += asCount(f[S_ERRORS]!);
      e.ctSum += asCount(f[S_CT_SUM]!);
      e.ctCount += asCount(f[S_CT_COUNT]!);
      e.rtSum += asCount(f[S_RT_SUM]!);
      e.rtCount += asCount(f[S_RT_COUNT]!);
    }
    this.observer?.addCounted?.(c, entries);
    if (c.eventLines > 0) {
      // as eventFromBytes counts each of them
      const events = asCount(c.eventLines);
      this.lines += events;
      this.parsed += events;
      this.observer?.addCountedEvents?.(this.scannerEvents.kinds, c.eventKinds);
    }
  }

  /**
   * Counts a traffic line the WebAssembly line scanner read: record `o` of `records`, whose fields are what
   * scanTrafficBytes reads from the line b[start, end) after the cached prefix. Same counts and observer calls as
   * addBytes on that line.
   */
  addScanned(b: Uint8Array, dv: DataView, r: Int32Array, o: number, lineNumber: number): number {
    const t = this.scan;
    this.viewOfBytes = dv;
    scanOfRecord(r, o, t);
    return this.countTraffic(b, dv, lineNumber);
  }

  /**
   * The message offset of a line whose prefix differs from the cached one: the same bytes but for a timestamp of
   * the same shape (-1 otherwise). The cached prefix then takes that timestamp, so the next lines of the same second
   * match it byte for byte (a timestamp that passes timestampLike reads as the cached one did).
   */
  private prefixLike(b: Uint8Array, start: number): number {
    const prefix = this.prefixBytes;
    const pl = prefix.length;
    const tsEnd = this.prefixTsEnd;
    for (let k = pl - 1; k >= tsEnd; k--) if (b[start + k] !== prefix[k]) return -1;
    const tsStart = this.prefixTsStart;
    for (let k = tsStart - 1; k >= 0; k--) if (b[start + k] !== prefix[k]) return -1;
    if (tsEnd > tsStart) {
      if (!timestampLike(b, start + tsStart, start + tsEnd, prefix, tsStart, this.prefixTsKind)) return -1;
      for (let k = tsStart; k < tsEnd; k++) prefix[k] = b[start + k]!;
    }
    return start + pl;
  }

  /**
   * An event line b[start, end) whose message b[p, end) is in the memo: counted as addRange counts it, with a header
   * read from its prefix (the same as scanSyslogHeader reads from the whole line). -1 otherwise (then
   * `pendingEventHash` is the message's hash, or -1 when the line cannot be remembered).
   */
  private eventFromBytes(b: Uint8Array, start: number, p: number, end: number, lineNumber: number): number {
    this.pendingEventHash = -1;
    if (!this.prefixHeader(b, start, p)) return -1;
    const dv = this.viewOfBytes;
    const h = hashWords(b, dv, p, end);
    const body = (this.eventForeign ? this.foreignEventMemo : this.eventMemo).get(b, dv, p, end, h);
    if (body === undefined) {
      this.pendingEventHash = h;
      return -1;
    }
    this.lines++;
    this.parsed++;
    this.entry = undefined;
    // the memo's own record, given this line's header: a spread of records of several shapes is a slow generic copy
    body.header = this.eventHeader;
    this.record = body;
    this.observer?.event(body, lineNumber);
    this.scannerEvents.remember(b, p, end, body, this.prefixBytes, this);
    return LINE_EVENT;
  }

  /**
   * Reads the header of the prefix b[start, p) of a non-traffic line into eventHeader and eventForeign, as
   * scanSyslogHeader reads it from the whole line; false when it cannot be read from the prefix alone.
   */
  private prefixHeader(b: Uint8Array, start: number, p: number): boolean {
    const prefix = this.eventPrefix;
    const pl = p - start;
    let same = prefix.length === pl;
    for (let k = pl - 1; k >= 0 && same; k--) same = b[start + k] === prefix[k];
    if (same || this.sameHeaderButTimestamp(b, start, p)) return true;
    const text = Buffer.from(b.buffer, b.byteOffset + start, pl).toString('utf8');
    if (text.includes('\ufffd')) return false;
    const scan = this.eventScan;
    const offset = scanSyslogHeader(text, scan, 0, text.length);
    if (offset !== text.length) return false;
    const header = headerFromScan(text, scan, this.year);
    this.eventPrefix = b.slice(start, p);
    this.eventHeader = header;
    this.eventForeign = header.program !== undefined && !isHaproxyProgram(header.program);
    // string offsets are byte offsets in an ASCII prefix
    const ascii = pl === text.length;
    this.eventTsStart = ascii && scan.tsStart >= 0 ? scan.tsStart : -1;
    this.eventTsEnd = ascii && scan.tsStart >= 0 ? scan.tsEnd : -1;
    this.eventTsBsd = scan.tsKind === 'bsd';
    return true;
  }

  /**
   * A line b[start, end) after a known prefix whose message b[p, end) starts with a digit and is no traffic line
   * (scanTrafficBytes and clfBytes said no): read as parseMessage reads it, without decoding the line or scanning
   * its header again. In practice error-log-format lines (`client:port [date] frontend/bind: SSL handshake
   * failure`), one per failed connection. -1 when left to the string path: non-ASCII bytes, a CLF marker, custom
   * formats, a foreign program.
   */
  private digitMessageFromBytes(b: Uint8Array, start: number, p: number, end: number, lineNumber: number): number {
    if (this.formats !== undefined || end - p > MAX_EVENT_MESSAGE_BYTES) return -1;
    let acc = 0;
    for (let k = p; k < end; k++) acc |= b[k]!;
    if (acc >= 128) return -1;
    // parseClf looks further only with ` - - [` first found 1 to 60 characters in
    const lim = Math.min(end - 5, p + 61);
    for (let k = p; k < lim; k++) {
      if (b[k] === 32 && b[k + 1] === 45 && b[k + 2] === 32 && b[k + 3] === 45 && b[k + 4] === 32 && b[k + 5] === 91) {
        if (k > p) return -1;
        break;
      }
    }
    if (!this.prefixHeader(b, start, p) || this.eventForeign) return -1;
    this.lines++;
    this.entry = undefined;
    const record = parseOtherTrafficShapes(latin1(b, p, end), this.eventHeader);
    this.record = record;
    if (record === undefined) {
      this.addUnparsed(b, start, end, lineNumber);
      return LINE_UNPARSED;
    }
    this.parsed++;
    this.observer?.event(record, lineNumber);
    this.scannerEvents.rememberWarning(b, record, this.prefixBytes, this);
    return LINE_EVENT;
  }

  /** Counts b[start, end) as unparsed, as addRange does (its text decoded only for a sample). */
  private addUnparsed(b: Uint8Array, start: number, end: number, lineNumber: number): void {
    this.unparsed++;
    if (this.samples.length < MAX_UNPARSED_SAMPLES) {
      const line = Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
      const sample: { line: number; text: string; file?: string } = { line: lineNumber, text: line.length > SAMPLE_LENGTH ? line.slice(0, SAMPLE_LENGTH) : line };
      if (this.file !== undefined) sample.file = this.file;
      this.samples.push(sample);
    }
  }

  /**
   * Whether the event prefix b[start, p) is the last one (eventPrefix) but for its timestamp, then read as its
   * header (eventHeader, its timestamp taken in). That needs the traffic prefix's layout, through which addBytes
   * found p: the timestamp at the same place, checked by shape (timestampLike), so scanSyslogHeader would read it
   * to the same end and host, program and pid from the same bytes. Events come every few seconds: their prefixes
   * rarely repeat byte for byte, and reading each whole costs more than the rest of the line.
   */
  private sameHeaderButTimestamp(b: Uint8Array, start: number, p: number): boolean {
    const prefix = this.eventPrefix;
    const pl = p - start;
    const a = this.eventTsStart;
    const c = this.eventTsEnd;
    if (a < 0 || prefix.length !== pl || this.prefixBytes.length !== pl || this.prefixTsStart !== a || this.prefixTsEnd !== c) return false;
    if (this.eventTsBsd !== (this.prefixTsKind === PREFIX_TS_BSD)) return false;
    for (let k = 0; k < a; k++) if (b[start + k] !== prefix[k]) return false;
    for (let k = c; k < pl; k++) if (b[start + k] !== prefix[k]) return false;
    for (let k = a; k < c; k++) if (b[start + k]! >= 128) return false;
    const timestamp = latin1(b, start + a, start + c);
    const time = this.eventTsBsd ? bsdTimestampToTime(timestamp, 0, this.year) : isoTimestampToTime(timestamp);
    const last = this.eventHeader;
    // the keys in headerFromScan's order
    const header: SyslogHeader = { timestamp };
    if (time !== undefined) header.time = time;
    if (last.host !== undefined) header.host = last.host;
    if (last.program !== undefined) header.program = last.program;
    if (last.pid !== undefined) header.pid = last.pid;
    this.eventHeader = header;
    for (let k = a; k < c; k++) prefix[k] = b[start + k]!;
    return true;
  }

  private timeFromBytes(b: Uint8Array, a: number, c: number): number {
    if (c - a < 20) return Number.NaN;
    const day = this.dayBytes;
    const dayView = this.dayView;
    const dv = this.viewOfBytes;
    // `dd/Mmm/yyyy` as the last line's (eleven bytes: two words, a half word and a byte)
    if (
      dv.getInt32(a, true) !== dayView.getInt32(0, true) ||
      dv.getInt32(a + 4, true) !== dayView.getInt32(4, true) ||
      dv.getUint16(a + 8, true) !== dayView.getUint16(8, true) ||
      b[a + 10] !== day[10] ||
      this.dayKey === ''
    ) {
      day.set(b.subarray(a, a + 11));
      this.setDay(Buffer.from(b.buffer, b.byteOffset + a, 11).toString('latin1'));
    }
    let ms = (((b[a + 12]! * 10 + b[a + 13]! - 528) * 60 + b[a + 15]! * 10 + b[a + 16]! - 528) * 60 + b[a + 18]! * 10 + b[a + 19]! - 528) * 1000;
    if (b[a + 20] === 46) ms += b[a + 21]! * 100 + b[a + 22]! * 10 + b[a + 23]! - 5328;
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
    this.dayMs = dayMsOf(day);
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
    this.messageOffset = hit ? -1 : p - start;
    if (p < end && scanTraffic(s, p, end, t)) {
      if (!hit && p > start) this.rememberPrefix(s, start, p);
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
      // without custom formats a traffic record is a CLF line: its prefix serves the byte path as well
      if (!hit && p > start && this.formats === undefined) this.rememberPrefix(s, start, p);
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

  /** The syslog prefix s[start, p) of a traffic line, with where its timestamp is (read by scanSyslogHeader into `header`). */
  private rememberPrefix(s: string, start: number, p: number): void {
    this.lastPrefix = s.slice(start, p);
    const h = this.header;
    let kind = PREFIX_TS_EXACT;
    if (h.tsStart >= start && h.tsEnd > h.tsStart && h.tsEnd < p) {
      if (h.tsKind === 'bsd') kind = PREFIX_TS_BSD;
      // RFC5424 (`<pri>1 ts ...`): the timestamp is any token; otherwise an ISO timestamp
      else if (h.tsKind === 'iso') kind = h.pri >= 0 && h.tsStart > start && s.charCodeAt(h.tsStart - 1) === 32 ? PREFIX_TS_TOKEN : PREFIX_TS_ISO;
    }
    this.lastPrefixTsKind = kind;
    this.lastPrefixTsStart = kind === PREFIX_TS_EXACT ? 0 : h.tsStart - start;
    this.lastPrefixTsEnd = kind === PREFIX_TS_EXACT ? 0 : h.tsEnd - start;
  }

  /**
   * Byte twin of parseClf (line-parser.ts) plus what addRange does with its record, for `option httplog clf` lines
   * at b[p, end). Returns the LINE_* kind, or -1 when the line is left to the string path: anything but the plain
   * case (non-ASCII bytes, integers of 16 digits, any shape parseClf would reject).
   */
  private clfBytes(b: Uint8Array, p: number, end: number, lineNumber: number): number {
    // parseClf's cheap check: ' - - [' first found at 1..60 characters into the message
    let sp = -1;
    const lim = Math.min(end - 5, p + 61);
    for (let k = p; k < lim; k++) {
      if (b[k] === 32 && b[k + 1] === 45 && b[k + 2] === 32 && b[k + 3] === 45 && b[k + 4] === 32 && b[k + 5] === 91) {
        sp = k;
        break;
      }
    }
    if (sp <= p) return -1;
    // clfTokens(msg, 31): single or repeated spaces separate tokens; "..." and [...] tokens keep their spaces
    const ts = this.clfStart;
    const te = this.clfEnd;
    let n = 0;
    let acc = 0;
    let i = p;
    while (i < end && n < 31) {
      const c = b[i]!;
      if (c === 32) {
        i++;
        continue;
      }
      if (c === 34 || c === 91) {
        const close = c === 34 ? 34 : 93;
        let j = i + 1;
        while (j < end && b[j] !== close) acc |= b[j++]!;
        if (j >= end) return -1;
        ts[n] = i + 1;
        te[n++] = j;
        i = j + 1;
      } else {
        let j = i;
        while (j < end && b[j] !== 32) acc |= b[j++]!;
        ts[n] = i;
        te[n++] = j;
        i = j;
      }
    }
    if (acc >= 128 || n < 27) return -1;
    if (te[1]! - ts[1]! !== 1 || b[ts[1]!] !== 45 || te[2]! - ts[2]! !== 1 || b[ts[2]!] !== 45) return -1;
    const status = clfInt(b, ts[5]!, te[5]!);
    const bytesOk = clfInt(b, ts[6]!, te[6]!);
    if (status !== status || bytesOk !== bytesOk) return -1;
    const v = this.view;
    const timers = v.timers;
    for (let k = 0; k < 5; k++) {
      const x = clfInt(b, ts[14 + k]!, te[14 + k]!);
      if (x !== x) return -1;
      timers[k] = x;
    }
    const conns = v.conns;
    for (let k = 0; k < 5; k++) {
      const x = clfInt(b, ts[20 + k]!, te[20 + k]!);
      if (x !== x) return -1;
      conns[k] = x;
    }
    const q0 = clfInt(b, ts[25]!, te[25]!);
    const q1 = clfInt(b, ts[26]!, te[26]!);
    if (q0 !== q0 || q1 !== q1) return -1;
    // client, date, frontend, backend, server: not empty; termination state: 2 to 4 characters; a month in the date
    if (te[0] === ts[0] || te[11] === ts[11] || te[12] === ts[12] || te[13] === ts[13]) return -1;
    const tsLen = te[19]! - ts[19]!;
    if (tsLen < 2 || tsLen > 4) return -1;
    const d = ts[3]!;
    if (te[3]! - d < 6 || !monthBytes(b, d + 3)) return -1;
    // counted as addRange counts the record (observe + countRecord)
    this.lines++;
    this.parsed++;
    this.record = undefined;
    const key = `${latin1(b, ts[12]!, te[12]!)}/${latin1(b, ts[13]!, te[13]!)}`;
    const e = this.servers.findKey(key);
    this.entry = e;
    const ts0 = b[ts[19]!]!;
    const ts1 = b[ts[19]! + 1]!;
    const observer = this.observer;
    if (observer !== undefined) {
      v.http = true;
      v.status = status;
      v.nTimers = 5;
      v.queue[0] = q0;
      v.queue[1] = q1;
      v.ts0 = ts0;
      v.ts1 = ts1;
      v.time = this.timeFromBytes(b, d, te[3]!);
      if (this.wantsFrontend) {
        let fe = te[11]!;
        if (fe - ts[11]! > 1 && b[fe - 1] === 126) fe--;
        v.frontend = latin1(b, ts[11]!, fe);
      }
      v.entry = e;
      if (!observer.traffic(v, lineNumber)) {
        this.filtered++;
        return LINE_FILTERED;
      }
    }
    this.countTermination(ts0, ts1);
    this.countStatus(status);
    if (e === undefined) {
      this.droppedKeys++;
      return LINE_TRAFFIC_BYTES;
    }
    e.requests++;
    const first = status < 0 ? 0 : leadingDigit(status);
    if (first === 1) e.c1++;
    else if (first === 2) e.c2++;
    else if (first === 3) e.c3++;
    else if (first === 4) e.c4++;
    else if (first === 5) e.c5++;
    else e.other++;
    if (timers[0]! >= 0 && timers[1]! >= 0 && timers[2]! >= 0 && timers[3]! >= 0 && timers[4]! >= 0) e.ok++;
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
    if (ts0 === 83 || ts0 === 115) e.errors++;
    return LINE_TRAFFIC_BYTES;
  }

  private countStatus(status: number): void {
    if (status >= -1 && status <= 999) {
      // an int32 index: the status is a double (a field of the scan), and pushed as one it turned statusUsed into
      // an array of doubles; the code optimised for that then deoptimised on the next segment's fresh array
      const i = (status + 1) | 0;
      const n = this.statusFlat[i]!;
      if (n === 0) this.statusUsed.push(i);
      this.statusFlat[i] = n + 1;
    }
    else if (this.statusOther.has(status) || this.statusOther.size < MAX_KEYS) {
      this.statusOther.set(status, (this.statusOther.get(status) ?? 0) + 1);
    } else this.droppedKeys++;
  }

  private countTermination(a: number, b: number): void {
    if (a < 128 && b < 128) {
      const code = (a << 7) | b;
      const n = this.tsFlat[code]!;
      if (n === 0) this.tsUsed.push(code);
      this.tsFlat[code] = n + 1;
    } else if (a < 256 && b < 256) {
      const code = (a << 8) | b;
      this.tsLatin.set(code, (this.tsLatin.get(code) ?? 0) + 1);
    } else {
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
    for (const i of this.statusUsed) statusKeys.push(i - 1);
    for (const k of this.statusOther.keys()) statusKeys.push(k);
    statusKeys.sort((a, b) => a - b);
    for (const k of statusKeys) {
      statusCodes[String(k)] = k >= -1 && k <= 999 ? this.statusFlat[k + 1]! : this.statusOther.get(k)!;
    }
    const tsEntries: [string, number][] = [];
    for (const i of this.tsUsed) tsEntries.push([String.fromCharCode(i >> 7, i & 127), this.tsFlat[i]!]);
    for (const [i, n] of this.tsLatin) tsEntries.push([String.fromCharCode(i >> 8, i & 255), n]);
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

/** Distinct event messages remembered by the byte path, and their longest. */
const MAX_EVENT_MEMO = 4096;
const MAX_EVENT_MESSAGE_BYTES = 1024;

/** How the timestamp part of a cached syslog prefix is compared (see LogSummarizer.addBytes). */
const PREFIX_TS_EXACT = 0;
/** `Mmm dd hh:mm:ss[.frac]`, same month as the cached prefix. */
const PREFIX_TS_BSD = 1;
/** `YYYY-MM-DDThh:mm:ss...` up to the space. */
const PREFIX_TS_ISO = 2;
/** RFC5424: any token without spaces. */
const PREFIX_TS_TOKEN = 3;

function isDigitByte(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Whether b[a, c) is a timestamp scanSyslogHeader reads to exactly `c` in the place of the cached prefix's
 * (`prefix[p0, ...)`, same length), the byte at `c` being a space (checked by the caller with the prefix's tail).
 */
function timestampLike(b: Uint8Array, a: number, c: number, prefix: Uint8Array, p0: number, kind: number): boolean {
  const len = c - a;
  if (kind === PREFIX_TS_BSD) {
    if (len < 15 || b[a] !== prefix[p0] || b[a + 1] !== prefix[p0 + 1] || b[a + 2] !== prefix[p0 + 2]) return false;
    const d1 = b[a + 4]!;
    if (
      b[a + 3] !== 32 ||
      !(d1 === 32 || isDigitByte(d1)) ||
      !isDigitByte(b[a + 5]!) ||
      b[a + 6] !== 32 ||
      !isDigitByte(b[a + 7]!) ||
      !isDigitByte(b[a + 8]!) ||
      b[a + 9] !== 58 ||
      !isDigitByte(b[a + 10]!) ||
      !isDigitByte(b[a + 11]!) ||
      b[a + 12] !== 58 ||
      !isDigitByte(b[a + 13]!) ||
      !isDigitByte(b[a + 14]!)
    ) {
      return false;
    }
    if (len === 15) return true;
    // fraction: '.' and digits up to the end (scanSyslogHeader takes every digit after the dot)
    if (b[a + 15] !== 46) return false;
    for (let k = a + 16; k < c; k++) if (!isDigitByte(b[k]!)) return false;
    return true;
  }
  if (kind === PREFIX_TS_ISO) {
    if (len < 19 || !isDigitByte(b[a]!) || !isDigitByte(b[a + 3]!) || b[a + 4] !== 45 || b[a + 7] !== 45 || b[a + 10] !== 84 || b[a + 13] !== 58) return false;
    // the timestamp runs to the first space at or after a + 19; none before either (`<pri>2 ` would be RFC5424)
    for (let k = a; k < c; k++) if (b[k] === 32) return false;
    return true;
  }
  if (kind === PREFIX_TS_TOKEN) {
    if (len === 1 && b[a] === 45) return false; // `-`: no timestamp, another header shape
    for (let k = a; k < c; k++) if (b[k] === 32) return false;
    return true;
  }
  for (let k = 0; k < len; k++) if (b[a + k] !== prefix[p0 + k]) return false;
  return true;
}

/** isInt + num of line-parser.ts on b[a, c): [-+]?digits, at most 16 characters; NaN otherwise or at 16 digits. */
function clfInt(b: Uint8Array, a: number, c: number): number {
  const len = c - a;
  if (len < 1 || len > 16) return Number.NaN;
  let i = a;
  const s0 = b[i]!;
  if (s0 === 45 || s0 === 43) i++;
  if (i === c || c - i > 15) return Number.NaN; // 16 digits: parseInt may round differently, left to the string path
  let v = 0;
  for (; i < c; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return s0 === 45 ? -v : v;
}

/** monthAt on bytes. */
function monthBytes(b: Uint8Array, i: number): boolean {
  return monthAt(String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!), 0) >= 0;
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
