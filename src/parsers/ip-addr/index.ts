// `ip addr`, `ip -o addr` and `ip -d address` output into interface addresses.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { InterfaceAddress } from '../../model/network.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

// `2: eth0@if7: <BROADCAST,...,UP> mtu 1500 ... state UP ...`
const LINK_LINE = /^\d+:\s+([^:\s@]+)(?:@[^:\s]+)?:\s+<([^>]*)>(.*)$/;
// `1: lo    inet 127.0.0.1/8 scope host lo\       valid_lft ...` (one line per address with -o)
const ONELINE_ADDRESS = /^\d+:\s+(\S+?)\s+(inet6?)\s+(\S+)(.*)$/;
const ADDRESS_LINE = /^(inet6?)\s+(\S+)(.*)$/;

export function parseIpAddr(text: string): ParseOutput<InterfaceAddress[]> {
  const diagnostics: Diagnostic[] = [];
  const addresses: InterfaceAddress[] = [];
  let currentInterface: string | undefined;
  let currentState: string | undefined;
  let sawLink = false;
  for (const { line, text: raw } of splitLines(text)) {
    const lineText = raw.trim();
    if (lineText === '') continue;
    const oneLine = ONELINE_ADDRESS.exec(lineText);
    if (oneLine) {
      const record = makeAddress(line, oneLine[1] ?? '', oneLine[2] ?? '', oneLine[3] ?? '', oneLine[4] ?? '');
      if (record) addresses.push(record);
      else diagnostics.push({ line, severity: 'warning', message: `unreadable address "${oneLine[3]}"` });
      continue;
    }
    const link = LINK_LINE.exec(lineText);
    if (link) {
      sawLink = true;
      currentInterface = link[1];
      currentState = /\bstate\s+(\S+)/.exec(link[3] ?? '')?.[1];
      continue;
    }
    const address = ADDRESS_LINE.exec(lineText);
    if (address) {
      if (!currentInterface) {
        diagnostics.push({ line, severity: 'warning', message: 'address line before any interface line' });
        continue;
      }
      const record = makeAddress(line, currentInterface, address[1] ?? '', address[2] ?? '', address[3] ?? '');
      if (record) {
        if (currentState) record.linkState = currentState;
        addresses.push(record);
      } else diagnostics.push({ line, severity: 'warning', message: `unreadable address "${address[2]}"` });
      continue;
    }
    if (/^(link\/|valid_lft|altname|vrf|bridge|veth|inet6? |\w+ )/.test(lineText) && sawLink) continue;
    diagnostics.push({ line, severity: 'warning', message: `not an ip addr line: "${lineText.slice(0, 80)}"` });
  }
  const ok = addresses.length > 0 || sawLink || text.trim() === '';
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no interface or address recognised' });
  return { ok, value: addresses, diagnostics };
}

function makeAddress(line: number, iface: string, family: string, cidr: string, rest: string): InterfaceAddress | undefined {
  const slash = cidr.indexOf('/');
  const address = slash === -1 ? cidr : cidr.slice(0, slash);
  const prefixLength = slash === -1 ? (family === 'inet6' ? 128 : 32) : Number(cidr.slice(slash + 1));
  if (!/^[0-9a-fA-F:.]+$/.test(address) || !Number.isInteger(prefixLength)) return undefined;
  const record: InterfaceAddress = { line, interface: iface, family: family as 'inet' | 'inet6', address, prefixLength };
  const scope = /\bscope\s+(\S+)/.exec(rest)?.[1];
  if (scope) record.scope = scope;
  return record;
}

export const ipAddrParser: ArtifactParser<InterfaceAddress[]> = {
  kind: 'ip-addr',
  description: 'ip addr / ip -o addr / ip -d address output',
  pathPatterns: ['commands/ip_addr*', 'commands/ip_-o_addr*', 'commands/ip_a', 'commands/ip_-d_address*', 'sos_commands/networking/ip_-d_address', 'sos_commands/networking/ip_-o_addr', 'sos_commands/networking/ip_addr'],
  sniff: (head) => /^\d+: \S+: <[A-Z_,-]*> mtu \d+/m.test(head) || /^\d+: \S+\s+inet6? [0-9a-f.:]+\/\d+/m.test(head),
  parse: parseIpAddr,
};
