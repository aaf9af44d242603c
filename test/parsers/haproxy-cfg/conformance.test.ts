// Conformance with HAProxy's own regression-test configs, read in place from the shared corpus (never copied).
// Each `<set>.verdicts.tsv` line is `rc <TAB> file <TAB> first alert` from `haproxy -c` of that version:
// rc 0 = valid, 1 = refused, 2 = valid with warnings. The parser must never throw, and must not report a
// syntax-level error on a file HAProxy accepted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHaproxyConfig } from '../../../src/parsers/haproxy-cfg/index.js';

const CORPUS = '/work/shared/corpus/haproxy-regtests';
// `main` verdicts come from a development version: its configs may use predicates 2.6 lacks.
const SETS = [
  { name: 'v2.6.0', version: '2.6.0' },
  { name: 'main', version: '3.3' },
];

interface Verdict {
  rc: number;
  message: string;
}

function readVerdicts(path: string): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [rc, file, message] = line.split('\t');
    if (rc !== undefined && file) verdicts.set(file, { rc: Number(rc), message: message ?? '' });
  }
  return verdicts;
}

for (const set of SETS) {
  const dir = join(CORPUS, set.name);
  const available = existsSync(dir) && existsSync(`${dir}.verdicts.tsv`);
  if (!available) console.warn(`haproxy-cfg conformance: ${dir} not found, skipping the ${set.name} corpus`);

  describe(`conformance with the HAProxy ${set.name} regression-test configs`, () => {
    it.skipIf(!available)(`parses every ${set.name} config; no error on the ones haproxy -c accepted`, () => {
      const verdicts = readVerdicts(`${dir}.verdicts.tsv`);
      const files = readdirSync(dir).filter((f) => f.endsWith('.cfg')).sort();
      const failures: string[] = [];
      let accepted = 0;
      let passed = 0;
      for (const file of files) {
        const text = readFileSync(join(dir, file), 'utf8');
        let result;
        try {
          result = parseHaproxyConfig(text, { version: set.version });
        } catch (e) {
          failures.push(`${file}: threw ${String(e)}`);
          continue;
        }
        if (verdicts.get(file)?.rc !== 0) continue;
        accepted++;
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length === 0) passed++;
        else failures.push(`${file}:${errors[0]!.line}: ${errors[0]!.message}`);
      }
      console.info(`haproxy-cfg conformance ${set.name}: ${files.length} configs parsed, ${passed}/${accepted} accepted configs without error`);
      expect(files.length).toBeGreaterThan(0);
      expect(failures).toEqual([]);
    });

    it.skipIf(!available)('reports the unmatched quotes that made haproxy -c refuse a config', () => {
      const verdicts = readVerdicts(`${dir}.verdicts.tsv`);
      for (const [file, verdict] of verdicts) {
        if (verdict.rc !== 1 || !verdict.message.includes('unmatched quote')) continue;
        const result = parseHaproxyConfig(readFileSync(join(dir, file), 'utf8'), { version: set.version });
        expect(result.diagnostics.some((d) => d.severity === 'error' && d.message === 'unmatched quote'), file).toBe(true);
      }
    });
  });
}
