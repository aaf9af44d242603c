// `lint --format table`: results for a terminal, with a one-line summary.
import Table from 'cli-table3';
import type { LintResult } from '../lint/lint-result.js';
import { paintSeverity } from './colors.js';
import type { Colors } from './colors.js';

export function formatLintTable(results: readonly LintResult[], files: readonly string[], colors: Colors): string {
  if (results.length === 0) return colors.green(`No problems in ${files.join(', ')}.\n`);
  const table = new Table({ head: ['location', 'severity', 'rule', 'message'], style: { head: [], border: [] }, wordWrap: true, colWidths: [null, null, null, 80] as unknown as number[] });
  for (const r of results) table.push([`${r.file}:${r.line}:${r.column}`, paintSeverity(colors, r.severity), r.ruleId, r.message]);
  const count = (s: string) => results.filter((r) => r.severity === s).length;
  return `${table.toString()}\n${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info\n`;
}
