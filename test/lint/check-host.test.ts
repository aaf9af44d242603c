// --check-host on the real file system: configs (hand-written, one reference each) that name files in a temporary
// folder, some present, some not. Each case is also run through the real `haproxy -c -dr` when it is installed (CI
// installs it), so the expected verdicts are HAProxy's on the same files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFiles } from '../../src/lint/lint-files.js';

const HAPROXY = spawnSync('haproxy', ['-v']).status === 0;
const OPENSSL = spawnSync('openssl', ['version']).status === 0;
if (!HAPROXY) console.warn('check-host oracle test skipped: haproxy is not installed (.ci/run installs it)');
if (!OPENSSL) console.warn('check-host certificate cases skipped: openssl is not installed (.ci/run installs it)');

const dir = mkdtempSync(path.join(tmpdir(), 'hd-check-host-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  mkdirSync(path.join(dir, 'certs'));
  writeFileSync(path.join(dir, '503.http'), 'HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\ndown\n');
  writeFileSync(path.join(dir, 'blocked.lst'), '10.0.0.0/8\n');
  writeFileSync(path.join(dir, 'hosts.map'), 'example.com be\n');
  if (OPENSSL) {
    // A real self-signed certificate: the key alone, the certificate alone, and both in one file.
    spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'certs/key.pem'), '-out', path.join(dir, 'certs/cert.pem'), '-days', '2', '-subj', '/CN=hd-test'], { stdio: 'ignore' });
    const both = readFileSync(path.join(dir, 'certs/cert.pem'), 'utf8') + readFileSync(path.join(dir, 'certs/key.pem'), 'utf8');
    writeFileSync(path.join(dir, 'certs/site.pem'), both);
  }
});

const HEAD = `global
    log 127.0.0.1:514 local0
    maxconn 1000
    default-path config
GLOBAL_EXTRA
defaults
    mode http
    log global
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe
    bind :8080
`;
/** Line 14 is the case's line in the frontend; `global` gets the extra lines (one line each). */
const config = (line: string, globalExtra = '    nbthread 1') =>
  `${HEAD.replace('GLOBAL_EXTRA', globalExtra)}    ${line}\n    default_backend be\nbackend be\n    server s1 10.0.0.1:80\n`;

/** `at`: the line of the finding, when not the case's own line 14. */
interface Case { name: string; line: string; global?: string; ruleId?: string; at?: number; needsOpenssl?: boolean }
const CASES: Case[] = [
  { name: 'crt present (certificate and key)', line: 'bind :8443 ssl crt certs/site.pem', needsOpenssl: true },
  { name: 'crt missing', line: 'bind :8443 ssl crt certs/nope.pem', ruleId: 'missing-file' },
  { name: 'crt holds no key', line: 'bind :8443 ssl crt certs/cert.pem', ruleId: 'missing-file', needsOpenssl: true },
  { name: 'crt holds no certificate', line: 'bind :8443 ssl crt certs/key.pem', ruleId: 'missing-file', needsOpenssl: true },
  { name: 'crt-base', line: 'bind :8443 ssl crt site.pem', global: `    crt-base ${dir}/certs`, needsOpenssl: true },
  { name: 'crt-base, missing', line: 'bind :8443 ssl crt nope.pem', global: `    crt-base ${dir}/certs`, ruleId: 'missing-file' },
  { name: 'errorfile present', line: 'errorfile 503 503.http' },
  { name: 'errorfile missing', line: 'errorfile 503 504.http', ruleId: 'missing-file' },
  { name: 'acl -f present', line: 'http-request deny if { src -f blocked.lst }' },
  { name: 'acl -f missing', line: 'http-request deny if { src -f allowed.lst }', ruleId: 'missing-file' },
  { name: 'map present', line: 'http-request set-header X-Be %[req.hdr(host),map_str(hosts.map,none)]' },
  { name: 'map missing', line: 'http-request set-header X-Be %[req.hdr(host),map(nope.map)]', ruleId: 'missing-file' },
  { name: 'return file missing', line: 'http-request return status 200 file nope.txt', ruleId: 'missing-file' },
  { name: 'lua-load missing', line: 'http-request deny if FALSE', global: '    lua-load nope.lua', ruleId: 'missing-file', at: 5 },
  { name: 'user root', line: 'http-request deny if FALSE', global: '    user root' },
  { name: 'user unknown', line: 'http-request deny if FALSE', global: '    user hd-no-such-user', ruleId: 'unknown-user', at: 5 },
  { name: 'group unknown', line: 'http-request deny if FALSE', global: '    group hd-no-such-group', ruleId: 'unknown-user', at: 5 },
];

async function hostFindings(file: string) {
  return (await lintFiles([file], { checkHost: true, config: { rules: {} } })).filter((r) => r.ruleId === 'missing-file' || r.ruleId === 'unknown-user');
}

describe('lint --check-host', () => {
  it.each(CASES)('$name', async ({ name, line, global, ruleId, at, needsOpenssl }) => {
    if (needsOpenssl && !OPENSSL) return;
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.cfg`);
    writeFileSync(file, config(line, global));
    const findings = await hostFindings(file);
    if (ruleId === undefined) expect(findings).toEqual([]);
    else expect(findings.map((f) => [f.ruleId, f.line])).toEqual([[ruleId, at ?? 14]]);
  });

  it('is off without --check-host', async () => {
    const file = path.join(dir, 'off.cfg');
    writeFileSync(file, config('bind :8443 ssl crt certs/nope.pem'));
    expect((await lintFiles([file], { config: { rules: {} } })).filter((r) => r.ruleId === 'missing-file')).toEqual([]);
  });

  it.skipIf(!HAPROXY)('haproxy -c -dr gives the same verdict on every case', async () => {
    const disagreements: string[] = [];
    for (const { name, line, global, ruleId, needsOpenssl } of CASES) {
      if (needsOpenssl && !OPENSSL) continue;
      const file = path.join(dir, `oracle-${name.replace(/\W+/g, '-')}.cfg`);
      writeFileSync(file, config(line, global));
      const run = spawnSync('haproxy', ['-c', '-dr', '-f', file], { encoding: 'utf8' });
      if ((run.status !== 0) !== (ruleId !== undefined)) disagreements.push(`${name}: haproxy rc ${run.status}: ${run.stderr.split('\n').find((l) => l.includes('ALERT')) ?? ''}`);
    }
    expect(disagreements).toEqual([]);
  });
});
