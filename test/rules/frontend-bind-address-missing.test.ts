import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/frontend/frontend-bind-address-missing.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('frontend-bind-address-missing', () => {
  it('reports the cause in its scenario (positive: frontend-bind-address-missing)', async () => {
    const { findings } = await runRuleOn(rule, 'frontend-bind-address-missing');
    expect(findings.map((f) => f.ruleId)).toEqual(['frontend-bind-address-missing']);
    expect(findings[0]?.evidence.length).toBeGreaterThan(0);
    expect(findings[0]?.evidence.every((e) => e.text.length > 0)).toBe(true);
  });

  it.each(['healthy', 'backend-stopped'])('stays silent on %s (false positive)', async (bundle) => {
    expect((await runRuleOn(rule, bundle)).findings).toEqual([]);
  });
});
