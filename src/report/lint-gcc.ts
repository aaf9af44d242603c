// `lint --format gcc`: `file:line:col: severity: message [id]`, what editors and compilers' problem matchers read.
import type { LintResult } from '../lint/lint-result.js';

export function formatLintGcc(results: readonly LintResult[]): string {
  return results.map((r) => `${r.file}:${r.line}:${r.column}: ${r.severity === 'info' ? 'note' : r.severity}: ${r.message.replace(/\r?\n/g, ' ')} [${r.ruleId}]\n`).join('');
}
