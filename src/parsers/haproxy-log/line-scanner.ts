// The WebAssembly line scanner (wasm/line-scan.c): cuts a chunk of log bytes into lines and reads the traffic lines
// that follow the cached syslog prefix into records; every other line is handed back as SLOW for
// LogSummarizer.addBytes. Traffic records are either counted by LogSummarizer.addScanned, or (`logs` without
// filters) counted in the module itself (wasm/traffic-aggregate.c) and taken over in bulk (counted(), see
// ByteLineSplitter); so are event lines whose message the summarizer handed over (wasm/event-count.c), once the
// observer keeps no more events. One instance per thread (the calls are synchronous, and each batch starts from the summarizer's
// own prefix), made on first use; none where WebAssembly is unavailable (then the TypeScript byte path reads every
// line, with the same result).
import { dayMsOf } from './accept-date.js';
import { LINE_SCAN_WASM_BASE64 } from './line-scan.generated.js';
import { TRAFFIC_HTTP, type TrafficScan } from './traffic-scan.js';

// record fields: the enum of wasm/line-scan.c
export const R_START = 0;
export const R_NL = 1;
export const R_END = 2;
export const R_KIND = 3;
export const R_CLIENT_START = 4;
export const R_CLIENT_END = 5;
export const R_DATE_START = 6;
export const R_DATE_END = 7;
export const R_FE_START = 8;
export const R_FE_END = 9;
export const R_SRV_START = 10;
export const R_SRV_SLASH = 11;
export const R_SRV_END = 12;
export const R_N_TIMERS = 13;
export const R_STATUS = 14;
export const R_BYTES = 15;
export const R_BYTES_PARTIAL = 16;
export const R_CC_START = 17;
export const R_CC_END = 18;
export const R_CS_START = 19;
export const R_CS_END = 20;
export const R_TS_START = 21;
export const R_TS_END = 22;
export const R_AFTER_QUEUE = 23;
export const R_TIMERS = 24;
export const R_CONNS = 29;
export const R_QUEUE = 34;
/** Record kinds: SLOW (the TypeScript path reads the line), a traffic line (TRAFFIC_HTTP / TRAFFIC_TCP), one the
 * module counted itself (aggregating mode), or an event line or a warning to keep (LogSummarizer.addKeptEvent). */
export const RECORD_SLOW = 0;
export const RECORD_COUNTED = 3;
export const RECORD_KEPT_EVENT = 4;
export const RECORD_KEPT_WARNING = 5;
/** Fields of a kept event's record: the entry of its remembered message (rememberEvent), and its header's time (a
 * double: read through recordTimes at half the index). */
export const R_EVENT_ENTRY = 4;
export const R_EVENT_TIME = 6;
/** What scanLines does with the event lines it knows (setEventCounting): nothing, count them, hand them back to keep. */
export const EVENTS_OFF = 0;
export const EVENTS_COUNT = 1;
export const EVENTS_KEEP = 2;

// per-server fields of the module's aggregates (the enum of wasm/traffic-aggregate.c)
export const S_REQUESTS = 0;
export const S_C1 = 1;
export const S_OTHER = 6;
export const S_OK = 7;
export const S_ERRORS = 8;
export const S_CT_SUM = 9;
export const S_CT_COUNT = 10;
export const S_RT_SUM = 11;
export const S_RT_COUNT = 12;
/** srv_conn then srv_queue peaks: value, line, time, set. */
export const S_PEAKS = 13;

/**
 * A count read from the module's doubles, as a small integer when it is one. Added as a double to a field V8 holds as
 * a small integer, it would change the shape of the object, and every function optimised for the old shape would
 * deoptimise on the next segment's objects.
 */
export function asCount(x: number): number {
  return x <= 0x3fffffff && x >= -0x40000000 ? x | 0 : x;
}

/** Sets `t` to the traffic line of record `o` of `r`: what scanTrafficBytes sets it to on that line. */
export function scanOfRecord(r: Int32Array, o: number, t: TrafficScan): void {
  const kind = r[o + R_KIND]!;
  t.kind = kind;
  t.clientStart = r[o + R_CLIENT_START]!;
  t.clientEnd = r[o + R_CLIENT_END]!;
  t.dateStart = r[o + R_DATE_START]!;
  t.dateEnd = r[o + R_DATE_END]!;
  t.feStart = r[o + R_FE_START]!;
  t.feEnd = r[o + R_FE_END]!;
  t.srvStart = r[o + R_SRV_START]!;
  t.srvSlash = r[o + R_SRV_SLASH]!;
  t.srvEnd = r[o + R_SRV_END]!;
  const n = r[o + R_N_TIMERS]!;
  t.nTimers = n;
  for (let k = 0; k < n; k++) t.timers[k] = r[o + R_TIMERS + k]!;
  t.status = kind === TRAFFIC_HTTP ? r[o + R_STATUS]! : Number.NaN;
  t.bytes = r[o + R_BYTES]!;
  t.bytesPartial = r[o + R_BYTES_PARTIAL] === 1;
  t.ccStart = r[o + R_CC_START]!;
  t.ccEnd = r[o + R_CC_END]!;
  t.csStart = r[o + R_CS_START]!;
  t.csEnd = r[o + R_CS_END]!;
  t.tsStart = r[o + R_TS_START]!;
  t.tsEnd = r[o + R_TS_END]!;
  for (let k = 0; k < 5; k++) t.conns[k] = r[o + R_CONNS + k]!;
  t.queue[0] = r[o + R_QUEUE]!;
  t.queue[1] = r[o + R_QUEUE + 1]!;
  t.afterQueue = r[o + R_AFTER_QUEUE]!;
}

/** Adds counts[i] to into[i] for every i, listing in `used` each i whose count was 0 until then. */
export function addDenseCounts(into: Float64Array, used: number[], counts: Float64Array): void {
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    const cur = into[i]!;
    if (cur === 0) used.push(i);
    into[i] = cur + n;
  }
}

/** Termination-state codes `(ts0 << 8) | ts1` and their counts, in first-seen order. */
export type CodeList = [number, number][];

/** What the module counted since its last reset (views on its memory: read them before the next call). */
export interface CountedTraffic {
  /** Traffic lines counted. */
  lines: number;
  /** Counts of the HTTP statuses -1..999 at index status + 1. */
  statusCounts: Float64Array;
  /** Counts of the termination states (ts0 << 7) | ts1. */
  tsCounts: Float64Array;
  servers: { key: string; fields: Float64Array; codes: CodeList }[];
  /** HTTP TR/Tw/Tc/Tr/Ta then TCP Tw/Tc/Tt: bucket counts (histogram.ts buckets), count and max. */
  histograms: { counts: Float64Array; count: number; max: number }[];
  minutes: { minute: number; counts: Float64Array; codes: CodeList }[];
  /** actconn, feconn, beconn, srv_conn, srv_queue, backend_queue: value, line, time, set each. */
  peaks: Float64Array;
  /** First and last time counted: accept dates of traffic lines, header times of event lines. */
  firstTime: number;
  lastTime: number;
  /** Event lines counted (event-count.c), and how many of each kind id (LineScanner.rememberEvent). */
  eventLines: number;
  eventKinds: Float64Array;
}

interface Exports {
  memory: WebAssembly.Memory;
  chunkAddress(): number;
  chunkSize(): number;
  recordsAddress(): number;
  recordStride(): number;
  maxRecords(): number;
  prefixAddress(): number;
  maxPrefix(): number;
  maxLine(): number;
  stoppedAt(): number;
  setPrefix(len: number, tsStart: number, tsEnd: number, tsKind: number, noHeader: number): void;
  setAggregating(on: number): void;
  scanLines(pos: number, end: number, lineBase: number, limit: number): number;
  resetAggregates(): void;
  aggregatesAddress(): number;
  statusCountsAddress(): number;
  tsCountsAddress(): number;
  histogramsAddress(): number;
  histogramBuckets(): number;
  histogramTotalsAddress(): number;
  histogramMaxAddress(): number;
  peaksAddress(): number;
  timesAddress(): number;
  serverCount(): number;
  serverKeyAddress(k: number): number;
  serverKeyLength(k: number): number;
  serversAddress(): number;
  serverFields(): number;
  serverCodesAddress(k: number): number;
  minuteCount(): number;
  minuteKeysAddress(): number;
  minuteCountsAddress(): number;
  minuteCodesAddress(k: number): number;
  maxCodes(): number;
  setEventCounting(on: number): void;
  setEventYear(year: number): void;
  setWarningKind(kind: number): void;
  forgetEvents(): void;
  rememberEvent(p: number, end: number, kind: number): number;
  eventKindCountsAddress(): number;
  eventLinesAddress(): number;
  maxEventKinds(): number;
}

/** Whoever's lines the module's aggregates hold (a ByteLineSplitter): it takes them over before another one counts. */
export interface AggregatesOwner {
  takeCounted(): void;
}

export class LineScanner {
  /** Where lines are read from: a Buffer on the module's memory (read files straight into it). */
  readonly chunk: Buffer;
  /** The same bytes as a plain Uint8Array, and a DataView on them (the byte path's views). */
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /** Records of the last scanLines call, `stride` int32 each. */
  readonly records: Int32Array;
  /** The same memory as doubles (the header time of a kept event: recordTimes[(o + R_EVENT_TIME) / 2]). */
  readonly recordTimes: Float64Array;
  readonly stride: number;
  readonly maxRecords: number;
  /** Longest line the scanner reads (longer ones are SLOW). */
  readonly maxLine: number;
  /** Who the aggregates belong to (see AggregatesOwner). */
  owner: AggregatesOwner | undefined;
  /** Who the remembered event messages and their kind ids belong to (a LogSummarizer, see rememberEvent). */
  eventsOwner: unknown;
  /**
   * The time of the header of the prefix chunk[start, p) of an event line the module counts: NaN when it has none,
   * -Infinity when the prefix cannot be read (the line is then handed back). Set by the events' owner.
   */
  eventTime: ((start: number, p: number) => number) | undefined;
  /** Kind ids rememberEvent takes: 0 to maxEventKinds - 1. */
  readonly maxEventKinds: number;
  private readonly prefix: Uint8Array;

  constructor(private readonly x: Exports) {
    const buffer = x.memory.buffer;
    this.chunk = Buffer.from(buffer, x.chunkAddress(), x.chunkSize());
    this.bytes = new Uint8Array(buffer, x.chunkAddress(), x.chunkSize());
    this.view = new DataView(buffer, x.chunkAddress(), x.chunkSize());
    this.stride = x.recordStride();
    this.maxRecords = x.maxRecords();
    this.records = new Int32Array(buffer, x.recordsAddress(), this.maxRecords * this.stride);
    this.recordTimes = new Float64Array(buffer, x.recordsAddress(), (this.maxRecords * this.stride) / 2);
    this.prefix = new Uint8Array(buffer, x.prefixAddress(), x.maxPrefix());
    this.maxLine = x.maxLine();
    this.maxEventKinds = x.maxEventKinds();
  }

  /** Whether `b` is a view on this scanner's chunk (offsets into `b` are then chunk offsets). */
  owns(b: Uint8Array): boolean {
    return b.buffer === this.chunk.buffer && b.byteOffset === this.chunk.byteOffset;
  }

  /** The cached syslog prefix (empty: none) with its timestamp's place and kind, and the no-header mode. */
  setPrefix(prefix: Uint8Array, tsStart: number, tsEnd: number, tsKind: number, noHeader: boolean): void {
    if (prefix.length > this.prefix.length) {
      // a prefix this long never comes from HAProxy's syslog: every line is left to the TypeScript path
      this.x.setPrefix(0, 0, 0, 0, 0);
      return;
    }
    this.prefix.set(prefix);
    this.x.setPrefix(prefix.length, tsStart, tsEnd, tsKind, noHeader ? 1 : 0);
  }

  /**
   * Reads the complete lines of chunk[pos, end) into records (at most `limit`, and maxRecords); returns how many.
   * They are lines lineBase + 1, ... of their range (the line numbers of the peaks the module counts).
   */
  scanLines(pos: number, end: number, lineBase: number, limit: number): number {
    return this.x.scanLines(pos, end, lineBase, limit);
  }

  /** Whether scanLines counts the traffic lines it reads (records of kind RECORD_COUNTED) or only reads them. */
  setAggregating(on: boolean): void {
    this.x.setAggregating(on ? 1 : 0);
  }

  /**
   * What scanLines does, while it aggregates, with the event lines whose message it was given (rememberEvent) and the
   * warnings of the shape it was given (setWarningKind): EVENTS_OFF, EVENTS_COUNT or EVENTS_KEEP.
   */
  setEventCounting(mode: number): void {
    this.x.setEventCounting(mode);
  }

  /**
   * Remembers the message chunk[p, end) of an event line as one of kind `kind` (an id of the events' owner): the
   * module then counts the lines with that message after the cached prefix, or hands them back to keep. Its entry
   * (a kept event's R_EVENT_ENTRY; the same for a message remembered before), or -1 when it is not remembered.
   */
  rememberEvent(p: number, end: number, kind: number): number {
    return this.x.rememberEvent(p, end, kind);
  }

  /**
   * The kind id of the warnings digitMessageFromBytes reads (error-log-format lines: `client:port [date]
   * frontend/bind: message`): the module counts them from then on (until forgetEvents).
   */
  setWarningKind(kind: number): void {
    this.x.setWarningKind(kind);
  }

  /** The year of the BSD timestamps of event lines (the summarizer's: they have none). */
  setEventYear(year: number): void {
    this.x.setEventYear(year);
  }

  /** Forgets every remembered message (what is already counted stays counted). */
  forgetEvents(): void {
    this.x.forgetEvents();
  }

  /** Distinct servers and minutes in the aggregates. */
  get countedServers(): number {
    return this.x.serverCount();
  }
  get countedMinutes(): number {
    return this.x.minuteCount();
  }

  /** The aggregates (views on the module's memory, valid until the next call into it). */
  counted(): CountedTraffic {
    const x = this.x;
    const buffer = x.memory.buffer;
    const f64 = (address: number, n: number) => new Float64Array(buffer, address, n);
    const codes = (address: number): CodeList => {
      const n = new Int32Array(buffer, address, 1)[0]!;
      const list = new Int32Array(buffer, address + 4, n);
      // struct Codes { int n; int code[MAX_CODES]; double count[MAX_CODES]; }: the doubles at the next multiple of 8
      const counts = f64(address + ((4 + x.maxCodes() * 4 + 7) & ~7), n);
      return Array.from(list, (code, k) => [code, counts[k]!]);
    };
    const buckets = x.histogramBuckets();
    const totals = f64(x.histogramTotalsAddress(), 8);
    const maxes = f64(x.histogramMaxAddress(), 8);
    const histograms = [];
    for (let k = 0; k < 8; k++) histograms.push({ counts: f64(x.histogramsAddress() + k * buckets * 8, buckets), count: totals[k]!, max: maxes[k]! });
    const fields = x.serverFields();
    const servers = [];
    for (let k = 0; k < x.serverCount(); k++) {
      const key = Buffer.from(buffer, x.serverKeyAddress(k), x.serverKeyLength(k)).toString('utf8');
      servers.push({ key, fields: f64(x.serversAddress() + k * fields * 8, fields), codes: codes(x.serverCodesAddress(k)) });
    }
    const minuteKeys = f64(x.minuteKeysAddress(), x.minuteCount());
    const minutes = [];
    for (let k = 0; k < minuteKeys.length; k++) minutes.push({ minute: minuteKeys[k]!, counts: f64(x.minuteCountsAddress() + k * 7 * 8, 7), codes: codes(x.minuteCodesAddress(k)) });
    const times = f64(x.timesAddress(), 2);
    return {
      lines: f64(x.aggregatesAddress(), 1)[0]!,
      statusCounts: f64(x.statusCountsAddress(), 1001),
      tsCounts: f64(x.tsCountsAddress(), 128 * 128),
      servers,
      histograms,
      minutes,
      peaks: f64(x.peaksAddress(), 24),
      firstTime: times[0]!,
      lastTime: times[1]!,
      eventLines: f64(x.eventLinesAddress(), 1)[0]!,
      eventKinds: f64(x.eventKindCountsAddress(), x.maxEventKinds()),
    };
  }

  resetAggregates(): void {
    this.x.resetAggregates();
  }

  /** Just after the newline of the last line the last scanLines call read. */
  stoppedAt(): number {
    return this.x.stoppedAt();
  }
}

let instance: LineScanner | null | undefined;
let compiled: WebAssembly.Module | undefined;

/**
 * The compiled module (compiled on first use), to hand to worker threads (useLineScanModule): they then share its
 * machine code, already optimised by this thread, instead of compiling and warming it up again.
 */
export function lineScanModule(): WebAssembly.Module | undefined {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(LINE_SCAN_WASM_BASE64, 'base64'));
    } catch {
      return undefined;
    }
  }
  return compiled;
}

/** A worker thread: the module compiled by the main thread (before its first lineScanner() call). */
export function useLineScanModule(module: WebAssembly.Module): void {
  compiled ??= module;
}

/** This thread's scanner, or undefined when WebAssembly cannot run here. */
export function lineScanner(): LineScanner | undefined {
  if (instance === undefined) {
    try {
      const module = lineScanModule();
      if (module === undefined) throw new Error('no WebAssembly');
      // the day of an accept date, when the module meets a new one: read as LogSummarizer.timeFromBytes reads it
      const imports = {
        env: {
          dayMs: (at: number) => dayMsOf(scanner!.chunk.toString('latin1', at, at + 11)),
          eventTime: (start: number, p: number) => scanner!.eventTime?.(start, p) ?? Number.NEGATIVE_INFINITY,
          utcDay: (year: number, month: number, day: number) => Date.UTC(year, month, day),
        },
      };
      let scanner: LineScanner | undefined;
      scanner = new LineScanner(new WebAssembly.Instance(module, imports).exports as unknown as Exports);
      scanner.resetAggregates();
      instance = scanner.stride > R_QUEUE + 1 ? scanner : null;
    } catch {
      instance = null;
    }
  }
  return instance ?? undefined;
}
