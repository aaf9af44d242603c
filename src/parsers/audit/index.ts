// Audit records (raw /var/log/audit/audit.log, `ausearch` raw and `ausearch -i`) into events and AVC denials.
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { AuditEvent, AuditLog, AvcDenial } from '../../model/selinux.js';
import { splitLines } from '../../model/text-lines.js';
import type { ArtifactParser } from '../parser.js';

// `node=lb01 type=AVC msg=audit(1764320106.422:5891): ...` / `type=AVC msg=audit(11/28/25 08:55:06.422:5891) : ...`
const RECORD = /^(?:node=(\S+) )?type=([A-Z0-9_]+) msg=audit\(([^()]*)\) ?: ?(.*)$/;
// auditd's "enriched" format appends interpreted fields after a GS (0x1D) byte.
const ENRICHMENT_SEPARATOR = '\u001d';

export function parseAuditLog(text: string): ParseOutput<AuditLog> {
  const diagnostics: Diagnostic[] = [];
  const value: AuditLog = { format: 'raw', recordCount: 0, events: [], avcs: [] };
  const events = new Map<string, AuditEvent>();
  const syscalls = new Map<string, { exe?: string; syscall?: string; success?: boolean }>();
  const avcKeys: string[] = [];
  let interpreted = false;
  let contentLines = 0;
  let lastLine = 0;
  let lastLineParsed = true;
  for (const { line, text: raw, truncated } of splitLines(text)) {
    if (truncated) diagnostics.push({ line, severity: 'warning', message: 'line longer than the parser reads; cut' });
    const lineText = raw.trim();
    if (lineText === '') continue;
    contentLines++;
    lastLine = line;
    lastLineParsed = true;
    if (lineText === '----' || lineText.startsWith('time->') || lineText === '<no matches>') continue;
    const match = RECORD.exec(lineText);
    if (!match) {
      lastLineParsed = false;
      diagnostics.push({ line, severity: 'warning', message: `not an audit record: "${lineText.slice(0, 80)}"` });
      continue;
    }
    const [, node, type = '', stamp = '', restRaw = ''] = match;
    const colon = stamp.lastIndexOf(':');
    const time = stamp.slice(0, colon);
    const serialText = stamp.slice(colon + 1);
    if (colon <= 0 || !/^\d{1,20}$/.test(serialText)) {
      lastLineParsed = false;
      diagnostics.push({ line, severity: 'warning', message: `audit record without a serial: "${lineText.slice(0, 80)}"` });
      continue;
    }
    if (time.includes('/')) interpreted = true;
    const rest = restRaw.split(ENRICHMENT_SEPARATOR)[0] ?? '';
    value.recordCount++;
    const serial = Number(serialText);
    const key = `${node ?? ''}|${serial}|${time}`;
    let event = events.get(key);
    if (!event) {
      event = { serial, time, lines: [], types: [] };
      if (node) event.node = node;
      events.set(key, event);
      value.events.push(event);
    }
    event.lines.push(line);
    event.types.push(type);
    if (type === 'AVC' || type === 'USER_AVC') {
      const avc = readAvc(rest, line);
      if (!avc) {
        diagnostics.push({ line, severity: 'warning', message: 'AVC record without its `avc: denied { ... }` text' });
        continue;
      }
      avc.time = time;
      avc.serial = serial;
      if (node) avc.node = node;
      value.avcs.push(avc);
      avcKeys.push(key);
    } else if (type === 'SYSCALL') {
      const fields = readFields(rest);
      const info: { exe?: string; syscall?: string; success?: boolean } = {};
      if (fields.exe !== undefined) info.exe = fields.exe;
      if (fields.syscall !== undefined) info.syscall = fields.syscall;
      if (fields.success !== undefined) info.success = fields.success === 'yes';
      syscalls.set(key, info);
    }
  }
  value.avcs.forEach((avc, i) => Object.assign(avc, syscalls.get(avcKeys[i] ?? '') ?? {}));
  value.format = interpreted ? 'interpreted' : 'raw';
  if (!lastLineParsed && !text.endsWith('\n')) {
    const last = diagnostics.at(-1);
    if (last && last.line === lastLine) last.message = `log cut in the middle of a record: ${last.message}`;
  }
  const ok = contentLines === 0 || value.recordCount > 0 || text.includes('<no matches>');
  if (!ok) diagnostics.unshift({ line: 1, severity: 'error', message: 'no audit record recognised' });
  return { ok, value, diagnostics };
}

/** `avc:  denied  { name_connect } for  pid=2417 comm="haproxy" dest=8081 scontext=... tclass=tcp_socket permissive=0` */
function readAvc(rest: string, line: number): AvcDenial | undefined {
  const avcAt = rest.indexOf('avc:');
  if (avcAt === -1) return undefined;
  const body = rest.slice(avcAt + 4).trimStart();
  const result = body.startsWith('denied') ? 'denied' : body.startsWith('granted') ? 'granted' : undefined;
  const open = body.indexOf('{');
  const close = body.indexOf('}', open);
  if (!result || open === -1 || close === -1) return undefined;
  const avc: AvcDenial = { line, result, permissions: body.slice(open + 1, close).trim().split(/\s+/).filter(Boolean) };
  const fields = readFields(body.slice(close + 1));
  if (fields.comm !== undefined) avc.comm = fields.comm;
  if (fields.pid !== undefined && /^\d+$/.test(fields.pid)) avc.pid = Number(fields.pid);
  if (fields.scontext !== undefined) {
    avc.scontext = fields.scontext;
    avc.sourceType = contextType(fields.scontext);
  }
  if (fields.tcontext !== undefined) {
    avc.tcontext = fields.tcontext;
    avc.targetType = contextType(fields.tcontext);
  }
  if (fields.tclass !== undefined) avc.tclass = fields.tclass;
  if (fields.dest !== undefined && /^\d{1,5}$/.test(fields.dest)) avc.destPort = Number(fields.dest);
  if (fields.src !== undefined && /^\d{1,5}$/.test(fields.src)) avc.srcPort = Number(fields.src);
  if (fields.permissive !== undefined) avc.permissive = fields.permissive === '1';
  return avc;
}

function contextType(context: string): string | undefined {
  return context.split(':')[2];
}

/** `key=value` pairs; values may be double-quoted (`comm="my app"`). The first occurrence of a key wins. */
export function readFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && text[i] === ' ') i++;
    const eq = text.indexOf('=', i);
    if (eq === -1) break;
    const space = text.indexOf(' ', i);
    if (space !== -1 && space < eq) {
      i = space + 1;
      continue;
    }
    const key = text.slice(i, eq);
    let valueText: string;
    if (text[eq + 1] === '"') {
      const endQuote = text.indexOf('"', eq + 2);
      const end = endQuote === -1 ? n : endQuote;
      valueText = text.slice(eq + 2, end);
      i = end + 1;
    } else if (text[eq + 1] === "'") {
      const endQuote = text.indexOf("'", eq + 2);
      const end = endQuote === -1 ? n : endQuote;
      valueText = text.slice(eq + 2, end);
      i = end + 1;
    } else {
      const end = text.indexOf(' ', eq + 1);
      valueText = text.slice(eq + 1, end === -1 ? n : end);
      i = end === -1 ? n : end + 1;
    }
    if (!(key in fields)) fields[key] = valueText;
  }
  return fields;
}

export const auditLogParser: ArtifactParser<AuditLog> = {
  kind: 'audit-log',
  description: 'audit records: raw audit.log, ausearch and ausearch -i output (AVC denials, events)',
  pathPatterns: ['var/log/audit/audit.log*', 'commands/ausearch_*', 'sos_commands/selinux/ausearch_*', 'sos_commands/auditd/ausearch_*'],
  sniff: (head) => /^(node=\S+ )?type=[A-Z_]+ msg=audit\(/m.test(head),
  parse: parseAuditLog,
};
