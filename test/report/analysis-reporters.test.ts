// analyze reporters on real lab bundles: each format as a file snapshot to read, plus the properties a snapshot hides.
import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../../src/engine/analyze.js';
import { redactAnalysis } from '../../src/engine/redact-analysis.js';
import type { AnalysisReportContext } from '../../src/report/analysis-format.js';
import { formatAnalysisGithub } from '../../src/report/analysis-github.js';
import { formatAnalysisHtml } from '../../src/report/analysis-html.js';
import { formatAnalysisMarkdown } from '../../src/report/analysis-markdown.js';
import { formatAnalysisSarif } from '../../src/report/analysis-sarif.js';
import { RULE_DOCS_BASE_URL } from '../../src/report/sarif.js';
import { RULES } from '../../src/rules/index.js';
import { bundlePath } from '../helpers/fixtures.js';

const CONTEXT: AnalysisReportContext = { tool: { name: 'haproxy-doctor', version: '0.0.0-test' }, rules: RULES.map((rule) => rule.meta), docsBaseUrl: RULE_DOCS_BASE_URL };

/** As the CLI formats it (secrets masked), with the input named as a user in the project root would name it. */
async function analyzed(name: string): Promise<AnalysisResult> {
  return { ...redactAnalysis(await analyze(bundlePath(name))), input: `fixtures/bundles/${name}` };
}

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; snippet: { text: string } } };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: { tool: { driver: { rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } }; originalUriBaseIds: Record<string, unknown>; results: SarifResult[] }[];
}

const fingerprints = (sarif: SarifLog) => sarif.runs[0]?.results.map((r) => Object.values(r.partialFingerprints)[0]) ?? [];

describe.each(['backend-stopped', 'two-causes'])('analyze reporters on %s', (name) => {
  const resultPromise = analyzed(name);

  it('markdown', async () => {
    const result = await resultPromise;
    const text = formatAnalysisMarkdown(result, CONTEXT);
    expect(text).toContain('`fixtures/bundles/' + name + '`');
    // Ranked: finding n's heading comes before finding n+1's, and every evidence line is cited as host:path:line.
    const headings = result.findings.map((finding, index) => text.indexOf(`### ${index + 1}. ${finding.title}`));
    expect(headings.every((at) => at >= 0)).toBe(true);
    expect(headings).toEqual([...headings].sort((a, b) => a - b));
    for (const evidence of result.findings.flatMap((finding) => finding.evidence)) {
      expect(text).toContain(`- \`${evidence.host}:${evidence.path}:${evidence.line}\`\n  \`\`\`text\n  ${evidence.text.trim()}\n  \`\`\``);
    }
    await expect(text).toMatchFileSnapshot(`__snapshots__/analysis.${name}.md`);
  });

  it('sarif', async () => {
    const result = await resultPromise;
    const text = formatAnalysisSarif(result, CONTEXT);
    const sarif = JSON.parse(text) as SarifLog;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    const ruleIds = run?.tool.driver.rules.map((rule) => rule.id) ?? [];
    expect(ruleIds).toEqual([...new Set(result.findings.map((finding) => finding.ruleId))]);
    for (const rule of run?.tool.driver.rules ?? []) expect(rule.helpUri).toMatch(new RegExp(`^https://\\S+/docs/rules/${rule.id}\\.md$`));
    expect(run?.results).toHaveLength(result.findings.length);
    run?.results.forEach((sarifResult, index) => {
      const finding = result.findings[index];
      expect(sarifResult.ruleId).toBe(finding?.ruleId);
      expect(ruleIds[sarifResult.ruleIndex]).toBe(finding?.ruleId);
      expect(sarifResult.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[finding?.severity ?? 'info']);
      expect(sarifResult.locations.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine])).toEqual(
        finding?.evidence.map((e) => [`${e.host}/${e.path.split('/').map(encodeURIComponent).join('/')}`, e.line]),
      );
      for (const location of sarifResult.locations) expect(Object.keys(run.originalUriBaseIds)).toContain(location.physicalLocation.artifactLocation.uriBaseId);
    });
    // A colon in a collector file name must not read as a URI scheme.
    for (const uri of run?.results.flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri)) ?? []) expect(uri).not.toMatch(/:/);
    expect(new Set(fingerprints(sarif)).size).toBe(result.findings.length);
    await expect(text).toMatchFileSnapshot(`__snapshots__/analysis.${name}.sarif.json`);
  });

  it('sarif fingerprints survive a second run and evidence lines moving', async () => {
    const first = JSON.parse(formatAnalysisSarif(await resultPromise, CONTEXT)) as SarifLog;
    const again = await analyzed(name);
    const moved = { ...again, findings: again.findings.map((f) => ({ ...f, evidence: f.evidence.map((e) => ({ ...e, line: e.line + 40 })) })) };
    expect(fingerprints(JSON.parse(formatAnalysisSarif(again, CONTEXT)) as SarifLog)).toEqual(fingerprints(first));
    expect(fingerprints(JSON.parse(formatAnalysisSarif(moved, CONTEXT)) as SarifLog)).toEqual(fingerprints(first));
  });

  it('html', async () => {
    const result = await resultPromise;
    const text = formatAnalysisHtml(result, CONTEXT);
    expect(text).toMatch(/^<!DOCTYPE html>\n/);
    // Self-contained: nothing to run, nothing to fetch.
    expect(text).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import/i);
    expect([...text.matchAll(/href="([^"]*)"/g)].map((m) => m[1]).every((href) => href?.startsWith('#finding-'))).toBe(true);
    for (const finding of result.findings) expect(text).toContain(`. ${finding.title}</h3>`);
    await expect(text).toMatchFileSnapshot(`__snapshots__/analysis.${name}.html`);
  });

  it('github', async () => {
    const result = await resultPromise;
    const text = formatAnalysisGithub(result);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(result.findings.length);
    lines.forEach((line, index) => {
      const finding = result.findings[index];
      const first = finding?.evidence[0];
      expect(line.startsWith(`::error file=${first?.host}/${first?.path.replace(/:/g, '%3A')},line=${first?.line},title=`)).toBe(true);
    });
    await expect(text).toMatchFileSnapshot(`__snapshots__/analysis.${name}.github.txt`);
  });
});
