import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/symptoms/no-server-available.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('no-server-available', () => {
  it('reports be_app with its <NOSRV> requests (positive: all-backends-down)', async () => {
    const { findings } = await runRuleOn(rule, 'all-backends-down');
    expect(findings.map((f) => [f.ruleId, f.subject.backend])).toEqual([['no-server-available', 'be_app']]);
    const texts = findings[0]?.evidence.map((e) => e.text) ?? [];
    expect(texts.some((t) => t.includes('has no server available!'))).toBe(true);
    expect(texts.some((t) => t.includes('<NOSRV>'))).toBe(true);
  });

  it('stays silent while one server is left (false positive: backend-stopped)', async () => {
    expect((await runRuleOn(rule, 'backend-stopped')).findings).toEqual([]);
  });

  it('stays silent on the healthy control (false positive: healthy)', async () => {
    expect((await runRuleOn(rule, 'healthy')).findings).toEqual([]);
  });
});
