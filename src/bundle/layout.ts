// Decides which host each file of a bundle tree belongs to, the same way for folders and archive contents.
import { BUNDLE_LEVEL_HOST, HOST_ROOT_MARKERS, SINGLE_HOST, SOSREPORT_MARKERS, type BundleFile, type BundleLayout } from './bundle.js';
import { relocated } from './file-source.js';

/** A file of the tree before hosts are decided: its `path` is relative to the tree root, its `host` unset. */
export type TreeFile = BundleFile;

export interface ArrangedTree {
  layout: Exclude<BundleLayout, 'single-file'>;
  hosts: string[];
  files: BundleFile[];
}

export interface ArrangeOptions {
  /** Name for a single-host tree that is no sosreport; default `local` (the contract for one host alone). */
  singleHostName?: string;
  /** Use the wrapping folder's name (e.g. `lb/` in `lb.tar.gz`) for a single host when there is one. */
  nameByWrapper?: boolean;
}

/** Bounds the unwrapping of nested single folders (`a/b/c/...`), which a hostile archive could make deep. */
const MAX_UNWRAP_DEPTH = 8;

export async function arrangeTree(tree: TreeFile[], options: ArrangeOptions = {}): Promise<ArrangedTree> {
  let files = tree;
  let wrapper: string | undefined;
  // `tar czf bundle.tar.gz bundle/` wraps everything in one folder: look inside it.
  for (let depth = 0; depth < MAX_UNWRAP_DEPTH; depth++) {
    const top = singleTopFolder(files);
    if (top === undefined || HOST_ROOT_MARKERS.has(top)) break;
    wrapper = top;
    files = files.map((file) => relocated(file, file.host, file.path.slice(top.length + 1)));
  }

  const topNames = new Set(files.map((file) => firstSegment(file.path)));
  if ([...topNames].some((name) => HOST_ROOT_MARKERS.has(name))) {
    const host = (await sosreportHostName(files, topNames, wrapper)) ?? (options.nameByWrapper && wrapper ? wrapper : options.singleHostName ?? SINGLE_HOST);
    return singleHost(host, files);
  }

  const byFolder = new Map<string, TreeFile[]>();
  const topLevel: TreeFile[] = [];
  for (const file of files) {
    const slash = file.path.indexOf('/');
    if (slash === -1) topLevel.push(file);
    else {
      const folder = file.path.slice(0, slash);
      const inFolder = byFolder.get(folder) ?? [];
      inFolder.push(relocated(file, folder, file.path.slice(slash + 1)));
      byFolder.set(folder, inFolder);
    }
  }
  const isHostRoot = (inFolder: TreeFile[]) => inFolder.some((file) => HOST_ROOT_MARKERS.has(firstSegment(file.path)));
  if (![...byFolder.values()].some(isHostRoot)) {
    // A flat folder: every file is one host's, recognised by content.
    return singleHost(options.nameByWrapper && wrapper ? wrapper : options.singleHostName ?? SINGLE_HOST, files);
  }
  // Sibling folders without markers are still hosts (a flat dump of one machine beside collector folders).
  const hosts: string[] = [];
  const arranged: BundleFile[] = [];
  for (const folder of [...byFolder.keys()].sort()) {
    const inFolder = byFolder.get(folder) ?? [];
    const names = new Set(inFolder.map((file) => firstSegment(file.path)));
    const host = uniqueName((await sosreportHostName(inFolder, names, folder)) ?? folder, hosts);
    hosts.push(host);
    arranged.push(...sortedByPath(inFolder.map((file) => relocated(file, host, file.path))));
  }
  if (topLevel.length > 0) {
    hosts.push(BUNDLE_LEVEL_HOST);
    arranged.push(...sortedByPath(topLevel.map((file) => relocated(file, BUNDLE_LEVEL_HOST, file.path))));
  }
  return { layout: 'multi-host', hosts, files: arranged };
}

/** `name`, or `name-2`, `name-3`... when taken (two sosreports of one hostname). */
export function uniqueName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  for (let n = 2; ; n++) if (!taken.includes(`${name}-${n}`)) return `${name}-${n}`;
}

function singleHost(host: string, files: TreeFile[]): ArrangedTree {
  return { layout: 'single-host', hosts: [host], files: sortedByPath(files.map((file) => relocated(file, host, file.path))) };
}

function singleTopFolder(files: TreeFile[]): string | undefined {
  let top: string | undefined;
  for (const file of files) {
    const slash = file.path.indexOf('/');
    if (slash === -1) return undefined;
    const folder = file.path.slice(0, slash);
    if (top === undefined) top = folder;
    else if (top !== folder) return undefined;
  }
  return top;
}

function firstSegment(path: string): string {
  const slash = path.indexOf('/');
  return slash === -1 ? path : path.slice(0, slash);
}

function sortedByPath(files: BundleFile[]): BundleFile[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// sos writes the host name in sos_commands/host/hostname (sos 3.x and 4.x) and links it at the report root.
const SOS_HOSTNAME_FILES = ['sos_commands/host/hostname', 'hostname', 'sos_commands/general/hostname', 'etc/hostname'];
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

/** A sosreport's host name from its hostname file or, failing that, its folder name; undefined if no sosreport. */
export async function sosreportHostName(files: TreeFile[], topNames: Set<string>, folder: string | undefined): Promise<string | undefined> {
  if (![...topNames].some((name) => SOSREPORT_MARKERS.has(name))) return undefined;
  for (const candidate of SOS_HOSTNAME_FILES) {
    const file = files.find((f) => f.path === candidate);
    if (!file) continue;
    const firstLine = (await file.readHead(512)).toString('utf8').split('\n')[0]?.trim() ?? '';
    if (HOST_NAME.test(firstLine)) return firstLine;
  }
  return folder ? hostFromSosreportFolder(folder) : undefined;
}

/** `sosreport-web1-12345-2024-05-01-abcdefg` (sos 4) or `sosreport-web1-20240501101010` (sos 3) -> `web1`. */
export function hostFromSosreportFolder(folder: string): string | undefined {
  const match = /^sosreport-(.+?)(?:-\d{4}-\d{2}-\d{2}-[a-z0-9]+|-\d{8,14}(?:-[a-z0-9]+)?)?$/.exec(folder);
  const host = match?.[1]?.replace(/-\d{4,}$/, '');
  return host && HOST_NAME.test(host) ? host : undefined;
}
