// Replays the kernel-agreement cases recorded by lab/firewall-agreement.sh (real iptables-restore, real SYNs
// between namespaces) against the verdict engine, from both dumps the tools printed: iptables-save and iptables -vnxL.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateIptables } from '../../src/firewall/iptables.js';
import type { Packet } from '../../src/firewall/packet.js';
import { parseIptablesList, parseIptablesSave } from '../../src/parsers/iptables/index.js';
import { PROJECT_ROOT, readFixture } from '../helpers/fixtures.js';

interface KernelCase {
  id: string;
  iptablesSave: string;
  iptablesList: string;
  packet: Packet;
  observed: { verdict: string; detail: string };
}

const caseFiles = readdirSync(path.join(PROJECT_ROOT, 'fixtures/firewall-cases')).filter((name) => name.startsWith('iptables-') && name.endsWith('.json'));
const cases: KernelCase[] = caseFiles.flatMap((name) => (JSON.parse(readFixture('firewall-cases', name)) as { cases: KernelCase[] }).cases);

/** What connect() reports for each REJECT flavour (Linux: tcp_v4_err / icmp_err_convert). */
const ERRNO_OF_REJECT: Record<string, string> = {
  'icmp-port-unreachable': 'ECONNREFUSED',
  'tcp-reset': 'ECONNREFUSED',
  'icmp-host-prohibited': 'EHOSTUNREACH',
  'icmp-host-unreachable': 'EHOSTUNREACH',
  'icmp-admin-prohibited': 'EHOSTUNREACH',
  'icmp-net-unreachable': 'ENETUNREACH',
  'icmp-net-prohibited': 'ENETUNREACH',
};

describe('iptables verdicts agree with the kernel (recorded lab cases)', () => {
  it('has a meaningful number of cases with every verdict', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const verdict of ['ACCEPT', 'DROP', 'REJECT']) expect(cases.filter((c) => c.observed.verdict === verdict).length).toBeGreaterThan(20);
  });

  it.each(['iptablesSave', 'iptablesList'] as const)('from %s: every verdict and reject flavour matches', (dump) => {
    const disagreements: string[] = [];
    for (const kernelCase of cases) {
      const parse = dump === 'iptablesSave' ? parseIptablesSave : parseIptablesList;
      const parsed = parse(kernelCase[dump]);
      expect(parsed.ok).toBe(true);
      const result = evaluateIptables(parsed.value, kernelCase.packet);
      const errno = result.verdict === 'REJECT' ? ERRNO_OF_REJECT[result.rejectWith ?? ''] : undefined;
      const observedErrno = kernelCase.observed.verdict === 'REJECT' ? kernelCase.observed.detail : undefined;
      if (result.verdict !== kernelCase.observed.verdict || errno !== observedErrno) {
        disagreements.push(`${kernelCase.id}: engine ${result.verdict} ${result.rejectWith ?? ''} (line ${result.decidingRule?.line}), kernel ${kernelCase.observed.verdict} ${kernelCase.observed.detail}`);
      }
      expect(result.assumptions).toEqual([]);
    }
    expect(disagreements).toEqual([]);
  });
});
