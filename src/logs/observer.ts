// The `logs` command's filters and the aggregates halog lacks (timer percentiles, events, per-minute timeline,
// errors per server, queue/connection peaks), computed in the summary's single pass. Its state is plain data
// so ranges of one file read by worker threads merge into the same result as one sequential pass.
import type { LogRecord, TrafficRecord } from '../model/haproxy-log.js';
import type { ServerEntry, TrafficObserver, TrafficView } from '../parsers/haproxy-log/summary.js';
import { S_PEAKS, asCount, type CodeList, type CountedTraffic } from '../parsers/haproxy-log/line-scanner.js';
import { objectArray } from '../parsers/haproxy-log/summary.js';
import { eventCountKey } from '../parsers/haproxy-log/scanner-events.js';
import type { SegmentEvents } from './events-kept.js';
import { Histogram } from './histogram.js';

export interface LogsFilters {
  /** ms since the epoch, accept date (or event timestamp) read as UTC, inclusive. */
  since?: number;
  /** exclusive */
  until?: number;
  frontends?: string[];
  backends?: string[];
  /** `server` or `backend/server`. */
  servers?: string[];
  /** `503`, `5xx`, `-1`. */
  statuses?: string[];
  /** Prefixes of the termination state: `SC`, `s`, `--`. */
  terminations?: string[];
}

export const MAX_EVENTS_KEPT = 1000;
export const MAX_MINUTES = 50_000;
const MAX_EVENT_MESSAGE = 500;

export const HTTP_TIMERS = ['TR', 'Tw', 'Tc', 'Tr', 'Ta'] as const;
export const TCP_TIMERS = ['Tw', 'Tc', 'Tt'] as const;
export const PEAK_NAMES = ['actconn', 'feconn', 'beconn', 'srvConn', 'srvQueue', 'backendQueue'] as const;

export interface Located {
  file?: string;
  line: number;
}
export interface Peak extends Located {
  value: number;
  time?: number;
}
export interface LogEvent extends Located {
  type: string;
  time?: number;
  timestamp?: string;
  backend?: string;
  server?: string;
  state?: string;
  check?: string;
  reason?: string;
  info?: string;
  checkDurationMs?: number;
  message: string;
}
/** Counts of one minute: [1xx, 2xx, 3xx, 4xx, 5xx, other, requests] and termination states other than `--`. */
export interface MinuteState {
  minute: number;
  counts: number[];
  states: [string, number][];
}
export interface ServerDetailState {
  key: string;
  errorStates: [string, number][];
  maxConn: Peak | undefined;
  maxQueue: Peak | undefined;
}
/** Everything the observer learnt, as plain data (line numbers relative to the range it read). */
export interface ObserverState {
  http: { pairs: number[]; count: number; max: number }[];
  tcp: { pairs: number[]; count: number; max: number }[];
  minutes: MinuteState[];
  droppedMinutes: number;
  events: LogEvent[];
  eventCounts: [string, number][];
  droppedEvents: number;
  peaks: (Peak | undefined)[];
  servers: ServerDetailState[];
  firstTime: number | undefined;
  lastTime: number | undefined;
}

/**
 * Counts per termination-state code (`(ts0 << 8) | ts1`) in first-seen order: a short linear list (a server or a
 * minute sees a handful of states), a Map beyond it. Cheaper per line than Map get + set.
 */
class CodeCounts {
  private readonly codes = new Int32Array(16);
  private readonly counts = new Float64Array(16);
  private n = 0;
  private more: Map<number, number> | undefined;

  /** Counts `code` once, or `times` times (counts made elsewhere). */
  add(code: number, times = 1): void {
    const codes = this.codes;
    const n = this.n;
    for (let k = 0; k < n; k++) {
      if (codes[k] === code) {
        this.counts[k]! += times;
        return;
      }
    }
    if (n < 16 && this.more === undefined) {
      codes[n] = code;
      this.counts[n] = times;
      this.n = n + 1;
      return;
    }
    this.more ??= new Map();
    this.more.set(code, (this.more.get(code) ?? 0) + times);
  }

  /** Adds `list`, counted elsewhere. */
  addAll(list: CodeList): void {
    for (const [code, times] of list) this.add(code, times);
  }

  entries(): [number, number][] {
    const out: [number, number][] = [];
    for (let k = 0; k < this.n; k++) out.push([this.codes[k]!, this.counts[k]!]);
    if (this.more !== undefined) for (const e of this.more) out.push(e);
    return out;
  }
}

/** Highest values seen, with where (line) and when: plain numbers per line, Peak objects only in state(). */
class PeakSlots {
  readonly value: Float64Array;
  readonly line: Float64Array;
  readonly time: Float64Array;
  readonly set: Uint8Array;
  constructor(n: number) {
    this.value = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.line = new Float64Array(n);
    this.time = new Float64Array(n);
    this.set = new Uint8Array(n);
  }

  offer(i: number, value: number, line: number, time: number): void {
    // `value` starts at -Infinity: one comparison per offer (the values offered are finite)
    if (value > this.value[i]!) {
      this.set[i] = 1;
      this.value[i] = value;
      this.line[i] = line;
      this.time[i] = time;
    }
  }

  /**
   * Takes the peak at src[o, o + 4) (value, line, time, set) found in other lines of the same range: the higher
   * value, or the earlier line of two equal ones (what offer() keeps when it sees the lines in order).
   */
  merge(i: number, src: Float64Array, o: number): void {
    if (src[o + 3] === 0) return;
    const value = src[o]!;
    const line = src[o + 1]!;
    if (value > this.value[i]! || (value === this.value[i]! && this.set[i] === 1 && line < this.line[i]!)) {
      this.set[i] = 1;
      this.value[i] = value;
      this.line[i] = line;
      this.time[i] = src[o + 2]!;
    }
  }

  peak(i: number, file: string | undefined): Peak | undefined {
    if (this.set[i] === 0) return undefined;
    const p: Peak = { value: this.value[i]!, line: this.line[i]! };
    if (file !== undefined) p.file = file;
    const time = this.time[i]!;
    if (time === time) p.time = time;
    return p;
  }
}

class ServerDetail {
  pass = true;
  readonly errorStates = new CodeCounts();
  /** 0: max srv_conn, 1: max srv_queue. */
  readonly max = new PeakSlots(2);
}

function statusMatcher(specs: string[] | undefined): ((status: number) => boolean) | undefined {
  if (!specs || specs.length === 0) return undefined;
  const exact = new Set<number>();
  const classes = new Set<number>();
  for (const spec of specs) {
    const m = /^([1-5])xx$/i.exec(spec);
    if (m) classes.add(Number(m[1]));
    else exact.add(Number(spec));
  }
  return (status) => exact.has(status) || (status >= 100 && status < 600 && classes.has(Math.floor(status / 100)));
}

export class LogsObserver implements TrafficObserver {
  file: string | undefined;
  private readonly http = HTTP_TIMERS.map(() => new Histogram());
  private readonly tcp = TCP_TIMERS.map(() => new Histogram());
  private readonly minutes = new Map<number, { counts: Float64Array; states: CodeCounts }>();
  private droppedMinutes = 0;
  private readonly events: LogEvent[] = objectArray();
  /** See eventsFull. */
  private full = false;
  private readonly eventCounts = new Map<string, number>();
  private droppedEvents = 0;
  private readonly peaks = new PeakSlots(PEAK_NAMES.length);
  private readonly details: { key: string; detail: ServerDetail }[] = objectArray();
  private firstTime = Number.NaN;
  private lastTime = Number.NaN;
  private readonly statusOk: ((status: number) => boolean) | undefined;
  private readonly frontends: Set<string> | undefined;
  /** Only the --frontend filter reads the frontend name: without it the byte path does not look names up. */
  readonly wantsFrontend: boolean;
  /** Without filters every traffic line is accepted: lines may then be counted in bulk (addCounted). */
  readonly takesCounted: boolean;
  private readonly termPrefixes: string[] | undefined;
  private lastMinute = Number.NaN;
  private lastMinuteData: { counts: Float64Array; states: CodeCounts } | undefined;

  /** `segment`: the events kept by the other segments of the file, when several threads read it. */
  constructor(
    private readonly filters: LogsFilters = {},
    private readonly segment?: SegmentEvents,
  ) {
    this.statusOk = statusMatcher(filters.statuses);
    this.frontends = filters.frontends?.length ? new Set(filters.frontends) : undefined;
    this.wantsFrontend = this.frontends !== undefined;
    this.termPrefixes = filters.terminations?.length ? filters.terminations : undefined;
    const f = filters;
    this.takesCounted = f.since === undefined && f.until === undefined && !f.frontends?.length && !f.backends?.length && !f.servers?.length && !f.statuses?.length && !f.terminations?.length;
  }

  roomForMinutes(n: number): boolean {
    return this.minutes.size + n < MAX_MINUTES;
  }

  /** What traffic() would have made of the lines the WebAssembly module counted (see TrafficObserver.addCounted). */
  addCounted(c: CountedTraffic, entries: readonly (ServerEntry | undefined)[]): void {
    for (let k = 0; k < HTTP_TIMERS.length; k++) this.http[k]!.addCounts(c.histograms[k]!);
    for (let k = 0; k < TCP_TIMERS.length; k++) this.tcp[k]!.addCounts(c.histograms[HTTP_TIMERS.length + k]!);
    for (const { minute, counts, codes } of c.minutes) {
      let m = this.minutes.get(minute);
      if (m === undefined) {
        if (this.minutes.size >= MAX_MINUTES) {
          this.droppedMinutes += asCount(counts[6]!);
          continue;
        }
        m = { counts: new Float64Array(7), states: new CodeCounts() };
        this.minutes.set(minute, m);
      }
      for (let k = 0; k < 7; k++) m.counts[k]! += counts[k]!;
      m.states.addAll(codes);
    }
    for (let i = 0; i < PEAK_NAMES.length; i++) this.peaks.merge(i, c.peaks, i * 4);
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k];
      if (e === undefined) continue;
      const d = this.detailOf(e);
      const s = c.servers[k]!;
      d.errorStates.addAll(s.codes);
      d.max.merge(0, s.fields, S_PEAKS);
      d.max.merge(1, s.fields, S_PEAKS + 4);
    }
    if (!(c.firstTime >= this.firstTime) && c.firstTime === c.firstTime) this.firstTime = c.firstTime;
    if (!(c.lastTime <= this.lastTime) && c.lastTime === c.lastTime) this.lastTime = c.lastTime;
  }

  private detailOf(entry: ServerEntry): ServerDetail {
    const d = entry.detail as ServerDetail | undefined;
    return d === undefined ? this.newDetail(entry) : d;
  }

  /** First traffic line of a server (rare: kept out of detailOf, which is inlined into the per-line code). */
  private newDetail(entry: ServerEntry): ServerDetail {
    let d = entry.detail as ServerDetail | undefined;
    if (d === undefined) {
      d = new ServerDetail();
      const slash = entry.key.indexOf('/');
      const backend = entry.key.slice(0, slash);
      const server = entry.key.slice(slash + 1);
      const f = this.filters;
      if (f.backends?.length && !f.backends.includes(backend)) d.pass = false;
      if (f.servers?.length && !f.servers.includes(server) && !f.servers.includes(entry.key)) d.pass = false;
      entry.detail = d;
      this.details.push({ key: entry.key, detail: d });
    }
    return d;
  }

  private timeOk(time: number): boolean {
    const { since, until } = this.filters;
    if (since === undefined && until === undefined) return true;
    if (!(time === time)) return false;
    return (since === undefined || time >= since) && (until === undefined || time < until);
  }

  traffic(v: TrafficView, line: number): boolean {
    const time = v.time;
    if (!this.timeOk(time)) return false;
    const e = v.entry;
    const d = e === undefined ? undefined : this.detailOf(e);
    if (d !== undefined && !d.pass) return false;
    if (e === undefined && (this.filters.backends?.length || this.filters.servers?.length)) return false;
    if (this.statusOk !== undefined && !(v.http && this.statusOk(v.status))) return false;
    if (this.frontends !== undefined && !this.frontends.has(v.frontend)) return false;
    if (this.termPrefixes !== undefined) {
      let ok = false;
      for (const p of this.termPrefixes) {
        ok = (p.length < 1 || p.charCodeAt(0) === v.ts0) && (p.length < 2 || p.charCodeAt(1) === v.ts1);
        if (ok) break;
      }
      if (!ok) return false;
    }
    // accepted: aggregates
    if (v.http) Histogram.addEach(this.http, v.timers, 5);
    else Histogram.addEach(this.tcp, v.timers, 3);
    const ts0 = v.ts0;
    const abnormal = ts0 !== 45 || v.ts1 !== 45;
    if (time === time) {
      if (!(time >= this.firstTime)) this.firstTime = time;
      if (!(time <= this.lastTime)) this.lastTime = time;
      const minute = Math.floor(time / 60000);
      let m = this.lastMinuteData;
      if (minute !== this.lastMinute || m === undefined) {
        m = this.minutes.get(minute);
        if (m === undefined) {
          if (this.minutes.size >= MAX_MINUTES) {
            this.droppedMinutes++;
            m = undefined;
          } else {
            m = { counts: new Float64Array(7), states: new CodeCounts() };
            this.minutes.set(minute, m);
          }
        }
        this.lastMinute = minute;
        this.lastMinuteData = m;
      }
      if (m !== undefined) {
        const st = v.status;
        // the class by comparisons: a division per line costs more
        const cls = !v.http || st < 100 || st >= 600 ? 5 : st < 200 ? 0 : st < 300 ? 1 : st < 400 ? 2 : st < 500 ? 3 : 4;
        m.counts[cls]!++;
        m.counts[6]!++;
        if (abnormal) m.states.add((ts0 << 8) | (v.ts1 & 255));
      }
    }
    const c = v.conns;
    const q = v.queue;
    const peaks = this.peaks;
    peaks.offer(0, c[0]!, line, time);
    peaks.offer(1, c[1]!, line, time);
    peaks.offer(2, c[2]!, line, time);
    peaks.offer(3, c[3]!, line, time);
    peaks.offer(4, q[0]!, line, time);
    peaks.offer(5, q[1]!, line, time);
    if (d !== undefined) {
      if (abnormal) d.errorStates.add((ts0 << 8) | (v.ts1 & 255));
      d.max.offer(0, c[3]!, line, time);
      d.max.offer(1, q[0]!, line, time);
    }
    return true;
  }

  /**
   * Whether event() only counts events from now on (see TrafficObserver.eventsFull): this observer keeps
   * MAX_EVENTS_KEPT, or the segments of the file before its own do (`segment`).
   */
  get eventsFull(): boolean {
    if (!this.full && (this.events.length >= MAX_EVENTS_KEPT || this.segment?.earlierFull() === true)) this.full = true;
    return this.full;
  }

  /** What event() would have made of the event lines the WebAssembly module counted (no filters, no room left). */
  addCountedEvents(kinds: readonly string[], counts: Float64Array): void {
    for (let k = 0; k < kinds.length; k++) {
      const n = asCount(counts[k]!);
      if (n === 0) continue;
      const kind = kinds[k]!;
      this.eventCounts.set(kind, (this.eventCounts.get(kind) ?? 0) + n);
      this.droppedEvents += n;
    }
  }

  event(record: LogRecord, line: number): void {
    const kind = eventCountKey(record);
    if (kind === undefined) return;
    const r = record as Exclude<LogRecord, TrafficRecord>;
    const time = r.header.time;
    if ((this.filters.since !== undefined || this.filters.until !== undefined) && (time === undefined || !this.timeOk(time))) return;
    const backend = 'backend' in r ? r.backend : undefined;
    const server = 'server' in r ? r.server : undefined;
    const f = this.filters;
    if (f.backends?.length && (backend === undefined || !f.backends.includes(backend))) return;
    if (f.servers?.length && (server === undefined || !(f.servers.includes(server) || f.servers.includes(`${backend}/${server}`)))) return;
    if (f.frontends?.length || f.statuses?.length || f.terminations?.length) return; // traffic-only filters
    this.eventCounts.set(kind, (this.eventCounts.get(kind) ?? 0) + 1);
    if (time !== undefined) {
      if (!(time >= this.firstTime)) this.firstTime = time;
      if (!(time <= this.lastTime)) this.lastTime = time;
    }
    if (this.eventsFull) {
      this.droppedEvents++;
      return;
    }
    this.segment?.keep();
    const e: LogEvent = { type: r.type, line, message: r.message.length > MAX_EVENT_MESSAGE ? r.message.slice(0, MAX_EVENT_MESSAGE) : r.message };
    if (this.file !== undefined) e.file = this.file;
    if (time !== undefined) e.time = time;
    if (r.header.timestamp !== undefined) e.timestamp = r.header.timestamp;
    if (backend !== undefined) e.backend = backend;
    if (server !== undefined) e.server = server;
    if (r.type === 'server-state') {
      e.state = r.state;
      if (r.check) e.check = r.check;
      if (r.reason !== undefined) e.reason = r.reason;
      if (r.info !== undefined) e.info = r.info;
      if (r.checkDurationMs !== undefined) e.checkDurationMs = r.checkDurationMs;
    }
    this.events.push(e);
  }

  state(): ObserverState {
    const tsName = (code: number) => String.fromCharCode(code >> 8, code & 255);
    return {
      http: this.http.map((h) => h.toSparse()),
      tcp: this.tcp.map((h) => h.toSparse()),
      minutes: [...this.minutes].map(([minute, m]) => ({ minute, counts: [...m.counts], states: m.states.entries().map(([c, n]) => [tsName(c), n] as [string, number]) })),
      droppedMinutes: this.droppedMinutes,
      events: this.events.slice(),
      eventCounts: [...this.eventCounts],
      droppedEvents: this.droppedEvents,
      peaks: PEAK_NAMES.map((_, i) => this.peaks.peak(i, this.file)),
      servers: this.details.map(({ key, detail }) => ({
        key,
        errorStates: detail.errorStates.entries().map(([c, n]) => [tsName(c), n] as [string, number]),
        maxConn: detail.max.peak(0, this.file),
        maxQueue: detail.max.peak(1, this.file),
      })),
      firstTime: this.firstTime === this.firstTime ? this.firstTime : undefined,
      lastTime: this.lastTime === this.lastTime ? this.lastTime : undefined,
    };
  }
}
