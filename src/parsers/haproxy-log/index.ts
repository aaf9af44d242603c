// The `haproxy-log` artifact kind: HAProxy traffic and event logs (syslog files, journal exports, stderr).
import { feedLines } from '../../bundle/line-stream.js';
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { LogFacts, LogSummary } from '../../model/haproxy-log.js';
import { MAX_LINE_LENGTH, splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';
import { LogFactsCollector } from './facts.js';
import { parseLogLine } from './line-parser.js';
import type { LogFormatMatcher } from './log-format/matcher.js';
import { LINE_UNPARSED, LogSummarizer } from './summary.js';

export { LogFactsCollector, acceptDateToTime } from './facts.js';
export { logFactsFromByteStream, logFactsFromFile, type LogFactsOptions } from './facts-bytes.js';
export { parseLogLine, type ParseLineOptions } from './line-parser.js';
export { LogSummarizer, summarizeText } from './summary.js';
export { parseSyslogHeader } from './syslog-header.js';
export {
  compileConfigFormats,
  compileFormatList,
  compileLogFormat,
  customFormatsOf,
  parseLogFormat,
  type ConfigLogFormat,
  type LogFormatMatcher,
} from './log-format/index.js';

const SNIFF_LINES = 50;

/** True when the head of a file looks like an HAProxy log: enough of its lines are HAProxy lines. */
export function sniffHaproxyLog(head: string): boolean {
  let seen = 0;
  let recognised = 0;
  let lines = 0;
  // the last line of a head may be cut: only whole lines count
  const lastNewline = head.lastIndexOf('\n');
  const body = lastNewline === -1 ? head : head.slice(0, lastNewline);
  for (const { text } of splitLines(body)) {
    if (++lines > SNIFF_LINES) break;
    if (text.trim() === '') continue;
    seen++;
    if (parseLogLine(text) !== undefined) recognised++;
  }
  return recognised > 0 && recognised * 10 >= seen * 3;
}

export const haproxyLogParser: ArtifactParser<LogFacts> = {
  kind: 'haproxy-log',
  description: 'HAProxy log (httplog/httpslog/tcplog/CLF traffic, server state changes, alerts) behind any syslog prefix',
  pathPatterns: ['var/log/haproxy.log*', 'var/log/haproxy*.log', 'var/log/haproxy/*'],
  sniff: sniffHaproxyLog,
  parse(text: string): ParseOutput<LogFacts> {
    const collector = new LogFactsCollector();
    const diagnostics: Diagnostic[] = [];
    let truncated = 0;
    for (const { line, text: lineText, truncated: cut } of splitLines(text)) {
      if (cut && truncated++ === 0) {
        diagnostics.push({ line, severity: 'warning', message: `line longer than ${MAX_LINE_LENGTH} characters; the rest was not read` });
      }
      collector.add(lineText, line);
    }
    if (truncated > 1) diagnostics.push({ line: 1, severity: 'warning', message: `${truncated} lines were cut at ${MAX_LINE_LENGTH} characters` });
    const value = collector.result();
    diagnostics.push(...collector.diagnostics());
    const { lines, parsed } = value.summary;
    return { ok: lines === 0 || parsed > 0, value, diagnostics };
  },
};

/** The `logs` summary of a stream, in one pass and bounded memory. */
export async function summarizeLogStream(
  input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream,
  options: { year?: number; formats?: readonly LogFormatMatcher[] } = {},
): Promise<LogSummary> {
  const summarizer = new LogSummarizer(options);
  await feedLines(input, summarizer);
  return summarizer.summary();
}

/**
 * The analyze facts of a stream, in one pass and bounded memory, one string per line (feedLines): the reference the
 * byte path analyze reads logs with (facts-bytes.ts) is tested against.
 */
export async function logFactsFromStream(
  input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream,
  options: { year?: number; formats?: readonly LogFormatMatcher[] } = {},
): Promise<{ facts: LogFacts; diagnostics: Diagnostic[] }> {
  const collector = new LogFactsCollector(options);
  const cut = await feedLines(input, collector);
  const diagnostics = collector.diagnostics();
  if (cut > 0) diagnostics.unshift({ line: 1, severity: 'warning', message: `${cut} line(s) longer than ${MAX_LINE_LENGTH} characters were cut` });
  return { facts: collector.result(), diagnostics };
}

export { LINE_UNPARSED };
