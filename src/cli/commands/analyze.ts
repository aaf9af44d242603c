// `analyze PATH`: the whole pipeline on a bundle, reported as a table or JSON.
import { analyze } from '../../engine/analyze.js';
import { redactAnalysis } from '../../engine/redact-analysis.js';
import { formatAnalysisJson } from '../../report/analysis-json.js';
import { formatAnalysisTable } from '../../report/analysis-table.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../errors.js';
import { failThreshold, formatOption, reachesThreshold } from '../fail-threshold.js';
import type { CommandIo, CommandValues } from '../io.js';

export async function runAnalyze([input]: string[], values: CommandValues, io: CommandIo): Promise<number> {
  const format = formatOption(values.format, ['table', 'json']);
  const threshold = failThreshold(values['fail-on']);
  // Secrets are masked in every format; addresses only on request.
  const result = redactAnalysis(await analyze(input ?? '.'), { addresses: values['redact-addresses'] === true });
  io.stdout(format === 'json' ? formatAnalysisJson(result) : formatAnalysisTable(result, io.colors));
  const readable = result.artifacts.filter((artifact) => artifact.status === 'parsed' || artifact.status === 'partial');
  if (readable.length === 0) {
    // Nothing understood is not "no findings".
    io.stderr(`haproxy-doctor: no artifact in "${input}" could be parsed (${result.artifacts.length} file(s) seen)\n`);
    return EXIT_USAGE;
  }
  return result.findings.some((finding) => reachesThreshold(finding.severity, threshold)) ? EXIT_FINDINGS : EXIT_OK;
}
