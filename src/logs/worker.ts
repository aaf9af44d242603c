// Worker thread entry (built to dist/logs-worker.js): reads one byte range of a log file and posts its result.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileRange, type RangeTask } from './range.js';

const task = workerData as RangeTask;
const result = readFileRange(task, (bytes) => parentPort?.postMessage({ progress: bytes }));
parentPort?.postMessage({ result });
