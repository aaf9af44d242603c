// Start-up cost of the shipped CLI: `--help` and `analyze` on the demo bundle, median of N runs,
// beside `node -e 0` (the floor no Node CLI can beat) so the ratio says what our code costs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli.js');
const runs = Number(process.env.RUNS ?? 15);

function median(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const floor = median(['-e', '0']);
const rows = [
  ['node -e 0', floor],
  ['haproxy-doctor --help', median([cli, '--help'])],
  ['haproxy-doctor lint lab config (json)', median([cli, 'lint', 'lab/haproxy.cfg', '--format', 'json', '--fail-on', 'none'])],
  ['haproxy-doctor analyze demo (json)', median([cli, 'analyze', 'fixtures/bundles/backend-stopped', '--format', 'json', '--fail-on', 'none'])],
];
for (const [name, ms] of rows) console.log(`${name.padEnd(40)} ${ms.toFixed(1).padStart(7)} ms   ${(ms / floor).toFixed(2)}x node`);
