// analyze --format markdown: a report to paste into a ticket; bundle text is escaped or fenced, never markup.
import type { AnalysisResult } from '../engine/analyze.js';
import type { Finding } from '../model/finding.js';
import type { AnalysisReportContext } from './analysis-format.js';
import { artifactCounts, bundleProblems, incidentHosts, oneLine, splitCodeSpans, subjectOf, troubledArtifacts, visibleControls } from './analysis-text.js';

// Inline markup (emphasis, code, links and images, raw HTML and autolinks, entities, table cells, strikethrough,
// math, @mentions, #references): backslash-escaped wherever it appears; CommonMark honours `\` before any ASCII
// punctuation. `!`, `(` and `)` need nothing once `[` and `]` are escaped.
const INLINE_SPECIAL = /[\\`*_[\]<>&|~$@#]/g;

/** Prose that continues a line (after a code span): inline escapes only. */
function escapeInline(text: string): string {
  return oneLine(text).replace(INLINE_SPECIAL, (c) => `\\${c}`);
}

/** Prose from the bundle or a rule, safe in a paragraph, list item or table cell, including at a line's start. */
export function escapeMarkdown(text: string): string {
  // At a line's start `-`, `+`, `=` and `1.` / `1)` open a list, a setext heading or a thematic break.
  return escapeInline(text).replace(/^(\s*)(?:([-+=])|(\d+)([.)]))/, (_m, space: string, sign?: string, digits?: string, punct?: string) =>
    sign ? `${space}\\${sign}` : `${space}${digits ?? ''}\\${punct ?? ''}`,
  );
}

/** An inline code span whose fence is longer than any backtick run inside it (CommonMark's rule). */
export function codeSpan(text: string): string {
  const content = oneLine(text);
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || /^ .* $/.test(content) ? ' ' : '';
  // In a GFM table even a code span's `|` splits the cell; only ever used outside tables.
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A fenced block the content cannot close early, indented to sit inside a list item. */
function codeBlock(text: string, indent: string): string[] {
  const content = visibleControls(text);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  return [`${indent}${fence}text`, `${indent}${content}`, `${indent}${fence}`];
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
}

/** Rule text with its `commands` kept as code and everything else escaped. */
function inline(text: string): string {
  // Leading spaces would make a paragraph an indented code block.
  return splitCodeSpans(text.trimStart())
    .map((part, index) => (part.code ? codeSpan(part.text) : index === 0 ? escapeMarkdown(part.text) : escapeInline(part.text)))
    .join('');
}

export function formatAnalysisMarkdown(result: AnalysisResult, context: AnalysisReportContext): string {
  const out: string[] = [];
  const count = result.findings.length;
  out.push(`# HAProxy analysis: ${count === 0 ? 'no findings' : `${count} finding${count === 1 ? '' : 's'}`}`, '');
  out.push(`- **Bundle:** ${codeSpan(result.input)}`);
  const hosts = incidentHosts(result).map((host) => `${codeSpan(host.name)}${host.roles.length ? ` (${escapeMarkdown(host.roles.join(', '))})` : ''}`);
  out.push(`- **Hosts (${hosts.length}):** ${hosts.join(', ')}`);
  out.push(`- **Artifacts:** ${escapeMarkdown(artifactCounts(result))}`);
  for (const { artifact, first } of troubledArtifacts(result)) {
    out.push(`  - ${escapeMarkdown(artifact.status)} ${codeSpan(`${artifact.host}:${artifact.path}`)} (${escapeMarkdown(artifact.kind)})${first ? `: ${escapeMarkdown(first)}` : ''}`);
  }
  for (const { diagnostic, where } of bundleProblems(result)) {
    out.push(`  - ${escapeMarkdown(diagnostic.severity)}: ${where ? `${escapeMarkdown(where)}: ` : ''}${escapeMarkdown(diagnostic.message)}`);
  }
  out.push(`- **Tool:** ${escapeMarkdown(`${context.tool.name} ${context.tool.version}`)}`, '');

  if (count > 0) {
    out.push('## Findings, most probable root cause first', '');
    out.push('| # | Severity | Cause | Subject | Hosts |', '|---|---|---|---|---|');
    result.findings.forEach((finding, index) => {
      out.push(`| ${index + 1} | ${finding.severity} | ${escapeMarkdown(finding.cause)} | ${escapeMarkdown(subjectOf(finding))} | ${escapeMarkdown(finding.hosts.join(', '))} |`);
    });
    out.push('');
    result.findings.forEach((finding, index) => out.push(...formatFinding(finding, index + 1), ''));
  }

  if (result.skipped.length > 0) {
    out.push(`## Skipped checks (${result.skipped.length})`, '');
    for (const skip of result.skipped) out.push(`- ${codeSpan(skip.ruleId)}: ${escapeMarkdown(skip.reason)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function formatFinding(finding: Finding, rank: number): string[] {
  const lines = [
    `### ${rank}. ${escapeMarkdown(finding.title)}`,
    '',
    `**${finding.severity.toUpperCase()}** · cause ${codeSpan(finding.cause)} · rule ${codeSpan(finding.ruleId)} (${codeSpan(`haproxy-doctor explain ${finding.ruleId}`)})`,
    '',
    inline(finding.message),
    '',
  ];
  if (finding.explains?.length) {
    lines.push('**Explains:**', '');
    for (const symptom of finding.explains) lines.push(`- ${codeSpan(symptom.cause)}: ${inline(symptom.message)}`);
    lines.push('');
  }
  if (finding.undecided?.length) {
    lines.push('**Not decided;** these checks lacked artifacts:', '');
    for (const reason of finding.undecided) lines.push(`- ${inline(reason)}`);
    lines.push('');
  }
  lines.push('**Evidence:**', '');
  for (const evidence of finding.evidence) {
    lines.push(`- ${codeSpan(`${evidence.host}:${evidence.path}:${evidence.line}`)}`, ...codeBlock(evidence.text.trim(), '  '));
  }
  if (finding.remediation.length) {
    lines.push('', '**Fix:**', '');
    finding.remediation.forEach((step, index) => lines.push(`${index + 1}. ${inline(step)}`));
  }
  return lines;
}
