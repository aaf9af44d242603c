// analyze --format html: one self-contained page (inline CSS, no script, nothing fetched) with the markdown report's content.
import type { AnalysisResult } from '../engine/analyze.js';
import type { Finding } from '../model/finding.js';
import type { AnalysisReportContext } from './analysis-format.js';
import { artifactCounts, bundleProblems, incidentHosts, oneLine, splitCodeSpans, subjectOf, troubledArtifacts, visibleControls } from './analysis-text.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return visibleControls(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function inline(text: string): string {
  return splitCodeSpans(oneLine(text))
    .map((part) => (part.code ? `<code>${escapeHtml(part.text)}</code>` : escapeHtml(part.text)))
    .join('');
}

// Nothing external may load even if an escape were missed: the page forbids scripts and every fetch.
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #656d76; --line: #d0d7de; --code: #f6f8fa;
  --error: #cf222e; --warning: #9a6700; --info: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8d96a0; --line: #30363d; --code: #161b22;
  --error: #ff7b72; --warning: #d29922; --info: #58a6ff; } }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-bottom: .3rem; }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); border-radius: 4px; }
code { padding: .1rem .3rem; overflow-wrap: anywhere; }
pre { padding: .5rem .75rem; margin: .2rem 0 .6rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { padding: 0; background: none; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; vertical-align: top; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
.severity { font-weight: 700; font-size: .8rem; letter-spacing: .03em; padding: .05rem .4rem; border: 1px solid currentColor; border-radius: 3px; }
.severity-error { color: var(--error); } .severity-warning { color: var(--warning); } .severity-info { color: var(--info); }
.meta, .muted { color: var(--muted); }
section.finding { border-left: 3px solid var(--line); padding-left: 1rem; margin: 1.5rem 0; }
section.finding h4 { font-size: .95rem; margin: .8rem 0 .2rem; }
ul.evidence { list-style: none; padding-left: 0; }
`;

function severityBadge(severity: Finding['severity']): string {
  return `<span class="severity severity-${severity}">${severity.toUpperCase()}</span>`;
}

export function formatAnalysisHtml(result: AnalysisResult, context: AnalysisReportContext): string {
  const count = result.findings.length;
  const heading = `HAProxy analysis: ${count === 0 ? 'no findings' : `${count} finding${count === 1 ? '' : 's'}`}`;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${heading} (${result.input})`)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(heading)}</h1>`,
    '<dl class="summary">',
    `<dt>Bundle</dt><dd><code>${escapeHtml(result.input)}</code></dd>`,
    `<dt>Hosts (${incidentHosts(result).length})</dt><dd>${incidentHosts(result).map((host) => `<code>${escapeHtml(host.name)}</code>${host.roles.length ? ` (${escapeHtml(host.roles.join(', '))})` : ''}`).join(', ')}</dd>`,
    `<dt>Artifacts</dt><dd>${escapeHtml(artifactCounts(result))}`,
  ];
  const troubles = [
    ...troubledArtifacts(result).map(({ artifact, first }) => `<li>${escapeHtml(artifact.status)} <code>${escapeHtml(`${artifact.host}:${artifact.path}`)}</code> (${escapeHtml(artifact.kind)})${first ? `: ${escapeHtml(first)}` : ''}</li>`),
    ...bundleProblems(result).map(({ diagnostic, where }) => `<li>${escapeHtml(diagnostic.severity)}: ${where ? `${escapeHtml(where)}: ` : ''}${escapeHtml(diagnostic.message)}</li>`),
  ];
  if (troubles.length > 0) out.push('<ul>', ...troubles, '</ul>');
  out.push('</dd>', `<dt>Tool</dt><dd>${escapeHtml(`${context.tool.name} ${context.tool.version}`)}</dd>`, '</dl>');

  if (count > 0) {
    out.push('<h2>Findings, most probable root cause first</h2>', '<table>', '<thead><tr><th>#</th><th>Severity</th><th>Cause</th><th>Subject</th><th>Hosts</th></tr></thead>', '<tbody>');
    result.findings.forEach((finding, index) => {
      out.push(`<tr><td><a href="#finding-${index + 1}">${index + 1}</a></td><td>${severityBadge(finding.severity)}</td><td><code>${escapeHtml(finding.cause)}</code></td><td>${escapeHtml(subjectOf(finding))}</td><td>${escapeHtml(finding.hosts.join(', '))}</td></tr>`);
    });
    out.push('</tbody>', '</table>');
    result.findings.forEach((finding, index) => out.push(...formatFinding(finding, index + 1)));
  }

  if (result.skipped.length > 0) {
    out.push(`<h2>Skipped checks (${result.skipped.length})</h2>`, '<ul>');
    for (const skip of result.skipped) out.push(`<li><code>${escapeHtml(skip.ruleId)}</code>: ${escapeHtml(oneLine(skip.reason))}</li>`);
    out.push('</ul>');
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}

function formatFinding(finding: Finding, rank: number): string[] {
  const lines = [
    `<section class="finding" id="finding-${rank}">`,
    `<h3>${rank}. ${escapeHtml(oneLine(finding.title))}</h3>`,
    `<p class="meta">${severityBadge(finding.severity)} · cause <code>${escapeHtml(finding.cause)}</code> · rule <code>${escapeHtml(finding.ruleId)}</code> (<code>${escapeHtml(`haproxy-doctor explain ${finding.ruleId}`)}</code>)</p>`,
    `<p>${inline(finding.message)}</p>`,
  ];
  if (finding.explains?.length) {
    lines.push('<h4>Explains</h4>', '<ul>');
    for (const symptom of finding.explains) lines.push(`<li><code>${escapeHtml(symptom.cause)}</code>: ${inline(symptom.message)}</li>`);
    lines.push('</ul>');
  }
  if (finding.undecided?.length) {
    lines.push('<h4>Not decided; these checks lacked artifacts</h4>', '<ul>');
    for (const reason of finding.undecided) lines.push(`<li>${inline(reason)}</li>`);
    lines.push('</ul>');
  }
  lines.push('<h4>Evidence</h4>', '<ul class="evidence">');
  for (const evidence of finding.evidence) {
    lines.push(`<li><code>${escapeHtml(`${evidence.host}:${evidence.path}:${evidence.line}`)}</code><pre><code>${escapeHtml(evidence.text.trim())}</code></pre></li>`);
  }
  lines.push('</ul>');
  if (finding.remediation.length) {
    lines.push('<h4>Fix</h4>', '<ol>');
    for (const step of finding.remediation) lines.push(`<li>${inline(step)}</li>`);
    lines.push('</ol>');
  }
  lines.push('</section>');
  return lines;
}
