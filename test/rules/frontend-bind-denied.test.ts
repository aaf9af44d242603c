import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/frontend/frontend-bind-denied.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('frontend-bind-denied', () => {
  it('reports the cause in its scenario (positive: frontend-bind-denied)', async () => {
    const { findings } = await runRuleOn(rule, 'frontend-bind-denied');
    expect(findings.map((f) => f.ruleId)).toEqual(['frontend-bind-denied']);
    expect(findings[0]?.evidence.length).toBeGreaterThan(0);
    expect(findings[0]?.evidence.every((e) => e.text.length > 0)).toBe(true);
  });

  it.each(['healthy', 'backend-stopped'])('stays silent on %s (false positive)', async (bundle) => {
    expect((await runRuleOn(rule, bundle)).findings).toEqual([]);
  });
});
