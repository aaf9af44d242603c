// Inline suppressions: `# haproxy-doctor disable=ID[,ID] -- reason` silences the next line, or the whole file when it
// comes before the first keyword line. Unused ones are findings themselves, so stale comments do not pile up.
import type { Finding } from './lint-result.js';

interface Suppression {
  line: number;
  ids: string[];
  /** undefined: the whole file. */
  target?: number;
  used: Set<string>;
}

const DIRECTIVE = /^\s*#\s*haproxy-doctor\s+disable=([A-Za-z0-9_,-]+)(?:\s+--\s*(.*))?\s*$/;

export function readSuppressions(text: string): Suppression[] {
  const suppressions: Suppression[] = [];
  if (!text.includes('haproxy-doctor')) return suppressions;
  const lines = text.split('\n');
  let seenKeyword = false;
  let pending: Suppression[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const m = DIRECTIVE.exec(raw);
    if (m) {
      const s: Suppression = { line: i + 1, ids: m[1]!.split(',').filter(Boolean), used: new Set() };
      if (seenKeyword) pending.push(s);
      suppressions.push(s);
      continue;
    }
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    for (const s of pending) s.target = i + 1;
    pending = [];
    if (!seenKeyword) {
      // Directives above the first keyword line cover the whole file, except one right above it (that line only).
      const header = suppressions.filter((s) => s.target === undefined);
      const last = header[header.length - 1];
      if (last && last.line === i) last.target = i + 1;
    }
    seenKeyword = true;
  }
  for (const s of pending) s.target = -1;
  return suppressions;
}

/** Drops suppressed findings of one file; adds an `unused-suppression` finding per id that silenced nothing. */
export function applySuppressions(file: string, suppressions: Suppression[], findings: Finding[]): Finding[] {
  const kept = findings.filter((f) => {
    if (f.file !== file) return true;
    const s = suppressions.find((x) => (x.target === undefined || x.target === f.line) && x.ids.includes(f.ruleId));
    if (!s) return true;
    s.used.add(f.ruleId);
    return false;
  });
  for (const s of suppressions) {
    for (const id of s.ids) {
      if (!s.used.has(id)) kept.push({ file, line: s.line, column: 1, ruleId: 'unused-suppression', severity: 'warning', message: `suppression of '${id}' matches no finding; expected it to be removed` });
    }
  }
  return kept;
}
