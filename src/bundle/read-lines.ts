// Streams a bundle file as bounded lines (gunzipping .gz), so memory does not grow with file or line size.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { MAX_LINE_LENGTH, type SourceLine } from '../model/text-lines.js';

export function openByteStream(absolutePath: string): Readable {
  const raw = createReadStream(absolutePath);
  return absolutePath.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/** Lines of a byte stream, 1-based, CR before LF dropped, each cut at MAX_LINE_LENGTH. */
export async function* readLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<SourceLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let pendingTruncated = false;
  let line = 1;
  const emit = (text: string, truncated: boolean): SourceLine => {
    const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
    return { line: line++, text: clean, truncated };
  };
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) break;
      const piece = text.slice(start, newline);
      if (pendingTruncated) {
        yield emit(pending, true);
      } else {
        const whole = pending + piece;
        yield whole.length > MAX_LINE_LENGTH ? emit(whole.slice(0, MAX_LINE_LENGTH), true) : emit(whole, false);
      }
      pending = '';
      pendingTruncated = false;
      start = newline + 1;
    }
    if (!pendingTruncated) {
      pending += text.slice(start);
      if (pending.length > MAX_LINE_LENGTH) {
        pending = pending.slice(0, MAX_LINE_LENGTH);
        pendingTruncated = true;
      }
    }
  }
  const tail = pending + (pendingTruncated ? '' : decoder.end());
  if (tail.length > 0) yield emit(tail.slice(0, MAX_LINE_LENGTH), pendingTruncated || tail.length > MAX_LINE_LENGTH);
}
