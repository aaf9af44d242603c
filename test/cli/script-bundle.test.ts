// dist/lint-cli.cjs and dist/logs-cli.cjs: the CLI with one command only, as a script with a V8 code cache
// (src/cli/script-bundle.ts says why).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { codeCachePath, runScriptBundle, scriptWrapper } from '../../src/cli/script-bundle.js';
import { createColors } from '../../src/report/colors.js';
import { bundlePath, PROJECT_ROOT } from '../helpers/fixtures.js';
// @ts-expect-error a plain .mjs build script, without types
import * as codeCacheScript from '../../scripts/code-cache.mjs';

const { NODE_OPTIONS: _nodeOptions, ...cleanEnv } = process.env;

function capturingIo(): { io: CommandIo; output: { stdout: string; stderr: string } } {
  const output = { stdout: '', stderr: '' };
  const io = {
    stdout: (text: string) => void (output.stdout += text),
    stderr: (text: string) => void (output.stderr += text),
    colorDefault: false,
    colors: createColors(false),
    stdin: process.stdin,
    stderrIsTty: false,
  };
  return { io, output };
}

type Cli = typeof import('../../src/cli/main.js');

async function run(cli: Cli, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { io, output } = capturingIo();
  const code = await cli.main(args, io);
  return { code, ...output };
}

const files = [path.join(PROJECT_ROOT, 'lab/haproxy.cfg'), path.join(bundlePath('config-invalid'), 'lb/etc/haproxy/haproxy.cfg')];
const log = path.join(bundlePath('backend-stopped'), 'lb/var/log/haproxy.log');
const bundles = [
  {
    name: 'lint-cli',
    commandLines: [
      ['lint', ...files, '--format', 'json'],
      ['lint', files[1]!, '--format', 'gcc'],
      ['lint', files[1]!, '--format', 'github'],
      ['lint', '--help'],
      ['lint', '/nonexistent.cfg'],
      ['lint', files[0]!, '--max-warnings', 'x'],
      ['lint', files[0]!, '--haproxy-version', '9.9'],
    ],
  },
  {
    name: 'logs-cli',
    commandLines: [
      ['logs', log, '--format', 'json'],
      ['logs', log],
      ['logs', log, '--format', 'json', '--status', '5xx', '--config', files[0]!],
      ['logs', '--help'],
      ['logs', '/nonexistent.log'],
      ['logs', log, '--threads', 'x'],
    ],
  },
];

describe.each(bundles)('$name script bundle', ({ name, commandLines }) => {
  const BUNDLE = path.join(PROJECT_ROOT, `dist/${name}.cjs`);

  it('has a code cache that this Node accepts when run as the CLI runs (no Node options)', () => {
    const r = spawnSync(process.execPath, ['scripts/code-cache.mjs', '--check', BUNDLE], { cwd: PROJECT_ROOT, env: cleanEnv, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('answers as the CLI from the sources does, failures included (one line, exit code 2)', async () => {
    const bundled = runScriptBundle<Cli>(BUNDLE).exports;
    for (const args of commandLines) expect(await run(bundled, args), args.join(' ')).toEqual(await run({ main } as Cli, args));
  });

  it(`is what dist/cli.js runs for ${commandLines[0]![0]}`, async () => {
    for (const args of commandLines) {
      const built = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'dist/cli.js'), ...args], { encoding: 'utf8', env: { ...cleanEnv, NO_COLOR: '1' } });
      expect({ code: built.status, stdout: built.stdout, stderr: built.stderr }, args.join(' ')).toEqual(await run({ main } as Cli, args));
    }
  });
});

describe('script bundles', () => {
  it('are wrapped and find their cache as scripts/code-cache.mjs made it', () => {
    expect(codeCacheScript.scriptWrapper('x;')).toBe(scriptWrapper('x;'));
    const source = '// haproxy-doctor build 0123456789abcdef\nx;';
    expect(codeCachePath('/d/lint-cli.cjs', source)).toBe('/d/lint-cli.0123456789abcdef.v8cache');
    expect(codeCacheScript.codeCachePath('/d/lint-cli.cjs', source)).toBe(codeCachePath('/d/lint-cli.cjs', source));
    expect(codeCachePath('/d/lint-cli.cjs', 'x;')).toBeUndefined();
  });
});
