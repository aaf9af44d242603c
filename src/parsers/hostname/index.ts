// `hostname` / `/etc/hostname`: the host's name, to tell hosts apart and match log prefixes.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;

export interface HostnameValue {
  name?: string;
  line?: number;
}

export function parseHostname(text: string): ParseOutput<HostnameValue> {
  const diagnostics: Diagnostic[] = [];
  for (const { line, text: raw } of splitLines(text)) {
    const candidate = raw.trim();
    if (candidate === '' || candidate.startsWith('#')) continue;
    if (HOSTNAME.test(candidate)) return { ok: true, value: { name: candidate, line }, diagnostics };
    diagnostics.push({ line, severity: 'error', message: `not a host name: "${candidate.slice(0, 80)}"` });
    return { ok: false, value: {}, diagnostics };
  }
  diagnostics.push({ line: 1, severity: 'warning', message: 'empty hostname output' });
  return { ok: false, value: {}, diagnostics };
}

export const hostnameParser: ArtifactParser<HostnameValue> = {
  kind: 'hostname',
  description: 'hostname output or /etc/hostname',
  pathPatterns: ['commands/hostname', 'commands/hostname_*', 'etc/hostname', 'hostname', 'sos_commands/host/hostname*'],
  // Too generic to sniff: a one-word file could be anything.
  sniff: () => false,
  parse: parseHostname,
};
