// citedLines (bytes, only the cited lines decoded) against the line reader every parser uses (feedLines), on every
// file of the committed bundles and on hand-written edge cases (CRLF, no final newline, long and multi-byte lines).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedLines } from '../../src/bundle/line-stream.js';
import { citedLines } from '../../src/engine/evidence-text.js';
import { PROJECT_ROOT } from '../helpers/fixtures.js';

/** What the line reader gives for the same lines, cut as the report cuts them. */
async function reference(bytes: Buffer, lines: Set<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  await feedLines([bytes], { addRange: (s, start, end, line) => void (lines.has(line) && out.set(line, s.slice(start, end))) });
  return out;
}
const shown = (m: Map<number, string>) => new Map([...m].map(([k, v]) => [k, v.length > 500 ? `${v.slice(0, 500)}…` : v]));

/** Splits the bytes into chunks of `size`, as a stream would hand them over. */
async function* chunks(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : name.endsWith('.gz') ? [] : [full];
  });
}

describe('citedLines', () => {
  const files = filesUnder(path.join(PROJECT_ROOT, 'fixtures/bundles'));
  it(`gives the line reader's text for lines 1, 2, the middle, the last and past the end of ${files.length} bundle files`, async () => {
    for (const file of files) {
      const bytes = readFileSync(file);
      const count = bytes.toString('latin1').split('\n').length;
      const lines = new Set([1, 2, Math.ceil(count / 2), count - 1, count, count + 3]);
      expect(shown(await citedLines(chunks(bytes, 7), lines)), file).toEqual(shown(await reference(bytes, lines)));
    }
  });
  it('edge cases (hand-written): CRLF, no final newline, a 3,000-character line, multi-byte characters across chunks', async () => {
    const text = `a\r\nb\n\n${'x'.repeat(3000)}\n${'é€😀'.repeat(400)}\r\nlast`;
    const bytes = Buffer.from(text);
    const lines = new Set([1, 2, 3, 4, 5, 6, 7]);
    for (const size of [1, 3, 64, 1 << 16]) {
      expect(shown(await citedLines(chunks(bytes, size), lines))).toEqual(shown(await reference(bytes, lines)));
    }
  });
});
