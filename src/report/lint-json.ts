// `lint --format json`: the contract shape `{ results: [{ file, line, column, ruleId, severity, message }] }`.
import type { LintResult } from '../lint/lint-result.js';

export function formatLintJson(results: readonly LintResult[]): string {
  return `${JSON.stringify({ results: results.map(({ file, line, column, ruleId, severity, message }) => ({ file, line, column, ruleId, severity, message })) }, null, 2)}\n`;
}
