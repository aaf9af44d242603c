// Builds dist/: the CLI and the library as single ESM bundles (fast start-up), plus type declarations.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { compileAll } from './compile-grammars.mjs';
import { OUTPUT as WASM_MODULE, buildWasm } from './build-wasm.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
// nearley grammars (grammars/*.ne) -> committed generated modules, before anything is bundled or type-checked
for (const output of compileAll()) console.log(`compiled ${output}`);
// the WebAssembly line scanner (wasm/*.c) -> committed module; recompiled only when its C changed (needs clang then)
if (buildWasm()) console.log(`compiled ${WASM_MODULE}`);

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'linked',
  define: { __TOOL_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD bundle whose dynamic require()s esbuild cannot follow; take its ESM build.
  mainFields: ['module', 'main'],
};

await build({ ...common, entryPoints: { cli: 'src/cli/bin.ts' }, outdir: 'dist', splitting: true, chunkNames: 'chunks/[name]-[hash]', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } });
await build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist' });
// worker thread of `logs` (src/logs/run.ts finds it beside cli.js)
await build({ ...common, entryPoints: { 'logs-worker': 'src/logs/worker.ts' }, outdir: 'dist' });
chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);

// The CLI with one command only, once more per command of src/cli/bin.ts's SCRIPT_BUNDLES, as a CommonJS script with
// a V8 code cache: cli.js runs that command from it when present (src/cli/script-bundle.ts says why). `warmUp` gives
// the command lines scripts/code-cache.mjs runs before writing the cache, so that it holds what a real run compiles.
const scriptBundles = [
  {
    name: 'lint-cli',
    entry: 'src/cli/lint-cli.ts',
    warmUp: () => {
      const configs = ['lab/haproxy.cfg', 'fixtures/bundles/config-invalid/lb/etc/haproxy/haproxy.cfg'].filter((file) => existsSync(file));
      return [
        ...['json', 'table', 'sarif', 'github', 'gcc'].flatMap((format) => configs.map((config) => ['lint', config, '--format', format, '--fail-on', 'none'])),
        ['lint', '--help'],
        ['lint', '/nonexistent.cfg'],
        ['lint', '--max-warnings', 'x', ...configs],
      ];
    },
  },
  {
    name: 'logs-cli',
    entry: 'src/cli/logs-cli.ts',
    // a small generated log (a few tens of ms to make and read) and a real one; small files are read on the main
    // thread, by the same functions as its share of a large log (the worker, dist/logs-worker.js, has no cache)
    warmUp: async (dir) => {
      const { generateHaproxyLog } = await import('../bench/generate-haproxy-log.mjs');
      const log = join(dir, 'haproxy.log');
      writeFileSync(log, generateHaproxyLog({ lines: 5000, seed: 1 }).text);
      const logs = [log, 'fixtures/bundles/backend-stopped/lb/var/log/haproxy.log'].filter((file) => existsSync(file));
      return [
        ...['json', 'table'].flatMap((format) => logs.map((file) => ['logs', file, '--format', format])),
        ['logs', '--help'],
        ['logs', '/nonexistent.log'],
      ];
    },
  },
];
for (const { name, entry } of scriptBundles) {
  await build({
    ...common,
    format: 'cjs',
    entryPoints: { [name]: entry },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    // The first line names the code cache of this build; "use strict" comes before any statement (the sources are ES
    // modules, strict by definition); import.meta.url is the bundle's own URL.
    banner: { js: `// haproxy-doctor build ${randomBytes(8).toString('hex')}\n'use strict';\nconst __bundle_url = require('node:url').pathToFileURL(__filename).href;` },
    define: { ...common.define, 'import.meta.url': '__bundle_url' },
    // import() of what the bundle holds becomes require(): a vm.Script has no module loader to import with.
    supported: { 'dynamic-import': false },
  });
}
if (!process.argv.includes('--no-code-cache')) {
  // Optional: without the cache, a bundle is compiled at each run as any script is.
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const dir = mkdtempSync(join(tmpdir(), 'haproxy-doctor-build-'));
  try {
    for (const { name, warmUp } of scriptBundles) {
      try {
        execFileSync(process.execPath, ['scripts/code-cache.mjs', `dist/${name}.cjs`, JSON.stringify(await warmUp(dir))], { stdio: 'inherit', env });
      } catch (error) {
        console.warn(`no code cache for dist/${name}.cjs: ${error.message}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
}
