// lint vs `haproxy -c -dr` on the same ~5,000-line config, in the same run: median (and minimum) wall time of N runs
// each, taken in turns, Node start-up included, beside `node -e 0` (the floor no Node CLI can beat). Runs the built
// CLI, dist/cli.js: `npm run build` first. Target: ratio <= 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// HD_CLI: another build of the CLI to time (to compare two builds in one sitting).
const cli = path.resolve(process.env.HD_CLI ?? path.join(root, 'dist/cli.js'));
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

/** Median and minimum wall time of each command, run in turns (a load change on a shared host hits all alike). */
function timeAll(commands) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach(({ cmd, args, okCodes }, c) => {
      const start = process.hrtime.bigint();
      const r = spawnSync(cmd, args, { stdio: 'ignore' });
      times[c].push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    });
  }
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { median: t[Math.floor(t.length / 2)], min: t[0] };
  });
}

const row = (name, t) => console.log(`${name.padEnd(24)}${t.median.toFixed(1).padStart(8)} ms  (min ${t.min.toFixed(1)})`);

const dir = mkdtempSync(path.join(tmpdir(), 'hd-lint-bench-'));
try {
  const file = path.join(dir, 'haproxy.cfg');
  const text = bigConfig(5000);
  writeFileSync(file, text);
  console.log(`config: ${text.split('\n').length - 1} lines, median of ${runs} runs`);
  const hasHaproxy = spawnSync('haproxy', ['-v']).status === 0;
  const small = path.join(dir, 'small.cfg');
  writeFileSync(small, bigConfig(0));
  const commands = [
    { cmd: process.execPath, args: ['-e', '0'], okCodes: [0] },
    { cmd: process.execPath, args: [cli, 'lint', file, '--format', 'json', '--fail-on', 'none'], okCodes: [0] },
    { cmd: process.execPath, args: [cli, 'lint', small, '--format', 'json', '--fail-on', 'none'], okCodes: [0] },
    ...(hasHaproxy ? [{ cmd: 'haproxy', args: ['-c', '-dr', '-f', file], okCodes: [0, 2] }] : []),
  ];
  const [floor, lint, lintSmall, haproxy] = timeAll(commands);
  row('node -e 0 (the floor)', floor);
  row('haproxy-doctor lint', lint);
  row(`  same, ${bigConfig(0).split('\n').length - 1}-line config`, lintSmall);
  if (!haproxy) console.log('haproxy -c -dr          not installed: no ratio');
  else {
    row('haproxy -c -dr', haproxy);
    console.log(`ratio lint / haproxy -c ${(lint.median / haproxy.median).toFixed(2).padStart(8)}x median, ${(lint.min / haproxy.min).toFixed(2)}x min (target <= 2x)`);
    console.log(`node start-up alone     ${(floor.median / haproxy.median).toFixed(2).padStart(8)}x`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
