// `logs FILE...`: one streaming pass over HAProxy logs (rotated, gzipped or stdin) into halog-style summaries.
import { stat } from 'node:fs/promises';
import { feedLines, openByteStream } from '../../bundle/line-stream.js';
import { BundleInputError } from '../../bundle/open-directory.js';
import { LogSummarizer } from '../../parsers/haproxy-log/summary.js';
import { formatLogSummaryTable } from '../../report/log-summary-table.js';
import { EXIT_OK } from '../errors.js';
import { formatOption } from '../fail-threshold.js';
import type { CommandIo, CommandValues } from '../io.js';
import { inTimeOrder } from '../../bundle/rotation-order.js';

export async function runLogs(files: string[], values: CommandValues, io: CommandIo): Promise<number> {
  const format = formatOption(values.format, ['table', 'json']);
  for (const file of files) {
    if (file !== '-' && !(await stat(file).catch(() => undefined))?.isFile()) throw new BundleInputError(`cannot read "${file}"`);
  }
  const summarizer = new LogSummarizer();
  for (const file of inTimeOrder(files)) {
    await feedLines(file === '-' ? io.stdin : openByteStream(file), summarizer);
  }
  const summary = summarizer.summary();
  io.stdout(format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : formatLogSummaryTable(summary, io.colors));
  return EXIT_OK;
}
