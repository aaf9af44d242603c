// What reading one archive yields, and the bookkeeping every archive reader shares: limits, refusals, links.
import type { Readable } from 'node:stream';
import { ArchiveLimitReached, type ArchiveLimits } from './archive-limits.js';
import type { BundleDiagnostic } from './bundle.js';
import { normalizeEntryPath, resolveLinkTarget } from './entry-path.js';

export interface ArchiveContents {
  /** Regular files kept, by safe path relative to the archive root, in archive order. */
  files: Map<string, Buffer>;
  diagnostics: BundleDiagnostic[];
  entriesRead: number;
}

export type EntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'device' | 'other';

/** Refused-entry diagnostics kept per archive; the rest are counted in one summary diagnostic. */
const MAX_REFUSAL_DIAGNOSTICS = 50;

export class ArchiveContentsBuilder {
  readonly files = new Map<string, Buffer>();
  readonly diagnostics: BundleDiagnostic[] = [];
  entriesRead = 0;
  lastEntry = '';
  private refusals = 0;
  private linksInside = 0;

  constructor(
    private readonly archive: string,
    private readonly limits: ArchiveLimits,
  ) {}

  /** Counts an entry; throws ArchiveLimitReached when there are too many. */
  countEntry(name: string): void {
    if (this.entriesRead >= this.limits.maxEntries) throw new ArchiveLimitReached('maxEntries', this.limits.maxEntries);
    this.entriesRead++;
    this.lastEntry = name;
  }

  /** Where a file entry goes, or undefined (with a diagnostic) when it is refused. */
  filePath(name: string, declaredSize: number | undefined): string | undefined {
    const normalized = normalizeEntryPath(name);
    if (!normalized.ok) {
      this.refuse(name, `entry refused: ${normalized.reason}`);
      return undefined;
    }
    if (declaredSize !== undefined && declaredSize > this.limits.maxEntryBytes) {
      this.refuse(name, `entry of ${declaredSize} bytes skipped: over the maxEntryBytes limit of ${this.limits.maxEntryBytes} bytes`);
      return undefined;
    }
    return normalized.path;
  }

  /** Reads an entry's bytes into memory; past the per-entry cap it keeps draining but drops the entry. */
  async collect(name: string, path: string, data: AsyncIterable<Buffer>): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    for await (const chunk of data) {
      if (over) continue;
      size += chunk.length;
      if (size > this.limits.maxEntryBytes) {
        over = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    }
    if (over) {
      this.refuse(name, `entry skipped: it expands past the maxEntryBytes limit of ${this.limits.maxEntryBytes} bytes`);
      return;
    }
    if (this.files.has(path)) this.note('warning', name, 'entry appears twice in the archive; the last copy is used');
    this.files.set(path, Buffer.concat(chunks, size));
  }

  /** Links are never followed to disk: one inside the archive is an alias (hard) or ignored (soft). */
  link(name: string, target: string, kind: 'symlink' | 'hardlink'): void {
    const normalized = normalizeEntryPath(name);
    if (!normalized.ok) {
      this.refuse(name, `${kind} refused: ${normalized.reason}`);
      return;
    }
    const landing = resolveLinkTarget(normalized.path, target, kind === 'symlink');
    if (landing === undefined) {
      this.refuse(name, `${kind} to "${target}" refused: it points outside the bundle`);
      return;
    }
    const aliased = kind === 'hardlink' ? this.files.get(landing) : undefined;
    if (aliased) this.files.set(normalized.path, aliased);
    // Symlinks inside the bundle duplicate files that are read under their own name (a sosreport's root links).
    else this.linksInside++;
  }

  special(name: string, what: string): void {
    this.refuse(name, `${what} refused: only regular files are read`);
  }

  /** Adds the summaries; call once after reading. */
  finish(): ArchiveContents {
    if (this.refusals > MAX_REFUSAL_DIAGNOSTICS) {
      this.note('warning', undefined, `${this.refusals - MAX_REFUSAL_DIAGNOSTICS} more refused entries not shown`);
    }
    if (this.linksInside > 0) this.note('info', undefined, `${this.linksInside} symbolic link(s) inside the archive not followed`);
    return { files: this.files, diagnostics: this.diagnostics, entriesRead: this.entriesRead };
  }

  note(severity: BundleDiagnostic['severity'], entry: string | undefined, message: string, offset?: number): void {
    this.diagnostics.push({ severity, archive: this.archive, ...(entry !== undefined && { entry: printable(entry) }), message, ...(offset !== undefined && { offset }) });
  }

  private refuse(entry: string, message: string): void {
    this.refusals++;
    if (this.refusals <= MAX_REFUSAL_DIAGNOSTICS) this.note('warning', entry, message);
  }
}

/** Entry names are attacker-chosen: shown with control characters escaped and a bounded length. */
function printable(name: string): string {
  const escaped = JSON.stringify(name.length > 300 ? `${name.slice(0, 300)}…` : name).slice(1, -1);
  return escaped;
}

export async function drain(data: AsyncIterable<unknown> | Readable): Promise<void> {
  for await (const _chunk of data as AsyncIterable<unknown>) {
    // discarded: the bytes still pass the expanded-size counter
  }
}
