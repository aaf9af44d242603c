// Fills evidence line texts once, at the end, by reading only the cited lines of the cited files. The files are read
// as bytes up to the last cited line: lines are counted at each \n, and only the cited ones are decoded (a log of a
// gigabyte is not turned into strings to show three of its lines).
import type { BundleFile } from '../bundle/bundle.js';
import { openFileStream } from '../bundle/line-stream.js';
import type { Evidence, Provenance } from '../model/provenance.js';
import { redact } from '../model/redact.js';

/** Evidence lines are shown, not archived: cap what one line contributes to a report. */
const MAX_EVIDENCE_TEXT = 500;
/** Bytes kept of a cited line: enough for MAX_EVIDENCE_TEXT characters and one more, at up to 4 bytes each. */
const MAX_EVIDENCE_BYTES = (MAX_EVIDENCE_TEXT + 1) * 4;

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
    const key = fileKey(file.host, file.path);
    const lines = wanted.get(key);
    if (!lines) continue;
    try {
      for (const [line, text] of await citedLines(openFileStream(file), lines)) texts.set(`${key}:${line}`, text);
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

/**
 * The text of each of `lines` (1-based) of a stream: lines end at \n, a \r before it is dropped, and at most
 * MAX_EVIDENCE_BYTES of a line are kept (the caller shows MAX_EVIDENCE_TEXT characters). Stops after the last one.
 */
export async function citedLines(input: AsyncIterable<Buffer | string>, lines: ReadonlySet<number>, maxBytes = MAX_EVIDENCE_BYTES): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const last = Math.max(...lines);
  let line = 1;
  let parts: Buffer[] | undefined = lines.has(1) ? [] : undefined;
  let kept = 0;
  const keep = (bytes: Buffer) => {
    if (kept >= maxBytes) return;
    const piece = bytes.subarray(0, maxBytes - kept);
    parts!.push(piece);
    kept += piece.length;
  };
  const finish = (ended: boolean) => {
    let bytes = Buffer.concat(parts!);
    // the \r of a CRLF line, when the line was kept whole
    if (ended && kept < maxBytes && bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, -1);
    found.set(line, bytes.toString('utf8'));
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (parts) keep(buf.subarray(start, nl === -1 ? buf.length : nl));
      if (nl === -1) break;
      if (parts) finish(true);
      if (line >= last) return found;
      line++;
      parts = lines.has(line) ? [] : undefined;
      kept = 0;
      start = nl + 1;
    }
  }
  if (parts && kept > 0) finish(true);
  return found;
}

function fileKey(host: string, path: string): string {
  return `${host}\u0000${path}`;
}
