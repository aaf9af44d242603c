import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/backend/backend-not-listening.js';
import { runRuleOn } from '../helpers/run-rule.js';

describe('backend-not-listening', () => {
  it('reports the stopped service on node2 (positive: backend-stopped)', async () => {
    const { findings } = await runRuleOn(rule, 'backend-stopped');
    expect(findings.map((f) => [f.ruleId, f.subject.server, f.hosts])).toEqual([['backend-not-listening', 'node2', ['lb', 'node2']]]);
    expect(findings[0]?.evidence.map((e) => `${e.host}:${e.path}`)).toEqual(
      expect.arrayContaining(['lb:etc/haproxy/haproxy.cfg', 'node2:commands/ss_-tulpn', 'lb:var/log/haproxy.log']),
    );
    expect(findings[0]?.message).toContain('10.88.0.12:8080');
  });

  it('cites the refused nc and curl probes towards the server', async () => {
    const { findings } = await runRuleOn(rule, 'backend-stopped');
    const paths = findings[0]?.evidence.map((e) => e.path) ?? [];
    expect(paths.some((p) => p.startsWith('commands/nc_') && p.includes('10.88.0.12'))).toBe(true);
    expect(paths.some((p) => p.startsWith('commands/curl_') && p.includes('10.88.0.12'))).toBe(true);
  });

  it('stays silent when every service listens (false positive: healthy)', async () => {
    const { findings } = await runRuleOn(rule, 'healthy');
    expect(findings).toEqual([]);
  });

  it('does not call a loopback-only listener "not listening" (false positive: backend-loopback)', async () => {
    const { findings } = await runRuleOn(rule, 'backend-loopback');
    expect(findings).toEqual([]);
  });
});
