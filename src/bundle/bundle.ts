// A read-only view of a support bundle: which hosts it holds and which files belong to each.

export type BundleLayout = 'multi-host' | 'single-host' | 'single-file';

export interface BundleFile {
  /** Host folder name; `local` for a single-host bundle or a single file. */
  host: string;
  /** POSIX path relative to the host root. */
  path: string;
  /** Where the bytes are on disk (never shown in reports). */
  absolutePath: string;
  size: number;
}

export interface Bundle {
  /** What the user named, as given. */
  input: string;
  layout: BundleLayout;
  hosts: string[];
  files: BundleFile[];
}

/** Files and folders at a host root that say "this folder is one host's collection". */
export const HOST_ROOT_MARKERS = new Set(['etc', 'var', 'commands', 'sos_commands', 'proc', 'sys', 'manifest.json', 'sos_reports']);

/** Host name for files at the top of a multi-host bundle that belong to no host (e.g. a README). */
export const BUNDLE_LEVEL_HOST = '_bundle';

export const SINGLE_HOST = 'local';
