// Tells an archive from a plain file by its first bytes (and name), before deciding how to read it.
import { constants, gunzipSync } from 'node:zlib';

export type ArchiveFormat = 'tar' | 'tar.gz' | 'tar.xz' | 'zip';

export const ARCHIVE_HEAD_BYTES = 1024;
const ARCHIVE_NAME = /\.(tar|tgz|tar\.gz|tar\.xz|txz|zip)$/i;
const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);

export function looksLikeArchiveName(name: string): boolean {
  return ARCHIVE_NAME.test(name);
}

/** undefined: not an archive (a `.gz` log is a gzipped file, not an archive). */
export function archiveFormatOf(head: Buffer, name: string): ArchiveFormat | undefined {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  if (head.subarray(0, 6).equals(XZ_MAGIC)) return 'tar.xz';
  if (head[0] === 0x1f && head[1] === 0x8b) {
    if (/\.(tar\.gz|tgz)$/i.test(name)) return 'tar.gz';
    return isTarHeader(gunzipHead(head)) ? 'tar.gz' : undefined;
  }
  if (isTarHeader(head)) return 'tar';
  // Named as an archive but not recognisable: read as one, so the damage is reported rather than ignored.
  if (/\.zip$/i.test(name)) return 'zip';
  if (/\.(tar\.xz|txz)$/i.test(name)) return 'tar.xz';
  if (/\.(tar\.gz|tgz)$/i.test(name)) return 'tar.gz';
  if (/\.tar$/i.test(name)) return 'tar';
  return undefined;
}

function isTarHeader(block: Buffer): boolean {
  return block.length >= 263 && block.toString('latin1', 257, 262) === 'ustar';
}

function gunzipHead(head: Buffer): Buffer {
  try {
    // Sync flush: a cut-off gzip stream yields what it has instead of failing.
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return Buffer.alloc(0);
  }
}
