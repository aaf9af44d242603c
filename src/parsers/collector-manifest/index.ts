// manifest.json written by the collector: which command produced which file, its exit code and stderr.
import type { ParseOutput } from '../../model/diagnostic.js';
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ArtifactParser } from '../parser.js';

export interface ManifestCommand {
  command: string;
  file?: string;
  exitCode?: number;
  stderr?: string;
}

export interface CollectorManifest {
  collector?: string;
  host?: string;
  collectedAt?: string;
  commands: ManifestCommand[];
}

export function parseManifest(text: string): ParseOutput<CollectorManifest> {
  // jsonc-parser reports error offsets on every Node version (JSON.parse's message varies).
  const errors: ParseError[] = [];
  const data: unknown = parseJson(text, errors, { allowTrailingComma: false, disallowComments: true });
  const [firstError] = errors;
  if (firstError) {
    const line = text.slice(0, firstError.offset).split('\n').length;
    return { ok: false, value: { commands: [] }, diagnostics: [{ line, severity: 'error', message: `invalid JSON: ${printParseErrorCode(firstError.error)}` }] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, value: { commands: [] }, diagnostics: [{ line: 1, severity: 'error', message: 'manifest is not a JSON object' }] };
  }
  const record = data as Record<string, unknown>;
  const text_ = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  const commands: ManifestCommand[] = [];
  for (const entry of Array.isArray(record.commands) ? record.commands : []) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as ManifestCommand).command !== 'string') continue;
    const { command, file, exitCode, stderr } = entry as ManifestCommand;
    commands.push({ command, ...(typeof file === 'string' && { file }), ...(typeof exitCode === 'number' && { exitCode }), ...(typeof stderr === 'string' && { stderr }) });
  }
  const value: CollectorManifest = { commands };
  for (const key of ['collector', 'host', 'collectedAt'] as const) {
    const found = text_(key);
    if (found !== undefined) value[key] = found;
  }
  return { ok: true, value, diagnostics: [] };
}

export const collectorManifestParser: ArtifactParser<CollectorManifest> = {
  kind: 'collector-manifest',
  description: "the collector's manifest.json (commands, exit codes, stderr)",
  pathPatterns: ['manifest.json'],
  sniff: (head) => head.trimStart().startsWith('{') && head.includes('"commands"'),
  parse: parseManifest,
};
