// Cuts raw byte chunks into lines for LogSummarizer.addBytes without decoding them: lines are found with
// Buffer.indexOf (memchr) and handed over as offsets; only a line spanning two chunks is copied. Lines longer than
// MAX_LINE_LENGTH bytes are cut there (the rest is skipped up to the newline) and counted in `cut`.
import { MAX_LINE_LENGTH } from '../model/text-lines.js';

export interface ByteLineSink {
  /** The line b[start, end); `view` is a DataView on the bytes of `b` (same offsets), made once per chunk. */
  addBytes(b: Uint8Array, start: number, end: number, lineNumber: number, view: DataView): unknown;
}

export class ByteLineSplitter {
  /** Lines handed to the sink so far. */
  lines = 0;
  /** Lines cut at MAX_LINE_LENGTH. */
  cut = 0;
  bytes = 0;
  private carry = Buffer.allocUnsafe(4096);
  private carryLen = 0;
  private skipping = false;

  constructor(private readonly sink: ByteLineSink) {}

  private emit(b: Uint8Array, view: DataView, start: number, end: number): void {
    if (end - start > MAX_LINE_LENGTH) {
      end = start + MAX_LINE_LENGTH;
      this.cut++;
    } else if (end > start && b[end - 1] === 13) end--;
    this.sink.addBytes(b, start, end, ++this.lines, view);
  }

  /** The carried line (a new view each time: the carry buffer may have been replaced). */
  private emitCarry(): void {
    const carried = new Uint8Array(this.carry.buffer, this.carry.byteOffset, this.carryLen);
    this.emit(carried, new DataView(carried.buffer, carried.byteOffset, carried.byteLength), 0, this.carryLen);
  }

  private append(chunk: Uint8Array, start: number, end: number): void {
    const room = MAX_LINE_LENGTH + 1 - this.carryLen;
    const n = Math.min(room, end - start);
    if (this.carryLen + n > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.min(MAX_LINE_LENGTH + 1, Math.max(this.carry.length * 2, this.carryLen + n)));
      this.carry.copy(grown, 0, 0, this.carryLen);
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(start, start + n), this.carryLen);
    this.carryLen += n;
    if (this.carryLen > MAX_LINE_LENGTH) this.skipping = true;
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    let start = 0;
    const n = chunk.length;
    // (both fields read on every chunk: a branch never taken would deoptimise the hot loop on a new reader)
    if (this.skipping || this.carryLen > 0) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        if (!this.skipping) this.append(chunk, 0, n);
        return;
      }
      if (!this.skipping) this.append(chunk, 0, nl);
      this.emitCarry();
      this.carryLen = 0;
      this.skipping = false;
      start = nl + 1;
    }
    // a plain Uint8Array view: element loads on it are cheaper in V8 than on a Buffer
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, n);
    const view = new DataView(chunk.buffer, chunk.byteOffset, n);
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      this.emit(bytes, view, start, nl);
      start = nl + 1;
    }
    if (start < n) this.append(chunk, start, n);
  }

  /** Flushes a last line without a newline. */
  end(): void {
    if (this.carryLen > 0 || this.skipping) this.emitCarry();
    this.carryLen = 0;
    this.skipping = false;
  }
}
