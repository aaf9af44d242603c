// `.haproxy-doctor.json`, found by searching upward from the first linted file: rule severities, disabled rules,
// target HAProxy version, host checks.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BundleInputError } from '../bundle/bundle-input-error.js';
import type { Severity } from '../model/finding.js';

export const CONFIG_FILE_NAME = '.haproxy-doctor.json';

export interface LintConfig {
  /** Rule id -> new severity, or "off". */
  rules: Record<string, Severity | 'off'>;
  haproxyVersion?: string;
  /** Check files, users and groups against the machine lint runs on (--check-host). */
  checkHost?: boolean;
  /** Where it was read from, for messages. */
  path?: string;
}

export function findLintConfig(startDir: string): LintConfig {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return readLintConfigFile(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return { rules: {} };
    dir = parent;
  }
}

export function readLintConfigFile(file: string): LintConfig {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BundleInputError(`cannot read "${file}": ${(error as Error).message}`);
  }
  const object = (data ?? {}) as { rules?: Record<string, unknown>; haproxyVersion?: unknown; checkHost?: unknown };
  const rules: LintConfig['rules'] = {};
  for (const [id, value] of Object.entries(object.rules ?? {})) {
    if (value === 'off' || value === 'error' || value === 'warning' || value === 'info') rules[id] = value;
    else throw new BundleInputError(`${file}: rule "${id}" takes "off", "error", "warning" or "info", not ${JSON.stringify(value)}`);
  }
  const config: LintConfig = { rules, path: file };
  if (typeof object.haproxyVersion === 'string') config.haproxyVersion = object.haproxyVersion;
  if (object.checkHost !== undefined) {
    if (typeof object.checkHost !== 'boolean') throw new BundleInputError(`${file}: "checkHost" takes true or false, not ${JSON.stringify(object.checkHost)}`);
    config.checkHost = object.checkHost;
  }
  return config;
}
