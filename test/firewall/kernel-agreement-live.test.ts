// The kernel-agreement lab run live: fresh seeded cases through the real iptables-restore and real SYNs between
// network namespaces, compared with the engine. Runs only as root with ip, iptables and python3 present.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateIptables } from '../../src/firewall/iptables.js';
import type { Packet } from '../../src/firewall/packet.js';
import { parseIptablesSave } from '../../src/parsers/iptables/index.js';
import { PROJECT_ROOT } from '../helpers/fixtures.js';

function whyNotLive(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root';
  for (const tool of ['ip', 'iptables-restore', 'python3']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} not installed`;
  }
  if (spawnSync('ip', ['netns', 'list']).status !== 0) return 'ip netns unavailable';
  return undefined;
}

const reason = whyNotLive();
if (reason) console.log(`kernel-agreement live test skipped: ${reason}`);

describe.skipIf(reason !== undefined)('iptables verdicts agree with the kernel (live lab)', () => {
  it('40 fresh seeded cases', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-fwa-'));
    try {
      const out = path.join(dir, 'cases.json');
      const seed = String(1000 + (Date.now() % 1000));
      execFileSync('bash', [path.join(PROJECT_ROOT, 'lab/firewall-agreement.sh'), seed, '40', out, '4'], { stdio: 'pipe', timeout: 120_000 });
      const doc = JSON.parse(readFileSync(out, 'utf8')) as { cases: { id: string; iptablesSave: string; packet: Packet; observed: { verdict: string; detail: string } }[] };
      expect(doc.cases.length).toBeGreaterThan(30);
      const disagreements = doc.cases
        .map((c) => ({ c, engine: evaluateIptables(parseIptablesSave(c.iptablesSave).value, c.packet).verdict }))
        .filter(({ c, engine }) => engine !== c.observed.verdict)
        .map(({ c, engine }) => `seed ${seed} ${c.id}: engine ${engine}, kernel ${c.observed.verdict} (${c.observed.detail})`);
      expect(disagreements).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
