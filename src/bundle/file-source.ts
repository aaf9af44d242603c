// The two places bundle bytes live: a file on disk (directory bundles) or memory (archive entries).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { BundleFile } from './bundle.js';

export function diskFile(host: string, path: string, absolutePath: string, size: number): BundleFile {
  return {
    host,
    path,
    size,
    absolutePath,
    // Large chunks: the line scanner's cost is per chunk plus per byte.
    open: () => createReadStream(absolutePath, { highWaterMark: 1 << 20 }),
    readHead: (bytes) => readDiskHead(absolutePath, bytes),
  };
}

export function memoryFile(host: string, path: string, bytes: Buffer): BundleFile {
  return {
    host,
    path,
    size: bytes.length,
    open: () => Readable.from(bytes.length > 0 ? [bytes] : [], { objectMode: false }),
    readHead: (count) => Promise.resolve(bytes.subarray(0, count)),
  };
}

/** The same bytes under another host or path (host naming happens after an archive is read). */
export function relocated(file: BundleFile, host: string, path: string): BundleFile {
  return { ...file, host, path };
}

async function readDiskHead(absolutePath: string, bytes: number): Promise<Buffer> {
  const handle = await open(absolutePath, 'r').catch(() => undefined);
  if (!handle) return Buffer.alloc(0);
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return Buffer.alloc(0);
  } finally {
    await handle.close();
  }
}

/** The whole raw file, refusing (undefined) past `maxBytes` so one file cannot take all memory. */
export async function readFileBytes(file: BundleFile, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.open() as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
