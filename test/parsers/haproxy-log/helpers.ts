import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/parsers/haproxy-log/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

/** Non-empty lines of a fixture. */
export function fixtureLines(name: string): string[] {
  return fixture(name)
    .split('\n')
    .filter((l) => l.length > 0);
}

/** First line of a fixture containing `needle`. */
export function lineWith(name: string, needle: string): string {
  const line = fixtureLines(name).find((l) => l.includes(needle));
  if (line === undefined) throw new Error(`no line with ${needle} in ${name}`);
  return line;
}
