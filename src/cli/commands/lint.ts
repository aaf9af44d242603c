// `lint FILE...`: haproxy.cfg problems in the chosen format; exit 1 at or above --fail-on or above --max-warnings.
import path from 'node:path';
import { findLintConfig, readLintConfigFile } from '../../lint/lint-config.js';
import { lintFiles } from '../../lint/lint-files.js';
import type { LintResult } from '../../lint/lint-result.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { failThreshold, formatOption, reachesThreshold } from '../fail-threshold.js';
import type { CommandIo, CommandValues } from '../io.js';
import { RULE_DOCS_BASE_URL } from '../../report/sarif.js';


function maxWarnings(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings takes a number, not "${text}"`);
  return Number(text);
}

// Each format is loaded when asked for: the table pulls in cli-table3 and SARIF node:crypto, which a CI run in
// JSON or gcc format should not pay for at start-up.
async function formatResults(format: string, results: LintResult[], files: string[], io: CommandIo): Promise<string> {
  if (format === 'json') return (await import('../../report/lint-json.js')).formatLintJson(results);
  if (format === 'github') return (await import('../../report/lint-github.js')).formatLintGithub(results);
  if (format === 'gcc') return (await import('../../report/lint-gcc.js')).formatLintGcc(results);
  if (format === 'sarif') {
    const [{ formatLintSarif }, { LINT_RULES }] = await Promise.all([import('../../report/lint-sarif.js'), import('../../lint/lint-rules.js')]);
    return formatLintSarif(results, { tool: { name: TOOL_NAME, version: TOOL_VERSION }, rules: LINT_RULES, cwd: process.cwd(), docsBaseUrl: RULE_DOCS_BASE_URL });
  }
  return (await import('../../report/lint-table.js')).formatLintTable(results, files, io.colors);
}

export async function runLint(files: string[], values: CommandValues, io: CommandIo): Promise<number> {
  const format = formatOption(values.format, ['table', 'json', 'sarif', 'github', 'gcc']);
  const threshold = failThreshold(values['fail-on']);
  const warningLimit = maxWarnings(values['max-warnings']);
  const config = typeof values.config === 'string' ? readLintConfigFile(values.config) : findLintConfig(path.dirname(files[0] ?? '.'));
  const results = await lintFiles(files, {
    config,
    ...(typeof values['haproxy-version'] === 'string' && { haproxyVersion: values['haproxy-version'] }),
    ...(typeof values['haproxy-bin'] === 'string' && { haproxyBin: values['haproxy-bin'] }),
    ...(values['check-host'] === true && { checkHost: true }),
  });
  io.stdout(await formatResults(format, results, files, io));
  const warnings = results.filter((r) => r.severity === 'warning').length;
  const failed = results.some((r) => reachesThreshold(r.severity, threshold)) || (warningLimit !== undefined && warnings > warningLimit);
  return failed ? EXIT_FINDINGS : EXIT_OK;
}
