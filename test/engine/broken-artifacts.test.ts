// One broken artifact never stops the analysis: garbage, empty, binary and huge single-line files (hand-made here).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalysisResult } from '../../src/engine/analyze.js';
import { bundlePath } from '../helpers/fixtures.js';

let root: string;
let result: AnalysisResult;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'hd-broken-'));
  cpSync(bundlePath('backend-stopped'), root, { recursive: true });
  // Malformed inputs, written by this test on purpose.
  writeFileSync(path.join(root, 'node1/commands/ss_-tan'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 7, 8, 0]));
  writeFileSync(path.join(root, 'lb/commands/ip_addr'), '');
  writeFileSync(path.join(root, 'node1/commands/ip_addr'), 'x'.repeat(10 * 1024 * 1024));
  writeFileSync(path.join(root, 'lb/var/log/haproxy.log.1'), 'garbage line one\n\u0007\u0008 more garbage\n}}}{{{\n');
  writeFileSync(path.join(root, 'lb/etc/haproxy/conf.d.cfg'), 'frontend "unterminated\n  bind :80 \\\n');
  writeFileSync(path.join(root, 'lb/mystery.bin'), Buffer.alloc(4096, 0));
  result = await analyze(root);
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const artifact = (host: string, file: string) => result.artifacts.find((a) => a.host === host && a.path === file);

describe('broken artifacts', () => {
  it('marks a binary file where text was expected as failed, with a diagnostic', () => {
    expect(artifact('node1', 'commands/ss_-tan')).toMatchObject({ kind: 'ss', status: 'failed' });
    expect(artifact('node1', 'commands/ss_-tan')?.diagnostics[0]?.message).toMatch(/binary/);
  });

  it('marks an empty file as failed with a line-1 diagnostic', () => {
    const empty = artifact('lb', 'commands/ip_addr');
    expect(empty?.status).toBe('failed');
    expect(empty?.diagnostics[0]).toMatchObject({ line: 1 });
  });

  it('marks a 10 MB single-line file as failed or partial, with diagnostics', () => {
    const huge = artifact('node1', 'commands/ip_addr');
    expect(['failed', 'partial']).toContain(huge?.status);
    expect(huge?.diagnostics.length).toBeGreaterThan(0);
  });

  it('marks a garbage log as failed, citing lines', () => {
    const log = artifact('lb', 'var/log/haproxy.log.1');
    expect(log).toMatchObject({ kind: 'haproxy-log', status: 'failed' });
    expect(log?.diagnostics.some((d) => d.line >= 1)).toBe(true);
  });

  it('reports config syntax problems with line numbers and still parses the main config', () => {
    const broken = artifact('lb', 'etc/haproxy/conf.d.cfg');
    expect(['failed', 'partial']).toContain(broken?.status);
    expect(broken?.diagnostics.some((d) => d.severity === 'error' && d.line >= 1)).toBe(true);
    expect(artifact('lb', 'etc/haproxy/haproxy.cfg')?.status).toBe('parsed');
  });

  it('lists an unknown binary file as unknown', () => {
    expect(artifact('lb', 'mystery.bin')).toMatchObject({ kind: 'unknown', status: 'unknown' });
  });

  it('still finds the root cause from the artifacts that parsed', () => {
    expect(result.findings.find((f) => f.severity === 'error')?.cause).toBe('backend-not-listening');
  });
});
