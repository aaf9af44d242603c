// `lint FILE...`: haproxy.cfg problems as a table or the JSON contract; exit 1 at or above --fail-on.
import Table from 'cli-table3';
import { lintFiles } from '../../lint/lint-files.js';
import { redactDeep } from '../../model/redact.js';
import { paintSeverity } from '../../report/colors.js';
import { EXIT_FINDINGS, EXIT_OK } from '../errors.js';
import { failThreshold, formatOption, reachesThreshold } from '../fail-threshold.js';
import type { CommandIo, CommandValues } from '../io.js';

export async function runLint(files: string[], values: CommandValues, io: CommandIo): Promise<number> {
  const format = formatOption(values.format, ['table', 'json']);
  const threshold = failThreshold(values['fail-on']);
  // Messages may quote config values: secrets are masked before anything is printed.
  const results = redactDeep(await lintFiles(files));
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ results }, null, 2)}\n`);
  } else if (results.length === 0) {
    io.stdout(io.colors.green(`No problems in ${files.join(', ')}.\n`));
  } else {
    const table = new Table({ head: ['location', 'severity', 'rule', 'message'], style: { head: [], border: [] }, wordWrap: true, colWidths: [null, null, null, 80] as unknown as number[] });
    for (const result of results) table.push([`${result.file}:${result.line}:${result.column}`, paintSeverity(io.colors, result.severity), result.ruleId, result.message]);
    io.stdout(`${table.toString()}\n`);
  }
  return results.some((result) => reachesThreshold(result.severity, threshold)) ? EXIT_FINDINGS : EXIT_OK;
}
