// Runs a part of the CLI bundled as a CommonJS script (dist/<name>.cjs) with the V8 code cache the build wrote beside it.
//
// Node 20 has no compile cache for modules (module.enableCompileCache came in 22), and compiling the code of a command
// was a sizeable part of a short run (`lint`, Chevrotain's included; `logs` on a small log: ~15 ms of ~100). vm.Script
// accepts a code cache; V8 checks it against its own version, its flags and the source length, and rejects it on any
// mismatch (another Node, a --cpu-prof run): the script is then compiled as usual, only slower. The cache file is
// named after a build id written at the top of the bundle, so a cache from another build is never even read. Without
// the bundle (running from src/, or a bundler of our own bundle), callers import the modules instead.
//
// Not for the `logs` worker thread (dist/logs-worker.js): measured, loading its code from a cache would save a few ms of
// its ~30 ms start, and even starting it 30 ms later does not change a 177 MB run's time (the threads take segments
// from a shared counter, so the main thread takes up the slack).
import { createRequire } from 'node:module';

// Node's built-ins through require(): an ES module import of node:fs builds its ES facade, which reads every export
// (fs.ReadStream loads the streams), a few milliseconds of a short lint run.
const requireBuiltin = createRequire(import.meta.url);
const { existsSync, readFileSync } = requireBuiltin('node:fs') as typeof import('node:fs');
const path = requireBuiltin('node:path') as typeof import('node:path');
const { fileURLToPath } = requireBuiltin('node:url') as typeof import('node:url');
const vm = requireBuiltin('node:vm') as typeof import('node:vm');

/** `// haproxy-doctor build <id>`: the first line of a script bundle, the id names its code cache. */
const BUILD_LINE = /^\/\/ haproxy-doctor build ([0-9a-f]{8,64})\n/;

export const scriptWrapper = (source: string): string =>
  `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

export function codeCachePath(bundlePath: string, source: string): string | undefined {
  const id = BUILD_LINE.exec(source)?.[1];
  return id === undefined ? undefined : bundlePath.replace(/\.cjs$/, `.${id}.v8cache`);
}

function findBundle(name: string): string | undefined {
  // dist/cli.js, or a code-split chunk under dist/chunks/
  for (const candidate of [`./${name}.cjs`, `../${name}.cjs`]) {
    try {
      const url = new URL(candidate, import.meta.url);
      if (url.protocol === 'file:' && existsSync(url)) return fileURLToPath(url);
    } catch {
      // not a file URL (bundled elsewhere)
    }
  }
  return undefined;
}

export type CodeCacheUse = 'accepted' | 'rejected' | 'none';

/** Runs dist/<name>.cjs and returns its exports, or undefined when there is no such bundle or it does not load. */
export function loadScriptBundle<T>(name: string): T | undefined {
  const file = findBundle(name);
  if (file === undefined) return undefined;
  try {
    return runScriptBundle<T>(file).exports;
  } catch {
    // a broken install: the modules still work
    return undefined;
  }
}

/** Runs a script bundle with its code cache, if any; says whether V8 took the cache. */
export function runScriptBundle<T>(file: string): { exports: T; codeCache: CodeCacheUse } {
  const source = readFileSync(file, 'utf8');
  const cacheFile = codeCachePath(file, source);
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile !== undefined) cachedData = readFileSync(cacheFile);
  } catch {
    // no cache (a build without one): compiled as usual
  }
  const script = new vm.Script(scriptWrapper(source), { filename: file, ...(cachedData && { cachedData }) });
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, codeCache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted' };
}
