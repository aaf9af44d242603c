// Compiles the C of wasm/ (line-scan.c, clf-scan.c, traffic-aggregate.c, event-count.c) to WebAssembly with Debian's clang and wasm-ld (packages clang-14, lld-14) and writes it
// into a committed TypeScript module (base64 and the source's SHA-256), so that building and running need no C
// toolchain. scripts/build.mjs runs it: nothing to do while the source is unchanged; a changed source without clang
// fails the build. test/logs/line-scanner.test.ts checks the committed module against the source.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SOURCES = ['wasm/line-scan.h', 'wasm/line-scan.c', 'wasm/clf-scan.c', 'wasm/traffic-aggregate.c', 'wasm/event-count.c'];
export const OUTPUT = 'src/parsers/haproxy-log/line-scan.generated.ts';
// -mbulk-memory: clang turns byte-copy loops into memcpy, which becomes memory.copy instead of an import
// -mnontrapping-fptoint: a double to integer conversion saturates instead of trapping
const FLAGS = ['--target=wasm32', '-O2', '-msimd128', '-mbulk-memory', '-mnontrapping-fptoint', '-nostdlib', '-Wall', '-Werror', '-Wl,--no-entry', '-Wl,--strip-all'];

/** A clang that can link wasm32 (clang-14 and wasm-ld-14 on Debian 12), or undefined. */
export function findClang() {
  for (const [clang, ld] of [
    ['clang-14', 'wasm-ld-14'],
    ['clang', 'wasm-ld'],
  ]) {
    const dirs = (process.env.PATH ?? '').split(':');
    if (dirs.some((d) => existsSync(join(d, clang))) && dirs.some((d) => existsSync(join(d, ld)))) return { clang, ld };
  }
  return undefined;
}

/** SHA-256 over the sources, each with its name. */
export function sourceHash() {
  const hash = createHash('sha256');
  for (const source of SOURCES) hash.update(`${source}\0`).update(readFileSync(join(ROOT, source))).update('\0');
  return hash.digest('hex');
}

/** The WebAssembly bytes of the source, compiled now. */
export function compileWasm(toolchain = findClang()) {
  if (!toolchain) throw new Error(`${SOURCES.join(', ')}: no clang for wasm32 (install Debian's clang-14 and lld-14)`);
  const dir = mkdtempSync(join(tmpdir(), 'hd-wasm-'));
  try {
    const out = join(dir, 'line-scan.wasm');
    // (clang runs the wasm-ld of its own LLVM: /usr/lib/llvm-14/bin/wasm-ld for Debian's clang-14)
    const units = SOURCES.filter((s) => s.endsWith('.c')).map((s) => join(ROOT, s));
    execFileSync(toolchain.clang, [...FLAGS, '-o', out, ...units], { stdio: ['ignore', 'inherit', 'inherit'] });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function generatedModule(wasm, hash) {
  return (
    `// GENERATED FILE, DO NOT EDIT: ${SOURCES.join(', ')} compiled by scripts/build-wasm.mjs (clang ${FLAGS.join(' ')}).\n` +
    '// Edit the C source and run `npm run build` with clang-14 and lld-14 installed; a test fails when this file is stale.\n' +
    `export const LINE_SCAN_SOURCE_SHA256 = '${hash}';\n` +
    `export const LINE_SCAN_WASM_BASE64 =\n  '${wasm.toString('base64')}';\n`
  );
}

/** The SHA-256 the committed module was made from (undefined when there is none). */
export function committedHash() {
  const path = join(ROOT, OUTPUT);
  if (!existsSync(path)) return undefined;
  return /LINE_SCAN_SOURCE_SHA256 = '([0-9a-f]{64})'/.exec(readFileSync(path, 'utf8'))?.[1];
}

/** Rebuilds the module when the source changed (or `force`); returns whether it wrote it. */
export function buildWasm({ force = false } = {}) {
  const hash = sourceHash();
  if (!force && committedHash() === hash) return false;
  writeFileSync(join(ROOT, OUTPUT), generatedModule(compileWasm(), hash));
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(buildWasm({ force: process.argv.includes('--force') }) ? `wrote ${OUTPUT}` : `${OUTPUT} is current`);
}
