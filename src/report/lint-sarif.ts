// `lint --format sarif`: SARIF 2.1.0 as GitHub code scanning reads it (rules with help, relative URIs, regions,
// partialFingerprints that survive lines moving).
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { LintResult } from '../lint/lint-result.js';
import type { LintReportContext } from './lint-format.js';
import { SARIF_LEVEL as LEVEL, SARIF_SCHEMA, sarifDriver } from './sarif.js';

function relativeUri(file: string, cwd: string): string {
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : path.normalize(file);
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

export function formatLintSarif(results: readonly LintResult[], context: LintReportContext): string {
  const usedIds = [...new Set(results.map((r) => r.ruleId))];
  const rules = [...context.rules.filter((rule) => usedIds.includes(rule.id)), ...usedIds.filter((id) => !context.rules.some((r) => r.id === id)).map((id) => ({ id, title: id, description: id, severity: 'warning' as const }))];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  // Same rule, file and message: the n-th occurrence, so that an edit above does not change the fingerprint.
  const occurrences = new Map<string, number>();
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: sarifDriver(context.tool, rules, context.docsBaseUrl) },
        results: results.map((r) => {
          const uri = relativeUri(r.file, context.cwd);
          const key = `${r.ruleId}\0${uri}\0${r.message}`;
          const n = (occurrences.get(key) ?? 0) + 1;
          occurrences.set(key, n);
          return {
            ruleId: r.ruleId,
            ruleIndex: index.get(r.ruleId) ?? 0,
            level: LEVEL[r.severity],
            message: { text: r.message },
            locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: r.line, startColumn: r.column } } }],
            partialFingerprints: { 'primaryLocationLineHash/v1': `${createHash('sha256').update(key).digest('hex').slice(0, 16)}:${n}` },
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
