// Streams a bundle file as bounded lines (gunzipping .gz), so memory does not grow with file or line size.
// Lines are scanned in place in each decoded chunk: no string per line unless the sink makes one.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { MAX_LINE_LENGTH } from '../model/text-lines.js';
import type { BundleFile } from './bundle.js';

export function openByteStream(absolutePath: string): Readable {
  // Large chunks: the line scanner's cost is per chunk plus per byte.
  const raw = createReadStream(absolutePath, { highWaterMark: 1 << 20 });
  return absolutePath.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/** A bundle file's bytes wherever they live (disk or archive), gunzipped when its name ends in .gz. */
export function openFileStream(file: BundleFile): Readable {
  const raw = file.open();
  if (!file.path.endsWith('.gz')) return raw;
  const gunzip = createGunzip();
  // pipe() does not forward errors: an unreadable source must still end the consumer's loop.
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

/** What lines are fed to (LogSummarizer, LogFactsCollector, ...); `done` set to true stops the reading early. */
export interface LineSink {
  addRange(s: string, start: number, end: number, lineNumber: number): unknown;
  done?: boolean;
}

/**
 * Feeds a text stream (Buffers are decoded as UTF-8; gzip is the caller's business) into a sink, line by line,
 * without materialising lines: each chunk is scanned in place. Lines are cut at MAX_LINE_LENGTH.
 * Returns the number of lines cut.
 */
export async function feedLines(input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream, sink: LineSink): Promise<number> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let skipping = false; // inside an over-long line, dropping until its newline
  let line = 1;
  let cut = 0;
  const emit = (s: string, start: number, end: number) => {
    if (end > start && s.charCodeAt(end - 1) === 13) end--;
    sink.addRange(s, start, end, line++);
  };
  const onText = (text: string) => {
    let start = 0;
    const n = text.length;
    if (carry.length > 0 || skipping) {
      const nl = text.indexOf('\n');
      if (nl === -1) {
        if (!skipping) {
          carry += text;
          if (carry.length > MAX_LINE_LENGTH) {
            carry = carry.slice(0, MAX_LINE_LENGTH);
            skipping = true;
          }
        }
        return;
      }
      if (skipping) {
        cut++;
        emit(carry, 0, carry.length);
      } else {
        let whole = carry + text.slice(0, nl);
        if (whole.length > MAX_LINE_LENGTH) {
          whole = whole.slice(0, MAX_LINE_LENGTH);
          cut++;
        }
        emit(whole, 0, whole.length);
      }
      carry = '';
      skipping = false;
      start = nl + 1;
    }
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl === -1) break;
      if (nl - start > MAX_LINE_LENGTH) {
        cut++;
        emit(text, start, start + MAX_LINE_LENGTH);
      } else emit(text, start, nl);
      start = nl + 1;
    }
    if (start < n) {
      carry = text.slice(start);
      if (carry.length > MAX_LINE_LENGTH) {
        carry = carry.slice(0, MAX_LINE_LENGTH);
        skipping = true;
      }
    }
  };
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    onText(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (sink.done) return cut;
  }
  const tail = decoder.end();
  if (tail) onText(tail);
  if (carry.length > 0 || skipping) {
    if (skipping) cut++;
    emit(carry, 0, carry.length);
  }
  return cut;
}
