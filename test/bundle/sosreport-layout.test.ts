// sosreport layouts: one sosreport = one host named by its hostname. The trees here are hand-built from sos's
// naming rules (sos_commands/<plugin>/<mangled command>, sosreport-<host>-<case>-<date>-<random>), not real sos runs.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostFromSosreportFolder } from '../../src/bundle/layout.js';
import { openBundle } from '../../src/bundle/open-directory.js';
import { buildTarGz } from './archive-builders.js';

function sosreportFiles(host: string | undefined): Record<string, string> {
  return {
    'sos_commands/networking/ss_-peaonmi': 'Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n',
    'sos_commands/firewall_tables/iptables_-vnxL': 'Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n',
    'sos_logs/sos.log': '2026-01-01 00:00:00,000 INFO: [plugin:networking] skipped command\n',
    ...(host !== undefined && { 'sos_commands/host/hostname': `${host}\n` }),
    'etc/haproxy/haproxy.cfg': 'global\n',
  };
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
}

describe('sosreport layouts', () => {
  it('a folder of sosreports is one host per report, named by sos_commands/host/hostname', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-sos-'));
    writeTree(path.join(dir, 'sosreport-lb01-0042-2026-01-01-abcdefg'), sosreportFiles('lb01.example.com'));
    writeTree(path.join(dir, 'sosreport-web2-2026-01-01-hijklmn'), sosreportFiles(undefined));
    const bundle = await openBundle(dir);
    expect(bundle.layout).toBe('multi-host');
    expect(bundle.hosts).toEqual(['lb01.example.com', 'web2']);
    expect(bundle.files.map((f) => `${f.host}:${f.path}`)).toContain('lb01.example.com:sos_commands/networking/ss_-peaonmi');
  });

  it('one sosreport archive alone is named by its hostname, not "local"', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-sos-'));
    const entries = Object.entries(sosreportFiles('node7')).map(([name, content]) => ({ name: `sosreport-node7-2026-01-01-abcdefg/${name}`, content }));
    writeFileSync(path.join(dir, 'sosreport-node7-2026-01-01-abcdefg.tar.gz'), await buildTarGz(entries));
    const bundle = await openBundle(path.join(dir, 'sosreport-node7-2026-01-01-abcdefg.tar.gz'));
    expect(bundle).toMatchObject({ layout: 'single-host', hosts: ['node7'] });
  });

  it('two sosreports of one hostname stay two hosts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-sos-'));
    writeTree(path.join(dir, 'sosreport-a'), sosreportFiles('lb'));
    writeTree(path.join(dir, 'sosreport-b'), sosreportFiles('lb'));
    expect((await openBundle(dir)).hosts).toEqual(['lb', 'lb-2']);
  });

  it.each([
    ['sosreport-lb01-0042-2026-01-01-abcdefg', 'lb01'],
    ['sosreport-web-01-2026-01-01-abcdefg', 'web-01'],
    ['sosreport-db1-20260101101010', 'db1'],
    ['sosreport-', undefined],
    ['backup-2026', undefined],
  ])('host from folder name %s', (folder, host) => {
    expect(hostFromSosreportFolder(folder)).toBe(host);
  });
});
