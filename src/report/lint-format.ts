// The lint reporters: pure functions from results to text, one per --format.
import type { LintRuleMeta } from '../lint/lint-rules.js';
import type { LintResult } from '../lint/lint-result.js';

export interface LintReportContext {
  tool: { name: string; version: string };
  rules: readonly LintRuleMeta[];
  /** Files as given; SARIF URIs are made relative to this directory. */
  cwd: string;
  /** Base URL of the rule docs pages (help links). */
  docsBaseUrl: string;
}

export const LINT_FORMATS = ['table', 'json', 'sarif', 'github', 'gcc'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];
