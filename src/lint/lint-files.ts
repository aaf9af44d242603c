// lint: reads haproxy.cfg files as one configuration (like `haproxy -f a -f b`, directories as `-f dir`: *.cfg in
// lexical order), runs the checks, applies .haproxy-doctor.json and inline suppressions.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BundleInputError } from '../bundle/bundle-input-error.js';
import type { HaproxyConfig } from '../model/haproxy-config.js';
import { redact } from '../model/redact.js';
import { compareVersions, parseHaproxyConfig } from '../parsers/haproxy-cfg/index.js';
import { interpretProxies } from '../parsers/haproxy-cfg/interpret.js';
import { checkActions } from './check-actions.js';
import { checkBackendReferences } from './check-backend-references.js';
import { checkSectionLines } from './check-keywords.js';
import { checkModeIgnored } from './check-mode.js';
import { checkPractices } from './check-practices.js';
import { checkReferences, proxyTimeouts, type SourcedProxy, type SourcedSection } from './check-references.js';
import { checkHost } from './check-host.js';
import { checkStickTables } from './check-stick-tables.js';
import { localHost, type HostView } from './host-view.js';

export { localHost } from './host-view.js';
import { CATALOGUE_VERSIONS, DEFAULT_CATALOGUE_VERSION, nearestCatalogueVersion, UnknownHaproxyVersionError, withKeywordCatalogue } from './keyword-catalogue.js';
import { findLintConfig, type LintConfig } from './lint-config.js';
import type { Finding, LintResult } from './lint-result.js';
import { applySuppressions, readSuppressions } from './suppressions.js';

/** Target versions: those with a keyword catalogue. */
export const SUPPORTED_VERSIONS = CATALOGUE_VERSIONS;
export const DEFAULT_TARGET_VERSION = DEFAULT_CATALOGUE_VERSION;

export interface LintOptions {
  /** Target HAProxy version (2.6 default); overrides the config file's. */
  haproxyVersion?: string;
  /** Explicit configuration; when absent, .haproxy-doctor.json is searched upward from the first input. */
  config?: LintConfig;
  /** Runs `haproxy -c -dr` from this path and merges its messages. */
  haproxyBin?: string;
  /** Checks files, users and groups the configuration names against this machine (lintFiles; overrides the config file's). */
  checkHost?: boolean;
  /** The machine those checks read (lintSources); lintFiles sets it from checkHost. */
  host?: HostView;
}

export interface LintSource {
  file: string;
  text: string;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function sortResults(results: LintResult[]): LintResult[] {
  return results.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) : a.file < b.file ? -1 : 1));
}

/** Lints texts already read: pure, no file system (the conformance script and the tests use it). */
export function lintSources(sources: LintSource[], options: LintOptions = {}): LintResult[] {
  const version = options.haproxyVersion ?? options.config?.haproxyVersion ?? DEFAULT_TARGET_VERSION;
  // The checks read the target version's keyword catalogue; a target without one gets the nearest older catalogue.
  const catalogue = nearestCatalogueVersion(version);
  return withKeywordCatalogue(catalogue.version, () => lintWithCatalogue(sources, options, version, !catalogue.exact && compareVersions(version, catalogue.version) > 0));
}

function lintWithCatalogue(sources: LintSource[], options: LintOptions, version: string, beyondCatalogue: boolean): LintResult[] {
  const config = options.config ?? { rules: {} };
  const newerTarget = compareVersions(version, DEFAULT_TARGET_VERSION) > 0;
  const findings: Finding[] = [];
  const parsedProxies: HaproxyConfig['proxies'][] = [];
  const report = (f: Finding) => findings.push(f);
  const sections: SourcedSection[] = [];

  for (const { file, text } of sources) {
    const output = parseHaproxyConfig(text, { file, ...(newerTarget && { version: `${version}.0` }) });
    for (const d of output.diagnostics) {
      findings.push({ file, line: d.line, column: d.column ?? 1, ruleId: 'config-syntax', severity: d.severity, message: d.message });
    }
    parsedProxies.push((output.value as HaproxyConfig).proxies);
    for (const section of (output.value as HaproxyConfig).sections) {
      sections.push({ file, section });
      checkSectionLines(section, { file, newerTarget: beyondCatalogue, report: (f) => report({ file, ...f }) });
      checkActions(section, (f) => report({ file, ...f }));
    }
  }

  // Proxies over all files at once: defaults carry over from one file to the next, as in HAProxy.
  // One file: the parser's proxies are already the answer; several: defaults carry across files, interpret again.
  const proxies = sources.length === 1 ? parsedProxies[0]! : interpretProxies(sections.map((s) => s.section), () => undefined);
  const proxySections = sections.filter((s) => ['frontend', 'backend', 'listen'].includes(s.section.type));
  const timeouts = proxyTimeouts(sections);
  const sourced: SourcedProxy[] = proxies.map((proxy, i) => ({ ...proxySections[i]!, proxy, timeouts: timeouts[i] ?? {} }));
  for (const file of new Set(sources.map((s) => s.file))) {
    const config: HaproxyConfig = { sections: [], proxies: sourced.filter((p) => p.file === file).map((p) => p.proxy) };
    // Backends of every file are valid targets: check references against all proxies, report in this file.
    for (const r of checkBackendReferences(file, { ...config, proxies: proxies })) {
      if (sourced.some((p) => p.file === file && (p.proxy.defaultBackend?.line === r.line || p.proxy.useBackends.some((u) => u.line === r.line)))) findings.push(r);
    }
  }
  checkReferences(sections, sourced, report, sources[0]?.file);
  checkStickTables(sections, report, { arguments: !newerTarget });
  if (options.host) checkHost(sections, options.host, report);
  checkModeIgnored(sourced, report);
  checkPractices(sections, sourced, report);

  let results = dedupe(findings);
  for (const { file, text } of sources) results = applySuppressions(file, readSuppressions(text), results);
  results = results.flatMap((r) => {
    const configured = config.rules[r.ruleId];
    if (configured === 'off') return [];
    return [{ ...r, severity: configured ?? r.severity, message: redact(r.message) }];
  });
  return sortResults(results);
}

/** One finding per file, line and message; the parser and the checks may both see a problem. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.file}\0${f.line}\0${f.ruleId}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function lintFiles(inputs: string[], options: LintOptions = {}): Promise<LintResult[]> {
  const files = await expandInputs(inputs);
  const sources: LintSource[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new BundleInputError(`cannot read "${file}": ${error.code ?? error.message}`);
    });
    sources.push({ file, text });
  }
  const config = options.config ?? (files[0] ? findLintConfig(path.dirname(files[0])) : { rules: {} });
  const version = options.haproxyVersion ?? config.haproxyVersion;
  if (version !== undefined && !SUPPORTED_VERSIONS.some((v) => version === v || version.startsWith(`${v}.`))) {
    throw new BundleInputError(new UnknownHaproxyVersionError(version).message);
  }
  const host = (options.checkHost ?? config.checkHost) ? localHost() : undefined;
  const results = lintSources(sources, { ...options, config, ...(host && { host }) });
  if (options.haproxyBin) return sortResults(mergeHaproxyCheck(results, await crossCheck(options.haproxyBin, files)));
  return results;
}

/** The one place lint runs a program: the real `haproxy -c -dr` on the same files, when asked with --haproxy-bin. */
export async function crossCheck(bin: string, files: string[]): Promise<LintResult[]> {
  // Loaded only here: child_process and the haproxy -c output parser cost start-up time on every other run.
  const [{ spawnSync }, { parseHaproxyCheck }] = await Promise.all([import('node:child_process'), import('../parsers/haproxy-check/index.js')]);
  const run = spawnSync(bin, ['-c', '-dr', ...files.flatMap((f) => ['-f', f])], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error) throw new BundleInputError(`cannot run "${bin}": ${(run.error as NodeJS.ErrnoException).code ?? run.error.message}`);
  const check = parseHaproxyCheck(`${run.stdout}\n${run.stderr}`).value;
  const results: LintResult[] = [];
  for (const m of check.messages) {
    if (m.level === 'NOTICE' || m.configLine === undefined || m.configFile === undefined) continue;
    const file = files.find((f) => f === m.configFile || path.resolve(f) === path.resolve(m.configFile!)) ?? m.configFile;
    const text = m.message.replace(/^config\s*:\s*/, '').replace(/^(?:\[[^\]]*\]\s*:\s*)?parsing \[[^\]]*\]\s*:?\s*/, '');
    results.push({ file, line: m.configLine, column: 1, ruleId: 'haproxy-check', severity: m.level === 'ALERT' ? 'error' : 'warning', message: redact(text) });
  }
  if (check.verdict === 'invalid' && !results.some((r) => r.severity === 'error')) {
    results.push({ file: files[0] ?? '', line: 1, column: 1, ruleId: 'haproxy-check', severity: 'error', message: 'haproxy -c reports fatal errors that it does not attach to a line' });
  }
  return results;
}

/** Adds haproxy's messages unless one of ours already sits on the same line at the same or a higher severity. */
export function mergeHaproxyCheck(ours: LintResult[], theirs: LintResult[]): LintResult[] {
  const merged = [...ours];
  for (const t of theirs) {
    const covered = ours.some((o) => o.file === t.file && o.line === t.line && SEVERITY_ORDER[o.severity] <= SEVERITY_ORDER[t.severity]);
    if (!covered) merged.push(t);
  }
  return merged;
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
