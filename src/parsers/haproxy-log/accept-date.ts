// The day part of HAProxy's accept date (`%tr`, `28/Nov/2026:07:59:58.841`), read by the byte path's cache of the
// last day (LogSummarizer.timeFromBytes) and by the WebAssembly aggregator (line-scanner.ts), the same way.
import { monthAt } from './syslog-header.js';

/** `28/Nov/2026` -> ms at 00:00 of that day (UTC, as written), NaN when it is not a date. */
export function dayMsOf(day: string): number {
  const month = monthAt(day, 3);
  const dd = Number(day.slice(0, 2));
  const yyyy = Number(day.slice(7, 11));
  return month >= 0 && day.charCodeAt(2) === 47 && day.charCodeAt(6) === 47 ? Date.UTC(yyyy, month, dd) : Number.NaN;
}
