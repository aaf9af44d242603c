// analyze --format table: a ranked summary table, then each finding with its evidence and fix.
import Table from 'cli-table3';
import type { AnalysisResult } from '../engine/analyze.js';
import type { Finding } from '../model/finding.js';
import { countBy, incidentHosts, subjectOf } from './analysis-text.js';
import { paintSeverity, type Colors } from './colors.js';

export function formatAnalysisTable(result: AnalysisResult, colors: Colors): string {
  const out: string[] = [];
  const hosts = incidentHosts(result);
  const hostLine = hosts
    .map((host) => `${colors.bold(host.name)}${host.roles.length ? ` (${host.roles.join(', ')})` : ''}`)
    .join(', ');
  const bundleLevel = hosts.length < result.hosts.length ? ', plus files at the bundle top' : '';
  out.push(`${colors.bold('Bundle')} ${result.input}: ${hosts.length} host(s): ${hostLine}${bundleLevel}`);
  const byStatus = countBy(result.artifacts.map((artifact) => artifact.status));
  out.push(`${colors.bold('Artifacts')} ${result.artifacts.length}: ${Object.entries(byStatus).map(([status, n]) => `${n} ${status}`).join(', ')}`);
  for (const artifact of result.artifacts.filter((a) => a.status === 'failed' || a.status === 'partial')) {
    const first = artifact.diagnostics[0];
    out.push(`  ${colors.yellow(artifact.status)} ${artifact.host}:${artifact.path} (${artifact.kind})${first ? `: line ${first.line}: ${first.message}` : ''}`);
  }
  for (const diagnostic of result.bundleDiagnostics.filter((d) => d.severity !== 'info')) {
    const where = [diagnostic.archive, diagnostic.entry && `entry "${diagnostic.entry}"`].filter(Boolean).join(' ');
    out.push(`  ${colors.yellow(diagnostic.severity)} ${where ? `${where}: ` : ''}${diagnostic.message}`);
  }
  out.push('');
  if (result.findings.length === 0) {
    out.push(colors.green('No findings.'));
  } else {
    const table = new Table({ head: ['#', 'severity', 'cause', 'subject', 'hosts'], style: { head: [], border: [] } });
    result.findings.forEach((finding, index) => {
      table.push([String(index + 1), paintSeverity(colors, finding.severity), finding.cause, subjectOf(finding), finding.hosts.join(', ')]);
    });
    out.push(table.toString(), '');
    result.findings.forEach((finding, index) => out.push(...formatFinding(finding, index + 1, colors), ''));
  }
  if (result.skipped.length > 0) {
    out.push(colors.dim(`Skipped checks (${result.skipped.length}):`));
    for (const skip of result.skipped) out.push(colors.dim(`  ${skip.ruleId}: ${skip.reason}`));
  }
  return `${out.join('\n')}\n`;
}

function formatFinding(finding: Finding, rank: number, colors: Colors): string[] {
  const lines = [`${colors.bold(`${rank}. ${finding.title}`)}  ${paintSeverity(colors, finding.severity)} ${colors.dim(`[${finding.ruleId}]`)}`, `   ${finding.message}`];
  if (finding.explains?.length) {
    lines.push('   Explains:');
    for (const symptom of finding.explains) lines.push(`     - ${symptom.cause}: ${symptom.message}`);
  }
  if (finding.undecided?.length) {
    lines.push('   Not decided; these checks lacked artifacts:');
    for (const reason of finding.undecided) lines.push(`     - ${reason}`);
  }
  lines.push('   Evidence:');
  for (const evidence of finding.evidence) {
    lines.push(`     ${colors.cyan(`${evidence.host}:${evidence.path}:${evidence.line}`)}`, `       ${evidence.text.trim()}`);
  }
  if (finding.remediation.length) {
    lines.push('   Fix:');
    for (const step of finding.remediation) lines.push(`     - ${step}`);
  }
  return lines;
}
