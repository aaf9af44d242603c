// Table-style rule tests: one positive scenario with what its finding must say and cite, false-positive scenarios that must stay silent.
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/rule.js';
import { runRuleOn } from './run-rule.js';

export interface RuleCases {
  positive: {
    bundle: string;
    /** Subjects (`backend/server`, `backend` or a host) of the findings expected, in order. */
    subjects: string[];
    /** Substrings the first finding's message must contain. */
    message: string[];
    /** Substrings that some evidence line of the first finding must contain, each. */
    evidence: string[];
  };
  falsePositives: string[];
}

export function describeRule(rule: Rule, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    it(`reports its cause (positive: ${cases.positive.bundle})`, async () => {
      const { findings } = await runRuleOn(rule, cases.positive.bundle);
      const subjectOf = (f: (typeof findings)[number]) => [f.subject.backend, f.subject.server].filter(Boolean).join('/') || f.subject.frontend || f.subject.host || '';
      expect(findings.map(subjectOf)).toEqual(cases.positive.subjects);
      expect(findings.every((f) => f.ruleId === rule.meta.id && f.cause === rule.meta.cause)).toBe(true);
      const [first] = findings;
      for (const part of cases.positive.message) expect(first?.message).toContain(part);
      for (const part of cases.positive.evidence) expect(first?.evidence.map((e) => e.text), part).toEqual(expect.arrayContaining([expect.stringContaining(part)]));
      expect(first?.evidence.every((e) => e.line >= 1 && e.text.length > 0)).toBe(true);
    });

    it.each(cases.falsePositives)('stays silent on %s (false positive)', async (bundle) => {
      expect((await runRuleOn(rule, bundle)).findings).toEqual([]);
    });
  });
}
