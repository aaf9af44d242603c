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
import { lineScanModule, lineScanner } from '../parsers/haproxy-log/line-scanner.js';
import type { LogsFilters } from './observer.js';
import { RangeReader, compileTaskFormats, readFileRange, type LogFormatSpec, type RangeResult, type RangeTask, type SegmentCarry, type SegmentTask } from './range.js';
import { LogsAccumulator, type InputReport, type LogsReport } from './report.js';

/** Files below this size are read on one thread: a worker costs tens of ms to start. */
export const PARALLEL_MIN_BYTES = 32 << 20;
/**
 * The same with the WebAssembly line scanner, which reads one thread's share several times faster: a worker pays off
 * only once the file outlasts its start (75-100 ms under load, during which the main thread slows down too). Measured
 * on the bench log and parts of it, 2 CPUs, one thread against two: 50 MB 0.24 s against 0.28 s; 90 MB 0.30 s against
 * 0.31 s; 177 MB 0.43 s against 0.39 s; 354 MB 0.63 s against 0.55 s.
 */
export const SCANNED_PARALLEL_MIN_BYTES = 128 << 20;

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
  /** Tests: files from this size on are read on several threads (default {@link PARALLEL_MIN_BYTES}). */
  parallelMinBytes?: number;
  /** Tests: size of the segments threads take in turn (default: shrinking shares of what is left, 4 to 64 MB). */
  segmentBytes?: number;
}

export function defaultWorkerUrl(): URL | undefined {
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
  const targets: number[] = [];
  for (let k = 1; k < parts; k++) targets.push(Math.floor((size * k) / parts));
  return cutsAtNewlines(file, size, targets);
}

/** [0, cuts near the ascending `targets`, each just after a newline, size]. */
export function cutsAtNewlines(file: string, size: number, targets: readonly number[]): number[] {
  const cuts = [0];
  const fd = openSync(file, 'r');
  try {
    const probe = Buffer.allocUnsafe(64 * 1024);
    for (const target of targets) {
      let pos = Math.max(target, cuts[cuts.length - 1]!);
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

/**
 * Segment ends for `threads` threads taking segments in turn, shrinking as the file is consumed (guided
 * scheduling): each is 1 / threads of what is left, so the first are large and the last small (threads finish
 * together, whatever their speed: a thread still starting or slowed by other work takes fewer). Few segments: each
 * costs its thread a new summary and a warm-up (measured: 2 x 89 MB beat 13 segments of 44 down to 4 MB by 10-15 %
 * on a 177 MB log, 2 threads).
 */
export function guidedTargets(size: number, threads: number, minBytes: number, maxBytes: number): number[] {
  const targets: number[] = [];
  let pos = 0;
  for (;;) {
    pos += Math.min(maxBytes, Math.max(minBytes, Math.ceil((size - pos) / threads)));
    if (pos >= size) break;
    targets.push(pos);
  }
  return targets;
}

export const MIN_SEGMENT_BYTES = 16 << 20;
export const MAX_SEGMENT_BYTES = 256 << 20;

/** A worker reading segments of `task.cuts` until none is left; resolves when it exits (results come by `onResult`). */
function runWorker(url: URL, task: SegmentTask, onResult: (index: number, result: RangeResult) => void, onProgress: (bytes: number) => void): Promise<void> {
  return new Promise((resolve) => {
    // a small young generation: the worker allocates little per line, and peak RSS counts (<= 150 MB on a 2 GB log)
    const worker = new Worker(url, { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    worker.on('message', (m: { progress?: number; index?: number; result?: RangeResult }) => {
      if (m.progress !== undefined) onProgress(m.progress);
      if (m.result !== undefined && m.index !== undefined) onResult(m.index, m.result);
    });
    // a worker that cannot start (or dies) costs speed, not the result: segments without a result are read after
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve());
  });
}

async function readStream(stream: Readable | NodeJS.ReadableStream, label: string, options: LogsRunOptions, counter?: { bytes: number }): Promise<RangeResult> {
  const reader = new RangeReader(label, options.filters ?? {}, options.year, await compileTaskFormats(options.logFormats));
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

/**
 * Reads one input; `emit` gets its results in file order, each as soon as the ones before it are in (memory: a
 * merged segment result is dropped at once, whatever the number of segments). Throws only before the first result.
 */
async function readOne(file: string, options: LogsRunOptions, progress: (bytes: number) => void, emit: (result: RangeResult) => void): Promise<void> {
  const filters = options.filters ?? {};
  if (file === '-') return emit(await readStream(options.stdin ?? process.stdin, '-', options));
  if (file.endsWith('.gz')) {
    const raw = createReadStream(file, { highWaterMark: 1 << 20 });
    const counter = { bytes: 0 };
    raw.on('data', (c: Buffer | string) => {
      counter.bytes += c.length;
      progress(c.length);
    });
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    return emit(await readStream(raw.pipe(gunzip), file, options, counter));
  }
  const size = statSync(file).size;
  const minParallel = options.parallelMinBytes ?? (lineScanner() ? SCANNED_PARALLEL_MIN_BYTES : PARALLEL_MIN_BYTES);
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(8, availableParallelism()), Math.ceil(size / Math.min(minParallel, 8 << 20))));
  const url = options.workerUrl ?? defaultWorkerUrl();
  const base: Omit<RangeTask, 'start' | 'end'> = {
    file,
    label: file,
    filters,
    ...(options.year !== undefined && { year: options.year }),
    ...(options.logFormats?.length && { logFormats: options.logFormats }),
  };
  const formats = await compileTaskFormats(options.logFormats);
  if (threads <= 1 || size < minParallel || url === undefined) {
    return emit(readFileRange({ ...base, start: 0, end: size }, progress, formats));
  }
  // Segments cut at newlines, handed out by a shared counter: the main thread starts on them while the workers
  // boot, and a thread slowed by other work on the machine simply takes fewer. Results merge in file order.
  const cuts =
    options.segmentBytes !== undefined
      ? splitAtNewlines(file, size, Math.ceil(size / options.segmentBytes))
      : cutsAtNewlines(file, size, guidedTargets(size, threads, MIN_SEGMENT_BYTES, MAX_SEGMENT_BYTES));
  const segments = cuts.length - 1;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const results: (RangeResult | undefined)[] = new Array<RangeResult | undefined>(segments).fill(undefined);
  let emitted = 0;
  const arrived = (k: number, r: RangeResult) => {
    results[k] = r;
    for (let r2 = results[emitted]; r2 !== undefined && emitted < segments; r2 = results[emitted]) {
      results[emitted++] = undefined;
      emit(r2);
    }
  };
  const workers: Promise<void>[] = [];
  const lineScan = lineScanModule();
  const eventsKept = new SharedArrayBuffer(4 * segments);
  const task: SegmentTask = { ...base, cuts, next: next.buffer as SharedArrayBuffer, eventsKept, ...(lineScan && { lineScan }) };
  for (let w = 1; w < threads; w++) workers.push(runWorker(url, task, arrived, progress));
  const carry: SegmentCarry = {};
  for (;;) {
    const k = Atomics.add(next, 0, 1);
    if (k >= segments) break;
    arrived(k, readFileRange({ ...base, start: cuts[k]!, end: cuts[k + 1]!, eventsKept, index: k }, progress, formats, carry));
    // hear the workers (progress, results) between segments
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  // segments of a worker that died are read here
  while (emitted < segments) arrived(emitted, readFileRange({ ...base, start: cuts[emitted]!, end: cuts[emitted + 1]!, eventsKept, index: emitted }, progress, formats, carry));
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
    let lineOffset = 0;
    const input: InputReport = { file, bytes: 0, lines: 0 };
    let cut = 0;
    try {
      await readOne(file, options, progress, (r) => {
        acc.add(r, lineOffset);
        lineOffset += r.lines;
        input.bytes += r.bytes;
        cut += r.cut;
        if (r.compressedBytes !== undefined) input.compressedBytes = r.compressedBytes;
        if (r.error !== undefined && input.error === undefined) input.error = r.error;
      });
    } catch (e) {
      acc.inputs.push({ file, bytes: 0, lines: 0, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    input.lines = lineOffset;
    if (cut > 0) input.cutLines = cut;
    acc.inputs.push(input);
  }
  return acc.report();
}
