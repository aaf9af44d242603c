// The HAProxy keyword catalogues, one per target version: generated data (data/haproxy-keywords/, see
// scripts/generate-keywords.mjs and scripts/generate-keywords-docs.mjs), each read once.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type KeywordEntry = 'ok' | { status: 'error' | 'ignored' | 'removed'; message: string };

export interface KeywordCatalogue {
  version: string;
  /** Where a documentation-derived catalogue came from (2.8 and later): the upstream tag and file, and its base. */
  source?: {
    documentation: { repository?: string; tag?: string; commit?: string; file: string };
    base: string;
    previousDocumentation?: string;
    removalsCheckedIn?: string;
  };
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
  /** What a documentation-derived catalogue changed against its base, for review (not read by lint). */
  changes?: Record<string, unknown>;
}

/**
 * Versions with a catalogue: 2.6 probed from the Debian binary (scripts/generate-keywords.mjs), the later ones derived
 * from their doc/configuration.txt (scripts/generate-keywords-docs.mjs). Oldest first.
 */
export const CATALOGUE_VERSIONS = ['2.6', '2.8', '3.0', '3.2'] as const;
export type CatalogueVersion = (typeof CATALOGUE_VERSIONS)[number];
export const DEFAULT_CATALOGUE_VERSION: CatalogueVersion = '2.6';

export class UnknownHaproxyVersionError extends Error {
  constructor(readonly version: string) {
    super(`HAProxy version "${version}" is not supported; expected one of ${CATALOGUE_VERSIONS.join(', ')}`);
    this.name = 'UnknownHaproxyVersionError';
  }
}

/** `3.0` and `3.0.12` name the 3.0 catalogue; anything else has none. */
export function catalogueVersionOf(version: string): CatalogueVersion | undefined {
  return CATALOGUE_VERSIONS.find((v) => version === v || version.startsWith(`${v}.`));
}

/**
 * The catalogue for a target lint has no exact one for: the newest not newer than it (`3.3` -> 3.2, with
 * `exact: false` so unknown keywords become warnings), or the oldest for an older target.
 */
export function nearestCatalogueVersion(version: string): { version: CatalogueVersion; exact: boolean } {
  const exact = catalogueVersionOf(version);
  if (exact !== undefined) return { version: exact, exact: true };
  const [major = 0, minor = 0] = version.split('.').map((n) => parseInt(n, 10) || 0);
  const older = CATALOGUE_VERSIONS.filter((v) => {
    const [a, b] = v.split('.').map(Number) as [number, number];
    return a < major || (a === major && b <= minor);
  });
  return { version: older.at(-1) ?? DEFAULT_CATALOGUE_VERSION, exact: false };
}

const catalogueFile = (version: CatalogueVersion) => `data/haproxy-keywords/haproxy-${version}.json`;

/** The package root holds data/: found upward from this module, whether it runs from src/ or from a dist/ bundle. */
function findCatalogue(file: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, file);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${file} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

const loaded = new Map<CatalogueVersion, KeywordCatalogue>();
/** The catalogue keywordCatalogue() answers with when given no version: set for the duration of withKeywordCatalogue(). */
let active: CatalogueVersion = DEFAULT_CATALOGUE_VERSION;

/** Config words index these tables: without a prototype, `__proto__` or `constructor` is no keyword (found by fuzzing). */
function withoutPrototype<T extends object>(table: T): T {
  return Object.setPrototypeOf(table, null) as T;
}

/** The catalogue of `version` (`2.8`, `3.2.1`, ...); without one, that of the lint run in progress (2.6 outside one). */
export function keywordCatalogue(version?: string): KeywordCatalogue {
  const key = version === undefined ? active : catalogueVersionOf(version);
  if (key === undefined) throw new UnknownHaproxyVersionError(version!);
  let c = loaded.get(key);
  if (c === undefined) {
    c = JSON.parse(readFileSync(findCatalogue(catalogueFile(key)), 'utf8')) as KeywordCatalogue;
    for (const entries of Object.values(c.sections)) withoutPrototype(entries);
    for (const table of [c.sections, c.options, c.serverKeywords, c.bindKeywords, c.actions, c.fetches, c.converters, c.aclKeywords]) withoutPrototype(table);
    loaded.set(key, c);
  }
  return c;
}

/**
 * Runs `fn` with keywordCatalogue() answering for `version`: the checks ask for "the" catalogue, the lint run decides
 * which. Synchronous on purpose, so two runs cannot interleave; the previous catalogue is restored even on a throw.
 */
export function withKeywordCatalogue<T>(version: string, fn: () => T): T {
  const key = catalogueVersionOf(version);
  if (key === undefined) throw new UnknownHaproxyVersionError(version);
  const previous = active;
  active = key;
  try {
    return fn();
  } finally {
    active = previous;
  }
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
