// Merges the facts of consecutive segments of one log, each read on its own (by worker threads), into the facts one
// collector reading the whole log gives. Exact or nothing: undefined when a segment read alone may have read
// differently (a year hint it could not know, a capped table), and the caller then reads the log in one pass.
import type { LocatedEvent, LogSummary, ServerLogStats } from '../../model/haproxy-log.js';
import { MAX_EVENTS, MAX_UNPARSED_DIAGNOSTICS, YEAR_OP_DAY, resolveYear, type FactsState, type ServerFactsState } from './facts.js';
import { MAX_KEYS, MAX_UNPARSED_SAMPLES } from './summary.js';

export interface FactsSegment {
  state: FactsState;
  /** Lines of the segment (its line numbers start at 1). */
  lines: number;
  /** Lines cut at MAX_LINE_LENGTH characters. */
  cut: number;
}

const STAT_FIELDS = ['requests', '1xx', '2xx', '3xx', '4xx', '5xx', 'other', 'ok', 'errors', 'connectTimeSum', 'connectTimeCount', 'responseTimeSum', 'responseTimeCount'] as const;

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sorted(record: Map<string, number>, order: (a: string, b: string) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...record.keys()].sort(order)) out[k] = record.get(k)!;
  return out;
}

function add(map: Map<string, number>, record: Record<string, number>): void {
  for (const [k, n] of Object.entries(record)) map.set(k, (map.get(k) ?? 0) + n);
}

/**
 * The year hint decides the year of BSD timestamps in events. A segment starts with none (and no cached day); the
 * ones before it may have left one: each segment's state is resolved with it (resolveYear: its events with a BSD
 * timestamp before its first year). Undefined when a segment cannot be: more such events than it kept, or a first
 * year from a day part the whole pass already had (the pass sets the hint on a new day part only) that gives another
 * year than the hint (left by an ISO timestamp since).
 */
function resolveYears(segments: readonly FactsSegment[]): FactsSegment[] | undefined {
  let dayKey = '';
  let yearHint: number | undefined;
  const out: FactsSegment[] = [];
  for (const segment of segments) {
    const { state } = segment;
    if (state.pendingOverflow && yearHint !== undefined) return undefined;
    if (state.firstYearOp === YEAR_OP_DAY && state.firstDayKey === dayKey && state.firstDayYear !== yearHint) return undefined;
    out.push({ ...segment, state: resolveYear(state, yearHint) });
    if (state.dayKey !== '') dayKey = state.dayKey;
    if (state.firstYearOp !== 0) yearHint = state.yearHint;
  }
  return out;
}

function mergeSummaries(segments: readonly FactsSegment[], offsets: readonly number[]): LogSummary | undefined {
  let lines = 0;
  let parsed = 0;
  let unparsed = 0;
  const statusCodes = new Map<string, number>();
  const terminationStates = new Map<string, number>();
  const servers = new Map<string, ServerLogStats>();
  const unparsedSamples: LogSummary['unparsedSamples'] = [];
  for (const [k, { state }] of segments.entries()) {
    const s = state.summary;
    if ((s.droppedKeys ?? 0) > 0 || (s.filtered ?? 0) > 0) return undefined;
    lines += s.lines;
    parsed += s.parsed;
    unparsed += s.unparsed;
    add(statusCodes, s.statusCodes);
    add(terminationStates, s.terminationStates);
    for (const [key, st] of Object.entries(s.servers)) {
      const e = servers.get(key);
      if (e === undefined) servers.set(key, { ...st });
      else for (const f of STAT_FIELDS) e[f] = (e[f] ?? 0) + (st[f] ?? 0);
    }
    for (const sample of s.unparsedSamples) {
      if (unparsedSamples.length < MAX_UNPARSED_SAMPLES) unparsedSamples.push({ ...sample, line: sample.line + offsets[k]! });
    }
  }
  // the tables the one pass caps: past the cap, it would have dropped what the segments kept
  if (servers.size > MAX_KEYS) return undefined;
  let otherStatus = 0;
  for (const k of statusCodes.keys()) if (!(Number(k) >= -1 && Number(k) <= 999)) otherStatus++;
  let otherStates = 0;
  for (const k of terminationStates.keys()) if (k.charCodeAt(0) > 255 || k.charCodeAt(1) > 255) otherStates++;
  if (otherStatus > MAX_KEYS || otherStates > MAX_KEYS) return undefined;
  // sums of integers are exact (in any order) below 2^53
  for (const st of servers.values()) for (const f of STAT_FIELDS) if (!(Math.abs(st[f] ?? 0) <= Number.MAX_SAFE_INTEGER)) return undefined;
  const serverRecord: Record<string, ServerLogStats> = {};
  for (const key of [...servers.keys()].sort(byKey)) serverRecord[key] = servers.get(key)!;
  return {
    lines,
    parsed,
    unparsed,
    statusCodes: sorted(statusCodes, (a, b) => Number(a) - Number(b)),
    terminationStates: sorted(terminationStates, byKey),
    servers: serverRecord,
    unparsedSamples,
  };
}

function mergeServers(segments: readonly FactsSegment[], offsets: readonly number[]): ServerFactsState[] | undefined {
  const merged = new Map<string, ServerFactsState>();
  for (const [k, { state }] of segments.entries()) {
    const off = offsets[k]!;
    for (const f of state.servers) {
      let m = merged.get(f.key);
      if (m === undefined) {
        m = { ...f, ts: [], tsLines: [], requests: 0, connectFailures: 0, firstFailureLine: 0, lastFailureLine: 0, nosrv: 0, firstLine: 0, lastLine: 0, firstTime: Number.NaN, lastTime: Number.NaN };
        merged.set(f.key, m);
      }
      m.requests += f.requests;
      m.connectFailures += f.connectFailures;
      const counts = new Map(m.ts);
      for (const [code, n] of f.ts) counts.set(code, (counts.get(code) ?? 0) + n);
      m.ts = [...counts];
      const spans = new Map(m.tsLines.map(([code, first, last]) => [code, [first, last] as [number, number]]));
      for (const [code, first, last] of f.tsLines) {
        const span = spans.get(code);
        if (span === undefined) spans.set(code, [first + off, last + off]);
        else span[1] = last + off;
      }
      m.tsLines = [...spans].map(([code, [first, last]]) => [code, first, last]);
      if (counts.size > MAX_KEYS || spans.size > MAX_KEYS) return undefined;
      if (f.firstFailureLine > 0) {
        if (m.firstFailureLine === 0) m.firstFailureLine = f.firstFailureLine + off;
        m.lastFailureLine = f.lastFailureLine + off;
      }
      if (f.nosrv > 0) {
        if (m.nosrv === 0) m.firstLine = f.firstLine + off;
        m.nosrv += f.nosrv;
        m.lastLine = f.lastLine + off;
        if (!(m.firstTime === m.firstTime)) m.firstTime = f.firstTime;
        if (f.lastTime === f.lastTime) m.lastTime = f.lastTime;
      }
    }
  }
  return [...merged.values()];
}

/** The state one collector reading the segments one after the other would end with; undefined when not sure. */
export function mergeFactsStates(parts: readonly FactsSegment[]): { state: FactsState; cut: number } | undefined {
  const segments = resolveYears(parts);
  if (segments === undefined) return undefined;
  const offsets: number[] = [];
  let total = 0;
  for (const s of segments) {
    offsets.push(total);
    total += s.lines;
  }
  const summary = mergeSummaries(segments, offsets);
  const servers = summary && mergeServers(segments, offsets);
  if (summary === undefined || servers === undefined) return undefined;
  const events: LocatedEvent[] = [];
  let droppedEvents = 0;
  let firstTime = Number.NaN;
  let lastTime = Number.NaN;
  const unparsedLines: number[] = [];
  let unparsedCount = 0;
  let cut = 0;
  for (const [k, { state, cut: c }] of segments.entries()) {
    const off = offsets[k]!;
    for (const e of state.events) {
      if (events.length < MAX_EVENTS) events.push(off === 0 ? e : { ...e, line: e.line + off });
      else droppedEvents++;
    }
    droppedEvents += state.droppedEvents;
    // as noteTime: the least and the greatest time (NaN: none)
    if (state.firstTime === state.firstTime && !(state.firstTime >= firstTime)) firstTime = state.firstTime;
    if (state.lastTime === state.lastTime && !(state.lastTime <= lastTime)) lastTime = state.lastTime;
    for (const line of state.unparsedLines) if (unparsedLines.length < MAX_UNPARSED_DIAGNOSTICS) unparsedLines.push(line + off);
    unparsedCount += state.unparsedCount;
    cut += c;
  }
  const state: FactsState = {
    summary,
    servers,
    events,
    droppedEvents,
    firstTime,
    lastTime,
    unparsedLines,
    unparsedCount,
    // the year bookkeeping of the whole (yearsAgree), for completeness: merged states are not merged again
    firstYearOp: segments.find((s) => s.state.firstYearOp !== 0)?.state.firstYearOp ?? 0,
    firstDayKey: segments.find((s) => s.state.firstYearOp !== 0)?.state.firstDayKey ?? '',
    firstDayYear: segments.find((s) => s.state.firstYearOp !== 0)?.state.firstDayYear ?? 0,
    pendingYear: [],
    pendingOverflow: false,
    dayKey: [...segments].reverse().find((s) => s.state.dayKey !== '')?.state.dayKey ?? '',
  };
  const withYear = [...segments].reverse().find((s) => s.state.firstYearOp !== 0);
  if (withYear?.state.yearHint !== undefined) state.yearHint = withYear.state.yearHint;
  return { state, cut };
}

/**
 * Merges segments given in file order one at a time, so that only the merged state is kept (a segment's events,
 * up to MAX_EVENTS each, are dropped once merged). Merging the merge of the first segments with the next one gives
 * what merging them all at once gives: every part of it is a sum, a first, a last or a capped concatenation.
 */
export class FactsMerger {
  private merged: FactsSegment | undefined;
  /** False once segments could not be merged exactly. */
  ok = true;

  add(segment: FactsSegment): void {
    if (!this.ok) return;
    const acc = this.merged;
    if (acc === undefined) {
      this.merged = segment;
      return;
    }
    const m = mergeFactsStates([acc, segment]);
    if (m === undefined) {
      this.ok = false;
      this.merged = undefined;
    } else this.merged = { state: m.state, lines: acc.lines + segment.lines, cut: m.cut };
  }

  /** Events kept by the segments merged so far. */
  get events(): number {
    return this.merged?.state.events.length ?? 0;
  }

  /** The merged state (undefined when not exact, or no segment). */
  result(): { state: FactsState; cut: number } | undefined {
    return this.ok && this.merged !== undefined ? mergeFactsStates([this.merged]) : undefined;
  }
}
