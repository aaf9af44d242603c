// logs --format table: status codes, termination states and per-server counts, halog's summaries side by side.
import Table from 'cli-table3';
import type { LogSummary } from '../model/haproxy-log.js';
import type { Colors } from './colors.js';

export function formatLogSummaryTable(summary: LogSummary, colors: Colors): string {
  const out: string[] = [];
  out.push(`${colors.bold('Lines')} ${summary.lines}: ${summary.parsed} parsed, ${summary.unparsed} unparsed`);
  const byCount = (record: Record<string, number>) => Object.entries(record).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const statuses = new Table({ head: ['status', 'requests'], style: { head: [], border: [] } });
  for (const [status, count] of Object.entries(summary.statusCodes).sort()) statuses.push([status, String(count)]);
  const states = new Table({ head: ['termination', 'requests'], style: { head: [], border: [] } });
  for (const [state, count] of byCount(summary.terminationStates)) states.push([state, String(count)]);
  out.push('', colors.bold('Status codes'), statuses.toString(), '', colors.bold('Termination states'), states.toString());
  const servers = new Table({ head: ['backend/server', 'requests', '1xx', '2xx', '3xx', '4xx', '5xx', 'other', 'errors', 'avg Tc', 'avg Tr'], style: { head: [], border: [] } });
  for (const [name, stats] of Object.entries(summary.servers).sort((a, b) => b[1].requests - a[1].requests)) {
    const average = (sum: number, count: number) => (count > 0 ? (sum / count).toFixed(1) : '-');
    servers.push([
      name, String(stats.requests), String(stats['1xx']), String(stats['2xx']), String(stats['3xx']), String(stats['4xx']), String(stats['5xx']),
      String(stats.other), String(stats.errors), average(stats.connectTimeSum, stats.connectTimeCount), average(stats.responseTimeSum, stats.responseTimeCount),
    ]);
  }
  out.push('', colors.bold('Servers'), servers.toString());
  if (summary.unparsedSamples.length > 0) {
    out.push('', colors.bold('Unparsed samples'));
    for (const sample of summary.unparsedSamples) out.push(`  line ${sample.line}: ${sample.text.slice(0, 160)}`);
  }
  return `${out.join('\n')}\n`;
}
