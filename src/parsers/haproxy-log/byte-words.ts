// Word-at-a-time helpers for the byte path: searching, hashing and comparing four bytes per step through a DataView.
// In V8 a per-byte loop over a Uint8Array costs about as much per byte as one of these steps costs per word.
// `dv` is always a DataView on the same bytes as `b`, with the same offsets. And latin1(), the string of a byte range.

const ONES = 0x01010101;
const HIGHS = 0x80808080 | 0;

/** `byte` in each of the four bytes of a word, the `pattern` of {@link indexOfByte}. */
export function wordOf(byte: number): number {
  return Math.imul(byte & 255, ONES);
}

/**
 * First index in [i, end) holding `byte`, or `end`; `pattern` = wordOf(byte). A word of x ^ pattern has a zero byte
 * where `byte` is, and (x - ONES) & ~x & HIGHS flags the first zero byte exactly (little endian: the lowest flag is
 * the earliest byte; only bytes after it may be flagged wrongly).
 */
export function indexOfByte(b: Uint8Array, dv: DataView, pattern: number, byte: number, i: number, end: number): number {
  while (i + 4 <= end) {
    const x = dv.getInt32(i, true) ^ pattern;
    const m = (x - ONES) & ~x & HIGHS;
    if (m !== 0) return i + ((31 - Math.clz32(m & -m)) >> 3);
    i += 4;
  }
  // (a branch-free last word, read up to `end` and masked below i, avoids this loop but costs more per line)
  while (i < end && b[i] !== byte) i++;
  return i;
}

/** Hash of b[a, c), a small integer (a cheap Map key, and its low bits fit an open-addressing mask). */
export function hashWords(b: Uint8Array, dv: DataView, a: number, c: number): number {
  let h = 0x811c9dc5 ^ (c - a);
  let i = a;
  for (; i + 4 <= c; i += 4) {
    h = Math.imul(h ^ dv.getInt32(i, true), 0x9e3779b1);
    h = (h << 13) | (h >>> 19);
  }
  for (; i < c; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  // final mix: the low bits (the table slot) depend on every byte
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & 0x3fffffff;
}

/** Whether b[a, c) holds the bytes of `key` (`keyView` a DataView on them). */
export function sameWords(b: Uint8Array, dv: DataView, a: number, c: number, key: Uint8Array, keyView: DataView): boolean {
  const len = c - a;
  if (key.length !== len) return false;
  let k = 0;
  for (; k + 4 <= len; k += 4) if (dv.getInt32(a + k, true) !== keyView.getInt32(k, true)) return false;
  for (; k < len; k++) if (key[k] !== b[a + k]) return false;
  return true;
}

/** b[a, c) as a string, a character per byte (the byte path's ASCII fields and timestamps). */
export function latin1(b: Uint8Array, a: number, c: number): string {
  return Buffer.from(b.buffer, b.byteOffset + a, c - a).toString('latin1');
}
