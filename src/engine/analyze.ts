// The analyze pipeline: open -> discover -> parse -> topology -> rules -> rank -> evidence texts.
import { discoverKinds } from '../bundle/discover.js';
import type { BundleDiagnostic } from '../bundle/bundle.js';
import { openBundle, type OpenBundleOptions } from '../bundle/open-directory.js';
import type { Finding } from '../model/finding.js';
import type { HostInfo } from '../model/topology.js';
import { PARSERS } from '../parsers/registry.js';
import { RULES } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import { MAX_REPORTED_DIAGNOSTICS, type Artifact, type ArtifactReport } from './artifact.js';
import { buildTopology } from './build-topology.js';
import { resolveEvidenceTexts } from './evidence-text.js';
import { loadArtifacts } from './load-artifacts.js';
import { rankFindings } from './rank.js';
import { runRules, type SkippedRule } from './run-rules.js';

export interface AnalysisResult {
  input: string;
  layout: string;
  hosts: HostInfo[];
  artifacts: ArtifactReport[];
  findings: Finding[];
  skipped: SkippedRule[];
  /** Problems with the bundle as a whole: refused archive entries, limits reached, truncation. */
  bundleDiagnostics: BundleDiagnostic[];
}

export interface AnalyzeOptions {
  rules?: readonly Rule[];
  bundle?: OpenBundleOptions;
}

export async function analyze(input: string, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const rules = options.rules ?? RULES;
  const bundle = await openBundle(input, options.bundle);
  const artifacts = await loadArtifacts(await discoverKinds(bundle.files, PARSERS));
  const topology = buildTopology(bundle.hosts, artifacts);
  const { findings: pending, skipped } = runRules(rules, artifacts, topology);
  const evidenceOf = await resolveEvidenceTexts(pending.flatMap((finding) => finding.evidence), bundle.files);
  const findings = rankFindings(
    pending.map((finding) => ({ ...finding, evidence: finding.evidence.map(evidenceOf) })),
    rules.map((rule) => rule.meta.id),
    skipped,
  );
  return { input, layout: bundle.layout, hosts: topology.hosts, artifacts: artifacts.map(toReport), findings, skipped, bundleDiagnostics: bundle.diagnostics };
}

function toReport(artifact: Artifact): ArtifactReport {
  const shown = artifact.diagnostics.slice(0, MAX_REPORTED_DIAGNOSTICS);
  const hidden = artifact.diagnostics.length - shown.length;
  if (hidden > 0) shown.push({ line: shown.at(-1)?.line ?? 1, severity: 'info', message: `${hidden} more diagnostics not shown` });
  return { host: artifact.host, path: artifact.path, kind: artifact.kind ?? 'unknown', status: artifact.status, diagnostics: shown };
}
