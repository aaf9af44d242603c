// Contradicting evidence lowers a hypothesis: a probe that connected weakens "not listening" and "firewall rejects".
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import { bundlePath } from '../helpers/fixtures.js';

const PROBE = 'lb/commands/nc_-vz_-w_2_10.88.0.12_8080';
let root: string | undefined;
afterEach(() => root && rmSync(root, { recursive: true, force: true }));

/** A scenario bundle whose lb nc probe to node2 is replaced by the healthy bundle's (real output, another moment). */
async function withSucceededProbe(bundle: string) {
  root = mkdtempSync(path.join(tmpdir(), 'hd-contra-'));
  cpSync(bundlePath(bundle), root, { recursive: true });
  cpSync(path.join(bundlePath('healthy'), PROBE), path.join(root, PROBE));
  return analyze(root);
}

it.each([
  ['backend-stopped', 'backend-not-listening'],
  ['firewall-reject', 'firewall-reject'],
])('%s: %s becomes a warning when nc from the lb connected, and cites that probe', async (bundle, cause) => {
  const { findings } = await withSucceededProbe(bundle);
  const finding = findings.find((f) => f.cause === cause && f.subject.server === 'node2');
  expect(finding?.severity).toBe('warning');
  expect(finding?.evidence.some((e) => e.path === PROBE.slice(3) && e.text.includes('succeeded'))).toBe(true);
});
