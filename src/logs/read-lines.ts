// Lines of raw byte chunks for LogSummarizer.addBytes, never decoded. Lines longer than MAX_LINE_LENGTH bytes are cut
// there (the rest is skipped up to the newline) and counted in `cut`.
import { ChunkLineSplitter } from '../bundle/byte-lines.js';
import { MAX_LINE_LENGTH } from '../model/text-lines.js';

export interface ByteLineSink {
  /** The line b[start, end); `view` is a DataView on the bytes of `b` (same offsets), made once per chunk. */
  addBytes(b: Uint8Array, start: number, end: number, lineNumber: number, view: DataView): unknown;
}

export class ByteLineSplitter extends ChunkLineSplitter {
  /** Lines handed to the sink so far. */
  lines = 0;
  /** Lines cut at MAX_LINE_LENGTH. */
  cut = 0;

  constructor(private readonly sink: ByteLineSink) {
    super(MAX_LINE_LENGTH + 1);
  }

  protected emit(b: Uint8Array, view: DataView, start: number, end: number): void {
    if (end - start > MAX_LINE_LENGTH) {
      end = start + MAX_LINE_LENGTH;
      this.cut++;
    } else if (end > start && b[end - 1] === 13) end--;
    this.sink.addBytes(b, start, end, ++this.lines, view);
  }
}
