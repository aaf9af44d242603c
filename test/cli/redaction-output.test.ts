// Secrets never reach any output format, and --redact-addresses hides addresses and host names consistently.
// Input: the lab's backend-stopped bundle, copied and then edited by hand to plant secrets (said here on purpose).
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createColors } from '../../src/report/colors.js';
import { bundlePath } from '../helpers/fixtures.js';

const SECRET = 'Pl4ntedS3cret';

function bundleWithSecrets(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'hd-secrets-')), 'bundle');
  cpSync(bundlePath('backend-stopped'), dir, { recursive: true });
  const cfgPath = path.join(dir, 'lb/etc/haproxy/haproxy.cfg');
  // The server line is cited as evidence, so its raw text (with the comment) reaches the report.
  const cfg = readFileSync(cfgPath, 'utf8').replace(
    'server node2 10.88.0.12:8080 check inter 1s fall 2 rise 2',
    `server node2 10.88.0.12:8080 check inter 1s fall 2 rise 2 # probe url /health?token=${SECRET}`,
  );
  writeFileSync(cfgPath, `${cfg}\nuserlist admins\n\tuser bob password $6$${SECRET}\n\tuser eve insecure-password ${SECRET}\n\nlisten stats2\n\tbind 10.88.0.10:8405\n\tstats auth admin:${SECRET}\n`);
  appendFileSync(path.join(dir, 'lb/commands/hostname'), `token=${SECRET}\n`);
  return dir;
}

async function run(args: string[]) {
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

describe('secrets in outputs', () => {
  const bundle = bundleWithSecrets();
  const cfg = path.join(bundle, 'lb/etc/haproxy/haproxy.cfg');

  it.each(['table', 'json'])('analyze --format %s shows the planted evidence line masked', async (format) => {
    const { code, stdout, stderr } = await run(['analyze', bundle, '--format', format]);
    expect(code).toBe(1);
    expect(stdout + stderr).not.toContain(SECRET);
    expect(stdout).toContain('/health?token=<redacted>');
    if (format === 'json') expect(() => JSON.parse(stdout)).not.toThrow();
  });

  it.each([
    ['lint json', ['lint', cfg, '--format', 'json']],
    ['lint table', ['lint', cfg]],
    ['parse', ['parse', cfg]],
    ['parse hostname', ['parse', path.join(bundle, 'lb/commands/hostname'), '--kind', 'hostname']],
  ])('%s never prints a planted secret', async (_label, args) => {
    const { stdout, stderr } = await run(args);
    expect(stdout.length).toBeGreaterThan(0);
    expect(stdout + stderr).not.toContain(SECRET);
  });
});

describe('--redact-addresses', () => {
  it.each(['table', 'json'])('%s: no lab address or host name left, one pseudonym per address', async (format) => {
    const { stdout } = await run(['analyze', bundlePath('backend-stopped'), '--format', format, '--redact-addresses']);
    expect(stdout).not.toMatch(/10\.88\.0\.\d+|fd88:|\bnode[12]\b|\blb\b/);
    if (format === 'json') {
      const document = JSON.parse(stdout);
      const [first] = document.findings;
      // The address in the message is the one in the cited server line: the same pseudonym across the report.
      const address = /points at (ipv4-\d+):8080/.exec(first.message)?.[1];
      expect(address).toBeDefined();
      expect(first.evidence.find((e: { path: string }) => e.path === 'etc/haproxy/haproxy.cfg').text).toContain(`${address}:8080`);
      expect(document.hosts.map((h: { name: string }) => h.name)).toEqual(expect.arrayContaining(['host-1', 'host-2', 'host-3']));
    }
  });
});
