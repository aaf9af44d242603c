// The `logs` pass over several inputs in time order: large regular files are split at newlines into byte ranges
// read by worker threads (the main thread reads the first one), .gz files and stdin are streamed on one thread.
// Memory: one read buffer per thread and bounded aggregates, whatever the size of the logs.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { inTimeOrder } from '../bundle/rotation-order.js';
import type { LogsFilters } from './observer.js';
import { RangeReader, readFileRange, type LogFormatSpec, type RangeResult, type RangeTask } from './range.js';
import { LogsAccumulator, type InputReport, type LogsReport } from './report.js';

/** Files below this size are read on one thread: a worker costs tens of ms to start. */
export const PARALLEL_MIN_BYTES = 32 << 20;

export interface LogsRunOptions {
  filters?: LogsFilters;
  year?: number;
  /** Custom log formats tried after the default ones (from `--config haproxy.cfg`). */
  logFormats?: LogFormatSpec[];
  /** Threads for large files; default: available parallelism (at most 8); 1 = no worker. */
  threads?: number;
  stdin?: NodeJS.ReadableStream;
  /** Called with (bytes read so far, total bytes known) now and then. */
  onProgress?: (done: number, total: number) => void;
  /** Worker script; default: logs-worker.js beside the running bundle (absent when run from sources: no workers). */
  workerUrl?: URL;
}

function defaultWorkerUrl(): URL | undefined {
  // dist/cli.js, or a code-split chunk under dist/chunks/
  for (const candidate of ['./logs-worker.js', '../logs-worker.js']) {
    try {
      const url = new URL(candidate, import.meta.url);
      if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
    } catch {
      // not a file URL (bundled elsewhere): no workers
    }
  }
  return undefined;
}

/** Byte offsets that cut [0, size) into about `parts` ranges, each starting just after a newline. */
export function splitAtNewlines(file: string, size: number, parts: number): number[] {
  const cuts = [0];
  const fd = openSync(file, 'r');
  try {
    const probe = Buffer.allocUnsafe(64 * 1024);
    for (let k = 1; k < parts; k++) {
      let pos = Math.max(Math.floor((size * k) / parts), cuts[cuts.length - 1]!);
      let found = -1;
      // bounded: a line longer than the probe moves on probe by probe up to the end
      while (pos < size && found < 0) {
        const n = readSync(fd, probe, 0, probe.length, pos);
        if (n <= 0) break;
        const nl = probe.subarray(0, n).indexOf(10);
        if (nl >= 0) found = pos + nl + 1;
        else pos += n;
      }
      if (found < 0 || found >= size) break;
      if (found > cuts[cuts.length - 1]!) cuts.push(found);
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(size);
  return cuts;
}

function runWorker(url: URL, task: RangeTask, onProgress: (bytes: number) => void): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: task });
    let result: RangeResult | undefined;
    worker.on('message', (m: { progress?: number; result?: RangeResult }) => {
      if (m.progress !== undefined) onProgress(m.progress);
      if (m.result !== undefined) result = m.result;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (result ? resolve(result) : reject(new Error(`log worker exited with code ${code}`))));
  });
}

async function readStream(stream: Readable | NodeJS.ReadableStream, label: string, options: LogsRunOptions, counter?: { bytes: number }): Promise<RangeResult> {
  const reader = new RangeReader(label, options.filters ?? {}, options.year, options.logFormats);
  let error: string | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      reader.splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  return reader.result({ ...(error !== undefined && { error }), ...(counter && { compressedBytes: counter.bytes }) });
}

async function readOne(file: string, options: LogsRunOptions, progress: (bytes: number) => void): Promise<RangeResult[]> {
  const filters = options.filters ?? {};
  if (file === '-') return [await readStream(options.stdin ?? process.stdin, '-', options)];
  if (file.endsWith('.gz')) {
    const raw = createReadStream(file, { highWaterMark: 1 << 20 });
    const counter = { bytes: 0 };
    raw.on('data', (c: Buffer | string) => {
      counter.bytes += c.length;
      progress(c.length);
    });
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    return [await readStream(raw.pipe(gunzip), file, options, counter)];
  }
  const size = statSync(file).size;
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(8, availableParallelism()), Math.ceil(size / (8 << 20))));
  const url = options.workerUrl ?? defaultWorkerUrl();
  const base: Omit<RangeTask, 'start' | 'end'> = {
    file,
    label: file,
    filters,
    ...(options.year !== undefined && { year: options.year }),
    ...(options.logFormats?.length && { logFormats: options.logFormats }),
  };
  if (threads <= 1 || size < PARALLEL_MIN_BYTES || url === undefined) {
    return [readFileRange({ ...base, start: 0, end: size }, progress)];
  }
  const cuts = splitAtNewlines(file, size, threads);
  const others = [];
  for (let k = 1; k + 1 < cuts.length; k++) {
    const task: RangeTask = { ...base, start: cuts[k]!, end: cuts[k + 1]! };
    // a worker that cannot start (or dies) costs speed, not the result: its range is then read here
    others.push(runWorker(url, task, progress).catch(() => readFileRange(task)));
  }
  // the main thread reads the first range meanwhile; its progress stands for all ranges' (it cannot hear workers now)
  const ranges = cuts.length - 1;
  const first = readFileRange({ ...base, start: cuts[0]!, end: cuts[1]! }, (bytes) => progress(bytes * ranges));
  return [first, ...(await Promise.all(others))];
}

/** Reads `files` (`-` = stdin) oldest first and returns the merged report. Never throws on bad content. */
export async function runLogsAnalysis(files: string[], options: LogsRunOptions = {}): Promise<LogsReport> {
  const acc = new LogsAccumulator();
  let total = 0;
  for (const f of files) if (f !== '-') total += statSync(f, { throwIfNoEntry: false })?.size ?? 0;
  let done = 0;
  const progress = (bytes: number) => {
    done = Math.min(total, done + bytes);
    options.onProgress?.(done, total);
  };
  for (const file of inTimeOrder(files)) {
    let results: RangeResult[];
    try {
      results = await readOne(file, options, progress);
    } catch (e) {
      acc.inputs.push({ file, bytes: 0, lines: 0, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    let lineOffset = 0;
    const input: InputReport = { file, bytes: 0, lines: 0 };
    let cut = 0;
    for (const r of results) {
      acc.add(r, lineOffset);
      lineOffset += r.lines;
      input.bytes += r.bytes;
      cut += r.cut;
      if (r.compressedBytes !== undefined) input.compressedBytes = r.compressedBytes;
      if (r.error !== undefined && input.error === undefined) input.error = r.error;
    }
    input.lines = lineOffset;
    if (cut > 0) input.cutLines = cut;
    acc.inputs.push(input);
  }
  return acc.report();
}
