// Worker thread entry (built to dist/logs-worker.js): reads segments of a log file, taking the next free one from
// the counter shared with the other threads, and posts each segment's result: the `logs` summary (SegmentTask), or
// analyze's log facts (FactsSegmentTask, see facts-run.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readFactsSegment, type FactsCarry } from '../parsers/haproxy-log/facts-bytes.js';
import type { FactsSegmentTask } from './facts-run.js';
import { useLineScanModule } from '../parsers/haproxy-log/line-scanner.js';
import { compileTaskFormats, readFileRange, type SegmentCarry, type SegmentTask } from './range.js';

const data = workerData as SegmentTask | FactsSegmentTask;
if (data.lineScan !== undefined) useLineScanModule(data.lineScan);
if ('facts' in data) {
  const next = new Int32Array(data.next);
  const eventsFull = new Int32Array(data.eventsFull);
  const carry: FactsCarry = {};
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= data.cuts.length - 1) break;
    const facts = readFactsSegment(data.file, data.cuts[index]!, data.cuts[index + 1]!, { year: data.year, eventsFull }, carry);
    parentPort?.postMessage({ index, facts });
  }
} else {
  const task = data;
  const formats = await compileTaskFormats(task.logFormats);
  const next = new Int32Array(task.next);
  const segments = task.cuts.length - 1;
  const progress = (bytes: number) => parentPort?.postMessage({ progress: bytes });
  const carry: SegmentCarry = {};
  for (;;) {
    const index = Atomics.add(next, 0, 1);
    if (index >= segments) break;
    const result = readFileRange({ ...task, start: task.cuts[index]!, end: task.cuts[index + 1]!, index }, progress, formats, carry);
    parentPort?.postMessage({ index, result });
  }
}
