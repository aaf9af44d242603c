// lint: parses each haproxy.cfg (directories as `-f dir` does: *.cfg in lexical order) and checks references.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BundleInputError } from '../bundle/open-directory.js';
import type { HaproxyConfig } from '../model/haproxy-config.js';
import { parseHaproxyConfig } from '../parsers/haproxy-cfg/index.js';
import type { LintResult } from './lint-result.js';
import { checkBackendReferences } from './check-backend-references.js';

export async function lintFiles(inputs: string[]): Promise<LintResult[]> {
  const results: LintResult[] = [];
  for (const file of await expandInputs(inputs)) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new BundleInputError(`cannot read "${file}": ${error.code ?? error.message}`);
    });
    const output = parseHaproxyConfig(text);
    for (const diagnostic of output.diagnostics) {
      results.push({ file, line: diagnostic.line, column: diagnostic.column ?? 1, ruleId: 'config-syntax', severity: diagnostic.severity, message: diagnostic.message });
    }
    results.push(...checkBackendReferences(file, output.value as HaproxyConfig));
  }
  return results.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
}

async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) throw new BundleInputError(`cannot read "${input}"`);
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((name) => name.endsWith('.cfg')).sort();
      files.push(...names.map((name) => path.join(input, name)));
    } else files.push(input);
  }
  return files;
}
