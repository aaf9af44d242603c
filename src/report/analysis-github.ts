// analyze --format github: one GitHub Actions annotation per finding, at its first evidence line.
import type { AnalysisResult } from '../engine/analyze.js';
import { escapeData, escapeProperty } from './github-commands.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function formatAnalysisGithub(result: AnalysisResult): string {
  return result.findings
    .map((finding) => {
      const first = finding.evidence[0];
      const properties = [
        ...(first ? [`file=${escapeProperty(`${first.host}/${first.path}`)}`, `line=${first.line}`] : []),
        `title=${escapeProperty(`${finding.title} [${finding.ruleId}]`)}`,
      ];
      return `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(finding.message)}\n`;
    })
    .join('');
}
