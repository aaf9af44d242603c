// Cuts raw byte chunks into lines without decoding them: newlines are found with Buffer.indexOf (memchr) and each
// line is handed over as offsets into its chunk; only a line spanning two chunks is copied, and only its first `keep`
// bytes (the rest is skipped up to its newline). The string counterpart is feedLines (line-stream.ts).

export abstract class ChunkLineSplitter {
  /** Bytes pushed so far. */
  bytes = 0;
  private carry = Buffer.allocUnsafe(4096);
  private carryLen = 0;
  private skipping = false;

  /** `keep`: the most bytes of one line handed to emit(); a longer line is handed over cut there. */
  constructor(private readonly keep: number) {}

  /** The line b[start, end) without its newline (cut at `keep` bytes); `view` is a DataView on the same bytes. */
  protected abstract emit(b: Uint8Array, view: DataView, start: number, end: number): void;

  /** The carried line (a new view each time: the carry buffer may have been replaced). */
  private emitCarry(): void {
    const carried = new Uint8Array(this.carry.buffer, this.carry.byteOffset, this.carryLen);
    this.emit(carried, new DataView(carried.buffer, carried.byteOffset, carried.byteLength), 0, this.carryLen);
  }

  private append(chunk: Uint8Array, start: number, end: number): void {
    const n = Math.min(this.keep - this.carryLen, end - start);
    if (this.carryLen + n > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.keep, Math.max(this.carry.length * 2, this.carryLen + n)));
      this.carry.copy(grown, 0, 0, this.carryLen);
      this.carry = grown;
    }
    this.carry.set(chunk.subarray(start, start + n), this.carryLen);
    this.carryLen += n;
    if (this.carryLen >= this.keep) this.skipping = true;
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
    start = this.emitLines(chunk, start);
    if (start < n) this.append(chunk, start, n);
  }

  /** Emits the complete lines of chunk[start, ...); returns where the incomplete last one starts (or the length). */
  protected emitLines(chunk: Buffer, start: number): number {
    // a plain Uint8Array view: element loads on it are cheaper in V8 than on a Buffer
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.length);
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) return start;
      this.emitUpTo(bytes, view, start, nl);
      start = nl + 1;
    }
  }

  /** Emits the line b[start, nl) (nl: its newline), cut at `keep` bytes. */
  protected emitUpTo(b: Uint8Array, view: DataView, start: number, nl: number): void {
    this.emit(b, view, start, nl - start > this.keep ? start + this.keep : nl);
  }

  /** Flushes a last line without a newline. */
  end(): void {
    if (this.carryLen > 0 || this.skipping) this.emitCarry();
    this.carryLen = 0;
    this.skipping = false;
  }
}
