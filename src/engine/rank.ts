// Ranking: root causes first; a symptom explained by a cause is attached to it instead of listed again.
import { SYMPTOM_CAUSES } from '../model/cause.js';
import type { Finding, FindingSubject, Severity } from '../model/finding.js';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function rankFindings(findings: Finding[], ruleOrder: string[], skipped: { ruleId: string; reason: string }[] = []): Finding[] {
  const causes = findings.filter((finding) => !SYMPTOM_CAUSES.has(finding.cause));
  const symptoms = findings.filter((finding) => SYMPTOM_CAUSES.has(finding.cause));
  const unexplained: Finding[] = [];
  for (const symptom of symptoms) {
    const explainer = causes.find((cause) => explains(cause.subject, symptom.subject));
    if (!explainer) {
      // Say what would have decided it: the checks that were skipped for this server or backend.
      const label = symptom.subject.server ? `${symptom.subject.backend}/${symptom.subject.server}` : `${symptom.subject.backend}/`;
      const missing = [...new Set(skipped.filter((skip) => skip.reason.includes(label)).map((skip) => `${skip.ruleId}: ${skip.reason}`))];
      unexplained.push(missing.length > 0 ? { ...symptom, undecided: missing } : symptom);
      continue;
    }
    (explainer.explains ??= []).push({ ruleId: symptom.ruleId, cause: symptom.cause, message: symptom.message });
    for (const item of symptom.evidence) {
      if (!explainer.evidence.some((e) => e.host === item.host && e.path === item.path && e.line === item.line)) explainer.evidence.push(item);
    }
  }
  const rank = (finding: Finding) => ruleOrder.indexOf(finding.ruleId);
  return [...causes, ...unexplained].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      Number(SYMPTOM_CAUSES.has(a.cause)) - Number(SYMPTOM_CAUSES.has(b.cause)) ||
      rank(a) - rank(b) ||
      compareSubjects(a.subject, b.subject),
  );
}

/**
 * A cause about a server explains symptoms of that server and of its whole backend;
 * a cause about a whole backend (queue saturation, no free ports) explains every symptom of that backend.
 */
function explains(cause: FindingSubject, symptom: FindingSubject): boolean {
  if (!cause.backend || cause.backend !== symptom.backend) return false;
  if (cause.host && symptom.host && cause.host !== symptom.host) return false;
  return cause.server === undefined || symptom.server === undefined || symptom.server === cause.server;
}

function compareSubjects(a: FindingSubject, b: FindingSubject): number {
  const key = (s: FindingSubject) => `${s.host ?? ''}/${s.backend ?? ''}/${s.server ?? ''}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
