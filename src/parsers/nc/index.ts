// `nc -vz HOST PORT` results (netcat-openbsd, ncat, traditional netcat) into connect probes.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { ConnectProbe } from '../../model/network.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';
import { outcomeOfError } from '../probe/outcome.js';

interface LinePattern {
  pattern: RegExp;
  read(match: RegExpExecArray): Omit<ConnectProbe, 'line' | 'tool'>;
}

const PATTERNS: LinePattern[] = [
  // openbsd: `Connection to 10.0.0.1 8080 port [tcp/*] succeeded!`
  { pattern: /^Connection to (\S+) (\d+) port \[[^\]]*\] succeeded!/, read: (m) => ({ address: m[1] ?? '', port: Number(m[2]), outcome: 'open', detail: 'succeeded' }) },
  // openbsd: `nc: connect to 10.0.0.1 port 8080 (tcp) failed: Connection refused` / `timed out: Operation now in progress`
  { pattern: /^nc: connect to (\S+) port (\d+) \(\w+\) (failed|timed out): (.*)$/, read: (m) => ({ address: m[1] ?? '', port: Number(m[2]), outcome: m[3] === 'timed out' ? 'timeout' : outcomeOfError(m[4] ?? ''), detail: `${m[3]}: ${m[4]}` }) },
  // traditional: `(UNKNOWN) [10.0.0.1] 8080 (?) : Connection refused` / `... open`
  { pattern: /^\S+ \[([^\]]+)\] (\d+) \([^)]*\)\s*(?:: (.*)|(open))$/, read: (m) => ({ address: m[1] ?? '', port: Number(m[2]), outcome: m[4] ? 'open' : outcomeOfError(m[3] ?? ''), detail: m[4] ?? m[3] ?? '' }) },
  // ncat: `Ncat: Connected to 10.0.0.1:8080.`
  { pattern: /^Ncat: Connected to (\S+?):(\d+)\.$/, read: (m) => ({ address: m[1] ?? '', port: Number(m[2]), outcome: 'open', detail: 'Connected' }) },
];
// ncat reports failures without the target: `Ncat: Connection refused.`, `Ncat: TIMEOUT.`
const NCAT_FAILURE = /^Ncat: (Connection refused|TIMEOUT|No route to host|Connection timed out)\.?/;
const NCAT_VERSION = /^Ncat: Version /;

export function parseNc(text: string): ParseOutput<ConnectProbe[]> {
  const diagnostics: Diagnostic[] = [];
  const probes: ConnectProbe[] = [];
  let sawNcat = false;
  for (const { line, text: raw } of splitLines(text)) {
    const lineText = raw.trim();
    if (lineText === '') continue;
    if (NCAT_VERSION.test(lineText)) {
      sawNcat = true;
      continue;
    }
    const matched = PATTERNS.find((entry) => entry.pattern.test(lineText));
    if (matched) {
      const match = matched.pattern.exec(lineText);
      if (match) probes.push({ line, tool: 'nc', ...matched.read(match) });
      continue;
    }
    const ncatFailure = NCAT_FAILURE.exec(lineText);
    if (ncatFailure) {
      probes.push({ line, tool: 'nc', address: '', outcome: outcomeOfError(ncatFailure[1] ?? ''), detail: ncatFailure[1] ?? '' });
      continue;
    }
    const resolve = /^nc: getaddrinfo(?: for host "([^"]*)")?.*: (.*)$/.exec(lineText);
    if (resolve) {
      probes.push({ line, tool: 'nc', address: resolve[1] ?? '', outcome: 'dns-failure', detail: resolve[2] ?? '' });
      continue;
    }
    diagnostics.push({ line, severity: 'info', message: `line not understood: "${lineText.slice(0, 80)}"` });
  }
  const ok = probes.length > 0 || sawNcat || text.trim() === '';
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no nc result recognised' });
  return { ok, value: probes, diagnostics };
}

export const ncParser: ArtifactParser<ConnectProbe[]> = {
  kind: 'nc',
  description: 'nc -vz connect probe results (openbsd, ncat, traditional)',
  pathPatterns: ['commands/nc_*', 'commands/ncat_*', 'commands/netcat_*'],
  sniff: (head) => /^(Connection to \S+ \d+ port \[|nc: connect to \S+ port \d+ |Ncat: )/m.test(head),
  parse: parseNc,
};
