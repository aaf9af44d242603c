// The built CLI (dist/cli.js) as users and CI run it: exit codes, formats, help, errors on one line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundlePath, PROJECT_ROOT } from '../helpers/fixtures.js';

const CLI = path.join(PROJECT_ROOT, 'dist/cli.js');

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('haproxy-doctor CLI', () => {
  it('is built (npm test runs the build first)', () => expect(existsSync(CLI)).toBe(true));

  it('analyze --format json follows the contract and exits 1 on an error finding', () => {
    const { code, stdout } = run(['analyze', bundlePath('backend-stopped'), '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.tool).toMatchObject({ name: 'haproxy-doctor' });
    expect(report.hosts.map((h: { name: string }) => h.name)).toEqual(expect.arrayContaining(['lb', 'node1', 'node2']));
    for (const artifact of report.artifacts) {
      expect(Object.keys(artifact).sort()).toEqual(['diagnostics', 'host', 'kind', 'path', 'status']);
      expect(['parsed', 'partial', 'failed', 'unknown']).toContain(artifact.status);
    }
    const [top] = report.findings;
    expect(top).toMatchObject({ ruleId: 'backend-not-listening', cause: 'backend-not-listening', severity: 'error' });
    for (const key of ['title', 'message', 'hosts', 'evidence', 'remediation']) expect(top).toHaveProperty(key);
    for (const evidence of top.evidence) expect(Object.keys(evidence).sort()).toEqual(['host', 'line', 'path', 'text']);
  });

  it('a reader that closes the pipe early (| head -1) gets no stack trace, and the exit code still reports the findings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-pipe-'));
    const file = path.join(dir, 'h.cfg');
    // hand-written: 600 lines that all draw findings, so the output outgrows the pipe
    writeFileSync(file, 'global\n    log 127.0.0.1 local0\nfrontend fe\n    bind :80\n    default_backend nope\n'.repeat(120));
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" lint "${file}" --format gcc | head -1 >/dev/null`], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
  });

  it('analyze exits 0 on the healthy bundle and with --fail-on none', () => {
    expect(run(['analyze', bundlePath('healthy')]).code).toBe(0);
    expect(run(['analyze', bundlePath('backend-stopped'), '--fail-on', 'none']).code).toBe(0);
  });

  it('analyze --format table names the cause and its evidence, without colour under NO_COLOR', () => {
    const { stdout } = run(['analyze', bundlePath('backend-loopback')]);
    expect(stdout).toContain('backend-bound-loopback');
    expect(stdout).toContain('node2:commands/ss_-tulpn');
    expect(stdout).not.toMatch(/\u001b\[/);
    // the bundle's README is no host of the incident
    expect(stdout.split('\n')[0]).toMatch(/: 3 host\(s\): lb \(load-balancer\), node1 \(backend\), node2 \(backend\), plus files at the bundle top$/);
  });

  it('unreadable input is exit 2 with one line on stderr', () => {
    const { code, stderr, stdout } = run(['analyze', '/nonexistent/bundle']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^haproxy-doctor: cannot read/);
  });

  it('usage errors are exit 2 with one line', () => {
    for (const args of [['frobnicate'], ['analyze'], ['analyze', '.', '--format', 'xml'], ['analyze', '.', '--bogus']]) {
      const { code, stderr } = run(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('every command has --help', () => {
    for (const command of ['analyze', 'lint', 'logs', 'parse', 'rules', 'explain']) {
      const { code, stdout } = run([command, '--help']);
      expect(code, command).toBe(0);
      expect(stdout, command).toMatch(/^Usage: haproxy-doctor /);
    }
    expect(run(['--help']).stdout).toContain('Commands:');
  });

  it('rules lists the rules and explain shows a docs page', () => {
    const rules = JSON.parse(run(['rules', '--format', 'json']).stdout).rules.map((rule: { id: string }) => rule.id);
    expect(rules).toEqual(expect.arrayContaining(['backend-not-listening', 'backend-bound-loopback', 'server-down', 'no-server-available']));
    expect(run(['explain', 'backend-bound-loopback']).stdout).toMatch(/^# backend-bound-loopback/);
    expect(run(['explain', 'nope']).code).toBe(2);
  });

  it('parse prints records as JSON, sniffing the kind of a renamed file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-parse-'));
    const renamed = path.join(dir, 'listing.txt');
    writeFileSync(renamed, 'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\ntcp   LISTEN 0      5          127.0.0.1:8080      0.0.0.0:*\n');
    const { code, stdout } = run(['parse', renamed]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.kind).toBe('ss');
    expect(parsed.value.sockets[0].local).toEqual({ address: '127.0.0.1', port: 8080 });
  });

  it('logs summarises a lab log in the JSON contract', () => {
    const { code, stdout } = run(['logs', path.join(bundlePath('all-backends-down'), 'lb/var/log/haproxy.log'), '--format', 'json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.statusCodes['503']).toBeGreaterThan(0);
    expect(summary.terminationStates.SC).toBeGreaterThan(0);
    expect(summary.servers['be_app/<NOSRV>'].requests).toBeGreaterThan(0);
    expect(summary.lines).toBe(summary.parsed + summary.unparsed);
  });

  it('lint reports an undefined backend at its line with exit 1 (hand-written config)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-lint-'));
    const file = path.join(dir, 'haproxy.cfg');
    writeFileSync(file, 'defaults\n  mode http\n  timeout connect 5s\n  timeout client 5s\n  timeout server 5s\n\nfrontend fe\n  bind :8080\n  default_backend be_missing\n');
    const { code, stdout } = run(['lint', file, '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).results).toContainEqual(expect.objectContaining({ file, line: 9, ruleId: 'unknown-backend', severity: 'error' }));
  });
});
