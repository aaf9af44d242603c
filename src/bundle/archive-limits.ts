// Caps on what reading one archive may cost, so a hostile or runaway archive cannot exhaust memory or time.

export interface ArchiveLimits {
  /** Entries (files, folders, links) read before reading stops. */
  maxEntries: number;
  /** Bytes one entry may expand to; a bigger entry is skipped. */
  maxEntryBytes: number;
  /** Bytes the whole archive may expand to (everything decompressed, skipped entries included). */
  maxTotalBytes: number;
}

// Archive entries are held in memory: these bound the memory one analysis can take.
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 100_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

/** Thrown inside the archive readers to stop reading; turned into a bundle diagnostic naming the limit. */
export class ArchiveLimitReached extends Error {
  constructor(
    readonly limit: keyof ArchiveLimits,
    readonly value: number,
  ) {
    super(`archive over the ${limit} limit of ${value}${limit === 'maxEntries' ? ' entries' : ' bytes'}; the rest of the archive was not read`);
  }
}
