import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/backend/backend-bound-loopback.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('backend-bound-loopback', () => {
  it('reports node2 listening on 127.0.0.1:8080 only (positive: backend-loopback)', async () => {
    const { findings } = await runRuleOn(rule, 'backend-loopback');
    expect(findings.map((f) => [f.ruleId, f.subject.server])).toEqual([['backend-bound-loopback', 'node2']]);
    expect(findings[0]?.message).toContain('127.0.0.1:8080');
    expect(findings[0]?.evidence.some((e) => e.host === 'node2' && e.text.includes('127.0.0.1:8080'))).toBe(true);
  });

  it('stays silent when services listen on their address (false positive: healthy)', async () => {
    expect((await runRuleOn(rule, 'healthy')).findings).toEqual([]);
  });

  it('stays silent when nothing listens at all (false positive: backend-stopped)', async () => {
    expect((await runRuleOn(rule, 'backend-stopped')).findings).toEqual([]);
  });
});
