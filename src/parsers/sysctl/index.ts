// `sysctl -a` (and single-key `sysctl KEY`) into key/value entries; unreadable keys are listed, not lost.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { SysctlListing } from '../../model/firewall.js';
import { contentLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

const ENTRY = /^([A-Za-z0-9_][A-Za-z0-9_.\-/:@*+]*) = ?(.*)$/;
// stderr lines a merged capture holds: `sysctl: permission denied on key 'fs.protected_fifos'`,
// `sysctl: reading key "net.ipv6.conf.all.stable_secret"`.
const UNREADABLE = /^sysctl: (?:permission denied on key|reading key|cannot stat \/proc\/sys\/)\s*['"]?([^'"\s]+)['"]?/;

export function parseSysctl(text: string): ParseOutput<SysctlListing> {
  const diagnostics: Diagnostic[] = [];
  const value: SysctlListing = { entries: [], unreadable: [] };
  let content = 0;
  for (const { line, text: lineText } of contentLines(text, diagnostics)) {
    content++;
    const entry = ENTRY.exec(lineText);
    if (entry) {
      // Multi-value keys (ip_local_port_range) are tab-separated; one space is how people read them.
      value.entries.push({ line, key: entry[1] ?? '', value: (entry[2] ?? '').trim().replace(/\s+/g, ' ') });
      continue;
    }
    const unreadable = UNREADABLE.exec(lineText);
    if (unreadable) {
      value.unreadable.push({ line, key: unreadable[1] ?? '' });
      continue;
    }
    diagnostics.push({ line, severity: 'warning', message: `not a "key = value" line: "${lineText.slice(0, 80)}"` });
  }
  const ok = content === 0 || value.entries.length > 0;
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no sysctl "key = value" line found' });
  return { ok, value, diagnostics };
}

/** The entry of a key (last one wins, as when a file holds several dumps). */
export function sysctlValue(listing: SysctlListing, key: string): { line: number; value: string } | undefined {
  for (let i = listing.entries.length - 1; i >= 0; i--) {
    const entry = listing.entries[i];
    if (entry?.key === key) return { line: entry.line, value: entry.value };
  }
  return undefined;
}

export const sysctlParser: ArtifactParser<SysctlListing> = {
  kind: 'sysctl',
  description: 'sysctl -a (key = value listings)',
  pathPatterns: ['commands/sysctl_-a*', 'commands/sysctl_net.*', 'sos_commands/kernel/sysctl_-a*', '**/sysctl-a.txt', '**/sysctl_-a*.txt'],
  sniff: (head) => /^(abi|crypto|debug|dev|fs|kernel|net|user|vm)\.[a-z0-9_.]+ = /m.test(head) && /^(kernel|net|fs|vm)\.[a-z0-9_.-]+ = .*\n(abi|crypto|debug|dev|fs|kernel|net|user|vm)\.[a-z0-9_.-]+ = /m.test(head),
  parse: parseSysctl,
};
