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
