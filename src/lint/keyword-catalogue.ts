// The HAProxy keyword catalogue: generated data (data/haproxy-keywords/, see scripts/generate-keywords.mjs) read once.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type KeywordEntry = 'ok' | { status: 'error' | 'ignored' | 'removed'; message: string };

export interface KeywordCatalogue {
  version: string;
  sections: Record<string, Record<string, KeywordEntry>>;
  options: Record<string, { negatable: boolean }>;
  /** Server/bind keyword -> number of values it takes (-1: a variable number). */
  serverKeywords: Record<string, number>;
  bindKeywords: Record<string, number>;
  actions: Record<string, string[]>;
  fetches: Record<string, { args: string | null; type: string }>;
  converters: Record<string, { args: string | null }>;
  aclKeywords: Record<string, { fetch: string; match: string }>;
  filters: string[];
  services: string[];
}

const CATALOGUE_FILE = 'data/haproxy-keywords/haproxy-2.6.json';

/** The package root holds data/: found upward from this module, whether it runs from src/ or from a dist/ bundle. */
function findCatalogue(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, CATALOGUE_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${CATALOGUE_FILE} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

let loaded: KeywordCatalogue | undefined;

/** Config words index these tables: without a prototype, `__proto__` or `constructor` is no keyword (found by fuzzing). */
function withoutPrototype<T extends object>(table: T): T {
  return Object.setPrototypeOf(table, null) as T;
}

export function keywordCatalogue(): KeywordCatalogue {
  if (loaded === undefined) {
    const c = JSON.parse(readFileSync(findCatalogue(), 'utf8')) as KeywordCatalogue;
    for (const entries of Object.values(c.sections)) withoutPrototype(entries);
    for (const table of [c.sections, c.options, c.serverKeywords, c.bindKeywords, c.actions, c.fetches, c.converters, c.aclKeywords]) withoutPrototype(table);
    loaded = c;
  }
  return loaded;
}

/** HAProxy's make_word_fingerprint(): counts of character bigrams (letters, digits as one, others as one). */
function fingerprint(word: string): Map<number, number> {
  const fp = new Map<number, number>();
  let from = 28;
  for (const ch of word.toLowerCase()) {
    const c = ch.charCodeAt(0);
    const to = c >= 97 && c <= 122 ? c - 96 : c >= 48 && c <= 57 ? 27 : 28;
    const key = 32 * from + to;
    fp.set(key, (fp.get(key) ?? 0) + 1);
    from = to;
  }
  const end = 32 * from + 28;
  fp.set(end, (fp.get(end) ?? 0) + 1);
  return fp;
}

function distance(a: Map<number, number>, b: Map<number, number>): number {
  let d = 0;
  for (const [k, v] of a) d += Math.abs(v - (b.get(k) ?? 0));
  for (const [k, v] of b) if (!a.has(k)) d += v;
  return d;
}

/** The "did you mean" of cfg_find_best_match(): the closest candidate, if close enough. */
export function bestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const fp = fingerprint(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(fp, fingerprint(candidate));
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= 2 * word.length + 3 && best !== undefined && bestDistance < word.length + 1 + best.length ? best : undefined;
}
