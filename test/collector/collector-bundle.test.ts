// bin/haproxy-doctor-collect: the bundle it made in the lab (fixtures/bundles/collector-backend-stopped, from
// `sudo bash lab/collector-check.sh --write-fixture`) is diagnosed like the lab's own backend-stopped bundle,
// and every file it wrote is recognised. The script itself is only run with --help and bad arguments here:
// a real run reads this machine, which only the lab (in its namespaces) may do.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import { bundlePath, PROJECT_ROOT } from '../helpers/fixtures.js';

const SCRIPT = path.join(PROJECT_ROOT, 'bin/haproxy-doctor-collect');
const BUNDLE = bundlePath('collector-backend-stopped');
const HOSTS = ['lb', 'node1', 'node2'];

/**
 * Command outputs no parser reads yet, on purpose: they are for the human reading the bundle
 * (version, unit, journal, process list, limits). A kind for one of them is welcome; this list then shrinks.
 */
const UNKNOWN_ON_PURPOSE = [
  /^commands\/getenforce$/,
  /^commands\/haproxy_-vv$/,
  /^commands\/journalctl_-u_haproxy_--since=/,
  /^commands\/ps_-eo_pid,user,comm,args$/,
  /^commands\/systemctl_(cat|status)_haproxy$/,
  /^commands\/ulimit_-n$/,
  /^commands\/uname_-a$/,
  /^commands\/cat_\.proc\.\d+\.limits$/,
];

interface ManifestEntry {
  command: string;
  file: string;
  exitCode: number;
  stderr: string;
  durationMs: number;
  stderrInFile?: boolean;
}
interface Manifest {
  collector: string;
  version: string;
  host: string;
  collectedAt: string;
  commands: ManifestEntry[];
  files: { source: string; file: string; bytes: number; truncated: boolean }[];
}

const manifestOf = (host: string) => JSON.parse(readFileSync(path.join(BUNDLE, host, 'manifest.json'), 'utf8')) as Manifest;

function hasTool(tool: string): boolean {
  return spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('collector bundle made in the lab (backend-stopped)', () => {
  it('analyze gives the same first cause as the lab bundle: backend-not-listening on node2', async () => {
    const result = await analyze(BUNDLE);
    expect(result.hosts.map((host) => host.name).filter((name) => name !== '_bundle')).toEqual(HOSTS); // _bundle: README.md
    const top = result.findings.find((finding) => finding.severity === 'error');
    expect(top?.cause).toBe('backend-not-listening');
    expect(top?.subject).toEqual({ host: 'lb', backend: 'be_app', server: 'node2' });
    expect(top?.evidence.some((e) => e.host === 'node2' && e.path === 'commands/ss_-tulpn')).toBe(true);
    expect(top?.evidence.some((e) => e.host === 'lb' && e.path === 'var/log/haproxy.log' && e.text.includes('be_app/node2 is DOWN'))).toBe(true);
    const lab = await analyze(bundlePath('backend-stopped'));
    const labTop = lab.findings.find((finding) => finding.severity === 'error');
    expect({ cause: top?.cause, subject: top?.subject }).toEqual({ cause: labTop?.cause, subject: labTop?.subject });
  });

  it('every collected command file is discovered with a kind, or is listed here as unknown on purpose', async () => {
    const result = await analyze(BUNDLE);
    const commandFiles = result.artifacts.filter((artifact) => artifact.path.startsWith('commands/'));
    expect(commandFiles.length).toBeGreaterThan(60);
    const unexpected = commandFiles
      .filter((artifact) => artifact.status === 'unknown' && !UNKNOWN_ON_PURPOSE.some((re) => re.test(artifact.path)))
      .map((artifact) => `${artifact.host}:${artifact.path}`);
    expect(unexpected).toEqual([]);
    // The analyzer's own inputs are read as what they are.
    const kindOf = (host: string, file: string) => result.artifacts.find((a) => a.host === host && a.path === file)?.kind;
    for (const host of HOSTS) {
      expect(kindOf(host, 'commands/ss_-tulpn')).toBe('ss');
      expect(kindOf(host, 'commands/ip_addr')).toBe('ip-addr');
      expect(kindOf(host, 'commands/hostname')).toBe('hostname');
      expect(kindOf(host, 'manifest.json')).toBe('collector-manifest');
    }
    expect(kindOf('lb', 'etc/haproxy/haproxy.cfg')).toBe('haproxy-cfg');
    expect(kindOf('lb', 'var/log/haproxy.log')).toBe('haproxy-log');
    expect(kindOf('lb', 'commands/haproxy_-c_-f_.etc.haproxy.haproxy.cfg')).toBe('haproxy-check');
    expect(kindOf('lb', 'commands/nc_-vz_-w_2_10.88.0.12_8080')).toBe('nc');
    expect(kindOf('lb', 'commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.12:8080.')).toBe('curl');
  });

  it.each(HOSTS)('%s: the manifest lists exactly the files of commands/, with exit code, stderr and duration', (host) => {
    const manifest = manifestOf(host);
    expect(manifest).toMatchObject({ collector: 'haproxy-doctor-collect', host });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number.isNaN(Date.parse(manifest.collectedAt))).toBe(false);
    const onDisk = readdirSync(path.join(BUNDLE, host, 'commands')).map((name) => `commands/${name}`).sort();
    expect(manifest.commands.map((entry) => entry.file).sort()).toEqual(onDisk);
    for (const entry of manifest.commands) {
      expect(typeof entry.exitCode).toBe('number');
      expect(typeof entry.stderr).toBe('string');
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      // a command that failed says why: in the manifest, or in its file when stderr goes there
      if (entry.exitCode !== 0 && !entry.stderrInFile) {
        const out = readFileSync(path.join(BUNDLE, host, entry.file), 'utf8');
        expect(entry.stderr.length + out.length, `${host}: ${entry.command}`).toBeGreaterThan(0);
      }
    }
    // a command absent from the host is recorded (exit 127 and its stderr), not skipped
    for (const entry of manifest.commands.filter((e) => e.exitCode === 127)) expect(entry.stderr).toMatch(/not found/);
    for (const command of ['ss -tulpn', 'ip addr', 'iptables-save', 'nft list ruleset', 'sysctl -a', 'getsebool -a', 'semanage port -l']) {
      expect(manifest.commands.map((entry) => entry.command)).toContain(command);
    }
  });

  it('lb: the config came from the running process, probes reached each server, the socket was read', () => {
    const manifest = manifestOf('lb') as Manifest & { configFrom: string };
    expect(manifest.configFrom).toMatch(/^running process/);
    expect(manifest.files.map((f) => f.file)).toEqual(expect.arrayContaining(['etc/haproxy/haproxy.cfg', 'var/log/haproxy.log']));
    const entry = (command: string) => manifest.commands.find((e) => e.command === command);
    expect(entry('nc -vz -w 2 10.88.0.11 8080')).toMatchObject({ exitCode: 0, stderrInFile: true });
    expect(entry('nc -vz -w 2 10.88.0.12 8080')).toMatchObject({ exitCode: 1, stderrInFile: true });
    expect(readFileSync(path.join(BUNDLE, 'lb/commands/nc_-vz_-w_2_10.88.0.12_8080'), 'utf8')).toMatch(/Connection refused/);
    expect(entry("echo 'show stat' | socat stdio UNIX-CONNECT:/run/haproxy/admin.sock")).toMatchObject({ exitCode: 0, file: 'commands/haproxy_socket_show_stat' });
    expect(readFileSync(path.join(BUNDLE, 'lb/commands/haproxy_socket_show_stat'), 'utf8')).toMatch(/^# pxname,svname,/);
    // backends have no HAProxy: nothing copied from /etc/haproxy there
    expect(existsSync(path.join(BUNDLE, 'node2/etc'))).toBe(false);
  });
});

describe('bin/haproxy-doctor-collect as a script', () => {
  const shellcheck = hasTool('shellcheck');
  if (!shellcheck) console.warn('skipping the shellcheck test: shellcheck is not installed (apt-get install -y shellcheck)');
  it.skipIf(!shellcheck)('is shellcheck clean as POSIX sh (and so is lab/collector-check.sh)', () => {
    const run = spawnSync('shellcheck', ['-s', 'sh', SCRIPT], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lab = spawnSync('shellcheck', ['-x', 'lab/collector-check.sh'], { encoding: 'utf8', cwd: PROJECT_ROOT });
    expect(lab.stdout + lab.stderr).toBe('');
    expect(lab.status).toBe(0);
  });

  it('sh bin/haproxy-doctor-collect --help exits 0 and documents the options', () => {
    const run = spawnSync('sh', [SCRIPT, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    for (const option of ['--output', '--since', '--max-log-mb', '--probe', '--help']) expect(run.stdout).toContain(option);
  });

  it.each([[['--bogus']], [['--max-log-mb', 'lots']], [['--output']], [['--output', '/nonexistent/dir']]])('usage error %j exits 2 before collecting anything', (args) => {
    const run = spawnSync('sh', [SCRIPT, ...args], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/haproxy-doctor-collect: /);
    expect(run.stdout).toBe('');
  });

  it('is shipped: package.json has the bin entry and the file', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
    expect(pkg.bin['haproxy-doctor-collect']).toBe('bin/haproxy-doctor-collect');
    expect(pkg.files).toContain('bin/haproxy-doctor-collect');
    expect(readFileSync(SCRIPT, 'utf8').startsWith('#!/bin/sh\n')).toBe(true);
  });
});
