// End to end on the lab's real incident bundles: the first error names the root cause and cites its lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import type { Finding } from '../../src/model/finding.js';
import { bundlePath } from '../helpers/fixtures.js';

/** 1-based numbers of the lines of a bundle file that contain `needle`. */
function linesContaining(bundle: string, host: string, file: string, needle: string): number[] {
  const text = readFileSync(path.join(bundlePath(bundle), host, file), 'utf8');
  return text.split('\n').flatMap((line, index) => (line.includes(needle) ? [index + 1] : []));
}

function cites(finding: Finding, host: string, file: string, line: number): boolean {
  return finding.evidence.some((e) => e.host === host && e.path === file && e.line === line && e.text.length > 0);
}

const firstError = (findings: Finding[]) => findings.find((finding) => finding.severity === 'error');

describe('scenario bundles', () => {
  it('backend-stopped: node2 not listening, citing its DOWN line and its ss listing', async () => {
    const result = await analyze(bundlePath('backend-stopped'));
    const top = firstError(result.findings);
    expect(top?.cause).toBe('backend-not-listening');
    expect(top?.subject).toEqual({ host: 'lb', backend: 'be_app', server: 'node2' });
    const [down] = linesContaining('backend-stopped', 'lb', 'var/log/haproxy.log', 'Server be_app/node2 is DOWN');
    expect(down).toBeDefined();
    expect(cites(top!, 'lb', 'var/log/haproxy.log', down!)).toBe(true);
    expect(cites(top!, 'node2', 'commands/ss_-tulpn', 1)).toBe(true);
    const [serverLine] = linesContaining('backend-stopped', 'lb', 'etc/haproxy/haproxy.cfg', 'server node2 10.88.0.12:8080');
    expect(cites(top!, 'lb', 'etc/haproxy/haproxy.cfg', serverLine!)).toBe(true);
    // The DOWN symptom is attached to the cause, not repeated.
    expect(top?.explains?.map((symptom) => symptom.cause)).toContain('server-down');
    expect(result.findings.filter((finding) => finding.cause === 'server-down')).toEqual([]);
    // node1 kept serving: nothing about it.
    expect(result.findings.some((finding) => finding.subject.server === 'node1')).toBe(false);
  });

  it('backend-loopback: node2 bound to 127.0.0.1, citing the ss line of the loopback listener', async () => {
    const result = await analyze(bundlePath('backend-loopback'));
    const top = firstError(result.findings);
    expect(top?.cause).toBe('backend-bound-loopback');
    expect(top?.subject.server).toBe('node2');
    const [listener] = linesContaining('backend-loopback', 'node2', 'commands/ss_-tulpn', '127.0.0.1:8080');
    expect(cites(top!, 'node2', 'commands/ss_-tulpn', listener!)).toBe(true);
    const [down] = linesContaining('backend-loopback', 'lb', 'var/log/haproxy.log', 'Server be_app/node2 is DOWN');
    expect(cites(top!, 'lb', 'var/log/haproxy.log', down!)).toBe(true);
    expect(result.findings.some((finding) => finding.cause === 'backend-not-listening')).toBe(false);
  });

  it('all-backends-down: both servers not listening; the <NOSRV> symptom is attached, not listed', async () => {
    const result = await analyze(bundlePath('all-backends-down'));
    const errors = result.findings.filter((finding) => finding.severity === 'error');
    expect(errors.map((finding) => `${finding.cause} ${finding.subject.server}`).sort()).toEqual([
      'backend-not-listening node1',
      'backend-not-listening node2',
    ]);
    const [noServer] = linesContaining('all-backends-down', 'lb', 'var/log/haproxy.log', 'has no server available!');
    const explainer = errors.find((finding) => finding.explains?.some((symptom) => symptom.cause === 'no-server-available'));
    expect(explainer).toBeDefined();
    expect(cites(explainer!, 'lb', 'var/log/haproxy.log', noServer!)).toBe(true);
  });

  it('healthy: no error finding, hosts and roles known', async () => {
    const result = await analyze(bundlePath('healthy'));
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    const roles = Object.fromEntries(result.hosts.map((host) => [host.name, host.roles]));
    expect(roles).toMatchObject({ lb: ['load-balancer'], node1: ['backend'], node2: ['backend'] });
    expect(result.hosts.find((host) => host.name === 'node1')?.addresses).toContain('10.88.0.11');
  });

  it('lists every file of the bundle as an artifact, unknown ones included', async () => {
    const result = await analyze(bundlePath('healthy'));
    const byPath = Object.fromEntries(result.artifacts.map((artifact) => [`${artifact.host}:${artifact.path}`, artifact]));
    expect(byPath['lb:etc/haproxy/haproxy.cfg']).toMatchObject({ kind: 'haproxy-cfg', status: 'parsed' });
    expect(byPath['lb:var/log/haproxy.log']).toMatchObject({ kind: 'haproxy-log', status: 'parsed' });
    expect(byPath['node1:commands/ss_-tulpn']).toMatchObject({ kind: 'ss', status: 'parsed' });
    expect(byPath['_bundle:README.md']).toMatchObject({ kind: 'unknown', status: 'unknown' });
    // An empty stderr log is a real state, not a broken artifact.
    expect(byPath['lb:var/log/haproxy-stderr.log']).toMatchObject({ kind: 'haproxy-log', status: 'parsed' });
    // An empty iptables-save is a real answer (no rules loaded), not a failed artifact.
    expect(byPath['node1:commands/iptables-save']).toMatchObject({ kind: 'iptables-save', status: 'parsed' });
    expect(result.artifacts.every((artifact) => artifact.kind !== undefined)).toBe(true);
  });
});
