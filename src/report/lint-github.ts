// `lint --format github`: GitHub Actions workflow commands, one annotation per result.
import type { LintResult } from '../lint/lint-result.js';
import { escapeData, escapeProperty } from './github-commands.js';

export function formatLintGithub(results: readonly LintResult[]): string {
  return results
    .map((r) => {
      const level = r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : 'notice';
      return `::${level} file=${escapeProperty(r.file)},line=${r.line},col=${r.column},title=${escapeProperty(r.ruleId)}::${escapeData(r.message)}\n`;
    })
    .join('');
}
