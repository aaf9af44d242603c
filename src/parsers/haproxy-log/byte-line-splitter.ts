// Lines of raw byte chunks for LogSummarizer.addBytes (`logs`) or LogFactsCollector.addBytes (analyze, through
// FactsLineSplitter), never decoded. Lines longer than MAX_LINE_LENGTH bytes are cut there (the rest is skipped up to
// the newline) and counted in `cut`.
// With the WebAssembly line scanner (the default where WebAssembly runs), the lines of a chunk are cut and their
// traffic lines read in one call per batch of lines (a chunk outside the scanner's memory is copied into it first).
// The module then counts the traffic lines itself when the summarizer lets it (`logs` without filters): they never
// reach TypeScript one by one, and the summarizer takes the counts over in bulk (addCounted) when the range ends,
// when the module's tables fill, or when another splitter of the thread needs the module. Otherwise the sink counts
// them from the records (addScanned). Event lines it knows come back counted, or to keep (addKeptEvent) while
// the report keeps events. Every other line goes through addBytes as before.
import { ChunkLineSplitter } from '../../bundle/byte-lines.js';
import { MAX_LINE_LENGTH } from '../../model/text-lines.js';
import { EVENTS_OFF, R_KIND, R_NL, R_START, RECORD_COUNTED, RECORD_KEPT_EVENT, RECORD_SLOW, lineScanner, type AggregatesOwner, type CountedTraffic, type LineScanner } from './line-scanner.js';

export interface ByteLineSink {
  /** The line b[start, end); `view` is a DataView on the bytes of `b` (same offsets), made once per chunk. */
  addBytes(b: Uint8Array, start: number, end: number, lineNumber: number, view: DataView): unknown;
}

/** A sink that also takes the scanner's traffic records (LogSummarizer, LogFactsCollector). */
export interface ScannedLineSink extends ByteLineSink {
  /** Gives the scanner the sink's cached syslog prefix (before each batch: the sink's is the one kept up to date). */
  prepareScanner(scanner: LineScanner): void;
  /** Counts the traffic line of record `o` of `records` (offsets into `b`). */
  addScanned(b: Uint8Array, view: DataView, records: Int32Array, o: number, lineNumber: number): unknown;
  /** Whether the module may count lines for it (then a CountingLineSink: taken over by addCounted). */
  readonly takesCounted: boolean;
}

/** A sink the module may count lines for (LogSummarizer with the `logs` observer and no filters). */
export interface CountingLineSink extends ScannedLineSink {
  /** Whether that many more servers and minutes fit its tables. */
  roomFor(servers: number, minutes: number): boolean;
  /** What the module may do with the event lines it was given (LogSummarizer.eventsMode). */
  readonly eventsMode: number;
  addCounted(c: CountedTraffic): void;
  /** An event line or a warning the module handed back to keep: record `o` of `records` (LogSummarizer.addKeptEvent). */
  addKeptEvent(b: Uint8Array, view: DataView, records: Int32Array, times: Float64Array, o: number, lineNumber: number): unknown;
}

/** The module's tables are handed over when this full (they hold twice as much: a batch of lines fits after it). */
const TAKE_OVER_SERVERS = 1024;
const TAKE_OVER_MINUTES = 4096;
/** Lines of the first batch of a splitter. */
const FIRST_BATCH = 64;

export class ByteLineSplitter extends ChunkLineSplitter implements AggregatesOwner {
  /** Lines handed to the sink so far. */
  lines = 0;
  /** Lines cut at MAX_LINE_LENGTH. */
  cut = 0;
  private readonly scanner: LineScanner | undefined;
  /** Whether the module counts traffic lines (until the sink's tables could fill). */
  private counting: boolean;

  /**
   * `scanner`: null reads every line in TypeScript (default: this thread's, when WebAssembly runs here). `keepBytes`:
   * bytes of a line kept across chunks (see ChunkLineSplitter; emit() cuts lines at MAX_LINE_LENGTH of them).
   */
  constructor(
    private readonly sink: ByteLineSink | ScannedLineSink | CountingLineSink,
    scanner?: LineScanner | null,
    keepBytes = MAX_LINE_LENGTH + 1,
  ) {
    super(keepBytes);
    // the scanner's records do not cut lines: only for lines it reads whole
    if (scanner === undefined) scanner = lineScanner() ?? null;
    this.scanner = scanner !== null && 'addScanned' in sink && scanner.maxLine <= MAX_LINE_LENGTH ? scanner : undefined;
    this.counting = this.scanner !== undefined && (sink as ScannedLineSink).takesCounted;
  }

  /** Hands what the module counted for this splitter over to the sink, and empties the module's tables. */
  takeCounted(): void {
    const scanner = this.scanner;
    if (scanner === undefined || scanner.owner !== this) return;
    (this.sink as CountingLineSink).addCounted(scanner.counted());
    scanner.resetAggregates();
  }

  override end(): void {
    super.end();
    if (this.scanner?.owner === this) {
      this.takeCounted();
      this.scanner.owner = undefined;
    }
  }

  /** Where to read the next chunk to push without a copy (the scanner's memory), if anywhere. */
  readBuffer(): Buffer | undefined {
    return this.scanner?.chunk;
  }

  override push(chunk: Buffer): void {
    const scanner = this.scanner;
    if (scanner === undefined || scanner.owns(chunk)) {
      super.push(chunk);
      return;
    }
    const size = scanner.chunk.length;
    for (let o = 0; o < chunk.length; o += size) {
      const n = Math.min(size, chunk.length - o);
      scanner.chunk.set(chunk.subarray(o, o + n));
      super.push(n === size ? scanner.chunk : scanner.chunk.subarray(0, n));
    }
  }

  protected override emitLines(chunk: Buffer, start: number): number {
    const scanner = this.scanner;
    if (scanner === undefined || !scanner.owns(chunk)) return super.emitLines(chunk, start);
    // (a CountingLineSink whenever this.counting)
    const sink = this.sink as CountingLineSink;
    const b = scanner.bytes;
    const view = scanner.view;
    const records = scanner.records;
    const stride = scanner.stride;
    const end = chunk.length;
    for (;;) {
      if (this.counting) {
        if (scanner.owner !== this) {
          scanner.owner?.takeCounted();
          scanner.owner = this;
        }
        // a batch adds at most maxRecords servers and minutes: the module stops counting before the sink's tables
        // could fill, so that the lines dropped for want of room are the ones the sink alone would drop
        if (!sink.roomFor(scanner.countedServers + scanner.maxRecords, scanner.countedMinutes + scanner.maxRecords)) {
          this.takeCounted();
          this.counting = false;
        } else if (scanner.countedServers >= TAKE_OVER_SERVERS || scanner.countedMinutes >= TAKE_OVER_MINUTES) this.takeCounted();
      }
      scanner.setAggregating(this.counting);
      sink.prepareScanner(scanner);
      scanner.setEventCounting(this.counting ? sink.eventsMode : EVENTS_OFF);
      const base = this.lines;
      // a short first batch: the module knows the syslog prefix only once the sink has read a line with it
      const limit = base < FIRST_BATCH ? FIRST_BATCH : scanner.maxRecords;
      const count = scanner.scanLines(start, end, base, limit);
      for (let k = 0, o = 0; k < count; k++, o += stride) {
        const kind = records[o + R_KIND]!;
        if (kind === RECORD_COUNTED) continue;
        this.lines = base + k;
        if (kind === RECORD_SLOW) this.emitUpTo(b, view, records[o + R_START]!, records[o + R_NL]!);
        else if (kind >= RECORD_KEPT_EVENT) sink.addKeptEvent(b, view, records, scanner.recordTimes, o, ++this.lines);
        else sink.addScanned(b, view, records, o, ++this.lines);
      }
      this.lines = base + count;
      start = scanner.stoppedAt();
      if (count < limit) return start;
    }
  }

  protected emit(b: Uint8Array, view: DataView, start: number, end: number): void {
    if (end - start > MAX_LINE_LENGTH) {
      end = start + MAX_LINE_LENGTH;
      this.cut++;
    } else if (end > start && b[end - 1] === 13) end--;
    this.sink.addBytes(b, start, end, ++this.lines, view);
  }
}
