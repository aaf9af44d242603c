// Hostile and broken archives (hand-made here, at run time) are contained: refused entries, limits, truncation.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/open-directory.js';
import { main } from '../../src/cli/main.js';
import { createColors } from '../../src/report/colors.js';
import { PROJECT_ROOT, bundlePath } from '../helpers/fixtures.js';
import { buildTar, buildTarGz, buildZip, entriesFromDirectory, type TarEntrySpec } from './archive-builders.js';

const scratch = () => mkdtempSync(path.join(tmpdir(), 'hd-hostile-'));
const HOSTNAME = { name: 'h/commands/hostname', content: 'h\n' };

async function write(name: string, bytes: Buffer | Promise<Buffer>): Promise<string> {
  const dir = scratch();
  const file = path.join(dir, name);
  writeFileSync(file, await bytes);
  return file;
}

async function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    colorDefault: false,
    colors: createColors(false),
    stdin: process.stdin,
    stderrIsTty: false,
  });
  return { code, stdout, stderr };
}

const paths = (bundle: Awaited<ReturnType<typeof openBundle>>) => bundle.files.map((file) => `${file.host}:${file.path}`);

describe('nothing is written to disk', () => {
  it('bundle modules import only reading fs functions', () => {
    const dir = path.join(PROJECT_ROOT, 'src/bundle');
    const reading = new Set(['createReadStream', 'open', 'stat', 'readdir', 'readFile']);
    for (const name of readdirSync(dir)) {
      const source = readFileSync(path.join(dir, name), 'utf8');
      for (const match of source.matchAll(/import\s*(\{[^}]*\}|\w+)\s*from\s*'(node:)?fs(\/promises)?'/g)) {
        const imported = (match[1] ?? '').replace(/[{}]/g, '').split(',').map((part) => part.trim().split(/\s+as\s+/)[0]).filter(Boolean);
        expect(imported.filter((fn) => !reading.has(fn ?? '')), name).toEqual([]);
      }
    }
  });
});

describe('hostile tar entries', () => {
  const cases: [string, TarEntrySpec, RegExp][] = [
    ['a ".." path', { name: 'h/../../etc/passwd', content: 'root:x:0:0\n' }, /"\.\." path segment/],
    ['an absolute path', { name: '/etc/cron.d/evil', content: '* * * * * root id\n' }, /absolute path/],
    ['a symlink out of the bundle', { name: 'h/etc/haproxy/haproxy.cfg', type: 'symlink', linkname: '/etc/shadow' }, /symlink to "\/etc\/shadow" refused/],
    ['a relative symlink climbing out', { name: 'h/commands/ss', type: 'symlink', linkname: '../../../root/.ssh/id_rsa' }, /points outside the bundle/],
    ['a hardlink out of the bundle', { name: 'h/commands/ip_addr', type: 'link', linkname: '../etc/passwd' }, /hardlink to "\.\.\/etc\/passwd" refused/],
    ['a character device', { name: 'h/commands/zero', type: 'character-device' }, /character-device refused/],
    ['a fifo', { name: 'h/commands/pipe', type: 'fifo' }, /fifo refused/],
  ];
  it.each(cases)('%s is refused with a diagnostic naming the entry', async (_label, hostile, message) => {
    const file = await write('evil.tar.gz', buildTarGz([HOSTNAME, hostile]));
    const bundle = await openBundle(file);
    expect(paths(bundle)).toEqual(['local:commands/hostname']);
    const refusal = bundle.diagnostics.find((diagnostic) => message.test(diagnostic.message));
    expect(refusal).toMatchObject({ severity: 'warning', entry: hostile.name });
  });

  it('follows a hardlink inside the archive as an alias, and ignores symlinks inside it', async () => {
    const file = await write('links.tar', buildTar([HOSTNAME, { name: 'h/commands/alias', type: 'link', linkname: 'h/commands/hostname' }, { name: 'h/hostname', type: 'symlink', linkname: 'commands/hostname' }]));
    const bundle = await openBundle(file);
    expect(paths(bundle)).toEqual(['local:commands/alias', 'local:commands/hostname']);
    expect(bundle.diagnostics).toEqual([expect.objectContaining({ severity: 'info', message: expect.stringMatching(/1 symbolic link/) })]);
  });
});

describe('hostile zip entries', () => {
  const cases: [string, { name: string; content: string; mode?: number }, RegExp][] = [
    ['a ".." path', { name: '../../evil.sh', content: 'rm -rf /\n' }, /"\.\." path segment/],
    ['an absolute path', { name: '/tmp/evil', content: 'x' }, /absolute path/],
    ['a Windows drive path', { name: 'C:\\Windows\\evil.dll', content: 'x' }, /absolute path/],
    ['a backslash traversal', { name: 'h\\..\\..\\evil', content: 'x' }, /"\.\." path segment/],
    ['a symlink out of the bundle', { name: 'h/etc/haproxy/haproxy.cfg', content: '/etc/shadow', mode: 0o120777 }, /symlink to "\/etc\/shadow" refused/],
    ['a device node', { name: 'h/commands/sda', content: '', mode: 0o060660 }, /special file refused/],
  ];
  it.each(cases)('%s is refused with a diagnostic', async (_label, hostile, message) => {
    const file = await write('evil.zip', Promise.resolve(buildZip([HOSTNAME, hostile])));
    const bundle = await openBundle(file);
    expect(paths(bundle)).toEqual(['local:commands/hostname']);
    expect(bundle.diagnostics.some((diagnostic) => diagnostic.severity === 'warning' && message.test(diagnostic.message))).toBe(true);
  });

  it('stops at a zip entry whose real size exceeds the declared one (a lying bomb)', async () => {
    const file = await write('liar.zip', Promise.resolve(buildZip([HOSTNAME, { name: 'h/var/log/haproxy.log', content: Buffer.alloc(1 << 20), declaredSize: 10 }])));
    const bundle = await openBundle(file);
    expect(paths(bundle)).toEqual(['local:commands/hostname']);
    expect(bundle.diagnostics[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/zip archive corrupt after 2 entries/) });
  });
});

describe('limits', () => {
  const zeros = (bytes: number) => ({ name: 'h/var/log/big.log', content: Buffer.alloc(bytes) });

  it('a gzip bomb stops at maxTotalBytes with an error naming the limit', async () => {
    const bomb = await buildTarGz([HOSTNAME, zeros(3 << 20), { name: 'h/commands/after', content: 'never read\n' }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const file = await write('bomb.tar.gz', Promise.resolve(bomb));
    const bundle = await openBundle(file, { limits: { maxTotalBytes: 1 << 20, maxEntryBytes: 4 << 20 } });
    expect(paths(bundle)).toEqual(['local:commands/hostname']);
    expect(bundle.diagnostics).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('maxTotalBytes limit of 1048576 bytes') })]);
  });

  it('an entry over maxEntryBytes is skipped and the rest still read', async () => {
    const file = await write('big.tar.gz', buildTarGz([HOSTNAME, zeros(2 << 20), { name: 'h/commands/after', content: 'read\n' }]));
    const bundle = await openBundle(file, { limits: { maxEntryBytes: 1 << 20 } });
    expect(paths(bundle)).toEqual(['local:commands/after', 'local:commands/hostname']);
    expect(bundle.diagnostics[0]).toMatchObject({ severity: 'warning', entry: 'h/var/log/big.log', message: expect.stringContaining('maxEntryBytes limit of 1048576 bytes') });
  });

  it('entry count stops at maxEntries', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `h/commands/f${String(i).padStart(2, '0')}`, content: `${i}\n` }));
    const file = await write('many.zip', Promise.resolve(buildZip(many)));
    const bundle = await openBundle(file, { limits: { maxEntries: 5 } });
    expect(bundle.files).toHaveLength(5);
    expect(bundle.diagnostics[0]?.message).toContain('maxEntries limit of 5 entries');
  });
});

describe('truncated and corrupt archives', () => {
  async function truncatedCases(): Promise<[string, Buffer][]> {
    const entries = entriesFromDirectory(bundlePath('backend-stopped'), 'b');
    const tgz = await buildTarGz(entries);
    const tar = await buildTar(entries);
    const { readFileSync } = await import('node:fs');
    const txz = readFileSync(path.join(PROJECT_ROOT, 'fixtures/archives/backend-stopped.tar.xz'));
    return [
      ['x.tar.gz', tgz.subarray(0, Math.floor(tgz.length * 0.6))],
      ['x.tar', tar.subarray(0, Math.floor(tar.length * 0.6))],
      ['x.tar.xz', txz.subarray(0, Math.floor(txz.length * 0.6))],
    ];
  }

  it('a cut archive yields the entries before the cut and a diagnostic with the byte offset', async () => {
    for (const [name, bytes] of await truncatedCases()) {
      const bundle = await openBundle(await write(name, Promise.resolve(bytes)));
      const error = bundle.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
      expect(error, name).toBeDefined();
      expect(error?.message, name).toMatch(/truncated or corrupt near byte \d+/);
      expect(error?.offset, name).toBeLessThanOrEqual(bytes.length);
      // xz decodes in blocks, so a cut may lose everything; tar and gzip keep what came before.
      if (!name.endsWith('.xz')) expect(bundle.files.length, name).toBeGreaterThan(3);
    }
  });

  it('analyze on a cut archive: partial analysis, exit 0/1, the diagnostic in JSON and table', async () => {
    const [, bytes] = (await truncatedCases())[0]!;
    const file = await write('cut.tar.gz', Promise.resolve(bytes));
    const json = await runCli(['analyze', file, '--format', 'json']);
    expect([0, 1]).toContain(json.code);
    const document = JSON.parse(json.stdout);
    expect(document.artifacts.length).toBeGreaterThan(0);
    expect(document.bundleDiagnostics[0]).toMatchObject({ severity: 'error', offset: expect.any(Number) });
    const table = await runCli(['analyze', file]);
    expect(table.stdout).toMatch(/error .*cut\.tar\.gz: archive truncated or corrupt near byte/);
  });

  it('garbage or an archive with nothing readable is exit 2 with one line, never a stack trace', async () => {
    for (const [name, bytes] of [
      ['junk.tar.gz', gzipSync(Buffer.from('not a tar at all, just text'.repeat(40)))],
      ['junk.zip', Buffer.from('PK\u0003\u0004 then nothing that makes a zip')],
      ['junk.tar.xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3, 4, 5])],
      ['empty.tar', Buffer.alloc(0)],
    ] as const) {
      const result = await runCli(['analyze', await write(name, Promise.resolve(Buffer.from(bytes)))]);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toMatch(/^haproxy-doctor: nothing readable in archive|^haproxy-doctor: cannot read zip archive/);
      expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
    }
  });
});
