// What the human-readable analyze reports share: summary lines computed once, and text made safe to embed.
import type { AnalysisResult } from '../engine/analyze.js';
import type { ArtifactReport } from '../engine/artifact.js';
import { BUNDLE_LEVEL_HOST, type BundleDiagnostic } from '../bundle/bundle.js';
import type { Finding } from '../model/finding.js';

export function subjectOf(finding: Finding): string {
  const { backend, server } = finding.subject;
  return backend ? (server ? `${backend}/${server}` : backend) : '';
}

export function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** `41: 40 parsed, 1 unknown` */
export function artifactCounts(result: AnalysisResult): string {
  const byStatus = countBy(result.artifacts.map((artifact) => artifact.status));
  return `${result.artifacts.length}: ${Object.entries(byStatus).map(([status, n]) => `${n} ${status}`).join(', ')}`;
}

/** Artifacts a reader must know were not (fully) understood, each with its first diagnostic. */
export function troubledArtifacts(result: AnalysisResult): { artifact: ArtifactReport; first?: string }[] {
  return result.artifacts
    .filter((artifact) => artifact.status === 'failed' || artifact.status === 'partial')
    .map((artifact) => {
      const first = artifact.diagnostics[0];
      return { artifact, ...(first && { first: `line ${first.line}: ${first.message}` }) };
    });
}

/** Bundle-level problems worth showing (refused entries, truncation), as one line each. */
export function bundleProblems(result: AnalysisResult): { diagnostic: BundleDiagnostic; where: string }[] {
  return result.bundleDiagnostics
    .filter((diagnostic) => diagnostic.severity !== 'info')
    .map((diagnostic) => ({ diagnostic, where: [diagnostic.archive, diagnostic.entry && `entry "${diagnostic.entry}"`].filter(Boolean).join(' ') }));
}

/**
 * Bundle text may hold anything (terminal escapes, NULs, line separators): shown as `\xNN` / `\uNNNN`
 * so that no report carries a raw control character. Tabs stay.
 */
export function visibleControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** One line of prose: line breaks become spaces (a message must not open a new block), other controls visible. */
export function oneLine(text: string): string {
  return visibleControls(text.replace(/\r\n|[\r\n]/g, ' '));
}

/**
 * Rule messages and remediation steps mark commands with backticks (`nc -vz ...`): split them into prose and code
 * so each renderer can escape the one and show the other as code. An unpaired backtick stays prose.
 */
export function splitCodeSpans(text: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let last = 0;
  for (const match of text.matchAll(/`([^`]+)`/g)) {
    if (match.index > last) parts.push({ code: false, text: text.slice(last, match.index) });
    parts.push({ code: true, text: match[1] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}

/** The hosts of the incident: files at the top of a multi-host bundle (its README) sit under a pseudo-host, no host. */
export function incidentHosts(result: AnalysisResult): AnalysisResult['hosts'] {
  return result.hosts.filter((host) => host.name !== BUNDLE_LEVEL_HOST);
}
