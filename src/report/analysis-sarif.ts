// analyze --format sarif: SARIF 2.1.0, one run; each finding a result located at its evidence lines in the bundle.
import { createHash } from 'node:crypto';
import type { AnalysisResult } from '../engine/analyze.js';
import type { Finding } from '../model/finding.js';
import type { Provenance } from '../model/provenance.js';
import type { AnalysisReportContext } from './analysis-format.js';
import { SARIF_LEVEL, SARIF_SCHEMA, sarifDriver, type SarifRuleMeta } from './sarif.js';

/** URIs are relative to the bundle root: `<host>/<path>`, so a viewer opened on an extracted bundle finds them. */
export const BUNDLE_URI_BASE = 'BUNDLEROOT';

const FINGERPRINT_KEY = 'haproxyDoctorFinding/v1';

function bundleUri(location: Provenance): string {
  return [location.host, ...location.path.split('/')].map(encodeURIComponent).join('/');
}

/**
 * What identifies a finding across runs: rule, subject and where its first evidence lives (not its line, which
 * moves when a log grows). The n-th finding with the same identity gets `:n`, as lint's fingerprints do.
 */
function fingerprintKey(finding: Finding): string {
  const { host, frontend, backend, server } = finding.subject;
  const first = finding.evidence[0];
  return [finding.ruleId, host ?? '', frontend ?? '', backend ?? '', server ?? '', first ? `${first.host}/${first.path}` : ''].join('\0');
}

export function formatAnalysisSarif(result: AnalysisResult, context: AnalysisReportContext): string {
  const usedIds = [...new Set(result.findings.map((finding) => finding.ruleId))];
  const rules: SarifRuleMeta[] = usedIds.map((id) => {
    const known = context.rules.find((rule) => rule.id === id);
    const finding = result.findings.find((f) => f.ruleId === id);
    return known ?? { id, title: finding?.title ?? id, description: finding?.title ?? id, severity: finding?.severity ?? 'warning' };
  });
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const occurrences = new Map<string, number>();
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: sarifDriver(context.tool, rules, context.docsBaseUrl) },
        originalUriBaseIds: {
          [BUNDLE_URI_BASE]: { description: { text: `The root of the support bundle "${result.input}"; the first path segment is the host folder.` } },
        },
        results: result.findings.map((finding, index) => {
          const key = fingerprintKey(finding);
          const n = (occurrences.get(key) ?? 0) + 1;
          occurrences.set(key, n);
          return {
            ruleId: finding.ruleId,
            ruleIndex: ruleIndex.get(finding.ruleId) ?? 0,
            level: SARIF_LEVEL[finding.severity],
            message: { text: finding.message },
            locations: finding.evidence.map((evidence) => ({
              physicalLocation: {
                artifactLocation: { uri: bundleUri(evidence), uriBaseId: BUNDLE_URI_BASE },
                region: { startLine: evidence.line, snippet: { text: evidence.text } },
              },
            })),
            partialFingerprints: { [FINGERPRINT_KEY]: `${createHash('sha256').update(key).digest('hex').slice(0, 16)}:${n}` },
            properties: {
              rank: index + 1,
              cause: finding.cause,
              hosts: finding.hosts,
              subject: finding.subject,
              ...(finding.explains?.length && { explains: finding.explains }),
              ...(finding.undecided?.length && { undecided: finding.undecided }),
              remediation: finding.remediation,
            },
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
