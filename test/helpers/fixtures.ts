// Paths to the committed fixtures (lab output), for tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUNDLES = path.join(PROJECT_ROOT, 'fixtures/bundles');

export function bundlePath(name: string): string {
  return path.join(BUNDLES, name);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(path.join(PROJECT_ROOT, 'fixtures', ...parts), 'utf8');
}
