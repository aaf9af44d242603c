// Mergeable histogram of non-negative millisecond timers for percentiles in bounded memory: exact below 1024 ms,
// then 64 log-linear buckets per power of two (under 1.6 % error). Partial histograms (worker ranges) add up.

import { addDenseCounts, asCount } from '../parsers/haproxy-log/line-scanner.js';

const EXACT = 1024;
const SUB_BITS = 6;
const SUB = 1 << SUB_BITS;
const SIZE = EXACT + (53 - 10) * SUB;

export function bucketOf(v: number): number {
  if (v < EXACT) return v | 0;
  if (v < 2147483648 && Math.floor(v) === v) {
    // integers (every timer HAProxy writes): the same bucket by bit arithmetic, without log2 and powers
    const ei = 31 - Math.clz32(v);
    return EXACT + (ei - 10) * SUB + Math.min(SUB - 1, (v >>> (ei - SUB_BITS)) - SUB);
  }
  const e = Math.min(52, Math.floor(Math.log2(v)));
  const sub = Math.floor(v / 2 ** (e - SUB_BITS)) - SUB;
  return EXACT + (e - 10) * SUB + Math.min(SUB - 1, Math.max(0, sub));
}

/** Lowest value of a bucket. */
export function bucketFloor(i: number): number {
  if (i < EXACT) return i;
  const e = 10 + Math.floor((i - EXACT) / SUB);
  const sub = (i - EXACT) % SUB;
  return (SUB + sub) * 2 ** (e - SUB_BITS);
}

export class Histogram {
  readonly counts = new Float64Array(SIZE);
  /** Buckets in use (toSparse reads those only: it runs once per worker segment). */
  private readonly used: number[] = [];
  count = 0;
  max = -1;

  add(v: number): void {
    if (!(v >= 0)) return;
    const b = bucketOf(v);
    const n = this.counts[b]!;
    if (n === 0) this.used.push(b);
    this.counts[b] = n + 1;
    this.count++;
    if (v > this.max) this.max = v;
  }

  /** Adds timers[0, n) to hs[0, n): one call per line (the per-line observer is too large for V8 to inline five). */
  static addEach(hs: readonly Histogram[], timers: Float64Array, n: number): void {
    for (let k = 0; k < n; k++) hs[k]!.add(timers[k]!);
  }

  /** Sparse form for messages between threads: [bucket, count, ...], buckets ascending. */
  toSparse(): { pairs: number[]; count: number; max: number } {
    const pairs: number[] = [];
    for (const i of this.used.slice().sort((a, b) => a - b)) pairs.push(i, this.counts[i]!);
    return { pairs, count: this.count, max: this.max };
  }

  addSparse(s: { pairs: number[]; count: number; max: number }): void {
    for (let k = 0; k + 1 < s.pairs.length; k += 2) {
      const b = s.pairs[k]!;
      const n = s.pairs[k + 1]!;
      if (this.counts[b] === 0 && n > 0) this.used.push(b);
      this.counts[b]! += n;
    }
    this.count += s.count;
    if (s.max > this.max) this.max = s.max;
  }

  /** Adds bucket counts made elsewhere (the WebAssembly module's, same buckets). */
  addCounts(h: { counts: Float64Array; count: number; max: number }): void {
    addDenseCounts(this.counts, this.used, h.counts);
    this.count += asCount(h.count);
    if (h.max > this.max) this.max = asCount(h.max);
  }

  /** Value at or below which `q` (0..1) of the samples lie (bucket floor above 1023 ms). */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < SIZE; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(bucketFloor(i), this.max);
    }
    return this.max;
  }
}
