// Replays the kernel-agreement cases recorded by lab/firewall-agreement-nft.sh (real `nft -f`, real SYNs between
// namespaces, IPv4 and IPv6) against the verdict engine, from the `nft list ruleset` the kernel printed back.
// HD_NFT_KERNEL_CASES=/path/to/cases.json replays another recording (e.g. a fresh lab run) instead.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateNft } from '../../src/firewall/nft.js';
import type { Packet } from '../../src/firewall/packet.js';
import { parseNftRuleset } from '../../src/parsers/nft/index.js';
import { PROJECT_ROOT } from '../helpers/fixtures.js';

interface KernelCase {
  id: string;
  nftInput: string;
  nftRuleset: string;
  packet: Packet;
  observed: { verdict: string; detail: string };
}

const file = process.env.HD_NFT_KERNEL_CASES ?? path.join(PROJECT_ROOT, 'fixtures/firewall-cases/nft-kernel.json');
const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: KernelCase[] }).cases;

/**
 * What connect() reports for each reject flavour, named as the engine names them (Linux: icmp_err_convert for
 * IPv4, icmpv6_err_convert for IPv6; icmpx maps to the family's own code: no-route is net-unreachable in IPv4).
 */
const ERRNO_OF_REJECT: Record<string, string> = {
  'tcp-reset': 'ECONNREFUSED',
  'icmp-port-unreachable': 'ECONNREFUSED',
  'icmp-host-unreachable': 'EHOSTUNREACH',
  'icmp-host-prohibited': 'EHOSTUNREACH',
  'icmp-admin-prohibited': 'EHOSTUNREACH',
  'icmp-net-unreachable': 'ENETUNREACH',
  'icmp-net-prohibited': 'ENETUNREACH',
  'icmp-no-route': 'ENETUNREACH',
  'icmp6-port-unreachable': 'ECONNREFUSED',
  'icmp6-adm-prohibited': 'EACCES',
  'icmp6-no-route': 'ENETUNREACH',
  'icmp6-addr-unreachable': 'EHOSTUNREACH',
  'icmp6-host-unreachable': 'EHOSTUNREACH',
};

describe('nftables verdicts agree with the kernel (recorded lab cases)', () => {
  it('has a meaningful number of cases with every verdict and both IP families', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    for (const verdict of ['ACCEPT', 'DROP', 'REJECT']) expect(cases.filter((c) => c.observed.verdict === verdict).length).toBeGreaterThan(20);
    expect(cases.filter((c) => c.packet.saddr.includes(':')).length).toBeGreaterThan(20);
    expect(cases.every((c) => c.observed.verdict !== 'ERROR')).toBe(true);
  });

  it('every verdict and reject flavour matches, from the listing nft printed', () => {
    const disagreements: string[] = [];
    for (const kernelCase of cases) {
      const parsed = parseNftRuleset(kernelCase.nftRuleset);
      expect(parsed.ok, kernelCase.id).toBe(true);
      expect(parsed.diagnostics, kernelCase.id).toEqual([]);
      const result = evaluateNft(parsed.value, kernelCase.packet);
      const errno = result.verdict === 'REJECT' ? (ERRNO_OF_REJECT[result.rejectWith ?? ''] ?? `unmapped ${result.rejectWith}`) : undefined;
      const observedErrno = kernelCase.observed.verdict === 'REJECT' ? kernelCase.observed.detail : undefined;
      if (result.verdict !== kernelCase.observed.verdict || errno !== observedErrno || result.assumptions.length > 0) {
        disagreements.push(
          `${kernelCase.id} ${kernelCase.packet.saddr}:${kernelCase.packet.sport}->${kernelCase.packet.dport}: engine ${result.verdict} ${errno ?? ''} ` +
            `(line ${result.decidingRule?.line}: ${result.decidingRule?.text}) ${result.assumptions.join('; ')}, kernel ${kernelCase.observed.verdict} ${kernelCase.observed.detail}`,
        );
      }
    }
    expect(disagreements).toEqual([]);
  });
});
