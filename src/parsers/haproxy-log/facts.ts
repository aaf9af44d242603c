// What analyze needs from a log, collected in the same single pass as the summary, in bounded memory:
// the summary, the non-traffic events (capped), <NOSRV> per backend, failures per server, the time range.
import type { Diagnostic } from '../../model/diagnostic.js';
import type {
  BackendNoServerFacts,
  LocatedEvent,
  LogFacts,
  LogRecord,
  ServerFailureFacts,
  TrafficRecord,
} from '../../model/haproxy-log.js';
import type { LogFormatMatcher } from './log-format/matcher.js';
import { bsdTimestampToTime, monthAt } from './syslog-header.js';
import {
  LINE_EVENT,
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

  constructor(options: { year?: number; formats?: readonly LogFormatMatcher[] } = {}) {
    this.summarizer = new LogSummarizer(options);
  }

  /** Adds one line (no newline). Returns the LINE_* kind; never throws. */
  add(text: string, lineNumber: number): number {
    return this.addRange(text, 0, text.length, lineNumber);
  }

  addRange(s: string, start: number, end: number, lineNumber: number): number {
    const sum = this.summarizer;
    const kind = sum.addRange(s, start, end, lineNumber);
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
      this.dayKey = s.slice(a, a + 11);
      this.dayMs = dayMs = t;
      this.yearHint = new Date(t).getUTCFullYear();
    }
    const d = (k: number) => s.charCodeAt(a + k) - 48;
    let ms = (((d(12) * 10 + d(13)) * 60 + d(15) * 10 + d(16)) * 60 + d(18) * 10 + d(19)) * 1000;
    if (s.charCodeAt(a + 20) === 46) ms += d(21) * 100 + d(22) * 10 + d(23);
    const time = dayMs + ms;
    if (!(time === time)) return undefined;
    this.noteTime(time);
    return time;
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
    if (header.time !== undefined) {
      let time = header.time;
      const ts = header.timestamp;
      // BSD timestamps carry no year: take the one of the surrounding traffic
      if (ts !== undefined && this.yearHint !== undefined && monthAt(ts, 0) >= 0) {
        const t = bsdTimestampToTime(ts, 0, this.yearHint);
        if (t !== undefined) {
          time = t;
          record = { ...record, header: { ...header, time } };
        }
      } else if (ts !== undefined && ts.length >= 4) {
        const year = Number.parseInt(ts.slice(0, 4), 10);
        if (year > 1970) this.yearHint = year;
      }
      this.noteTime(time);
    }
    if (this.events.length >= MAX_EVENTS) {
      this.droppedEvents++;
      return;
    }
    const message = record.message.length > MAX_EVENT_MESSAGE ? record.message.slice(0, MAX_EVENT_MESSAGE) : record.message;
    this.events.push({ ...record, message, line });
  }

  result(): LogFacts {
    const summary = this.summarizer.summary();
    const noServer: Record<string, BackendNoServerFacts> = {};
    const servers: Record<string, ServerFailureFacts> = {};
    const entries = this.summarizer.serverEntries().slice().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (const e of entries) {
      const f = e.facts as ServerFacts | undefined;
      if (f === undefined) continue;
      const terminationStates: Record<string, number> = {};
      const stateLines: Record<string, { first: number; last: number }> = {};
      for (const code of [...f.ts.keys()].sort((a, b) => a - b)) {
        const state = String.fromCharCode(Math.floor(code / 65536), code % 65536);
        terminationStates[state] = f.ts.get(code)!;
        const span = f.tsLines.get(code);
        if (span !== undefined) stateLines[state] = { first: span[0], last: span[1] };
      }
      const facts: ServerFailureFacts = { requests: f.requests, terminationStates, stateLines, connectFailures: f.connectFailures };
      if (f.firstFailureLine > 0) {
        facts.firstFailureLine = f.firstFailureLine;
        facts.lastFailureLine = f.lastFailureLine;
      }
      servers[e.key] = facts;
      if (f.nosrv > 0) {
        const backend = e.key.slice(0, e.key.length - NOSRV.length - 1);
        const nf: BackendNoServerFacts = { count: f.nosrv, firstLine: f.firstLine, lastLine: f.lastLine };
        if (f.firstTime === f.firstTime) nf.firstTime = f.firstTime;
        if (f.lastTime === f.lastTime) nf.lastTime = f.lastTime;
        noServer[backend] = nf;
      }
    }
    const facts: LogFacts = { summary, events: this.events.slice(), droppedEvents: this.droppedEvents, noServer, servers };
    if (this.firstTime === this.firstTime) facts.firstTime = this.firstTime;
    if (this.lastTime === this.lastTime) facts.lastTime = this.lastTime;
    return facts;
  }

  /** Line diagnostics: the first unparsed lines, then one line counting the rest. */
  diagnostics(): Diagnostic[] {
    const out: Diagnostic[] = this.unparsedLines.map((line) => ({
      line,
      severity: 'info' as const,
      message: 'not an HAProxy log line (unknown format); not counted',
    }));
    const rest = this.unparsedCount - this.unparsedLines.length;
    if (rest > 0) {
      out.push({
        line: this.unparsedLines[this.unparsedLines.length - 1] ?? 1,
        severity: 'info',
        message: `${rest} more line(s) not in an HAProxy log format`,
      });
    }
    if (this.droppedEvents > 0) {
      out.push({ line: 1, severity: 'info', message: `${this.droppedEvents} event line(s) beyond the first ${MAX_EVENTS} counted but not kept` });
    }
    return out;
  }
}
