import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/healthcheck/healthcheck-failing.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('healthcheck-failing', () => {
  it('reports the cause in its scenario (positive: healthcheck-failing)', async () => {
    const { findings } = await runRuleOn(rule, 'healthcheck-failing');
    expect(findings.map((f) => f.ruleId)).toEqual(['healthcheck-failing']);
    expect(findings[0]?.evidence.length).toBeGreaterThan(0);
    expect(findings[0]?.evidence.every((e) => e.text.length > 0)).toBe(true);
  });

  it.each(['healthy', 'backend-stopped'])('stays silent on %s (false positive)', async (bundle) => {
    expect((await runRuleOn(rule, bundle)).findings).toEqual([]);
  });
});
