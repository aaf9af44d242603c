import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/backend/backend-wrong-address.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('backend-wrong-address', () => {
  it('reports the cause in its scenario (positive: backend-wrong-address)', async () => {
    const { findings } = await runRuleOn(rule, 'backend-wrong-address');
    expect(findings.map((f) => f.ruleId)).toEqual(['backend-wrong-address']);
    expect(findings[0]?.evidence.length).toBeGreaterThan(0);
    expect(findings[0]?.evidence.every((e) => e.text.length > 0)).toBe(true);
  });

  it.each(['healthy', 'backend-stopped'])('stays silent on %s (false positive)', async (bundle) => {
    expect((await runRuleOn(rule, bundle)).findings).toEqual([]);
  });
});
