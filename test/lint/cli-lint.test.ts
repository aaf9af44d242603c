// `haproxy-doctor lint` as CI runs it, in-process through main(): every format, exit codes with --fail-on and
// --max-warnings, usage errors, and the --haproxy-bin merge with the real haproxy. Configs are hand-written.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CommandIo } from '../../src/cli/io.js';
import { createColors } from '../../src/report/colors.js';
import { LINT_BASE as BASE } from '../helpers/lint-base.js';

/** Line 12: an error (unknown backend); line 11 also draws an info (privileged port). */
const WITH_ERROR = `${BASE}frontend fe\n    bind :80\n    default_backend nope\n`;
/** Two warnings (unitless timeouts, lines 12 and 13), no error. */
const WITH_WARNINGS = `${BASE}frontend fe\n    bind :8080\n    timeout client 30\n    timeout http-request 10\n`;
const CLEAN = `${BASE}frontend fe\n    bind :8080\n`;

const dir = mkdtempSync(path.join(tmpdir(), 'hd-cli-lint-'));
// An empty .haproxy-doctor.json beside the files: no configuration from a parent folder leaks into the tests.
writeFileSync(path.join(dir, '.haproxy-doctor.json'), '{}\n');
function cfg(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function lint(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    colorDefault: false,
    colors: createColors(false),
    stdin: process.stdin,
    stderrIsTty: false,
  };
  const code = await main(['lint', ...args], io);
  return { code, stdout, stderr };
}

describe('lint formats', () => {
  const file = cfg('formats.cfg', WITH_ERROR);

  it('json: the contract {results:[{file,line,column,ruleId,severity,message}]}', async () => {
    const { code, stdout } = await lint(file, '--format', 'json');
    expect(code).toBe(1);
    const { results } = JSON.parse(stdout);
    for (const r of results) expect(Object.keys(r).sort()).toEqual(['column', 'file', 'line', 'message', 'ruleId', 'severity']);
    expect(results).toContainEqual(expect.objectContaining({ file, line: 12, ruleId: 'unknown-backend', severity: 'error' }));
  });

  it('sarif: 2.1.0 with rules, regions and fingerprints', async () => {
    const { code, stdout } = await lint(file, '--format', 'sarif');
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('unknown-backend');
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'unknown-backend');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(12);
    expect(Object.keys(result.partialFingerprints ?? {}).length).toBeGreaterThan(0);
  });

  it('gcc: file:line:col: severity: message [id]', async () => {
    const { stdout } = await lint(file, '--format', 'gcc');
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^.+:\d+:\d+: (error|warning|note): .+ \[[a-z-]+\]$/);
    expect(lines.some((l) => l.startsWith(`${file}:12:`) && l.includes(': error: ') && l.endsWith('[unknown-backend]'))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${file}:11:`) && l.includes(': note: '))).toBe(true);
  });

  it('github: one workflow command per result', async () => {
    const { stdout } = await lint(file, '--format', 'github');
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::.+$/);
    expect(lines).toContainEqual(expect.stringMatching(/^::error file=.*formats\.cfg,line=12,col=\d+,title=unknown-backend::/));
  });

  it('table (the default): the rule, the location and a summary line', async () => {
    const { code, stdout } = await lint(file);
    expect(code).toBe(1);
    expect(stdout).toContain('unknown-backend');
    expect(stdout).toContain(`${file}:12:`);
    expect(stdout).toMatch(/1 error\(s\), 0 warning\(s\), 1 info/);
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it('table says so when there is nothing to report', async () => {
    const clean = cfg('clean.cfg', CLEAN);
    const { code, stdout } = await lint(clean, '--format', 'table');
    expect(code).toBe(0);
    expect(stdout).toContain('No problems');
  });
});

describe('lint exit codes', () => {
  const errors = cfg('errors.cfg', WITH_ERROR);
  const warnings = cfg('warnings.cfg', WITH_WARNINGS);
  const infoOnly = cfg('info.cfg', `${BASE}frontend fe\n    bind :80\n`);
  it.each([
    ['an error, default --fail-on error', [errors], 1],
    ['nothing to report', [cfg('exit-clean.cfg', CLEAN), '--fail-on', 'info'], 0],
    ['an error, --fail-on none', [errors, '--fail-on', 'none'], 0],
    ['warnings only, default --fail-on error', [warnings], 0],
    ['warnings only, --fail-on warning', [warnings, '--fail-on', 'warning'], 1],
    ['an info only, --fail-on warning', [infoOnly, '--fail-on', 'warning'], 0],
    ['an info only, --fail-on info', [infoOnly, '--fail-on', 'info'], 1],
    ['2 warnings, --max-warnings 1', [warnings, '--max-warnings', '1'], 1],
    ['2 warnings, --max-warnings 2', [warnings, '--max-warnings', '2'], 0],
    ['2 warnings, --max-warnings 0 with --fail-on none', [warnings, '--max-warnings', '0', '--fail-on', 'none'], 1],
  ])('%s: exit %j', async (_name, args, expected) => {
    expect((await lint(...(args as string[]), '--format', 'json')).code).toBe(expected);
  });

  it.each([
    ['--max-warnings takes a number', [warnings, '--max-warnings', 'many']],
    ['--fail-on takes a severity', [warnings, '--fail-on', 'sometimes']],
    ['--format takes a known format', [warnings, '--format', 'xml']],
    ['an unreadable file', [path.join(dir, 'missing.cfg')]],
    ['an unsupported target version', [warnings, '--haproxy-version', '1.8']],
    ['an unknown option', [warnings, '--frobnicate']],
  ])('usage error (%s): exit 2 with one line on stderr and nothing on stdout', async (_name, args) => {
    const { code, stdout, stderr } = await lint(...(args as string[]));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

const HAPROXY = '/usr/sbin/haproxy';
const haproxyMissing = !existsSync(HAPROXY);
if (haproxyMissing) console.log(`skipping the --haproxy-bin tests: ${HAPROXY} is not installed`);

describe.skipIf(haproxyMissing)('lint --haproxy-bin (runs the real haproxy -c -dr)', () => {
  it('adds what only haproxy sees (a missing certificate file), once, at its line', async () => {
    // lint cannot know which files exist on the HAProxy host; haproxy -c on this host can.
    const file = cfg('cert.cfg', `${BASE}frontend fe\n    bind :8443 ssl crt ${path.join(dir, 'no-such-cert.pem')}\n`);
    const ours = JSON.parse((await lint(file, '--format', 'json', '--fail-on', 'none')).stdout).results;
    expect(ours.filter((r: { severity: string }) => r.severity === 'error')).toEqual([]);
    const { code, stdout } = await lint(file, '--format', 'json', '--haproxy-bin', HAPROXY);
    expect(code).toBe(1);
    const merged = JSON.parse(stdout).results.filter((r: { ruleId: string }) => r.ruleId === 'haproxy-check');
    expect(merged).toEqual([expect.objectContaining({ file, line: 11, severity: 'error', message: expect.stringContaining('no-such-cert.pem') })]);
  });

  it('does not repeat an error lint already reports on the same line', async () => {
    const file = cfg('dup.cfg', `${BASE}frontend fe\n    bind :8080\n    mode htp\n`);
    const { code, stdout } = await lint(file, '--format', 'json', '--haproxy-bin', HAPROXY);
    expect(code).toBe(1);
    const atLine = JSON.parse(stdout).results.filter((r: { line: number; severity: string }) => r.line === 12 && r.severity === 'error');
    expect(atLine.map((r: { ruleId: string }) => r.ruleId)).toEqual(['invalid-argument']);
  });

  it('a binary that cannot run is a usage error (exit 2)', async () => {
    const file = cfg('nobin.cfg', CLEAN);
    expect((await lint(file, '--haproxy-bin', path.join(dir, 'no-such-haproxy'))).code).toBe(2);
  });
});
