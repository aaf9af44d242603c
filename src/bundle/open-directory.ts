// Opens a directory or a single file as a Bundle, deciding between single- and multi-host layouts.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { BUNDLE_LEVEL_HOST, HOST_ROOT_MARKERS, SINGLE_HOST, type Bundle, type BundleFile } from './bundle.js';

export class BundleInputError extends Error {}

const ARCHIVE_NAME = /\.(tar|tgz|tar\.gz|tar\.xz|txz)$/i;

export async function openBundle(input: string): Promise<Bundle> {
  let info;
  try {
    info = await stat(input);
  } catch (error) {
    throw new BundleInputError(`cannot read "${input}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (info.isFile()) {
    if (ARCHIVE_NAME.test(input)) {
      throw new BundleInputError(`"${input}" is an archive; archives are not read yet: extract it and pass the folder`);
    }
    return {
      input,
      layout: 'single-file',
      hosts: [SINGLE_HOST],
      files: [{ host: SINGLE_HOST, path: path.basename(input), absolutePath: path.resolve(input), size: info.size }],
    };
  }
  if (!info.isDirectory()) throw new BundleInputError(`"${input}" is neither a file nor a directory`);

  const root = path.resolve(input);
  const entries = await readdir(root, { withFileTypes: true });
  const isHostRoot = async (dir: string): Promise<boolean> => {
    const names = await readdir(dir).catch(() => [] as string[]);
    return names.some((name) => HOST_ROOT_MARKERS.has(name));
  };

  if (entries.some((entry) => HOST_ROOT_MARKERS.has(entry.name))) {
    return { input, layout: 'single-host', hosts: [SINGLE_HOST], files: await listFiles(root, SINGLE_HOST) };
  }
  const subdirectories = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const hostRoots: string[] = [];
  for (const name of subdirectories) if (await isHostRoot(path.join(root, name))) hostRoots.push(name);
  if (hostRoots.length === 0) {
    // A flat folder: every file is one host's, recognised by content.
    return { input, layout: 'single-host', hosts: [SINGLE_HOST], files: await listFiles(root, SINGLE_HOST) };
  }
  // Sibling folders without markers are still hosts (a flat dump of one machine beside collector folders).
  const files: BundleFile[] = [];
  for (const name of subdirectories) files.push(...(await listFiles(path.join(root, name), name)));
  const topLevel = entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name).sort();
  for (const name of topLevel) {
    const absolutePath = path.join(root, name);
    const size = (await stat(absolutePath).catch(() => undefined))?.size ?? 0;
    files.push({ host: BUNDLE_LEVEL_HOST, path: name, absolutePath, size });
  }
  const hosts = subdirectories.concat(topLevel.length > 0 ? [BUNDLE_LEVEL_HOST] : []);
  return { input, layout: 'multi-host', hosts, files };
}

async function listFiles(hostRoot: string, host: string): Promise<BundleFile[]> {
  // Links are not followed: nothing outside the bundle is ever read.
  const entries = await fg('**/*', { cwd: hostRoot, dot: true, onlyFiles: true, followSymbolicLinks: false, stats: true });
  return entries
    .filter((entry) => entry.stats?.isFile() ?? true)
    .map((entry) => ({ host, path: entry.path, absolutePath: path.join(hostRoot, entry.path), size: entry.stats?.size ?? 0 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
