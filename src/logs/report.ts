// Merges the results of ranges and files (in time order) into the `logs` report: the DESIGN.md contract keys
// (lines, parsed, unparsed, statusCodes, terminationStates, servers) plus additive keys.
import type { LogSummary, ServerLogStats } from '../model/haproxy-log.js';
import { MAX_UNPARSED_SAMPLES } from '../parsers/haproxy-log/summary.js';
import { Histogram } from './histogram.js';
import { HTTP_TIMERS, MAX_EVENTS_KEPT, PEAK_NAMES, TCP_TIMERS, type LogEvent, type Peak, type ObserverState } from './observer.js';
import type { RangeResult } from './range.js';

export interface TimerPercentiles {
  count: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

export interface InputReport {
  file: string;
  bytes: number;
  lines: number;
  /** Lines longer than the line cap, cut. */
  cutLines?: number;
  compressedBytes?: number;
  /** Why reading stopped early (corrupt .gz, read error); counts cover what was read before. */
  error?: string;
}

export interface LogsReport extends LogSummary {
  servers: Record<string, ServerLogStats & { errorStates?: Record<string, number>; maxConn?: Peak; maxQueue?: Peak }>;
  inputs: InputReport[];
  firstTime?: string;
  lastTime?: string;
  timerPercentiles: { http: Record<string, TimerPercentiles>; tcp: Record<string, TimerPercentiles> };
  events: (Omit<LogEvent, 'time'> & { time?: string })[];
  eventCounts: Record<string, number>;
  droppedEvents?: number;
  timeline: { minute: string; requests: number; '1xx': number; '2xx': number; '3xx': number; '4xx': number; '5xx': number; other: number; terminationStates: Record<string, number> }[];
  droppedMinutes?: number;
  backends: Record<string, { requests: number; errors: number; '5xx': number; errorStates: Record<string, number>; maxBeconn?: Peak; maxBackendQueue?: Peak }>;
  peaks: Record<string, Peak & { at?: string }>;
}

/** Accept dates carry no time zone: shown as written, ISO without zone. */
export function isoLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23).replace(/\.000$/, '');
}

function addRecord(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

function sortKeys<T>(r: Record<string, T>, cmp?: (a: string, b: string) => number): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(r).sort(cmp)) out[k] = r[k]!;
  return out;
}

function shift<T extends { line: number }>(x: T, offset: number): T {
  return offset === 0 ? x : { ...x, line: x.line + offset };
}

export class LogsAccumulator {
  private lines = 0;
  private parsed = 0;
  private unparsed = 0;
  private filtered = 0;
  private droppedKeys = 0;
  private readonly statusCodes: Record<string, number> = {};
  private readonly terminationStates: Record<string, number> = {};
  private readonly servers = new Map<string, ServerLogStats & { errorStates: Record<string, number>; maxConn?: Peak; maxQueue?: Peak }>();
  private readonly samples: LogSummary['unparsedSamples'] = [];
  private readonly http = HTTP_TIMERS.map(() => new Histogram());
  private readonly tcp = TCP_TIMERS.map(() => new Histogram());
  private readonly minutes = new Map<number, { counts: number[]; states: Record<string, number> }>();
  private droppedMinutes = 0;
  private readonly events: LogEvent[] = [];
  private readonly eventCounts: Record<string, number> = {};
  private droppedEvents = 0;
  private readonly peaks: (Peak | undefined)[] = PEAK_NAMES.map(() => undefined);
  private firstTime: number | undefined;
  private lastTime: number | undefined;
  readonly inputs: InputReport[] = [];

  /** Adds a range's result; `lineOffset` = lines of the same file before the range. */
  add(r: RangeResult, lineOffset: number): void {
    const s = r.summary;
    this.lines += s.lines;
    this.parsed += s.parsed;
    this.unparsed += s.unparsed;
    this.filtered += s.filtered ?? 0;
    this.droppedKeys += s.droppedKeys ?? 0;
    addRecord(this.statusCodes, s.statusCodes);
    addRecord(this.terminationStates, s.terminationStates);
    for (const [key, st] of Object.entries(s.servers)) {
      const e = this.servers.get(key);
      if (e === undefined) this.servers.set(key, { ...st, errorStates: {} });
      else {
        for (const f of ['requests', '1xx', '2xx', '3xx', '4xx', '5xx', 'other', 'ok', 'errors', 'connectTimeSum', 'connectTimeCount', 'responseTimeSum', 'responseTimeCount'] as const) {
          e[f] = (e[f] ?? 0) + (st[f] ?? 0);
        }
      }
    }
    for (const sample of s.unparsedSamples) if (this.samples.length < MAX_UNPARSED_SAMPLES) this.samples.push(shift(sample, lineOffset));
    this.addObserver(r.observer, lineOffset);
  }

  private addObserver(o: ObserverState, lineOffset: number): void {
    o.http.forEach((h, i) => this.http[i]!.addSparse(h));
    o.tcp.forEach((h, i) => this.tcp[i]!.addSparse(h));
    for (const m of o.minutes) {
      let t = this.minutes.get(m.minute);
      if (t === undefined) {
        if (this.minutes.size >= 50_000) {
          this.droppedMinutes++;
          continue;
        }
        t = { counts: [0, 0, 0, 0, 0, 0, 0], states: {} };
        this.minutes.set(m.minute, t);
      }
      m.counts.forEach((n, i) => (t.counts[i]! += n));
      for (const [k, n] of m.states) t.states[k] = (t.states[k] ?? 0) + n;
    }
    this.droppedMinutes += o.droppedMinutes;
    for (const e of o.events) {
      if (this.events.length < MAX_EVENTS_KEPT) this.events.push(shift(e, lineOffset));
      else this.droppedEvents++;
    }
    this.droppedEvents += o.droppedEvents;
    for (const [k, n] of o.eventCounts) this.eventCounts[k] = (this.eventCounts[k] ?? 0) + n;
    o.peaks.forEach((p, i) => {
      const q = this.peaks[i];
      if (p !== undefined && (q === undefined || p.value > q.value)) this.peaks[i] = shift(p, lineOffset);
    });
    for (const d of o.servers) {
      const e = this.servers.get(d.key);
      if (e === undefined) continue; // only filtered-out lines
      for (const [k, n] of d.errorStates) e.errorStates[k] = (e.errorStates[k] ?? 0) + n;
      if (d.maxConn && (e.maxConn === undefined || d.maxConn.value > e.maxConn.value)) e.maxConn = shift(d.maxConn, lineOffset);
      if (d.maxQueue && (e.maxQueue === undefined || d.maxQueue.value > e.maxQueue.value)) e.maxQueue = shift(d.maxQueue, lineOffset);
    }
    if (o.firstTime !== undefined && (this.firstTime === undefined || o.firstTime < this.firstTime)) this.firstTime = o.firstTime;
    if (o.lastTime !== undefined && (this.lastTime === undefined || o.lastTime > this.lastTime)) this.lastTime = o.lastTime;
  }

  report(): LogsReport {
    const percentiles = (names: readonly string[], hs: Histogram[]) => {
      const out: Record<string, TimerPercentiles> = {};
      hs.forEach((h, i) => {
        if (h.count === 0) return;
        out[names[i]!] = { count: h.count, p50: h.quantile(0.5), p75: h.quantile(0.75), p90: h.quantile(0.9), p95: h.quantile(0.95), p99: h.quantile(0.99), p999: h.quantile(0.999), max: h.max };
      });
      return out;
    };
    const servers: LogsReport['servers'] = {};
    const backends: LogsReport['backends'] = {};
    for (const key of [...this.servers.keys()].sort()) {
      const e = this.servers.get(key)!;
      const { errorStates, maxConn, maxQueue, ...stats } = e;
      const out: LogsReport['servers'][string] = { ...stats, errorStates: sortKeys(errorStates) };
      if (maxConn) out.maxConn = maxConn;
      if (maxQueue) out.maxQueue = maxQueue;
      servers[key] = out;
      const backend = key.slice(0, key.indexOf('/'));
      const b = (backends[backend] ??= { requests: 0, errors: 0, '5xx': 0, errorStates: {} });
      b.requests += e.requests;
      b.errors += e.errors;
      b['5xx'] += e['5xx'];
      addRecord(b.errorStates, errorStates);
      if (maxConn && (b.maxBeconn === undefined || maxConn.value > b.maxBeconn.value)) b.maxBeconn = maxConn;
      if (maxQueue && (b.maxBackendQueue === undefined || maxQueue.value > b.maxBackendQueue.value)) b.maxBackendQueue = maxQueue;
    }
    for (const b of Object.values(backends)) b.errorStates = sortKeys(b.errorStates);
    const peaks: LogsReport['peaks'] = {};
    this.peaks.forEach((p, i) => {
      if (p !== undefined) peaks[PEAK_NAMES[i]!] = p.time !== undefined ? { ...p, at: isoLocal(p.time) } : p;
    });
    const report: LogsReport = {
      lines: this.lines,
      parsed: this.parsed,
      unparsed: this.unparsed,
      statusCodes: sortKeys(this.statusCodes, (a, b) => Number(a) - Number(b)),
      terminationStates: sortKeys(this.terminationStates),
      servers,
      unparsedSamples: this.samples,
      inputs: this.inputs,
      timerPercentiles: { http: percentiles(HTTP_TIMERS, this.http), tcp: percentiles(TCP_TIMERS, this.tcp) },
      events: this.events.map(({ time, ...e }) => (time === undefined ? e : { ...e, time: isoLocal(time) })),
      eventCounts: sortKeys(this.eventCounts),
      timeline: [...this.minutes.keys()].sort((a, b) => a - b).map((minute) => {
        const m = this.minutes.get(minute)!;
        const [c1, c2, c3, c4, c5, other, requests] = m.counts as [number, number, number, number, number, number, number];
        return { minute: isoLocal(minute * 60000).slice(0, 16), requests, '1xx': c1, '2xx': c2, '3xx': c3, '4xx': c4, '5xx': c5, other, terminationStates: sortKeys(m.states) };
      }),
      backends,
      peaks,
    };
    if (this.filtered > 0) report.filtered = this.filtered;
    if (this.droppedKeys > 0) report.droppedKeys = this.droppedKeys;
    if (this.droppedEvents > 0) report.droppedEvents = this.droppedEvents;
    if (this.droppedMinutes > 0) report.droppedMinutes = this.droppedMinutes;
    if (this.firstTime !== undefined) report.firstTime = isoLocal(this.firstTime);
    if (this.lastTime !== undefined) report.lastTime = isoLocal(this.lastTime);
    return report;
  }
}
