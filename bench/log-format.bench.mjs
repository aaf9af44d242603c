// Throughput of the compiled custom log-format matchers (not a test): generates N lines in the lab's custom formats
// (fixtures/parsers/haproxy-log/custom-haproxy.cfg), then times (1) the matcher alone on the message text and
// (2) a whole `logs --config` pass (dist/cli.js, one thread) on the generated file.
// Usage: npm run build && node bench/log-format.bench.mjs [lines]   (default 1,000,000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'hd-lf-bench-'));
try {
  // the matcher straight from the sources, bundled once
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(entry, `export { compileConfigFormats } from ${JSON.stringify(path.join(root, 'src/parsers/haproxy-log/log-format/index.ts'))};\nexport { parseHaproxyConfig } from ${JSON.stringify(path.join(root, 'src/parsers/haproxy-cfg/index.ts'))};\n`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: path.join(dir, 'lf.mjs'), logLevel: 'warning' });
  const { compileConfigFormats, parseHaproxyConfig } = await import(path.join(dir, 'lf.mjs'));
  const cfgFile = path.join(root, 'fixtures/parsers/haproxy-log/custom-haproxy.cfg');
  const { matchers } = compileConfigFormats(parseHaproxyConfig(readFileSync(cfgFile, 'utf8')).value);

  // lines: the real fixture lines of each format with varied ports, timers, statuses and paths
  const samples = ['custom-json.log', 'custom-id-ssl.log', 'custom-reordered.log', 'custom-tcp.log'].map((f) =>
    readFileSync(path.join(root, 'fixtures/parsers/haproxy-log', f), 'utf8').split('\n').filter(Boolean),
  );
  const statuses = ['200', '200', '200', '404', '503', '302'];
  const lines = [];
  for (let i = 0; i < N; i++) {
    const set = samples[i % 3 === 2 && i % 7 === 0 ? 3 : i % 3];
    let l = set[i % set.length];
    l = l.replace(/127\.0\.0\.1:(\d+) /, `10.${i & 255}.${(i >> 8) & 255}.${(i >> 16) & 255}:${1024 + (i % 60000)} `).replace(/\/search\?[^ "]*/, `/api/v1/items/${i}?page=${i % 17}`);
    l = l.replace(/"status":200/, `"status":${statuses[i % statuses.length]}`).replace(/^200 /, `${statuses[i % statuses.length]} `);
    lines.push(l);
  }
  const bytes = lines.reduce((n, l) => n + l.length + 1, 0);

  let matched = 0;
  const t0 = process.hrtime.bigint();
  for (const line of lines) {
    for (const m of matchers) {
      if (m.match(line, 0, line.length, {}) !== undefined) {
        matched++;
        break;
      }
    }
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`matcher: ${N} lines (${(bytes / 1e6).toFixed(0)} MB), ${matched} matched, ${s.toFixed(2)} s: ${Math.round(N / s).toLocaleString('en')} lines/s, ${(bytes / 1e6 / s).toFixed(0)} MB/s`);

  const logFile = path.join(dir, 'custom.log');
  writeFileSync(logFile, `${lines.join('\n')}\n`);
  const t1 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'logs', logFile, '--config', cfgFile, '--format', 'json', '--threads', '1'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const s2 = Number(process.hrtime.bigint() - t1) / 1e9;
  const report = JSON.parse(r.stdout);
  console.log(`logs --config (1 thread, start-up included): parsed ${report.parsed}, unparsed ${report.unparsed}, ${s2.toFixed(2)} s: ${Math.round(N / s2).toLocaleString('en')} lines/s, ${(bytes / 1e6 / s2).toFixed(0)} MB/s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
