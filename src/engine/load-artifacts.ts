// Reads and parses every discovered file; one broken artifact becomes a `failed` entry, never an exception.
import { gunzipSync } from 'node:zlib';
import type { DiscoveredFile } from '../bundle/discover.js';
import { readFileBytes } from '../bundle/file-source.js';
import { openFileStream } from '../bundle/line-stream.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { HaproxyConfig } from '../model/haproxy-config.js';
import { logFactsOfFile } from '../logs/facts-run.js';
import { logFactsFromByteStream } from '../parsers/haproxy-log/index.js';
import { compileConfigFormats, type LogFormatMatcher } from '../parsers/haproxy-log/log-format/index.js';
import { parserForKind } from '../parsers/registry.js';
import { statusOf, type Artifact } from './artifact.js';

/** Text artifacts above this size are not read into memory (logs stream and have no such cap). */
export const MAX_TEXT_ARTIFACT_BYTES = 64 * 1024 * 1024;

/**
 * Loads every artifact, logs last: the haproxy-log artifacts of a host are read with the custom log formats of that
 * host's haproxy.cfg (its proxies' log-format strings), so lines in those formats count as traffic.
 */
export async function loadArtifacts(discovered: DiscoveredFile[]): Promise<Artifact[]> {
  const artifacts: (Artifact | undefined)[] = discovered.map(() => undefined);
  for (const [k, entry] of discovered.entries()) if (entry.kind !== 'haproxy-log') artifacts[k] = await loadArtifact(entry);
  const formatsByHost = new Map<string, LogFormatMatcher[]>();
  for (const a of artifacts) {
    if (a?.kind !== 'haproxy-cfg' || a.value === undefined || a.status === 'failed') continue;
    const { matchers } = compileConfigFormats(a.value as HaproxyConfig);
    if (matchers.length > 0) formatsByHost.set(a.host, [...(formatsByHost.get(a.host) ?? []), ...matchers]);
  }
  for (const [k, entry] of discovered.entries()) {
    if (entry.kind === 'haproxy-log') artifacts[k] = await loadArtifact(entry, formatsByHost.get(entry.file.host));
  }
  return artifacts as Artifact[];
}

export async function loadArtifact(entry: DiscoveredFile, logFormats?: readonly LogFormatMatcher[]): Promise<Artifact> {
  const { file, kind } = entry;
  const base = { file, host: file.host, path: file.path };
  if (!kind) {
    const diagnostics: Diagnostic[] = [{ line: 1, severity: 'info', message: entry.binary ? 'binary file of no known kind' : 'no parser recognises this file' }];
    return { ...base, status: 'unknown', diagnostics };
  }
  const gzipped = file.path.endsWith('.gz');
  if (entry.binary && !gzipped) {
    return { ...base, kind, status: 'failed', diagnostics: [{ line: 1, severity: 'error', message: `binary content where ${kind} text was expected` }] };
  }
  try {
    if (kind === 'haproxy-log') return await loadLog(entry, kind, logFormats);
    if (file.size > MAX_TEXT_ARTIFACT_BYTES) {
      return { ...base, kind, status: 'failed', diagnostics: [{ line: 1, severity: 'error', message: `file of ${file.size} bytes is over the ${MAX_TEXT_ARTIFACT_BYTES}-byte cap for ${kind}` }] };
    }
    const bytes = await readFileBytes(file, MAX_TEXT_ARTIFACT_BYTES);
    if (!bytes) throw new Error(`over the ${MAX_TEXT_ARTIFACT_BYTES}-byte cap for ${kind}`);
    const text = (gzipped ? gunzipSync(bytes, { maxOutputLength: MAX_TEXT_ARTIFACT_BYTES }) : bytes).toString('utf8');
    const parser = parserForKind(kind);
    if (!parser) return { ...base, kind, status: 'failed', diagnostics: [{ line: 1, severity: 'error', message: `no parser for kind ${kind}` }] };
    const output = parser.parse(text);
    const diagnostics = output.diagnostics.slice();
    const empty = text.trim() === '';
    if (empty) {
      diagnostics.unshift(parser.acceptsEmpty ? { line: 1, severity: 'info', message: 'empty output (nothing loaded)' } : { line: 1, severity: 'warning', message: 'empty file' });
    }
    const ok = output.ok && (!empty || parser.acceptsEmpty === true);
    return { ...base, kind, status: statusOf(ok, diagnostics), diagnostics, value: output.value };
  } catch (error) {
    return { ...base, kind, status: 'failed', diagnostics: [{ line: 1, severity: 'error', message: `could not read or parse: ${(error as Error).message}` }] };
  }
}

async function loadLog(entry: DiscoveredFile, kind: string, formats: readonly LogFormatMatcher[] | undefined): Promise<Artifact> {
  const { file } = entry;
  const options = formats ? { formats } : {};
  // read from the bytes, no string per traffic line; a plain file on disk with plain reads into one buffer, on several
  // threads when large
  const { facts, diagnostics } =
    file.absolutePath !== undefined && !file.path.endsWith('.gz')
      ? await logFactsOfFile(file.absolutePath, options)
      : await logFactsFromByteStream(openFileStream(file), options);
  const { lines, parsed } = facts.summary;
  // An empty log is a real state (nothing logged yet, or an empty stderr), not a broken artifact.
  if (lines === 0) diagnostics.unshift({ line: 1, severity: 'info', message: 'empty log' });
  const ok = lines === 0 || parsed > 0;
  if (!ok && lines > 0) diagnostics.unshift({ line: 1, severity: 'error', message: `none of ${lines} lines is an HAProxy log line` });
  return { file, host: file.host, path: file.path, kind, status: statusOf(ok, diagnostics), diagnostics, value: facts };
}
