// Archives are read in memory into the same bundle view as folders, and analyze the same way.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/bundle/open-directory.js';
import { analyze } from '../../src/engine/analyze.js';
import { PROJECT_ROOT, bundlePath } from '../helpers/fixtures.js';
import { buildTar, buildTarGz, entriesFromDirectory } from './archive-builders.js';

const ARCHIVES = path.join(PROJECT_ROOT, 'fixtures/archives');
const scratch = () => mkdtempSync(path.join(tmpdir(), 'hd-archive-'));

async function writeArchives(): Promise<Record<string, string>> {
  const dir = scratch();
  const entries = entriesFromDirectory(bundlePath('backend-stopped'), 'backend-stopped');
  const tarPath = path.join(dir, 'bundle.tar');
  const tgzPath = path.join(dir, 'bundle.tgz');
  writeFileSync(tarPath, await buildTar(entries));
  writeFileSync(tgzPath, await buildTarGz(entries));
  return { tar: tarPath, 'tar.gz': tgzPath, 'tar.xz': path.join(ARCHIVES, 'backend-stopped.tar.xz'), zip: path.join(ARCHIVES, 'backend-stopped.zip') };
}

const summary = async (input: string) => {
  const result = await analyze(input);
  return {
    hosts: result.hosts.map((host) => host.name),
    artifacts: result.artifacts.map((a) => `${a.host}:${a.path}:${a.kind}:${a.status}`).sort(),
    causes: result.findings.map((finding) => finding.cause),
    evidence: result.findings[0]?.evidence,
    bundleDiagnostics: result.bundleDiagnostics,
  };
};

describe('archives read like the folder they hold', () => {
  it.each(['tar', 'tar.gz', 'tar.xz', 'zip'])('%s: same hosts, artifacts, findings and evidence as the folder', async (format) => {
    const archives = await writeArchives();
    const fromFolder = await summary(bundlePath('backend-stopped'));
    const fromArchive = await summary(archives[format]!);
    expect(fromFolder.causes[0]).toBe('backend-not-listening');
    expect(fromArchive).toEqual(fromFolder);
    expect(fromArchive.evidence?.every((evidence) => evidence.text.length > 0)).toBe(true);
  });

  it('unwraps the single top folder and keeps the multi-host layout', async () => {
    const bundle = await openBundle(path.join(ARCHIVES, 'backend-stopped.zip'));
    expect(bundle.layout).toBe('multi-host');
    expect(bundle.hosts).toEqual(['lb', 'node1', 'node2', '_bundle']);
    expect(bundle.files.every((file) => file.absolutePath === undefined)).toBe(true);
  });

  it('names the host of a one-host archive "local" alone and by its folder beside other archives', async () => {
    const dir = scratch();
    const node2 = entriesFromDirectory(path.join(bundlePath('backend-stopped'), 'node2'), 'node2');
    writeFileSync(path.join(dir, 'node2.tar.gz'), await buildTarGz(node2));
    expect((await openBundle(path.join(dir, 'node2.tar.gz'))).hosts).toEqual(['local']);

    const lb = entriesFromDirectory(path.join(bundlePath('backend-stopped'), 'lb'), 'lb');
    const node1 = entriesFromDirectory(path.join(bundlePath('backend-stopped'), 'node1'), 'node1');
    writeFileSync(path.join(dir, 'lb.tar.gz'), await buildTarGz(lb));
    // No wrapper folder: the archive's own name names the host.
    writeFileSync(path.join(dir, 'node1.tar'), await buildTar(node1.map((e) => ({ ...e, name: e.name.slice('node1/'.length) }))));
    writeFileSync(path.join(dir, 'NOTES.txt'), 'ticket 42\n');
    const folder = await openBundle(dir);
    expect(folder.hosts).toEqual(['lb', 'node1', 'node2', '_bundle']);
    const result = await analyze(dir);
    expect(result.findings[0]?.cause).toBe('backend-not-listening');
    expect(result.findings[0]?.hosts).toContain('node2');
  });

  it('keeps a gzipped log a single file, not an archive', async () => {
    const dir = scratch();
    const { gzipSync } = await import('node:zlib');
    writeFileSync(path.join(dir, 'haproxy.log.1.gz'), gzipSync('plain text\n'));
    expect((await openBundle(path.join(dir, 'haproxy.log.1.gz'))).layout).toBe('single-file');
  });
});
