// A symptom with no cause found says which missing artifact would decide it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import { bundlePath } from '../helpers/fixtures.js';

it('server-down without node2 socket listings stands alone and names the missing ss listing', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'hd-undecided-'));
  try {
    cpSync(bundlePath('backend-stopped'), root, { recursive: true });
    for (const file of ['ss_-tulpn', 'ss_-tan']) rmSync(path.join(root, 'node2/commands', file));
    const { findings } = await analyze(root);
    const top = findings.find((finding) => finding.severity === 'error');
    expect(top?.cause).toBe('server-down');
    expect(top?.subject.server).toBe('node2');
    expect(top?.undecided?.some((reason) => reason.includes('no ss listing from node2'))).toBe(true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
