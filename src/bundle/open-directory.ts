// Opens what the user named (a directory, an archive, a folder of archives, a single file) as a read-only Bundle.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import type { ArchiveContents } from './archive-contents.js';
import { ARCHIVE_HEAD_BYTES, archiveFormatOf, type ArchiveFormat } from './archive-format.js';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive-limits.js';
import { BUNDLE_LEVEL_HOST, SINGLE_HOST, type Bundle, type BundleDiagnostic, type BundleFile } from './bundle.js';
import { BundleInputError } from './bundle-input-error.js';
import { diskFile, memoryFile, relocated } from './file-source.js';
import { arrangeTree, uniqueName, type ArrangedTree, type TreeFile } from './layout.js';
import { readTarArchive } from './read-tar.js';
import { readZipArchive } from './read-zip.js';

export { BundleInputError };

export interface OpenBundleOptions {
  limits?: Partial<ArchiveLimits>;
}

export async function openBundle(input: string, options: OpenBundleOptions = {}): Promise<Bundle> {
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  let info;
  try {
    info = await stat(input);
  } catch (error) {
    throw new BundleInputError(`cannot read "${input}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (info.isFile()) {
    const absolutePath = path.resolve(input);
    const single = diskFile(SINGLE_HOST, path.basename(input), absolutePath, info.size);
    const format = archiveFormatOf(await single.readHead(ARCHIVE_HEAD_BYTES), input);
    if (format) {
      const { contents, arranged } = await openArchive(absolutePath, input, format, limits, {});
      if (contents.files.size === 0) throw nothingReadable(input, contents);
      return { input, ...arranged, diagnostics: contents.diagnostics };
    }
    return { input, layout: 'single-file', hosts: [SINGLE_HOST], files: [single], diagnostics: [] };
  }
  if (!info.isDirectory()) throw new BundleInputError(`"${input}" is neither a file nor a directory`);
  return openDirectory(input, limits);
}

async function openDirectory(input: string, limits: ArchiveLimits): Promise<Bundle> {
  const root = path.resolve(input);
  // Links are not followed: nothing outside the bundle is ever read.
  const entries = await fg('**/*', { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, stats: true, suppressErrors: true });
  const tree: TreeFile[] = [];
  const archives: { file: TreeFile; format: ArchiveFormat }[] = [];
  for (const entry of entries) {
    if (entry.stats && !entry.stats.isFile()) continue;
    const file = diskFile('', entry.path, path.join(root, entry.path), entry.stats?.size ?? 0);
    // Archives at the top of a folder are hosts of their own (a folder of sosreports or collector tarballs).
    const format = entry.path.includes('/') ? undefined : archiveFormatOf(await file.readHead(ARCHIVE_HEAD_BYTES), entry.path);
    if (format) archives.push({ file, format });
    else tree.push(file);
  }
  if (archives.length === 0) return { input, ...(await arrangeTree(tree)), diagnostics: [] };

  const hosts: string[] = [];
  const files: BundleFile[] = [];
  const diagnostics: BundleDiagnostic[] = [];
  const add = (arranged: ArrangedTree) => {
    for (const host of arranged.hosts) {
      const name = uniqueName(host, hosts);
      hosts.push(name);
      files.push(...arranged.files.filter((file) => file.host === host).map((file) => relocated(file, name, file.path)));
    }
  };
  for (const { file, format } of archives.sort((a, b) => (a.file.path < b.file.path ? -1 : 1))) {
    const { contents, arranged } = await openArchive(file.absolutePath ?? '', file.path, format, limits, {
      nameByWrapper: true,
      singleHostName: file.path.replace(/\.(tar|tgz|tar\.gz|tar\.xz|txz|zip)$/i, ''),
    });
    diagnostics.push(...contents.diagnostics);
    if (contents.files.size === 0) diagnostics.push({ severity: 'error', archive: file.path, message: 'nothing readable in this archive' });
    else add(arranged);
  }
  if (tree.length > 0) {
    const rest = await arrangeTree(tree);
    // Loose files beside the archives (a README, notes) belong to the bundle, not to a host.
    add(rest.layout === 'single-host' && tree.every((file) => !file.path.includes('/')) ? { ...rest, hosts: [BUNDLE_LEVEL_HOST], files: rest.files.map((f) => relocated(f, BUNDLE_LEVEL_HOST, f.path)) } : rest);
  }
  return { input, layout: 'multi-host', hosts, files, diagnostics };
}

async function openArchive(
  absolutePath: string,
  label: string,
  format: ArchiveFormat,
  limits: ArchiveLimits,
  naming: { nameByWrapper?: boolean; singleHostName?: string },
): Promise<{ contents: ArchiveContents; arranged: ArrangedTree }> {
  const contents =
    format === 'zip'
      ? await readZipArchive(absolutePath, label, limits)
      : await readTarArchive(createReadStream(absolutePath), format === 'tar.gz' ? 'gzip' : format === 'tar.xz' ? 'xz' : 'none', label, limits);
  const tree = [...contents.files].map(([entryPath, bytes]) => memoryFile('', entryPath, bytes));
  return { contents, arranged: await arrangeTree(tree, naming) };
}

function nothingReadable(input: string, contents: ArchiveContents): BundleInputError {
  const reason = contents.diagnostics.find((diagnostic) => diagnostic.severity === 'error')?.message ?? 'it holds no regular file';
  return new BundleInputError(`nothing readable in archive "${input}": ${reason}`);
}
