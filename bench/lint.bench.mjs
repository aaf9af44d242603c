// lint vs `haproxy -c -dr` on the same ~5,000-line config, in the same run: median wall time of N runs each,
// Node start-up included (the built CLI, dist/cli.js; run `npm run build` first). Target: ratio <= 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli.js');
const runs = Number(process.env.RUNS ?? 11);

/** The lab config's global/defaults, then frontends and backends in its style until ~5,000 lines. */
function bigConfig(targetLines) {
  const lab = readFileSync(path.join(root, 'lab/haproxy.cfg'), 'utf8');
  const head = lab.slice(0, lab.indexOf('frontend fe_main'));
  const parts = [head];
  let lines = head.split('\n').length;
  for (let i = 0; lines < targetLines; i++) {
    const block = [
      `frontend fe_${i}`, `    bind 10.88.${i % 250}.${Math.floor(i / 250) + 1}:${8000 + (i % 1000)}`, '    option forwardfor',
      `    acl is_api_${i} path_beg /api`, `    http-request set-header X-Tenant t${i}`, `    use_backend be_api_${i} if is_api_${i}`, `    default_backend be_${i}`, '',
      `backend be_${i}`, '    balance roundrobin', '    option httpchk GET /health',
      ...Array.from({ length: 4 }, (_, s) => `    server s${s} 10.89.${i % 250}.${s + 1}:8080 check inter 2s fall 3 rise 2`), '',
      `backend be_api_${i}`, '    balance leastconn', `    server api0 10.90.${i % 250}.1:9000 check`, `    server api1 10.90.${i % 250}.2:9000 check`, '',
    ];
    parts.push(block.join('\n'));
    lines += block.length;
  }
  return `${parts.join('\n')}\n`;
}

function median(cmd, args, okCodes) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const dir = mkdtempSync(path.join(tmpdir(), 'hd-lint-bench-'));
try {
  const file = path.join(dir, 'haproxy.cfg');
  const text = bigConfig(5000);
  writeFileSync(file, text);
  console.log(`config: ${text.split('\n').length - 1} lines, median of ${runs} runs`);
  const haproxy = spawnSync('haproxy', ['-v']).status === 0 ? median('haproxy', ['-c', '-dr', '-f', file], [0, 2]) : undefined;
  const lint = median(process.execPath, [cli, 'lint', file, '--format', 'json', '--fail-on', 'none'], [0]);
  console.log(`haproxy-doctor lint     ${lint.toFixed(1).padStart(8)} ms`);
  if (haproxy === undefined) console.log('haproxy -c -dr          not installed: no ratio');
  else {
    console.log(`haproxy -c -dr          ${haproxy.toFixed(1).padStart(8)} ms`);
    console.log(`ratio lint / haproxy -c ${(lint / haproxy).toFixed(2).padStart(8)}x (target <= 2x)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
