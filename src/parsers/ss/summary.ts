// `ss -s`: socket totals, TCP state counts (estab, timewait, ...) and the per-transport table.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { SocketSummary } from '../../model/host-state.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

const TCP_COUNTERS = new Set(['estab', 'closed', 'orphaned', 'synrecv', 'timewait', 'ports']);

export function parseSsSummary(text: string): ParseOutput<SocketSummary> {
  const diagnostics: Diagnostic[] = [];
  const value: SocketSummary = { transports: [] };
  let content = 0;
  let tableHeader = false;
  for (const { line, text: raw, truncated } of splitLines(text)) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    const lineText = raw.trim();
    if (lineText === '') continue;
    content++;
    // `Total: 178` or, older, `Total: 178 (kernel 0)`
    const total = /^Total:\s+(\d+)(?:\s+\(kernel\s+(\d+)\))?$/.exec(lineText);
    if (total) {
      value.total = { line, count: Number(total[1]) };
      if (total[2] !== undefined) value.total.kernel = Number(total[2]);
      continue;
    }
    // `TCP:   9 (estab 2, closed 1, orphaned 0, timewait 1)`; older: `..., synrecv 0, timewait 1/0), ports 0`
    const tcp = /^TCP:\s+(\d+)\s+\(([^()]*)\)(?:,\s*ports\s+(\d+))?$/.exec(lineText);
    if (tcp) {
      const counts: NonNullable<SocketSummary['tcp']> = { line, total: Number(tcp[1]) };
      for (const part of (tcp[2] ?? '').split(',')) {
        const [name = '', count = ''] = part.trim().split(/\s+/);
        const number = Number(count.split('/')[0]);
        if (TCP_COUNTERS.has(name) && count !== '' && Number.isInteger(number)) counts[name as 'estab'] = number;
        else diagnostics.push({ line, severity: 'warning', message: `TCP counter "${part.trim().slice(0, 40)}" not understood` });
      }
      if (tcp[3] !== undefined) counts.ports = Number(tcp[3]);
      value.tcp = counts;
      continue;
    }
    if (/^Transport\s+Total\s+IP\s+IPv6$/.test(lineText)) {
      tableHeader = true;
      continue;
    }
    const row = /^([A-Z]+)\s+(\d+|-)\s+(\d+|-)\s+(\d+|-)$/.exec(lineText);
    if (row && tableHeader) {
      const count = (word: string | undefined) => (word === undefined || word === '-' ? 0 : Number(word));
      value.transports.push({ line, transport: row[1] ?? '', total: count(row[2]), ip: count(row[3]), ipv6: count(row[4]) });
      continue;
    }
    diagnostics.push({ line, severity: 'warning', message: `not an ss -s line: "${lineText.slice(0, 80)}"` });
  }
  const ok = content === 0 || value.total !== undefined || value.tcp !== undefined || value.transports.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no ss -s summary line recognised (Total:, TCP:, Transport table)' });
  else if (content > 0 && value.tcp === undefined) diagnostics.push({ line: 1, severity: 'warning', message: 'no TCP: line: output cut?' });
  return { ok, value, diagnostics };
}

export const ssSummaryParser: ArtifactParser<SocketSummary> = {
  kind: 'ss-summary',
  description: 'ss -s socket summary (totals, TCP estab/timewait/orphaned counts, per-transport table)',
  // Before the ss kind, whose `commands/ss_*` would take these paths.
  pathPatterns: ['commands/ss_-s', 'commands/ss_-s.txt', 'sos_commands/networking/ss_-s', '**/ss-s.txt', '**/ss_-s.txt'],
  sniff: (head) => /^Total:\s+\d+/m.test(head) && /^TCP:\s+\d+\s+\(estab\s/m.test(head),
  parse: parseSsSummary,
};
