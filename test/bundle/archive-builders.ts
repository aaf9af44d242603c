// Builds archives in memory for tests: tar via tar-stream's packer, zip by hand (so hostile names and modes
// that well-behaved zip writers refuse can be made). Everything these build is hand-made test input.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface TarEntrySpec {
  name: string;
  type?: 'file' | 'symlink' | 'link' | 'character-device' | 'fifo' | 'directory';
  content?: string | Buffer;
  linkname?: string;
}

export async function buildTar(entries: TarEntrySpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const done = collect(pack);
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name: entry.name, type, ...(entry.linkname !== undefined && { linkname: entry.linkname }) }, entry.content ?? (type === 'file' ? '' : undefined), (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }
  pack.finalize();
  return done;
}

export async function buildTarGz(entries: TarEntrySpec[]): Promise<Buffer> {
  return gzipSync(await buildTar(entries));
}

/** Every file under `dir`, named `prefix/relative/path`, as tar entries. */
export function entriesFromDirectory(dir: string, prefix: string): TarEntrySpec[] {
  const entries: TarEntrySpec[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative)).sort()) {
      const rel = relative ? `${relative}/${name}` : name;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else entries.push({ name: `${prefix}/${rel}`, content: readFileSync(path.join(dir, rel)) });
    }
  };
  walk('');
  return entries;
}

export interface ZipEntrySpec {
  name: string;
  content: string | Buffer;
  /** Unix file mode (type bits included), stored in the external attributes. */
  mode?: number;
  /** Declared uncompressed size, when lying about it is the point. */
  declaredSize?: number;
}

/** A minimal zip writer (deflate, Unix "made by"), enough to make the hostile zips real writers refuse to. */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content);
    const compressed = deflateRawSync(data);
    const crc = crc32(data);
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}
