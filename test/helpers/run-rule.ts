// Runs one rule alone over a scenario bundle, as the rule tests do.
import { analyze } from '../../src/engine/analyze.js';
import type { Rule } from '../../src/rules/rule.js';
import { bundlePath } from './fixtures.js';

export async function runRuleOn(rule: Rule, bundle: string) {
  return analyze(bundlePath(bundle), { rules: [rule] });
}
