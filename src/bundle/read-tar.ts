// Streams a tar archive (plain, gzip or xz) into memory entry by entry, within the limits; never touches disk.
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import xz from 'xz-decompress';
import { ArchiveContentsBuilder, drain, type ArchiveContents } from './archive-contents.js';
import { ArchiveLimitReached, type ArchiveLimits } from './archive-limits.js';

export type TarCompression = 'none' | 'gzip' | 'xz';

export async function readTarArchive(source: Readable, compression: TarCompression, archive: string, limits: ArchiveLimits): Promise<ArchiveContents> {
  const builder = new ArchiveContentsBuilder(archive, limits);
  const compressed = new ByteCounter();
  const expanded = new ByteCounter(limits.maxTotalBytes);
  const extract = tar.extract();
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    extract.destroy(error as Error);
  };
  for (const stream of [source, compressed, expanded]) stream.on('error', fail);
  let decompressed: Readable = source.pipe(compressed);
  if (compression === 'gzip') {
    const gunzip = createGunzip();
    gunzip.on('error', fail);
    decompressed = decompressed.pipe(gunzip);
  } else if (compression === 'xz') {
    decompressed = xzDecompress(decompressed, fail);
  }
  decompressed.pipe(expanded).pipe(extract);

  try {
    for await (const entry of extract) {
      const { header } = entry;
      builder.countEntry(header.name);
      switch (header.type) {
        case 'file':
        case 'contiguous-file': {
          const path = builder.filePath(header.name, header.size ?? undefined);
          if (path === undefined) await drain(entry);
          else await builder.collect(header.name, path, entry);
          break;
        }
        case 'symlink':
        case 'link':
          builder.link(header.name, header.linkname ?? '', header.type === 'symlink' ? 'symlink' : 'hardlink');
          await drain(entry);
          break;
        case 'character-device':
        case 'block-device':
        case 'fifo':
          builder.special(header.name, header.type);
          await drain(entry);
          break;
        default:
          await drain(entry);
      }
    }
  } catch (error) {
    failure ??= error;
  } finally {
    source.destroy();
  }
  if (failure !== undefined) {
    if (failure instanceof ArchiveLimitReached) builder.note('error', undefined, failure.message);
    else {
      const where = builder.entriesRead > 0 ? `after ${builder.entriesRead} entries (last "${builder.lastEntry}")` : 'before the first entry';
      builder.note('error', undefined, `archive truncated or corrupt near byte ${compressed.bytes} of ${archive}, ${where}: ${(failure as Error)?.message ?? String(failure)}; the entries before it were read`, compressed.bytes);
    }
  }
  return builder.finish();
}

/** Counts bytes passing through; with a cap, fails the stream once the cap is passed (decompression bombs). */
class ByteCounter extends Transform {
  bytes = 0;
  constructor(private readonly cap = Infinity) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.cap) callback(new ArchiveLimitReached('maxTotalBytes', this.cap));
    else callback(null, chunk);
  }
}

// xz-decompress speaks web streams (its decoder is WebAssembly, so no native build is needed).
function xzDecompress(input: Readable, fail: (error: unknown) => void): Readable {
  const web = Readable.toWeb(input) as unknown as ReadableStream<Uint8Array>;
  const output = Readable.fromWeb(new xz.XzReadableStream(web) as unknown as import('node:stream/web').ReadableStream<Uint8Array>);
  output.on('error', fail);
  return output;
}
