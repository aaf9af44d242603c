// The V8 code cache of a script bundle (dist/lint-cli.cjs, dist/logs-cli.cjs, see src/cli/script-bundle.ts).
//   node scripts/code-cache.mjs BUNDLE ARGV-JSON   runs the bundle's CLI on each command line of ARGV-JSON (an array of
//                                                  argument arrays, output dropped), then writes the cache: it then
//                                                  holds the functions those runs compiled, not only the top level
//   node scripts/code-cache.mjs --check BUNDLE     exits 0 when this Node accepts the bundle's cache, 1 if not
// build.mjs runs it in a child process without NODE_OPTIONS: V8 rejects a cache made under other flags.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

// As src/cli/script-bundle.ts has them (test/cli/script-bundle.test.ts compares them).
export const scriptWrapper = (source) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const BUILD_LINE = /^\/\/ haproxy-doctor build ([0-9a-f]{8,64})\n/;
export function codeCachePath(bundlePath, source) {
  const id = BUILD_LINE.exec(source)?.[1];
  return id === undefined ? undefined : bundlePath.replace(/\.cjs$/, `.${id}.v8cache`);
}

function compile(bundle, withCache) {
  const file = path.resolve(bundle);
  const source = readFileSync(file, 'utf8');
  const cacheFile = codeCachePath(file, source);
  if (cacheFile === undefined) throw new Error(`${bundle} has no build line`);
  const cachedData = withCache ? readFileSync(cacheFile) : undefined;
  return { file, cacheFile, script: new vm.Script(scriptWrapper(source), { filename: file, ...(cachedData && { cachedData }) }) };
}

async function writeCache(bundle, commandLines) {
  const { file, cacheFile, script } = compile(bundle, false);
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const io = { stdout: () => {}, stderr: () => {}, colorDefault: false, colors: undefined, stdin: process.stdin, stderrIsTty: false };
  for (const args of commandLines) await module.exports.main(args, io);
  writeFileSync(cacheFile, script.createCachedData());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === '--check') {
    const { script } = compile(rest[0], true);
    if (script.cachedDataRejected) console.error(`${rest[0]}: this Node (${process.version}) rejects its code cache`);
    process.exitCode = script.cachedDataRejected ? 1 : 0;
  } else {
    await writeCache(first, JSON.parse(rest[0] ?? '[]'));
  }
}
