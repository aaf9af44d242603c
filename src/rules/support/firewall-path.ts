// The firewall verdicts on the path from the load balancer to a server: LB OUTPUT, then the backend host's INPUT.
import type { RuleContext } from '../../engine/context.js';
import { firewallVerdictForHost, type HostFirewallVerdict } from '../../firewall/host-verdict.js';
import type { Packet } from '../../firewall/packet.js';
import { isIPv6, isLoopbackAddress } from '../../model/net-address.js';
import type { InterfaceAddress } from '../../model/network.js';
import type { ServerTarget } from '../../model/topology.js';

export interface PathVerdict {
  /** Host whose firewall decided. */
  host: string;
  direction: 'output' | 'input';
  packet: Packet;
  verdict: HostFirewallVerdict;
}

/** The first hop that does not accept a new TCP connection from the LB to the server, if any. */
export function blockingFirewall(context: RuleContext, target: ServerTarget): PathVerdict | undefined {
  const { server, lbHost } = target;
  if (server.port === undefined || isLoopbackAddress(server.address)) return undefined;
  const source = sourceAddress(context, lbHost, server.address);
  if (!source) return undefined;
  const base = { protocol: 'tcp', saddr: source.address, daddr: server.address, dport: server.port, sport: 40000 };
  const output: Packet = { ...base, direction: 'output', outInterface: source.interface };
  const lbVerdict = firewallVerdictForHost(context, lbHost, output);
  if (lbVerdict && lbVerdict.verdict !== 'ACCEPT') return { host: lbHost, direction: 'output', packet: output, verdict: lbVerdict };
  if (!target.targetHost || target.targetHost === lbHost) return undefined;
  const input: Packet = { ...base, direction: 'input', ...(target.owner && { inInterface: target.owner.interface }) };
  const backendVerdict = firewallVerdictForHost(context, target.targetHost, input);
  if (backendVerdict && backendVerdict.verdict !== 'ACCEPT') return { host: target.targetHost, direction: 'input', packet: input, verdict: backendVerdict };
  return undefined;
}

/** The LB address the kernel would use towards `destination`: one on the same subnet, else the first global one. */
function sourceAddress(context: RuleContext, host: string, destination: string): { address: string; interface: string } | undefined {
  const addresses = context.artifacts<InterfaceAddress[]>('ip-addr', host).flatMap((artifact) => artifact.value ?? []);
  const family = isIPv6(destination) ? 'inet6' : 'inet';
  const candidates = addresses.filter((entry) => entry.family === family && entry.scope !== 'host' && entry.scope !== 'link');
  const sameSubnet = candidates.find((entry) => family === 'inet' && sameIPv4Subnet(entry.address, destination, entry.prefixLength));
  const chosen = sameSubnet ?? candidates[0];
  return chosen ? { address: chosen.address, interface: chosen.interface } : undefined;
}

function sameIPv4Subnet(a: string, b: string, prefix: number): boolean {
  const toNumber = (address: string) => address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(a) || !/^\d+\.\d+\.\d+\.\d+$/.test(b)) return false;
  const block = 2 ** (32 - prefix);
  return Math.floor(toNumber(a) / block) === Math.floor(toNumber(b) / block);
}
