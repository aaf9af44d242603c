// Throughput of the log summary (LogSummarizer, LogFactsCollector) against halog -st + -tc + -srv.
// Usage: node bench/logs.bench.mjs [lines=1000000] [file]   (generates the log when no file is given)
// Bundles src/parsers/haproxy-log with esbuild on the fly, so it needs no build.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generateHaproxyLog } from './generate-haproxy-log.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'hd-logbench-'));
try {
  const lines = Number(process.argv[2] ?? 1_000_000);
  let file = process.argv[3];
  if (!file) {
    file = join(work, 'haproxy.log');
    writeFileSync(file, generateHaproxyLog({ lines, seed: 1 }).text);
  }
  const bytes = statSync(file).size;
  const mb = bytes / 1e6;
  const out = join(work, 'log.mjs');
  await build({ entryPoints: [join(root, 'src/parsers/haproxy-log/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning' });
  const lib = await import(pathToFileURL(out).href);

  const time = async (label, fn, runs = 3) => {
    let best = Infinity;
    let result;
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      result = await fn();
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    console.log(`${label.padEnd(48)} ${best.toFixed(0).padStart(6)} ms  ${(mb / (best / 1000)).toFixed(0).padStart(5)} MB/s`);
    return { best, result };
  };

  console.log(`file: ${file} (${mb.toFixed(1)} MB)`);
  const text = readFileSync(file, 'utf8');
  await time('LogSummarizer, string in memory (summarizeText)', () => lib.summarizeText(text));
  await time('LogSummarizer, file stream (summarizeLogStream)', () => lib.summarizeLogStream(createReadStream(file, { highWaterMark: 1 << 20 })));
  await time('LogFactsCollector, file stream', () => lib.logFactsFromStream(createReadStream(file, { highWaterMark: 1 << 20 })));
  if (existsSync('/usr/sbin/halog')) {
    let total = 0;
    for (const opt of ['-st', '-tc', '-srv']) {
      const { best } = await time(`halog ${opt}`, () => execFileSync('sh', ['-c', `/usr/sbin/halog ${opt} -q < "${file}" > /dev/null`]));
      total += best;
    }
    console.log(`${'halog -st + -tc + -srv'.padEnd(48)} ${total.toFixed(0).padStart(6)} ms  ${(mb / (total / 1000)).toFixed(0).padStart(5)} MB/s`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
