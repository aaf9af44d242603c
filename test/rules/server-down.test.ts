import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/symptoms/server-down.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('server-down', () => {
  it('reports node2 still DOWN with its reason when run alone (positive: backend-stopped)', async () => {
    const { findings } = await runRuleOn(rule, 'backend-stopped');
    expect(findings.map((f) => [f.ruleId, f.severity, f.subject.server])).toEqual([['server-down', 'error', 'node2']]);
    expect(findings[0]?.message).toContain('Layer4 connection problem');
    expect(findings[0]?.evidence[0]?.text).toContain('Server be_app/node2 is DOWN');
  });

  it('reports both servers of all-backends-down', async () => {
    const { findings } = await runRuleOn(rule, 'all-backends-down');
    expect(findings.map((f) => f.subject.server).sort()).toEqual(['node1', 'node2']);
  });

  it('stays silent without state changes (false positive: healthy)', async () => {
    expect((await runRuleOn(rule, 'healthy')).findings).toEqual([]);
  });
});
