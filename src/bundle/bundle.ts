// A read-only view of a support bundle: which hosts it holds and which files belong to each.
import type { Readable } from 'node:stream';

export type BundleLayout = 'multi-host' | 'single-host' | 'single-file';

export interface BundleFile {
  /** Host folder name; `local` for a single-host bundle or a single file; a sosreport's hostname. */
  host: string;
  /** POSIX path relative to the host root. */
  path: string;
  size: number;
  /** The file's raw bytes (a `.gz` file stays compressed). */
  open(): Readable;
  /** Up to `bytes` bytes from the start of the raw file; empty when it cannot be read. */
  readHead(bytes: number): Promise<Buffer>;
  /** Where the bytes are on disk for a directory bundle (never shown in reports); absent for archive entries. */
  absolutePath?: string;
}

/** A problem with the bundle as a whole (an archive entry refused, a limit reached, a truncated archive). */
export interface BundleDiagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** The archive (or nested archive) the problem is in, as the user named it or relative to the bundle. */
  archive?: string;
  /** The entry name as stored in the archive. */
  entry?: string;
  /** Byte offset in the compressed archive where reading stopped, for truncated or corrupt archives. */
  offset?: number;
}

export interface Bundle {
  /** What the user named, as given. */
  input: string;
  layout: BundleLayout;
  hosts: string[];
  files: BundleFile[];
  diagnostics: BundleDiagnostic[];
}

/** Files and folders at a host root that say "this folder is one host's collection". */
export const HOST_ROOT_MARKERS = new Set(['etc', 'var', 'commands', 'sos_commands', 'proc', 'sys', 'manifest.json', 'sos_reports', 'sos_logs']);

/** Folders at a host root that say "this is a sosreport", whose host is named by its hostname. */
export const SOSREPORT_MARKERS = new Set(['sos_commands', 'sos_reports', 'sos_logs']);

/** Host name for files at the top of a multi-host bundle that belong to no host (e.g. a README). */
export const BUNDLE_LEVEL_HOST = '_bundle';

export const SINGLE_HOST = 'local';
