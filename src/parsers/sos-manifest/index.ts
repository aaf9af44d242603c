// sos 4.x `sos_reports/manifest.json`: which command of which plugin wrote which file, with its exit status,
// and which files each plugin copied. Lets a missing or empty artifact be explained ("ran, exit 127").
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic, ParseOutput } from '../../model/diagnostic.js';
import type { ArtifactParser } from '../parser.js';

export interface SosManifestCommand {
  plugin: string;
  /** The command line as sos ran it (`exec`), e.g. `ss -peaonmi`. */
  command: string;
  /** Path of its output relative to the report root (`filepath`), e.g. `sos_commands/networking/ss_-peaonmi`. */
  file?: string;
  exitCode?: number;
  runTimeSeconds?: number;
  /** 1-based line of the command's object in manifest.json. */
  line: number;
}

export interface SosManifestCopy {
  plugin: string;
  specification: string;
  copied: string[];
  line: number;
}

export interface SosManifest {
  version?: string;
  cmdline?: string;
  policy?: string;
  startTime?: string;
  /** Plugins that ran (keys of components.report.plugins). */
  plugins: string[];
  commands: SosManifestCommand[];
  files: SosManifestCopy[];
}

const EMPTY: SosManifest = { plugins: [], commands: [], files: [] };

function lineAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function property(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  for (const prop of node.children ?? []) {
    const [name, value] = prop.children ?? [];
    if (name?.value === key) return value;
  }
  return undefined;
}

function stringOf(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

function numberOf(node: Node | undefined): number | undefined {
  return node?.type === 'number' ? (node.value as number) : undefined;
}

export function parseSosManifest(text: string): ParseOutput<SosManifest> {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const diagnostics: Diagnostic[] = [];
  const [firstError] = errors;
  if (firstError) {
    diagnostics.push({ line: lineAt(lineStarts, firstError.offset), severity: 'error', message: `invalid JSON: ${printParseErrorCode(firstError.error)}` });
  }
  if (root?.type !== 'object') {
    if (!firstError) diagnostics.push({ line: 1, severity: 'error', message: 'manifest.json is not a JSON object' });
    return { ok: false, value: { ...EMPTY }, diagnostics };
  }
  const value: SosManifest = { plugins: [], commands: [], files: [] };
  const version = stringOf(property(root, 'version'));
  const cmdline = stringOf(property(root, 'cmdline'));
  const policy = stringOf(property(root, 'policy'));
  const startTime = stringOf(property(root, 'start_time'));
  if (version !== undefined) value.version = version;
  if (cmdline !== undefined) value.cmdline = cmdline;
  if (policy !== undefined) value.policy = policy;
  if (startTime !== undefined) value.startTime = startTime;

  const plugins = property(property(property(root, 'components'), 'report'), 'plugins');
  if (plugins?.type !== 'object') {
    diagnostics.push({ line: 1, severity: 'warning', message: 'no components.report.plugins: not a sos report manifest (or a sos collect one)' });
    return { ok: firstError === undefined && version !== undefined, value, diagnostics };
  }
  for (const prop of plugins.children ?? []) {
    const [nameNode, plugin] = prop.children ?? [];
    const name = stringOf(nameNode);
    if (name === undefined || plugin?.type !== 'object') continue;
    value.plugins.push(name);
    const commands = property(plugin, 'commands');
    for (const entry of commands?.type === 'array' ? commands.children ?? [] : []) {
      const line = lineAt(lineStarts, entry.offset);
      const exec = stringOf(property(entry, 'exec')) ?? stringOf(property(entry, 'command'));
      if (exec === undefined) {
        diagnostics.push({ line, severity: 'warning', message: `plugin ${name}: a command entry without "exec"` });
        continue;
      }
      const command: SosManifestCommand = { plugin: name, command: exec, line };
      const file = stringOf(property(entry, 'filepath'));
      const exitCode = numberOf(property(entry, 'return_code'));
      const runTime = numberOf(property(entry, 'run_time'));
      if (file !== undefined) command.file = file;
      if (exitCode !== undefined) command.exitCode = exitCode;
      if (runTime !== undefined) command.runTimeSeconds = runTime;
      value.commands.push(command);
    }
    const files = property(plugin, 'files');
    for (const entry of files?.type === 'array' ? files.children ?? [] : []) {
      const specification = stringOf(property(entry, 'specification'));
      if (specification === undefined) continue;
      const copiedNode = property(entry, 'files_copied');
      const copied = (copiedNode?.type === 'array' ? copiedNode.children ?? [] : []).flatMap((n) => (n.type === 'string' ? [n.value as string] : []));
      value.files.push({ plugin: name, specification, copied, line: lineAt(lineStarts, entry.offset) });
    }
  }
  return { ok: firstError === undefined, value, diagnostics };
}

/** The manifest's record of the command that wrote `file` (a path relative to the report root). */
export function sosCommandForFile(manifest: SosManifest, file: string): SosManifestCommand | undefined {
  return manifest.commands.find((command) => command.file === file);
}

export const sosManifestParser: ArtifactParser<SosManifest> = {
  kind: 'sos-manifest',
  description: "sos 4.x sos_reports/manifest.json (each plugin's commands, their output files and exit codes)",
  pathPatterns: ['sos_reports/manifest.json'],
  sniff: (head) => head.trimStart().startsWith('{') && head.includes('"components"') && /"cmdline":\s*"(report|sosreport)\b/.test(head),
  parse: parseSosManifest,
};
