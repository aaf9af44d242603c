// `analyze PATH`: the whole pipeline on a bundle, reported in the chosen --format.
import { analyze, type AnalysisResult } from '../../engine/analyze.js';
import { redactAnalysis } from '../../engine/redact-analysis.js';
import { ANALYSIS_FORMATS, type AnalysisFormat, type AnalysisReportContext } from '../../report/analysis-format.js';
import { formatAnalysisGithub } from '../../report/analysis-github.js';
import { formatAnalysisHtml } from '../../report/analysis-html.js';
import { formatAnalysisJson } from '../../report/analysis-json.js';
import { formatAnalysisMarkdown } from '../../report/analysis-markdown.js';
import { formatAnalysisSarif } from '../../report/analysis-sarif.js';
import { formatAnalysisTable } from '../../report/analysis-table.js';
import type { Colors } from '../../report/colors.js';
import { RULE_DOCS_BASE_URL } from '../../report/sarif.js';
import { RULES } from '../../rules/index.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../errors.js';
import { failThreshold, formatOption, reachesThreshold } from '../fail-threshold.js';
import type { CommandIo, CommandValues } from '../io.js';

function formatReport(format: AnalysisFormat, result: AnalysisResult, colors: Colors): string {
  const context: AnalysisReportContext = { tool: { name: TOOL_NAME, version: TOOL_VERSION }, rules: RULES.map((rule) => rule.meta), docsBaseUrl: RULE_DOCS_BASE_URL };
  switch (format) {
    case 'json':
      return formatAnalysisJson(result);
    case 'markdown':
      return formatAnalysisMarkdown(result, context);
    case 'sarif':
      return formatAnalysisSarif(result, context);
    case 'html':
      return formatAnalysisHtml(result, context);
    case 'github':
      return formatAnalysisGithub(result);
    case 'table':
      return formatAnalysisTable(result, colors);
  }
}

export async function runAnalyze([input]: string[], values: CommandValues, io: CommandIo): Promise<number> {
  const format = formatOption(values.format, [...ANALYSIS_FORMATS]) as AnalysisFormat;
  const threshold = failThreshold(values['fail-on']);
  // Secrets are masked in every format; addresses only on request.
  const result = redactAnalysis(await analyze(input ?? '.'), { addresses: values['redact-addresses'] === true });
  io.stdout(formatReport(format, result, io.colors));
  const readable = result.artifacts.filter((artifact) => artifact.status === 'parsed' || artifact.status === 'partial');
  if (readable.length === 0) {
    // Nothing understood is not "no findings".
    io.stderr(`haproxy-doctor: no artifact in "${input}" could be parsed (${result.artifacts.length} file(s) seen)\n`);
    return EXIT_USAGE;
  }
  return result.findings.some((finding) => reachesThreshold(finding.severity, threshold)) ? EXIT_FINDINGS : EXIT_OK;
}
