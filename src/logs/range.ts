// Reads one byte range of a regular file, or one stream (stdin, .gz), through the summary and the observer:
// the unit of work of a worker thread, and of the single-threaded path.
import { closeSync, openSync, readSync } from 'node:fs';
import type { LogSummary } from '../model/haproxy-log.js';
import type { LogFormatMatcher } from '../parsers/haproxy-log/log-format/matcher.js';
import type { LineScanner } from '../parsers/haproxy-log/line-scanner.js';
import { LogSummarizer } from '../parsers/haproxy-log/summary.js';
import { SegmentEvents } from './events-kept.js';
import { LogsObserver, type LogsFilters, type ObserverState } from './observer.js';
import { ByteLineSplitter } from '../parsers/haproxy-log/byte-line-splitter.js';

/** Bytes per read: a chunk the parser reads while the copy is still in the CPU cache (256 KB beat 1 MB by ~5 %). */
export const READ_CHUNK = 1 << 18;
/** Progress is reported every this many bytes (a message to the main thread from a worker). */
const PROGRESS_BYTES = 16 << 20;

export interface RangeTask {
  file: string;
  /** Name given in samples and events (the path as the user wrote it). */
  label: string;
  start: number;
  end: number;
  filters: LogsFilters;
  year?: number;
  /** Custom log formats (`--config`), as strings: each thread compiles its own matchers. */
  logFormats?: LogFormatSpec[];
  /** When the range is segment `index` of a file read by several threads: the events kept per segment (SegmentEvents). */
  eventsKept?: SharedArrayBuffer;
  index?: number;
}

/** Work of a worker thread: the segments [cuts[k], cuts[k + 1]) of one file, k taken from the shared counter `next`. */
export interface SegmentTask extends Omit<RangeTask, 'start' | 'end' | 'index'> {
  cuts: number[];
  next: SharedArrayBuffer;
  /** The main thread's compiled line scanner (its machine code is shared, see lineScanModule). */
  lineScan?: WebAssembly.Module;
}

export interface LogFormatSpec {
  format: string;
  /** Frontend for lines of a format without %f/%ft. */
  frontend?: string;
}

export interface RangeResult {
  summary: LogSummary;
  observer: ObserverState;
  lines: number;
  cut: number;
  /** Bytes read (decompressed bytes for .gz). */
  bytes: number;
  /** For a compressed input: compressed bytes consumed. */
  compressedBytes?: number;
  error?: string;
}

export class RangeReader {
  readonly observer: LogsObserver;
  readonly summarizer: LogSummarizer;
  readonly splitter: ByteLineSplitter;

  /**
   * `formats`: the task's custom formats compiled by {@link compileTaskFormats}. `scanner`: null reads every line in
   * TypeScript (default: this thread's WebAssembly line scanner, see ByteLineSplitter).
   */
  constructor(label: string, filters: LogsFilters, year?: number, formats?: readonly LogFormatMatcher[], scanner?: LineScanner | null, segment?: SegmentEvents) {
    this.observer = new LogsObserver(filters, segment);
    this.observer.file = label;
    this.summarizer = new LogSummarizer({ ...(year !== undefined && { year }), observer: this.observer, ...(formats && { formats }) });
    this.summarizer.file = label;
    this.splitter = new ByteLineSplitter(this.summarizer, scanner);
  }

  result(extra: { error?: string; compressedBytes?: number } = {}): RangeResult {
    this.splitter.end();
    const r: RangeResult = {
      summary: this.summarizer.summary(),
      observer: this.observer.state(),
      lines: this.splitter.lines,
      cut: this.splitter.cut,
      bytes: this.splitter.bytes,
    };
    if (extra.error !== undefined) r.error = extra.error;
    if (extra.compressedBytes !== undefined) r.compressedBytes = extra.compressedBytes;
    return r;
  }
}

/**
 * Compiles custom formats (the log-format grammar, nearley and the config interpreter are loaded only then: the
 * default formats need none of them, and start-up time counts for `logs`).
 */
export async function compileTaskFormats(specs: readonly LogFormatSpec[] | undefined): Promise<LogFormatMatcher[] | undefined> {
  if (!specs?.length) return undefined;
  const { compileFormatList } = await import('../parsers/haproxy-log/log-format/index.js');
  return compileFormatList(specs);
}

/** What one thread carries from a segment to the next: the summarizer whose caches the next one takes over. */
export interface SegmentCarry {
  summarizer?: LogSummarizer;
}

/**
 * Reads [start, end) of a regular file with plain reads into one reused buffer. `onProgress` gets bytes read.
 * `formats`: `task.logFormats` compiled by {@link compileTaskFormats} (custom formats are ignored without them).
 * `carry`: given by a thread reading several segments, one after the other (see LogSummarizer.adoptCaches).
 * `scanner`: see RangeReader.
 */
export function readFileRange(task: RangeTask, onProgress?: (bytes: number) => void, formats?: readonly LogFormatMatcher[], carry?: SegmentCarry, scanner?: LineScanner | null): RangeResult {
  const segment = task.eventsKept !== undefined && task.index !== undefined ? new SegmentEvents(task.eventsKept, task.index) : undefined;
  const reader = new RangeReader(task.label, task.filters, task.year, formats, scanner, segment);
  if (carry !== undefined) {
    if (carry.summarizer !== undefined) reader.summarizer.adoptCaches(carry.summarizer);
    carry.summarizer = reader.summarizer;
  }
  let error: string | undefined;
  let fd = -1;
  try {
    fd = openSync(task.file, 'r');
    // straight into the WebAssembly scanner's memory when there is one (no copy)
    const buf = reader.splitter.readBuffer() ?? Buffer.allocUnsafe(READ_CHUNK);
    let pos = task.start;
    let sinceReport = 0;
    while (pos < task.end) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, task.end - pos), pos);
      if (n <= 0) break;
      pos += n;
      reader.splitter.push(n === buf.length ? buf : buf.subarray(0, n));
      sinceReport += n;
      if (onProgress && sinceReport >= PROGRESS_BYTES) {
        onProgress(sinceReport);
        sinceReport = 0;
      }
    }
    if (onProgress && sinceReport > 0) onProgress(sinceReport);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  return reader.result(error === undefined ? {} : { error });
}
