// analyze's log facts read from raw bytes (LogFactsCollector.addBytes, and addScanned for the traffic lines the
// WebAssembly line scanner reads): lines read in place, no string per traffic line, one reused read buffer for a file
// on disk. Same facts as the string path (logFactsFromStream: feedLines + LogFactsCollector.addRange), checked by
// test/parsers/haproxy-log/facts-bytes.test.ts with and without the scanner; unlike the `logs` splitter
// (ByteLineSplitter, cuts at MAX_LINE_LENGTH bytes), lines are cut as the string path cuts them: at MAX_LINE_LENGTH
// characters of their UTF-8 decoding.
import { closeSync, openSync, readSync } from 'node:fs';
import { ByteLineSplitter } from './byte-line-splitter.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { LogFacts } from '../../model/haproxy-log.js';
import { MAX_LINE_LENGTH } from '../../model/text-lines.js';
import { LogFactsCollector, diagnosticsOfState, factsOfState, resolveYear, type FactsState } from './facts.js';
import { FactsMerger, type FactsSegment } from './facts-merge.js';
import type { LogFormatMatcher } from './log-format/matcher.js';
import type { LineScanner } from './line-scanner.js';
import type { LogSummarizer } from './summary.js';

/**
 * Bytes of a line kept to decode its first MAX_LINE_LENGTH characters: a UTF-16 unit takes at most 3 bytes (an
 * invalid sequence gives one U+FFFD for at most 3 bytes), so that many bytes but a cut last sequence give more than
 * MAX_LINE_LENGTH units, the first MAX_LINE_LENGTH of them those of the whole line.
 */
const LONG_LINE_BYTES = 3 * MAX_LINE_LENGTH + 6;
/** Bytes per read of a file on disk (as the `logs` reader: a chunk read while still in the CPU cache). */
const READ_CHUNK = 1 << 18;

export interface LogFactsOptions {
  year?: number;
  formats?: readonly LogFormatMatcher[];
  /** null: every line read in TypeScript (the tests compare both ways); default: the thread's WebAssembly scanner. */
  scanner?: null;
}

export interface FactsSegmentOptions extends LogFactsOptions {
  /** See LogFactsCollector: set once the segments before hold all the events kept. */
  eventsFull?: Int32Array;
}

/**
 * Cuts byte chunks into lines for a LogFactsCollector; a line spanning chunks is copied (at most LONG_LINE_BYTES).
 * With the WebAssembly line scanner (ByteLineSplitter), its traffic lines are read there and given to the collector as
 * records (addScanned); `lines` counts every line, `cut` the lines cut at MAX_LINE_LENGTH characters.
 */
export class FactsLineSplitter extends ByteLineSplitter {
  /** `scanner`: null reads every line in TypeScript (default: this thread's, see ByteLineSplitter). */
  constructor(
    private readonly collector: LogFactsCollector,
    scanner?: LineScanner | null,
  ) {
    super(collector, scanner, LONG_LINE_BYTES);
  }

  /** The line b[start, end) (without its newline; `end - start` may be short of the line when it was too long). */
  protected override emit(b: Uint8Array, view: DataView, start: number, end: number): void {
    const line = ++this.lines;
    if (end - start <= MAX_LINE_LENGTH) {
      // no more characters than bytes: never cut
      if (end > start && b[end - 1] === 13) end--;
      this.collector.addBytes(b, start, end, line, view);
      return;
    }
    let text = Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8');
    if (text.length > MAX_LINE_LENGTH) {
      text = text.slice(0, MAX_LINE_LENGTH);
      this.cut++;
    }
    let n = text.length;
    if (n > 0 && text.charCodeAt(n - 1) === 13) n--;
    this.collector.addRange(text, 0, n, line);
  }
}

/** The facts and diagnostics of a collector's state, its year resolved (the warning on cut lines first, as the string path puts it). */
export function finishFacts(state: FactsState, cut: number): { facts: LogFacts; diagnostics: Diagnostic[] } {
  const diagnostics = diagnosticsOfState(state);
  if (cut > 0) diagnostics.unshift({ line: 1, severity: 'warning', message: `${cut} line(s) longer than ${MAX_LINE_LENGTH} characters were cut` });
  return { facts: factsOfState(state), diagnostics };
}

function finish(collector: LogFactsCollector, splitter: FactsLineSplitter): { facts: LogFacts; diagnostics: Diagnostic[] } {
  splitter.end();
  return finishFacts(resolveYear(collector.state(), undefined), splitter.cut);
}

/** The analyze facts of a byte stream (gzip is the caller's business), in one pass and bounded memory. */
export async function logFactsFromByteStream(
  input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream,
  options: LogFactsOptions = {},
): Promise<{ facts: LogFacts; diagnostics: Diagnostic[] }> {
  const collector = new LogFactsCollector(options);
  const splitter = new FactsLineSplitter(collector, options.scanner);
  for await (const chunk of input as AsyncIterable<string | Buffer>) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return finish(collector, splitter);
}

/** Reads b[start, end) of a file (end: Infinity for all of it) through a collector, with plain reads into one buffer. */
function readRange(path: string, start: number, end: number, splitter: FactsLineSplitter): void {
  const fd = openSync(path, 'r');
  try {
    // straight into the WebAssembly scanner's memory when there is one (no copy)
    const buf = splitter.readBuffer() ?? Buffer.allocUnsafe(READ_CHUNK);
    let pos = start;
    while (pos < end) {
      const n = readSync(fd, buf, 0, Math.min(READ_CHUNK, end - pos), pos);
      if (n <= 0) break;
      pos += n;
      splitter.push(n === buf.length ? buf : buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  splitter.end();
}

/** The analyze facts of a plain (not compressed) file on disk, read in chunks into one reused buffer. Throws when unreadable. */
export function logFactsFromFile(path: string, options: LogFactsOptions = {}): { facts: LogFacts; diagnostics: Diagnostic[] } {
  const collector = new LogFactsCollector(options);
  const splitter = new FactsLineSplitter(collector, options.scanner);
  readRange(path, 0, Number.POSITIVE_INFINITY, splitter);
  return finishFacts(resolveYear(collector.state(), undefined), splitter.cut);
}

/** What one thread carries from a segment to the next: the summarizer whose caches the next collector takes over. */
export interface FactsCarry {
  caches?: LogSummarizer;
}

/** One segment [start, end) of a file (cut just after a newline), read on its own: the unit of work of a worker thread. */
export function readFactsSegment(path: string, start: number, end: number, options: FactsSegmentOptions = {}, carry?: FactsCarry): FactsSegment {
  const collector = new LogFactsCollector(options);
  if (carry !== undefined) {
    if (carry.caches !== undefined) collector.adoptCaches(carry.caches);
    carry.caches = collector.cacheSource;
  }
  const splitter = new FactsLineSplitter(collector, options.scanner);
  readRange(path, start, end, splitter);
  return { state: collector.state(), lines: splitter.lines, cut: splitter.cut };
}

/**
 * The facts of a file from its segments read apart (`segments[k]` = [cuts[k], cuts[k + 1]), or already merged in
 * order), or, when they cannot be merged exactly (see mergeFactsStates), from one pass over the file.
 */
export function logFactsFromSegments(path: string, segments: readonly FactsSegment[] | FactsMerger, options: LogFactsOptions = {}): { facts: LogFacts; diagnostics: Diagnostic[] } {
  let merger = segments as FactsMerger;
  if (!(segments instanceof FactsMerger)) {
    merger = new FactsMerger();
    for (const s of segments) merger.add(s);
  }
  const merged = merger.result();
  return merged === undefined ? logFactsFromFile(path, options) : finishFacts(merged.state, merged.cut);
}
