// `lint FILE...`: haproxy.cfg problems in the chosen format; exit 1 at or above --fail-on or above --max-warnings.
import path from 'node:path';
import { findLintConfig, readLintConfigFile } from '../../lint/lint-config.js';
import { lintFiles } from '../../lint/lint-files.js';
import { LINT_RULES } from '../../lint/lint-rules.js';
import { formatLintGcc } from '../../report/lint-gcc.js';
import { formatLintGithub } from '../../report/lint-github.js';
import { formatLintJson } from '../../report/lint-json.js';
import { formatLintSarif } from '../../report/lint-sarif.js';
import { formatLintTable } from '../../report/lint-table.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { failThreshold, formatOption, reachesThreshold } from '../fail-threshold.js';
import type { CommandIo, CommandValues } from '../io.js';

const DOCS_BASE_URL = 'https://github.com/haproxy-doctor/haproxy-doctor/blob/main/docs/rules/';

function maxWarnings(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new UsageError(`--max-warnings takes a number, not "${text}"`);
  return Number(text);
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
  });
  if (format === 'json') io.stdout(formatLintJson(results));
  else if (format === 'sarif') io.stdout(formatLintSarif(results, { tool: { name: TOOL_NAME, version: TOOL_VERSION }, rules: LINT_RULES, cwd: process.cwd(), docsBaseUrl: DOCS_BASE_URL }));
  else if (format === 'github') io.stdout(formatLintGithub(results));
  else if (format === 'gcc') io.stdout(formatLintGcc(results));
  else io.stdout(formatLintTable(results, files, io.colors));
  const warnings = results.filter((r) => r.severity === 'warning').length;
  const failed = results.some((r) => reachesThreshold(r.severity, threshold)) || (warningLimit !== undefined && warnings > warningLimit);
  return failed ? EXIT_FINDINGS : EXIT_OK;
}
