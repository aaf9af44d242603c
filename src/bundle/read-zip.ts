// Reads a zip archive from disk into memory entry by entry (yauzl: no extraction, sizes validated).
import yauzl from 'yauzl';
import { ArchiveContentsBuilder, type ArchiveContents } from './archive-contents.js';
import { ArchiveLimitReached, type ArchiveLimits } from './archive-limits.js';
import { BundleInputError } from './bundle-input-error.js';

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
/** Zip "made by" host 3 is Unix: only then do the high 16 bits of the external attributes hold a file mode. */
const MADE_BY_UNIX = 3;

export async function readZipArchive(absolutePath: string, archive: string, limits: ArchiveLimits): Promise<ArchiveContents> {
  const builder = new ArchiveContentsBuilder(archive, limits);
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings off: yauzl would reject the whole archive on one hostile name; names are checked here instead.
    zip = await yauzl.openPromise(absolutePath, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true });
  } catch (error) {
    throw new BundleInputError(`cannot read zip archive "${archive}": ${(error as Error).message}`);
  }
  let expandedTotal = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, yauzl.parseExtraFields(entry.extraFieldRaw), false);
      builder.countEntry(name);
      const mode = entry.versionMadeBy >> 8 === MADE_BY_UNIX ? (entry.externalFileAttributes >>> 16) & S_IFMT : 0;
      if (name.endsWith('/') || mode === S_IFDIR) continue;
      if (mode === S_IFLNK) {
        // A zip symlink's data is its target.
        const target = await readAll(await zip.openReadStreamPromise(entry), 4096);
        builder.link(name, target.toString('utf8'), 'symlink');
        continue;
      }
      if (mode !== 0 && mode !== S_IFREG) {
        builder.special(name, 'special file');
        continue;
      }
      if (entry.isEncrypted()) {
        builder.special(name, 'encrypted entry');
        continue;
      }
      const path = builder.filePath(name, entry.uncompressedSize);
      if (path === undefined) continue;
      if (expandedTotal + entry.uncompressedSize > limits.maxTotalBytes) throw new ArchiveLimitReached('maxTotalBytes', limits.maxTotalBytes);
      expandedTotal += entry.uncompressedSize;
      await builder.collect(name, path, await zip.openReadStreamPromise(entry));
    }
  } catch (error) {
    if (error instanceof ArchiveLimitReached) builder.note('error', undefined, error.message);
    else {
      const where = builder.entriesRead > 0 ? `after ${builder.entriesRead} entries (last "${builder.lastEntry}")` : 'before the first entry';
      builder.note('error', builder.lastEntry || undefined, `zip archive corrupt ${where}: ${(error as Error)?.message ?? String(error)}; the entries before it were read`);
    }
  } finally {
    if (zip.isOpen) zip.close();
  }
  return builder.finish();
}

async function readAll(stream: AsyncIterable<Buffer>, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (size < cap) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, cap);
}
