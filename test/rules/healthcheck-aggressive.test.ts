import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/healthcheck/healthcheck-aggressive.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('healthcheck-aggressive', () => {
  it('reports the cause in its scenario (positive: healthcheck-aggressive)', async () => {
    const { findings } = await runRuleOn(rule, 'healthcheck-aggressive');
    expect(findings.map((f) => f.ruleId)).toEqual(['healthcheck-aggressive']);
    expect(findings[0]?.evidence.length).toBeGreaterThan(0);
    expect(findings[0]?.evidence.every((e) => e.text.length > 0)).toBe(true);
  });

  it.each(['healthy', 'backend-stopped'])('stays silent on %s (false positive)', async (bundle) => {
    expect((await runRuleOn(rule, bundle)).findings).toEqual([]);
  });
});
