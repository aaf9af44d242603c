// analyze's log facts of a large plain file on disk, read by several threads as the `logs` pass reads it (run.ts):
// segments cut at newlines, taken in turn from a shared counter by the main thread and worker threads, each read
// alone (readFactsSegment), then merged exactly (mergeFactsStates) or, when they cannot be, read again in one pass.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../model/diagnostic.js';
import type { LogFacts } from '../model/haproxy-log.js';
import { logFactsFromFile, logFactsFromSegments, readFactsSegment, type FactsCarry, type LogFactsOptions } from '../parsers/haproxy-log/facts-bytes.js';
import { FactsMerger, type FactsSegment } from '../parsers/haproxy-log/facts-merge.js';
import { MAX_EVENTS } from '../parsers/haproxy-log/facts.js';
import { lineScanModule } from '../parsers/haproxy-log/line-scanner.js';
import { MAX_SEGMENT_BYTES, MIN_SEGMENT_BYTES, PARALLEL_MIN_BYTES, cutsAtNewlines, defaultWorkerUrl, guidedTargets, splitAtNewlines } from './run.js';

/** Work of a worker thread reading facts: the segments [cuts[k], cuts[k + 1]) of one file, k from the counter `next`. */
export interface FactsSegmentTask {
  facts: true;
  file: string;
  year: number;
  cuts: number[];
  next: SharedArrayBuffer;
  /** One Int32: set once the segments merged hold MAX_EVENTS events (later segments need keep none). */
  eventsFull: SharedArrayBuffer;
  /** The main thread's compiled line scanner (its machine code is shared, see lineScanModule). */
  lineScan?: WebAssembly.Module;
}

export interface LogFactsRunOptions extends LogFactsOptions {
  /** Threads; default: available parallelism (at most 8); 1 = no worker. */
  threads?: number;
  /** Worker script; default: logs-worker.js beside the running bundle (none when run from sources: one thread). */
  workerUrl?: URL;
  /** Files from this size on are read on several threads (default: as `logs`, PARALLEL_MIN_BYTES). */
  parallelMinBytes?: number;
  /** Tests: size of the segments (default: as `logs`, shrinking shares of what is left, 16 to 256 MB). */
  segmentBytes?: number;
}

function runWorker(url: URL, task: FactsSegmentTask, onResult: (index: number, segment: FactsSegment) => void): Promise<void> {
  return new Promise((resolve) => {
    // as the `logs` workers: a small young generation (little is allocated per line; peak RSS counts)
    const worker = new Worker(url, { workerData: task, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    worker.on('message', (m: { index?: number; facts?: FactsSegment }) => {
      if (m.index !== undefined && m.facts !== undefined) onResult(m.index, m.facts);
    });
    // a worker that cannot start (or dies) costs speed, not the result: its segments are read after
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve());
  });
}

/**
 * The analyze facts of a plain (not compressed) log file on disk: the same as logFactsFromFile, on several threads
 * when the file is large (as `logs` decides) and no custom log format is given (compiled matchers stay on this
 * thread). Throws when unreadable.
 */
export async function logFactsOfFile(path: string, options: LogFactsRunOptions = {}): Promise<{ facts: LogFacts; diagnostics: Diagnostic[] }> {
  const { threads: wanted, workerUrl, parallelMinBytes, segmentBytes, ...factsOptions } = options;
  if (factsOptions.formats !== undefined && factsOptions.formats.length > 0) return logFactsFromFile(path, factsOptions);
  const size = statSync(path).size;
  const minParallel = parallelMinBytes ?? PARALLEL_MIN_BYTES;
  const threads = Math.max(1, Math.min(wanted ?? Math.min(8, availableParallelism()), Math.ceil(size / Math.min(minParallel, 8 << 20))));
  const url = workerUrl ?? defaultWorkerUrl();
  if (threads <= 1 || size < minParallel || url === undefined) return logFactsFromFile(path, factsOptions);
  // one year for every thread (the summarizer's default is the current one)
  const year = factsOptions.year ?? new Date().getUTCFullYear();
  // set once the merge holds all the events kept: the segments not merged yet (all after it) need keep none
  const eventsFull = new Int32Array(new SharedArrayBuffer(4));
  const segmentOptions = { year, eventsFull };
  const cuts =
    segmentBytes !== undefined
      ? splitAtNewlines(path, size, Math.ceil(size / segmentBytes))
      : cutsAtNewlines(path, size, guidedTargets(size, threads, MIN_SEGMENT_BYTES, MAX_SEGMENT_BYTES));
  const count = cuts.length - 1;
  const next = new Int32Array(new SharedArrayBuffer(4));
  // segments merged in file order as soon as the ones before them are in: only the merge and early arrivals are kept
  const segments: (FactsSegment | undefined)[] = new Array<FactsSegment | undefined>(count).fill(undefined);
  const merger = new FactsMerger();
  let merged = 0;
  const arrived = (k: number, segment: FactsSegment) => {
    segments[k] = segment;
    for (let s = segments[merged]; s !== undefined; s = merged < count ? segments[merged] : undefined) {
      segments[merged++] = undefined;
      merger.add(s);
    }
    if (merger.events >= MAX_EVENTS) Atomics.store(eventsFull, 0, 1);
  };
  const task: FactsSegmentTask = {
    facts: true,
    file: path,
    year,
    cuts,
    next: next.buffer as SharedArrayBuffer,
    eventsFull: eventsFull.buffer as SharedArrayBuffer,
  };
  const lineScan = lineScanModule();
  if (lineScan !== undefined) task.lineScan = lineScan;
  const workers: Promise<void>[] = [];
  for (let w = 1; w < threads; w++) workers.push(runWorker(url, task, arrived));
  const carry: FactsCarry = {};
  for (;;) {
    const k = Atomics.add(next, 0, 1);
    if (k >= count) break;
    arrived(k, readFactsSegment(path, cuts[k]!, cuts[k + 1]!, segmentOptions, carry));
    // hear the workers between segments
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  // segments of a worker that died are read here
  while (merged < count) arrived(merged, readFactsSegment(path, cuts[merged]!, cuts[merged + 1]!, segmentOptions, carry));
  return logFactsFromSegments(path, merger, { year });
}
