// Worker thread entry (built to dist/logs-worker.js): reads segments of a log file, taking the next free one from
// the counter shared with the other threads, and posts each segment's result.
import { parentPort, workerData } from 'node:worker_threads';
import { compileTaskFormats, readFileRange, type SegmentCarry, type SegmentTask } from './range.js';

const task = workerData as SegmentTask;
const formats = await compileTaskFormats(task.logFormats);
const next = new Int32Array(task.next);
const segments = task.cuts.length - 1;
const progress = (bytes: number) => parentPort?.postMessage({ progress: bytes });
const carry: SegmentCarry = {};
for (;;) {
  const index = Atomics.add(next, 0, 1);
  if (index >= segments) break;
  const result = readFileRange({ ...task, start: task.cuts[index]!, end: task.cuts[index + 1]! }, progress, formats, carry);
  parentPort?.postMessage({ index, result });
}
