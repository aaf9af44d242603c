// `logs --format json` (the real CLI, dist/cli.js, Node start-up included) against halog -st + -tc + -srv on the
// same generated HTTP log, in one run; prints the ratio (target <= 1.0), MB/s and peak RSS of each.
// Usage: node bench/logs.bench.mjs [lines=1000000] [--runs N] [--file F] [--gb G] [--cli dist/cli.js]
//   --gb G: also generate a G GB log (to /tmp, deleted after) and report the CLI's peak RSS on it (target <= 150 MB).
//   --cli F: the built CLI to time (default dist/cli.js; another build directory compares two builds).
// Needs `npm run build` first (it runs it when dist/cli.js is missing). Timings are best of N runs: other work on
// the machine only ever makes a run slower.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHaproxyLog } from './generate-haproxy-log.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
// the positional line count: a number that is not the value of an option (`--gb 2` is not 2 lines)
const lines = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 1_000_000);
const runs = Number(opt('runs', 3));
const gb = Number(opt('gb', 0));
const cli = opt('cli', join(root, 'dist/cli.js'));
const halog = ['/usr/sbin/halog', '/usr/bin/halog'].find((p) => existsSync(p));
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
if (!existsSync(cli)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

/** Wall time (s) and peak RSS (KB, from /usr/bin/time -v when present) of one command; stdin from a file. */
function measure(argv, stdinFile) {
  const cmd = timeBin ? [timeBin, '-v', ...argv] : argv;
  const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
  try {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: [stdin, 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1];
    return { seconds, rssKb: rss ? Number(rss) : undefined };
  } finally {
    if (typeof stdin === 'number') closeSync(stdin);
  }
}

function best(argv, stdinFile) {
  let b;
  for (let i = 0; i < runs; i++) {
    const m = measure(argv, stdinFile);
    if (!b || m.seconds < b.seconds) b = { ...m, rssKb: Math.max(m.rssKb ?? 0, b?.rssKb ?? 0) || undefined };
  }
  return b;
}

const work = mkdtempSync(join(tmpdir(), 'hd-logbench-'));
try {
  let file = opt('file');
  if (!file) {
    file = join(work, 'haproxy.log');
    writeFileSync(file, generateHaproxyLog({ lines, seed: 1 }).text);
  }
  const mb = statSync(file).size / 1e6;
  const row = (label, m) => console.log(`${label.padEnd(40)} ${m.seconds.toFixed(3).padStart(7)} s ${(mb / m.seconds).toFixed(0).padStart(6)} MB/s${m.rssKb ? `  peak RSS ${(m.rssKb / 1024).toFixed(0)} MB` : ''}`);
  console.log(`file: ${file} (${lines} lines, ${mb.toFixed(1)} MB); best of ${runs}; ${timeBin ? '/usr/bin/time -v' : 'no /usr/bin/time: no RSS'}`);
  const ours = best([process.execPath, cli, 'logs', file, '--format', 'json']);
  row('haproxy-doctor logs --format json', ours);
  const single = best([process.execPath, cli, 'logs', file, '--format', 'json', '--threads', '1']);
  row('haproxy-doctor logs ... --threads 1', single);
  const startup = best([process.execPath, cli, '--version']);
  row('haproxy-doctor --version (start-up)', startup);
  if (halog) {
    let total = 0;
    for (const o of ['-st', '-tc', '-srv']) {
      const m = best([halog, o, '-q'], file);
      row(`halog ${o}`, m);
      total += m.seconds;
    }
    row('halog -st + -tc + -srv', { seconds: total });
    console.log(`ratio (ours / halog's three): ${(ours.seconds / total).toFixed(2)} (target <= 1.0)`);
  } else console.log('halog not found (Debian package haproxy ships it): no ratio');
  if (gb > 0) {
    const big = join(work, 'big.log');
    const out = createWriteStream(big);
    const chunk = generateHaproxyLog({ lines: 200_000, seed: 7 }).text;
    let written = 0;
    for (let i = 0; written < gb * 1e9 && i < 100_000; i++) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      written += Buffer.byteLength(chunk);
    }
    await new Promise((r) => out.end(r));
    const bigMb = statSync(big).size / 1e6;
    const m = measure([process.execPath, cli, 'logs', big, '--format', 'json']);
    console.log(`${bigMb.toFixed(0)} MB log: ${m.seconds.toFixed(2)} s, ${(bigMb / m.seconds).toFixed(0)} MB/s, peak RSS ${m.rssKb ? `${(m.rssKb / 1024).toFixed(0)} MB` : 'unknown'} (target <= 150 MB)`);
    rmSync(big, { force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
