import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/frontend/haproxy-not-running.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('haproxy-not-running', () => {
  it('reports the cause in its scenario (positive: haproxy-not-running)', async () => {
    const { findings } = await runRuleOn(rule, 'haproxy-not-running');
    expect(findings.map((f) => f.ruleId)).toEqual(['haproxy-not-running']);
    expect(findings[0]?.evidence.length).toBeGreaterThan(0);
    expect(findings[0]?.evidence.every((e) => e.text.length > 0)).toBe(true);
  });

  it.each(['healthy', 'backend-stopped'])('stays silent on %s (false positive)', async (bundle) => {
    expect((await runRuleOn(rule, bundle)).findings).toEqual([]);
  });
});
