// Builds dist/: the CLI and the library as single ESM bundles (fast start-up), plus type declarations.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { compileAll } from './compile-grammars.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
// nearley grammars (grammars/*.ne) -> committed generated modules, before anything is bundled or type-checked
for (const output of compileAll()) console.log(`compiled ${output}`);

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

// The CLI with only `lint` once more, as a CommonJS script with a V8 code cache: cli.js runs `lint` from it when present
// (src/cli/script-bundle.ts says why).
await build({
  ...common,
  format: 'cjs',
  entryPoints: { 'lint-cli': 'src/cli/lint-cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  // The first line names the code cache of this build; "use strict" comes before any statement (the sources are ES
  // modules, strict by definition); import.meta.url is the bundle's own URL.
  banner: { js: `// haproxy-doctor build ${randomBytes(8).toString('hex')}\n'use strict';\nconst __bundle_url = require('node:url').pathToFileURL(__filename).href;` },
  define: { ...common.define, 'import.meta.url': '__bundle_url' },
  // import() of what the bundle holds becomes require(): a vm.Script has no module loader to import with.
  supported: { 'dynamic-import': false },
});
if (!process.argv.includes('--no-code-cache')) {
  // Optional: without the cache, the bundle is compiled at each run as any script is.
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const configs = ['lab/haproxy.cfg', 'fixtures/bundles/config-invalid/lb/etc/haproxy/haproxy.cfg'].filter((file) => existsSync(file));
  try {
    execFileSync(process.execPath, ['scripts/code-cache.mjs', 'dist/lint-cli.cjs', ...configs], { stdio: 'inherit', env });
  } catch (error) {
    console.warn(`no code cache for dist/lint-cli.cjs: ${error.message}`);
  }
}

if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
}
