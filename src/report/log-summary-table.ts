// logs --format table: status codes, termination states and per-server counts, halog's summaries side by side.
import Table from 'cli-table3';
import type { LogSummary } from '../model/haproxy-log.js';
import type { LogsReport } from '../logs/report.js';
import type { Colors } from './colors.js';

export function formatLogSummaryTable(summary: LogSummary | LogsReport, colors: Colors): string {
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
  if ('timerPercentiles' in summary) formatExtras(summary, colors, out);
  if (summary.unparsedSamples.length > 0) {
    out.push('', colors.bold('Unparsed samples'));
    for (const sample of summary.unparsedSamples) out.push(`  ${sample.file ? `${sample.file}:` : 'line '}${sample.line}: ${sample.text.slice(0, 160)}`);
  }
  return `${out.join('\n')}\n`;
}

function formatExtras(report: LogsReport, colors: Colors, out: string[]): void {
  const style = { head: [], border: [] };
  if (report.filtered !== undefined) out.push('', `${report.filtered} traffic line(s) left out by the filters`);
  const pct = new Table({ head: ['timer (ms)', 'count', 'p50', 'p75', 'p90', 'p95', 'p99', 'p99.9', 'max'], style });
  for (const [kind, timers] of Object.entries(report.timerPercentiles)) {
    for (const [name, p] of Object.entries(timers)) pct.push([`${kind} ${name}`, ...[p.count, p.p50, p.p75, p.p90, p.p95, p.p99, p.p999, p.max].map(String)]);
  }
  if (pct.length > 0) out.push('', colors.bold('Timer percentiles'), pct.toString());
  const backends = new Table({ head: ['backend', 'requests', 'errors', '5xx', 'error states', 'max beconn', 'max queue'], style });
  for (const [name, b] of Object.entries(report.backends).sort((x, y) => y[1].errors - x[1].errors || y[1]['5xx'] - x[1]['5xx'])) {
    const states = Object.entries(b.errorStates).sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, n]) => `${k}:${n}`).join(' ');
    backends.push([name, String(b.requests), String(b.errors), String(b['5xx']), states, String(b.maxBeconn?.value ?? '-'), String(b.maxBackendQueue?.value ?? '-')]);
  }
  if (backends.length > 0) out.push('', colors.bold('Errors by backend'), backends.toString());
  const peaks = Object.entries(report.peaks).map(([k, p]) => `${k} ${p.value}${p.at ? ` at ${p.at}` : ''} (${p.file ? `${p.file}:` : 'line '}${p.line})`);
  if (peaks.length > 0) out.push('', colors.bold('Peaks'), ...peaks.map((p) => `  ${p}`));
  if (report.events.length > 0) {
    out.push('', colors.bold(`Events (${Object.entries(report.eventCounts).map(([k, n]) => `${k} ${n}`).join(', ')})`));
    const shown = report.events.filter((e) => e.state === 'DOWN' || e.state === 'UP' || e.type !== 'server-state').slice(0, 30);
    for (const e of shown) {
      const who = e.server ? `${e.backend}/${e.server}` : (e.backend ?? '');
      const what = e.type === 'server-state' ? `${e.state}${e.check ? ` (check ${e.check})` : ''}${e.reason ? `, ${e.reason}` : ''}${e.info ? `: ${e.info}` : ''}` : e.message.slice(0, 100);
      out.push(`  ${e.time ?? e.timestamp ?? '?'} ${e.type === 'server-state' ? who : e.type} ${what} (${e.file ? `${e.file}:` : 'line '}${e.line})`);
    }
    if (report.events.length > shown.length) out.push(`  ... ${report.events.length - shown.length} more in --format json`);
  }
  if (report.timeline.length > 0) {
    const tl = new Table({ head: ['minute', 'requests', '2xx', '3xx', '4xx', '5xx', 'other', 'top termination states'], style });
    const rows = report.timeline.length > 60 ? report.timeline.filter((m) => m['5xx'] > 0 || Object.keys(m.terminationStates).length > 0).slice(-60) : report.timeline;
    for (const m of rows) {
      const states = Object.entries(m.terminationStates).sort((x, y) => y[1] - x[1]).slice(0, 3).map(([k, n]) => `${k}:${n}`).join(' ');
      tl.push([m.minute, String(m.requests), String(m['2xx']), String(m['3xx']), String(m['4xx']), String(m['5xx']), String(m.other), states]);
    }
    out.push('', colors.bold(`Timeline per minute${rows.length < report.timeline.length ? ` (${rows.length} of ${report.timeline.length} minutes: the last ones with errors)` : ''}`), tl.toString());
  }
  for (const input of report.inputs) if (input.error) out.push('', colors.bold(`${input.file}: stopped after ${input.lines} lines: ${input.error}`));
}
