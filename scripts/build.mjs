// Builds dist/: the CLI and the library as single ESM bundles (fast start-up), plus type declarations.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync } from 'node:fs';
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

if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
}
