import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/frontend/frontend-port-in-use.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('frontend-port-in-use', () => {
  it('reports the cause in its scenario (positive: frontend-port-in-use)', async () => {
    const { findings } = await runRuleOn(rule, 'frontend-port-in-use');
    expect(findings.map((f) => f.ruleId)).toEqual(['frontend-port-in-use']);
    expect(findings[0]?.evidence.length).toBeGreaterThan(0);
    expect(findings[0]?.evidence.every((e) => e.text.length > 0)).toBe(true);
  });

  it.each(['healthy', 'backend-stopped'])('stays silent on %s (false positive)', async (bundle) => {
    expect((await runRuleOn(rule, bundle)).findings).toEqual([]);
  });
});
