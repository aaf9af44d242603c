import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/frontend/config-invalid.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('config-invalid', () => {
  it('reports the cause in its scenario (positive: config-invalid)', async () => {
    const { findings } = await runRuleOn(rule, 'config-invalid');
    expect(findings.map((f) => f.ruleId)).toEqual(['config-invalid']);
    expect(findings[0]?.evidence.length).toBeGreaterThan(0);
    expect(findings[0]?.evidence.every((e) => e.text.length > 0)).toBe(true);
  });

  it.each(['healthy', 'backend-stopped'])('stays silent on %s (false positive)', async (bundle) => {
    expect((await runRuleOn(rule, bundle)).findings).toEqual([]);
  });
});
