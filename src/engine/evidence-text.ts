// Fills evidence line texts once, at the end, by reading only the cited lines of the cited files.
import type { BundleFile } from '../bundle/bundle.js';
import { feedLines, openFileStream, type LineSink } from '../bundle/line-stream.js';
import type { Evidence, Provenance } from '../model/provenance.js';
import { redact } from '../model/redact.js';

/** Evidence lines are shown, not archived: cap what one line contributes to a report. */
const MAX_EVIDENCE_TEXT = 500;

export async function resolveEvidenceTexts(cited: Provenance[], files: BundleFile[]): Promise<(p: Provenance) => Evidence> {
  const wanted = new Map<string, Set<number>>();
  for (const provenance of cited) {
    const key = fileKey(provenance.host, provenance.path);
    const lines = wanted.get(key) ?? new Set<number>();
    lines.add(provenance.line);
    wanted.set(key, lines);
  }
  const texts = new Map<string, string>();
  for (const file of files) {
    const lines = wanted.get(fileKey(file.host, file.path));
    if (!lines) continue;
    const last = Math.max(...lines);
    const key = fileKey(file.host, file.path);
    const sink: LineSink = {
      addRange(s, start, end, line) {
        if (lines.has(line)) texts.set(`${key}:${line}`, s.slice(start, end));
        if (line >= last) sink.done = true;
      },
    };
    try {
      await feedLines(openFileStream(file), sink);
    } catch {
      // An unreadable file leaves its evidence without text; the provenance still stands.
    }
  }
  return (provenance) => {
    const raw = texts.get(`${fileKey(provenance.host, provenance.path)}:${provenance.line}`) ?? '';
    const text = redact(raw.length > MAX_EVIDENCE_TEXT ? `${raw.slice(0, MAX_EVIDENCE_TEXT)}…` : raw);
    return { host: provenance.host, path: provenance.path, line: provenance.line, text };
  };
}

function fileKey(host: string, path: string): string {
  return `${host}\u0000${path}`;
}
