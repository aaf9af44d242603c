// --fail-on: which severities make the exit code 1.
import type { Severity } from '../model/finding.js';
import { UsageError } from './errors.js';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function failThreshold(value: unknown): Severity | 'none' {
  const text = value === undefined ? 'error' : String(value);
  if (text === 'none' || text === 'error' || text === 'warning' || text === 'info') return text;
  throw new UsageError(`--fail-on takes error, warning, info or none, not "${text}"`);
}

export function reachesThreshold(severity: Severity, threshold: Severity | 'none'): boolean {
  return threshold !== 'none' && ORDER[severity] <= ORDER[threshold];
}

export function formatOption(value: unknown, allowed: string[]): string {
  const text = value === undefined ? allowed[0] ?? 'table' : String(value);
  if (!allowed.includes(text)) throw new UsageError(`--format takes ${allowed.join(', ')}, not "${text}"`);
  return text;
}
