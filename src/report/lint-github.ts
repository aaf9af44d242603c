// `lint --format github`: GitHub Actions workflow commands, one annotation per result.
import type { LintResult } from '../lint/lint-result.js';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatLintGithub(results: readonly LintResult[]): string {
  return results
    .map((r) => {
      const level = r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : 'notice';
      return `::${level} file=${escapeProperty(r.file)},line=${r.line},col=${r.column},title=${escapeProperty(r.ruleId)}::${escapeData(r.message)}\n`;
    })
    .join('');
}
