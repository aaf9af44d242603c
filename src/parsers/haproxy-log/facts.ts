// What analyze needs from a log, collected in the same single pass as the summary, in bounded memory:
// the summary, the non-traffic events (capped), <NOSRV> per backend, failures per server, the time range.
// Lines come as strings (addRange) or as raw bytes (addBytes, analyze's path: facts-bytes.ts), with the same facts;
// a collector's state() is plain data, so that segments of a file read by several threads merge (facts-merge.ts).
import type { Diagnostic } from '../../model/diagnostic.js';
import type {
  BackendNoServerFacts,
  LocatedEvent,
  LogFacts,
  LogRecord,
  LogSummary,
  ServerFailureFacts,
  TrafficRecord,
} from '../../model/haproxy-log.js';
import type { LogFormatMatcher } from './log-format/matcher.js';
import { R_END, type LineScanner } from './line-scanner.js';
import { bsdTimestampToTime, monthAt } from './syslog-header.js';
import {
  LINE_EVENT,
  LINE_TRAFFIC_BYTES,
  LINE_TRAFFIC_RECORD,
  LINE_TRAFFIC_SCAN,
  LINE_UNPARSED,
  LogSummarizer,
  MAX_KEYS,
  type ServerEntry,
} from './summary.js';

export const MAX_EVENTS = 10_000;
export const MAX_UNPARSED_DIAGNOSTICS = 50;
const MAX_EVENT_MESSAGE = 2000;
const NOSRV = '<NOSRV>';

class ServerFacts {
  requests = 0;
  readonly ts = new Map<number, number>();
  /** First and last line of each termination state, so rules can cite them. */
  readonly tsLines = new Map<number, [number, number]>();
  connectFailures = 0;
  firstFailureLine = 0;
  lastFailureLine = 0;
  // <NOSRV> entries only
  nosrv = 0;
  firstLine = 0;
  lastLine = 0;
  firstTime = Number.NaN;
  lastTime = Number.NaN;
}

/** Accept date `28/Nov/2026:09:42:43.770` (or CLF `28/Nov/2026:09:42:43 +0000`) to ms since the epoch (UTC). */
export function acceptDateToTime(s: string, i = 0): number | undefined {
  const month = monthAt(s, i + 3);
  if (month < 0 || s.charCodeAt(i + 2) !== 47 || s.charCodeAt(i + 11) !== 58) return undefined;
  const d = (k: number) => s.charCodeAt(i + k) - 48;
  const day = d(0) * 10 + d(1);
  const year = d(7) * 1000 + d(8) * 100 + d(9) * 10 + d(10);
  const hh = d(12) * 10 + d(13);
  const mm = d(15) * 10 + d(16);
  const ss = d(18) * 10 + d(19);
  let ms = 0;
  if (s.charCodeAt(i + 20) === 46) ms = d(21) * 100 + d(22) * 10 + d(23);
  const t = Date.UTC(year, month, day, hh, mm, ss, ms);
  return Number.isFinite(t) && ms >= 0 && ms < 1000 ? t : undefined;
}

const YEAR_OP_NONE = 0;
/** The year hint was first set by a new day part of the accept dates. */
export const YEAR_OP_DAY = 1;
/** The year hint was first set by an ISO timestamp. */
export const YEAR_OP_ISO = 2;

/** Events with a BSD timestamp kept pending in a segment until the year hint it starts with is known. */
const MAX_PENDING_YEAR = 100_000;

/** An event with a BSD timestamp met while no year hint was known: its time as read, and its index in the events (-1: not kept). */
export interface PendingYear {
  timestamp: string;
  time: number;
  event: number;
}

/** Per-server facts of a collector as plain values (ServerFacts; times NaN when none). */
export interface ServerFactsState {
  key: string;
  requests: number;
  /** [termination state code, count] */
  ts: [number, number][];
  /** [termination state code, first line, last line] */
  tsLines: [number, number, number][];
  connectFailures: number;
  firstFailureLine: number;
  lastFailureLine: number;
  nosrv: number;
  firstLine: number;
  lastLine: number;
  firstTime: number;
  lastTime: number;
}

/** A collector's data as plain values: what factsOfState reads; what segments of a file read apart merge. */
export interface FactsState {
  summary: LogSummary;
  /** Servers with facts, in the order the summary's table met them. */
  servers: ServerFactsState[];
  events: LocatedEvent[];
  droppedEvents: number;
  /** NaN when none. */
  firstTime: number;
  lastTime: number;
  unparsedLines: number[];
  unparsedCount: number;
  /** YEAR_OP_* (0: none) of the first line that set the year hint; with a day part, that and its year. */
  firstYearOp: number;
  firstDayKey: string;
  firstDayYear: number;
  /** Events with a BSD timestamp met while no year hint was known (times not noted yet: see resolveYear). */
  pendingYear: PendingYear[];
  /** More such events than MAX_PENDING_YEAR: the others were noted with no year hint. */
  pendingOverflow: boolean;
  /** Day part of the last accept date read ('' when none), and the year hint at the end. */
  dayKey: string;
  yearHint?: number;
}

/** Whether b[i, i + 7) is `<NOSRV>`. */
function isNosrvAt(b: Uint8Array, i: number): boolean {
  return b[i] === 60 && b[i + 1] === 78 && b[i + 2] === 79 && b[i + 3] === 83 && b[i + 4] === 82 && b[i + 5] === 86 && b[i + 6] === 62;
}

export class LogFactsCollector {
  private readonly summarizer: LogSummarizer;
  private readonly events: LocatedEvent[] = [];
  private droppedEvents = 0;
  private firstTime = Number.NaN;
  private lastTime = Number.NaN;
  private readonly unparsedLines: number[] = [];
  private unparsedCount = 0;
  /** Year of the last dated line, for syslog timestamps that carry no year. */
  private yearHint: number | undefined;
  // cache of the day part of the last accept date
  private dayKey = '';
  private dayMs = 0;
  // what a segment read on its own needs from the lines before it (see mergeFactsStates): the first line that set
  // the year hint (YEAR_OP_*), the day part it came with and its year, and whether a BSD timestamp came before it
  private firstYearOp = YEAR_OP_NONE;
  private firstDayKey = '';
  private firstDayYear = 0;
  /** Events with a BSD timestamp while no year was known: their time is noted by resolveYear. */
  private readonly pendingYear: PendingYear[] = [];
  private pendingOverflow = false;
  private dayAscii = false;
  private readonly dayBytes = new Uint8Array(11);
  private readonly dayView = new DataView(this.dayBytes.buffer);

  /**
   * Set (element 0 not 0) by the thread merging segments once the segments before this one hold MAX_EVENTS events:
   * this one's would all be dropped at the merge, so none is kept (all are counted as dropped).
   */
  private readonly eventsFull: Int32Array | undefined;

  constructor(options: { year?: number; formats?: readonly LogFormatMatcher[]; eventsFull?: Int32Array } = {}) {
    this.summarizer = new LogSummarizer(options);
    this.eventsFull = options.eventsFull;
  }

  /**
   * Takes over the byte path's caches of the summarizer of the previous segment read by the same thread (see
   * LogSummarizer.adoptCaches: they never change a result). The collector's own (the day part, the year hint) stay
   * fresh: a segment is read as if it came first (mergeFactsStates).
   */
  adoptCaches(from: LogSummarizer): void {
    this.summarizer.adoptCaches(from);
  }

  /** The summarizer whose caches the collector of the next segment takes over (without this one's facts). */
  get cacheSource(): LogSummarizer {
    return this.summarizer;
  }

  /** Adds one line (no newline). Returns the LINE_* kind; never throws. */
  add(text: string, lineNumber: number): number {
    return this.addRange(text, 0, text.length, lineNumber);
  }

  addRange(s: string, start: number, end: number, lineNumber: number): number {
    return this.noteLine(this.summarizer.addRange(s, start, end, lineNumber), s, lineNumber);
  }

  /**
   * Adds the line b[start, end) (no newline, no CR) read from raw bytes, through LogSummarizer.addBytes: the same
   * facts as {@link add} on its UTF-8 decoding (test/parsers/haproxy-log/facts-bytes.test.ts compares the two), with
   * no string made for a traffic line. `dv`: a DataView on the bytes of `b` (same offsets).
   */
  addBytes(b: Uint8Array, start: number, end: number, lineNumber: number, dv: DataView): number {
    const sum = this.summarizer;
    sum.decoded = undefined;
    const kind = sum.addBytes(b, start, end, lineNumber, dv);
    const text = sum.decoded;
    if (text !== undefined) return this.noteLine(kind, text, lineNumber);
    if (kind === LINE_TRAFFIC_SCAN) return this.noteScanBytes(b, dv, end, lineNumber);
    if (kind === LINE_TRAFFIC_BYTES) {
      // a CLF line read from the bytes (ASCII tokens): what noteLine reads from its record
      const ts = sum.clfStart;
      const te = sum.clfEnd;
      const time = acceptDateToTime(Buffer.from(b.buffer, b.byteOffset + ts[3]!, te[3]! - ts[3]!).toString('latin1'));
      if (time !== undefined) this.noteTime(time);
      const nosrv = te[13]! - ts[13]! === NOSRV.length && isNosrvAt(b, ts[13]!);
      this.countTraffic(sum.entry, b[ts[19]!]!, b[ts[19]! + 1]!, lineNumber, time, nosrv);
      return LINE_TRAFFIC_RECORD;
    }
    return this.noteLine(kind, '', lineNumber);
  }

  /**
   * Adds a traffic line the WebAssembly line scanner read (record `o` of `r`, offsets into `b`, see
   * FactsLineSplitter): the facts addBytes adds for that line.
   */
  addScanned(b: Uint8Array, dv: DataView, r: Int32Array, o: number, lineNumber: number): number {
    const sum = this.summarizer;
    sum.decoded = undefined;
    const kind = sum.addScanned(b, dv, r, o, lineNumber);
    return kind === LINE_TRAFFIC_SCAN ? this.noteScanBytes(b, dv, r[o + R_END]!, lineNumber) : this.noteLine(kind, '', lineNumber);
  }

  /** Gives the scanner the summarizer's cached prefix (see ByteLineSplitter). */
  prepareScanner(scanner: LineScanner): void {
    this.summarizer.prepareScanner(scanner);
  }

  /** Each traffic line adds to the facts one by one: the module never counts lines for a collector. */
  readonly takesCounted = false;

  /** The facts of the traffic line b[.., end) the summarizer just scanned (its scan in `summarizer.scan`). */
  private noteScanBytes(b: Uint8Array, dv: DataView, end: number, lineNumber: number): number {
    const sum = this.summarizer;
    const t = sum.scan;
    const time = this.scanTimeBytes(b, dv, t.dateStart, t.dateEnd, end);
    const nosrv = t.srvEnd - t.srvSlash - 1 === NOSRV.length && isNosrvAt(b, t.srvSlash + 1);
    this.countTraffic(sum.entry, b[t.tsStart]!, b[t.tsStart + 1]!, lineNumber, time, nosrv);
    return LINE_TRAFFIC_SCAN;
  }

  /** What a line the summarizer read as `kind` adds to the facts (`s`: the string its scan offsets point into). */
  private noteLine(kind: number, s: string, lineNumber: number): number {
    const sum = this.summarizer;
    if (kind === LINE_TRAFFIC_SCAN) {
      const t = sum.scan;
      const time = this.scanTime(s, t.dateStart, t.dateEnd);
      const srvLen = t.srvEnd - t.srvSlash - 1;
      const nosrv = srvLen === NOSRV.length && s.startsWith(NOSRV, t.srvSlash + 1);
      this.countTraffic(sum.entry, s.charCodeAt(t.tsStart), s.charCodeAt(t.tsStart + 1), lineNumber, time, nosrv);
    } else if (kind === LINE_TRAFFIC_RECORD) {
      const r = sum.record as TrafficRecord;
      const time = r.acceptDate === undefined ? undefined : acceptDateToTime(r.acceptDate);
      if (time !== undefined) this.noteTime(time);
      // a custom format without %ts/%tsc has no termination state: counted as a normal end
      const ts = r.terminationState.length >= 2 ? r.terminationState : '--';
      this.countTraffic(sum.entry, ts.charCodeAt(0), ts.charCodeAt(1), lineNumber, time, r.server === NOSRV);
    } else if (kind === LINE_EVENT) {
      this.addEvent(sum.record!, lineNumber);
    } else if (kind === LINE_UNPARSED) {
      this.unparsedCount++;
      if (this.unparsedLines.length < MAX_UNPARSED_DIAGNOSTICS) this.unparsedLines.push(lineNumber);
    }
    return kind;
  }

  private scanTime(s: string, a: number, b: number): number | undefined {
    if (b - a < 20) return undefined;
    // day part `28/Nov/2026` cached: most lines share it
    const key = this.dayKey;
    let same = key.length === 11;
    for (let k = 0; k < 11 && same; k++) same = s.charCodeAt(a + k) === key.charCodeAt(k);
    let dayMs: number;
    if (same) dayMs = this.dayMs;
    else {
      const t = acceptDateToTime(`${s.slice(a, a + 11)}:00:00:00`);
      if (t === undefined) return undefined;
      this.setDay(s.slice(a, a + 11), t);
      dayMs = t;
    }
    const d = (k: number) => s.charCodeAt(a + k) - 48;
    let ms = (((d(12) * 10 + d(13)) * 60 + d(15) * 10 + d(16)) * 60 + d(18) * 10 + d(19)) * 1000;
    if (s.charCodeAt(a + 20) === 46) ms += d(21) * 100 + d(22) * 10 + d(23);
    const time = dayMs + ms;
    if (!(time === time)) return undefined;
    this.noteTime(time);
    return time;
  }

  /**
   * scanTime on the bytes of a traffic line ending at `end`: the same result as scanTime on its decoding. From the
   * bytes when those it reads are ASCII (then they are the characters scanTime reads, at the same offsets), else
   * from the decoded rest of the line. `dv`: a DataView on the bytes of `b`.
   */
  private scanTimeBytes(b: Uint8Array, dv: DataView, a: number, c: number, end: number): number | undefined {
    if (c - a < 20) return undefined; // fewer bytes: fewer characters
    // a '.' at 20: the date goes on past it (up to a ']' before `end`), scanTime reads three more characters
    const dot = b[a + 20] === 46;
    let high = (dv.getInt32(a, true) | dv.getInt32(a + 4, true) | dv.getInt32(a + 8, true) | dv.getInt32(a + 12, true) | dv.getInt32(a + 16, true)) & 0x80808080;
    high |= b[a + 20]! & 128;
    if (dot) high |= (b[a + 21]! | b[a + 22]! | b[a + 23]!) & 128;
    if (high !== 0) {
      const rest = Buffer.from(b.buffer, b.byteOffset + a, end - a).toString('utf8');
      const dateLength = Buffer.from(b.buffer, b.byteOffset + a, c - a).toString('utf8').length;
      return this.scanTime(rest, 0, dateLength);
    }
    let dayMs: number;
    const day = this.dayBytes;
    // the day part as the last one's, compared as scanTime compares it with dayKey (dayBytes: its ASCII twin)
    if (
      this.dayAscii &&
      dv.getInt32(a, true) === this.dayView.getInt32(0, true) &&
      dv.getInt32(a + 4, true) === this.dayView.getInt32(4, true) &&
      dv.getUint16(a + 8, true) === this.dayView.getUint16(8, true) &&
      b[a + 10] === day[10]
    ) {
      dayMs = this.dayMs;
    } else {
      const key = Buffer.from(b.buffer, b.byteOffset + a, 11).toString('latin1');
      const t = acceptDateToTime(`${key}:00:00:00`);
      if (t === undefined) return undefined;
      this.setDay(key, t);
      dayMs = t;
    }
    let ms = (((b[a + 12]! * 10 + b[a + 13]! - 528) * 60 + b[a + 15]! * 10 + b[a + 16]! - 528) * 60 + b[a + 18]! * 10 + b[a + 19]! - 528) * 1000;
    if (dot) ms += b[a + 21]! * 100 + b[a + 22]! * 10 + b[a + 23]! - 5328;
    const time = dayMs + ms;
    if (!(time === time)) return undefined;
    this.noteTime(time);
    return time;
  }

  /**
   * A new day part of the accept dates (`key`, at `dayMs`): cached as a string and (when ASCII) as bytes for
   * scanTimeBytes; its year becomes the year hint.
   */
  private setDay(key: string, dayMs: number): void {
    this.dayMs = dayMs;
    this.yearHint = new Date(dayMs).getUTCFullYear();
    if (this.firstYearOp === YEAR_OP_NONE) {
      this.firstYearOp = YEAR_OP_DAY;
      this.firstDayKey = key;
      this.firstDayYear = this.yearHint;
    }
    this.dayKey = key;
    let ascii = key.length === 11;
    for (let k = 0; k < key.length && ascii; k++) ascii = key.charCodeAt(k) < 128;
    this.dayAscii = ascii;
    if (ascii) for (let k = 0; k < 11; k++) this.dayBytes[k] = key.charCodeAt(k);
  }

  private noteTime(time: number): void {
    if (!(time >= this.firstTime)) this.firstTime = time;
    if (!(time <= this.lastTime)) this.lastTime = time;
  }

  private countTraffic(
    entry: ServerEntry | undefined,
    ts0: number,
    ts1: number,
    line: number,
    time: number | undefined,
    nosrv: boolean,
  ): void {
    if (entry === undefined) return;
    let f = entry.facts as ServerFacts | undefined;
    if (f === undefined) entry.facts = f = new ServerFacts();
    f.requests++;
    const code = ts0 * 65536 + ts1;
    const n = f.ts.get(code);
    if (n !== undefined) f.ts.set(code, n + 1);
    else if (f.ts.size < MAX_KEYS) f.ts.set(code, 1);
    const span = f.tsLines.get(code);
    if (span !== undefined) span[1] = line;
    else if (f.tsLines.size < MAX_KEYS) f.tsLines.set(code, [line, line]);
    if (ts0 === 83 || ts0 === 115) {
      if (f.firstFailureLine === 0) f.firstFailureLine = line;
      f.lastFailureLine = line;
      if (ts0 === 83 && ts1 === 67) f.connectFailures++;
    }
    if (nosrv) {
      if (f.nosrv++ === 0) {
        f.firstLine = line;
        if (time !== undefined) f.firstTime = time;
      }
      f.lastLine = line;
      if (time !== undefined) {
        if (!(f.firstTime === f.firstTime)) f.firstTime = time;
        f.lastTime = time;
      }
    }
  }

  private addEvent(parsed: LogRecord, line: number): void {
    if (parsed.type === 'http' || parsed.type === 'tcp') return;
    let record = parsed as Exclude<LogRecord, TrafficRecord>;
    const header = record.header;
    let yearTime: number | undefined;
    let pending = false;
    let time = Number.NaN;
    if (header.time !== undefined) {
      time = header.time;
      const ts = header.timestamp;
      const bsd = ts !== undefined && monthAt(ts, 0) >= 0;
      if (bsd && this.yearHint !== undefined) {
        // BSD timestamps carry no year: take the one of the surrounding traffic
        const t = bsdTimestampToTime(ts, 0, this.yearHint);
        if (t !== undefined) time = yearTime = t;
      } else if (bsd) {
        // no year known yet: in a segment read alone, the lines before it may have given one (see resolveYear)
        if (this.pendingYear.length < MAX_PENDING_YEAR) pending = true;
        else this.pendingOverflow = true;
      } else if (ts !== undefined && ts.length >= 4) {
        const year = Number.parseInt(ts.slice(0, 4), 10);
        if (year > 1970) {
          this.yearHint = year;
          if (this.firstYearOp === YEAR_OP_NONE) this.firstYearOp = YEAR_OP_ISO;
        }
      }
      if (!pending) this.noteTime(time);
    }
    if (this.events.length >= MAX_EVENTS || (this.eventsFull !== undefined && Atomics.load(this.eventsFull, 0) !== 0)) {
      this.droppedEvents++;
      if (pending) this.pendingYear.push({ timestamp: header.timestamp!, time, event: -1 });
      return;
    }
    if (pending) this.pendingYear.push({ timestamp: header.timestamp!, time, event: this.events.length });
    if (yearTime !== undefined) record = { ...record, header: { ...header, time: yearTime } };
    const message = record.message.length > MAX_EVENT_MESSAGE ? record.message.slice(0, MAX_EVENT_MESSAGE) : record.message;
    this.events.push({ ...record, message, line });
  }

  /** The collector's data as plain values (cloneable to another thread; see mergeFactsStates). */
  state(): FactsState {
    const servers: ServerFactsState[] = [];
    for (const e of this.summarizer.serverEntries()) {
      const f = e.facts as ServerFacts | undefined;
      if (f === undefined) continue;
      servers.push({
        key: e.key,
        requests: f.requests,
        ts: [...f.ts],
        tsLines: [...f.tsLines].map(([code, [first, last]]) => [code, first, last]),
        connectFailures: f.connectFailures,
        firstFailureLine: f.firstFailureLine,
        lastFailureLine: f.lastFailureLine,
        nosrv: f.nosrv,
        firstLine: f.firstLine,
        lastLine: f.lastLine,
        firstTime: f.firstTime,
        lastTime: f.lastTime,
      });
    }
    const state: FactsState = {
      summary: this.summarizer.summary(),
      servers,
      events: this.events.slice(),
      droppedEvents: this.droppedEvents,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      unparsedLines: this.unparsedLines.slice(),
      unparsedCount: this.unparsedCount,
      firstYearOp: this.firstYearOp,
      firstDayKey: this.firstDayKey,
      firstDayYear: this.firstDayYear,
      pendingYear: this.pendingYear.slice(),
      pendingOverflow: this.pendingOverflow,
      dayKey: this.dayKey,
    };
    if (this.yearHint !== undefined) state.yearHint = this.yearHint;
    return state;
  }

  result(): LogFacts {
    return factsOfState(resolveYear(this.state(), undefined));
  }

  /** Line diagnostics: the first unparsed lines, then one line counting the rest. */
  diagnostics(): Diagnostic[] {
    return diagnosticsOfState(resolveYear(this.state(), undefined));
  }
}

/**
 * The state once the year hint the collector started with is known (undefined: none, as for a whole log): the times
 * of its pending events (BSD timestamps met before any year) taken into the time range, and their records given the
 * time the whole pass would have given them (as addEvent does).
 */
export function resolveYear(state: FactsState, yearHint: number | undefined): FactsState {
  if (state.pendingYear.length === 0) return state;
  let { firstTime, lastTime } = state;
  const events = state.events.slice();
  for (const p of state.pendingYear) {
    let time = p.time;
    if (yearHint !== undefined) {
      const t = bsdTimestampToTime(p.timestamp, 0, yearHint);
      if (t !== undefined) {
        time = t;
        const e = p.event >= 0 ? events[p.event] : undefined;
        if (e !== undefined) events[p.event] = { ...e, header: { ...e.header, time } };
      }
    }
    if (!(time >= firstTime)) firstTime = time;
    if (!(time <= lastTime)) lastTime = time;
  }
  return { ...state, events, firstTime, lastTime, pendingYear: [] };
}

/** The facts of a collector's state (one collector's, or merged) whose year is resolved (resolveYear). */
export function factsOfState(state: FactsState): LogFacts {
  const noServer: Record<string, BackendNoServerFacts> = {};
  const servers: Record<string, ServerFailureFacts> = {};
  const entries = state.servers.slice().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const f of entries) {
    const terminationStates: Record<string, number> = {};
    const stateLines: Record<string, { first: number; last: number }> = {};
    const spans = new Map(f.tsLines.map(([code, first, last]) => [code, { first, last }]));
    for (const [code, n] of f.ts.slice().sort((a, b) => a[0] - b[0])) {
      const name = String.fromCharCode(Math.floor(code / 65536), code % 65536);
      terminationStates[name] = n;
      const span = spans.get(code);
      if (span !== undefined) stateLines[name] = span;
    }
    const facts: ServerFailureFacts = { requests: f.requests, terminationStates, stateLines, connectFailures: f.connectFailures };
    if (f.firstFailureLine > 0) {
      facts.firstFailureLine = f.firstFailureLine;
      facts.lastFailureLine = f.lastFailureLine;
    }
    servers[f.key] = facts;
    if (f.nosrv > 0) {
      const backend = f.key.slice(0, f.key.length - NOSRV.length - 1);
      const nf: BackendNoServerFacts = { count: f.nosrv, firstLine: f.firstLine, lastLine: f.lastLine };
      if (f.firstTime === f.firstTime) nf.firstTime = f.firstTime;
      if (f.lastTime === f.lastTime) nf.lastTime = f.lastTime;
      noServer[backend] = nf;
    }
  }
  const facts: LogFacts = { summary: state.summary, events: state.events.slice(), droppedEvents: state.droppedEvents, noServer, servers };
  if (state.firstTime === state.firstTime) facts.firstTime = state.firstTime;
  if (state.lastTime === state.lastTime) facts.lastTime = state.lastTime;
  return facts;
}

/** Line diagnostics of a collector's state: the first unparsed lines, then one line counting the rest. */
export function diagnosticsOfState(state: FactsState): Diagnostic[] {
  const out: Diagnostic[] = state.unparsedLines.map((line) => ({
    line,
    severity: 'info' as const,
    message: 'not an HAProxy log line (unknown format); not counted',
  }));
  const rest = state.unparsedCount - state.unparsedLines.length;
  if (rest > 0) {
    out.push({
      line: state.unparsedLines[state.unparsedLines.length - 1] ?? 1,
      severity: 'info',
      message: `${rest} more line(s) not in an HAProxy log format`,
    });
  }
  if (state.droppedEvents > 0) {
    out.push({ line: 1, severity: 'info', message: `${state.droppedEvents} event line(s) beyond the first ${MAX_EVENTS} counted but not kept` });
  }
  return out;
}
