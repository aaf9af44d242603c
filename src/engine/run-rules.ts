// Runs each rule whose required artifact kinds exist; a rule that throws is reported, not fatal.
import type { Finding, FindingDraft } from '../model/finding.js';
import type { Provenance } from '../model/provenance.js';
import type { Topology } from '../model/topology.js';
import { renderMessage, type Rule } from '../rules/rule.js';
import type { Artifact } from './artifact.js';
import { usableArtifacts, type RuleContext } from './context.js';

export interface SkippedRule {
  ruleId: string;
  reason: string;
}

/** A finding before its evidence texts are read. */
export type PendingFinding = Omit<Finding, 'evidence'> & { evidence: Provenance[] };

export function runRules(rules: readonly Rule[], artifacts: Artifact[], topology: Topology): { findings: PendingFinding[]; skipped: SkippedRule[] } {
  const findings: PendingFinding[] = [];
  const skipped: SkippedRule[] = [];
  for (const rule of rules) {
    const missing = rule.meta.requires.filter((kind) => usableArtifacts(artifacts, kind).length === 0);
    if (missing.length > 0) {
      skipped.push({ ruleId: rule.meta.id, reason: `no ${missing.join(', ')} artifact in the bundle` });
      continue;
    }
    const context: RuleContext = {
      topology,
      artifacts: (kind, host) => usableArtifacts(artifacts, kind, host),
      report: (draft: FindingDraft) => findings.push(toFinding(rule, draft)),
      skip: (reason) => skipped.push({ ruleId: rule.meta.id, reason }),
    };
    try {
      rule.check(context);
    } catch (error) {
      skipped.push({ ruleId: rule.meta.id, reason: `rule failed: ${(error as Error).message}` });
    }
  }
  return { findings, skipped };
}

function toFinding(rule: Rule, draft: FindingDraft): PendingFinding {
  const template = rule.meta.messages[draft.messageId] ?? draft.messageId;
  return {
    ruleId: rule.meta.id,
    cause: rule.meta.cause,
    severity: draft.severity ?? rule.meta.severity,
    title: rule.meta.title,
    message: renderMessage(template, draft.data),
    hosts: [...new Set(draft.hosts)],
    evidence: draft.evidence,
    remediation: draft.remediation,
    subject: draft.subject,
  };
}
