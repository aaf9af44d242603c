// One lint result, the `lint --format json` contract shape.
import type { Severity } from '../model/finding.js';

export interface LintResult {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: Severity;
  message: string;
}

/** A result as checks produce it, before suppressions and configured severities apply. */
export type Finding = LintResult;
