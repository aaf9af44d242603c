// `curl -v` transcripts into connect probes, the HTTP status received, and curl's error.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { CurlResult } from '../../model/network.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';
import { outcomeOfError } from '../probe/outcome.js';

const TRYING = /^\*\s+Trying (\[[^\]]+\]|[^\s:]+):(\d+)/;
// `* Connected to 10.0.0.1 (10.0.0.1) port 8080 (#0)` (curl < 8.6) and `* Connected to 10.0.0.1 (10.0.0.1) port 8080`
const CONNECTED = /^\*\s+Connected to \S+ \(([^)]+)\) port (\d+)/;
// `* connect to 10.0.0.1 port 8080 failed: Connection refused` / `from 10.0.0.2 port 1234 failed`
const CONNECT_FAILED = /^\*\s+connect to (\S+) port (\d+)(?: from \S+ port \d+)? failed: (.*)$/;
// `* Failed to connect to 10.0.0.1 port 8080 after 3001 ms: Timeout was reached`
const FAILED_TO_CONNECT = /^\*\s+Failed to connect to (\S+) port (\d+)(?: after \d+ ms)?: (.*)$/;
const TIMED_OUT = /^\*\s+(Connection timed out after \d+ milliseconds|Connection timeout after \d+ ms|Operation timed out after \d+ milliseconds.*)/;
const RESOLVE_FAILED = /^\*\s+Could not resolve host: (\S+)/;
const STATUS_LINE = /^<\s+(HTTP\/[\d.]+)\s+(\d{3})\b(.*)$/;
const CURL_ERROR = /^curl: \((\d+)\) (.*)$/;
const REQUEST_LINE = /^>\s+(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH)\s+(\S+)/;

export function parseCurl(text: string): ParseOutput<CurlResult> {
  const diagnostics: Diagnostic[] = [];
  const result: CurlResult = { probes: [] };
  let pending: { line: number; address: string; port: number } | undefined;
  let recognised = 0;
  for (const { line, text: raw } of splitLines(text)) {
    const lineText = raw.trimEnd();
    let match: RegExpExecArray | null;
    if ((match = TRYING.exec(lineText))) {
      pending = { line, address: (match[1] ?? '').replace(/^\[|\]$/g, ''), port: Number(match[2]) };
    } else if ((match = CONNECTED.exec(lineText))) {
      result.probes.push({ line, tool: 'curl', address: match[1] ?? '', port: Number(match[2]), outcome: 'open', detail: 'Connected' });
      pending = undefined;
    } else if ((match = CONNECT_FAILED.exec(lineText)) || (match = FAILED_TO_CONNECT.exec(lineText))) {
      const address = match[1] ?? '';
      const port = Number(match[2]);
      const already = result.probes.some((probe) => probe.address === address && probe.port === port && probe.outcome !== 'open');
      if (!already) result.probes.push({ line, tool: 'curl', address, port, outcome: outcomeOfError(match[3] ?? ''), detail: match[3] ?? '' });
      pending = undefined;
    } else if ((match = TIMED_OUT.exec(lineText))) {
      // Before a connection this is a connect timeout; after one, the transfer timed out.
      if (pending) result.probes.push({ line, tool: 'curl', address: pending.address, port: pending.port, outcome: 'timeout', detail: match[1] ?? '' });
      else result.error ??= { line, message: match[1] ?? '' };
      pending = undefined;
    } else if ((match = RESOLVE_FAILED.exec(lineText))) {
      result.probes.push({ line, tool: 'curl', address: match[1] ?? '', outcome: 'dns-failure', detail: 'Could not resolve host' });
    } else if ((match = STATUS_LINE.exec(lineText))) {
      result.response = { line, status: Number(match[2]), statusLine: lineText.slice(1).trim() };
    } else if ((match = CURL_ERROR.exec(lineText))) {
      result.error = { line, code: Number(match[1]), message: match[2] ?? '' };
    } else if ((match = REQUEST_LINE.exec(lineText))) {
      result.url ??= match[2];
    } else {
      continue;
    }
    recognised++;
  }
  const ok = recognised > 0 || text.trim() === '';
  if (!ok) diagnostics.push({ line: 1, severity: 'error', message: 'no curl -v transcript recognised' });
  return { ok, value: result, diagnostics };
}

export const curlParser: ArtifactParser<CurlResult> = {
  kind: 'curl',
  description: 'curl -v transcripts (connect attempts, HTTP status, curl errors)',
  pathPatterns: ['commands/curl_*'],
  sniff: (head) => /^\*\s+Trying \S+:\d+/m.test(head) || /^curl: \(\d+\) /m.test(head),
  parse: parseCurl,
};
