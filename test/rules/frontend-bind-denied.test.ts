import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import rule from '../../src/rules/frontend/frontend-bind-denied.js';
import { bundlePath, PROJECT_ROOT } from '../helpers/fixtures.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: { bundle: 'frontend-bind-denied', subjects: ['fe_main'], message: ['10.88.0.10:80', 'below 1024'], evidence: ['Permission denied', 'bind 10.88.0.10:80'] },
  falsePositives: ['healthy', 'frontend-port-in-use'],
});

describe('frontend-bind-denied from SELinux name_bind records alone', () => {
  it('reports the denied port from the audit log (audit.log is the hand-built one of fixtures/parsers/audit)', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'hd-bind-avc-'));
    try {
      cpSync(bundlePath('healthy'), root, { recursive: true });
      mkdirSync(path.join(root, 'lb/var/log/audit'), { recursive: true });
      cpSync(path.join(PROJECT_ROOT, 'fixtures/parsers/audit/audit.log-hand-built'), path.join(root, 'lb/var/log/audit/audit.log'));
      const { findings } = await analyze(root, { rules: [rule] });
      expect(findings.map((f) => [f.ruleId, f.subject.host])).toEqual([['frontend-bind-denied', 'lb']]);
      expect(findings[0]?.message).toContain('port 8443');
      expect(findings[0]?.evidence[0]?.text).toContain('{ name_bind }');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
