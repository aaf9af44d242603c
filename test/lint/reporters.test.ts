// Lint reporters are pure functions: their output on a fixed result list, SARIF as a file snapshot to read.
import { describe, expect, it } from 'vitest';
import { LINT_RULES } from '../../src/lint/lint-rules.js';
import type { LintResult } from '../../src/lint/lint-result.js';
import { formatLintGcc } from '../../src/report/lint-gcc.js';
import { formatLintGithub } from '../../src/report/lint-github.js';
import { formatLintJson } from '../../src/report/lint-json.js';
import { formatLintSarif } from '../../src/report/lint-sarif.js';

const RESULTS: LintResult[] = [
  { file: '/repo/conf/haproxy.cfg', line: 12, column: 5, ruleId: 'unknown-keyword', severity: 'error', message: "unknown keyword 'defualt_backend' in 'frontend' section; did you mean 'default_backend' maybe ?" },
  { file: '/repo/conf/haproxy.cfg', line: 20, column: 3, ruleId: 'unitless-timeout', severity: 'warning', message: "'timeout server 30' has no unit, 100%: yes" },
  { file: '/repo/conf/haproxy.cfg', line: 1, column: 1, ruleId: 'maxconn-limit', severity: 'info', message: "global section sets no 'maxconn'" },
];

describe('lint reporters', () => {
  it('sarif 2.1.0 with rules, relative URIs, regions and fingerprints', async () => {
    const text = formatLintSarif(RESULTS, { tool: { name: 'haproxy-doctor', version: '0.0.0-test' }, rules: LINT_RULES, cwd: '/repo', docsBaseUrl: 'https://example.invalid/docs/rules/' });
    const sarif = JSON.parse(text);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'conf/haproxy.cfg' }, region: { startLine: 12, startColumn: 5 } });
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['maxconn-limit', 'unitless-timeout', 'unknown-keyword']);
    await expect(text).toMatchFileSnapshot('__snapshots__/lint.sarif.json');
  });
  it('gcc', () => {
    expect(formatLintGcc(RESULTS).split('\n')[0]).toBe("/repo/conf/haproxy.cfg:12:5: error: unknown keyword 'defualt_backend' in 'frontend' section; did you mean 'default_backend' maybe ? [unknown-keyword]");
    expect(formatLintGcc(RESULTS).split('\n')[2]).toMatch(/:1:1: note: /);
  });
  it('github annotations escape their data', () => {
    const lines = formatLintGithub(RESULTS).trimEnd().split('\n');
    expect(lines[1]).toBe("::warning file=/repo/conf/haproxy.cfg,line=20,col=3,title=unitless-timeout::'timeout server 30' has no unit, 100%25: yes");
    expect(lines[2]).toMatch(/^::notice /);
  });
  it('json keeps the contract shape', () => {
    expect(JSON.parse(formatLintJson(RESULTS))).toEqual({ results: RESULTS });
  });
});
