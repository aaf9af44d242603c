// Findings: what rules emit (data) and what reports show (rendered, with evidence texts).
import type { CauseId } from './cause.js';
import type { DiagnosticSeverity } from './diagnostic.js';
import type { Evidence, Provenance } from './provenance.js';

export type Severity = DiagnosticSeverity;

/** What a finding is about, so that ranking can join symptoms to the causes that explain them. */
export interface FindingSubject {
  /** The load balancer host whose config names the backend. */
  host?: string;
  frontend?: string;
  backend?: string;
  server?: string;
}

/** What a rule reports: ids and data; the engine renders texts and fills evidence line texts. */
export interface FindingDraft {
  messageId: string;
  data: Record<string, string | number>;
  /** Overrides the rule's default severity. */
  severity?: Severity;
  subject: FindingSubject;
  hosts: string[];
  evidence: Provenance[];
  /** Remediation steps, already specific (commands with the real names filled in). */
  remediation: string[];
}

export interface Finding {
  ruleId: string;
  cause: CauseId;
  severity: Severity;
  title: string;
  message: string;
  hosts: string[];
  evidence: Evidence[];
  remediation: string[];
  subject: FindingSubject;
  /** Symptom findings this cause explains (attached by ranking instead of listed apart). */
  explains?: { ruleId: string; cause: CauseId; message: string }[];
  /** For a symptom no cause explains: the checks that could not run and what they lacked. */
  undecided?: string[];
}
