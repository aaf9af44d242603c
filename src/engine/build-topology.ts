// Builds the topology from ip addr facts and haproxy.cfg server lines.
import type { HaproxyConfig } from '../model/haproxy-config.js';
import { isLoopbackAddress, stripBrackets, unmapIPv4 } from '../model/net-address.js';
import type { InterfaceAddress } from '../model/network.js';
import type { AddressOwner, HostInfo, HostRole, ServerTarget, Topology } from '../model/topology.js';
import type { Artifact } from './artifact.js';
import { usableArtifacts } from './context.js';

export function buildTopology(hosts: string[], artifacts: Artifact[]): Topology {
  const owners = new Map<string, AddressOwner[]>();
  for (const artifact of usableArtifacts<InterfaceAddress[]>(artifacts, 'ip-addr')) {
    for (const address of artifact.value ?? []) {
      const key = normaliseAddress(address.address);
      const list = owners.get(key) ?? [];
      if (!list.some((owner) => owner.host === artifact.host)) {
        list.push({ host: artifact.host, interface: address.interface, provenance: { host: artifact.host, path: artifact.path, line: address.line } });
      }
      owners.set(key, list);
    }
  }
  const ownersOf = (address: string): AddressOwner[] => owners.get(normaliseAddress(address)) ?? [];

  const servers: ServerTarget[] = [];
  const roles = new Map<string, Set<HostRole>>(hosts.map((host) => [host, new Set<HostRole>()]));
  for (const artifact of usableArtifacts<HaproxyConfig>(artifacts, 'haproxy-cfg')) {
    roles.get(artifact.host)?.add('load-balancer');
    for (const proxy of artifact.value?.proxies ?? []) {
      if (proxy.type !== 'backend' && proxy.type !== 'listen') continue;
      for (const server of proxy.servers) {
        const target: ServerTarget = {
          lbHost: artifact.host,
          configPath: artifact.path,
          backend: proxy.name,
          server,
          provenance: { host: artifact.host, path: artifact.path, line: server.line },
        };
        // Every host owns 127.0.0.1: a loopback server lives on the load balancer itself.
        const candidates = ownersOf(server.address);
        const owner = isLoopbackAddress(server.address) ? candidates.find((candidate) => candidate.host === artifact.host) : candidates[0];
        if (owner) {
          target.targetHost = owner.host;
          target.owner = owner;
          if (owner.host !== artifact.host) roles.get(owner.host)?.add('backend');
        }
        servers.push(target);
      }
    }
  }

  const infos: HostInfo[] = hosts.map((name) => ({
    name,
    roles: [...(roles.get(name) ?? [])].sort(),
    addresses: [...owners.entries()].filter(([, list]) => list.some((owner) => owner.host === name)).map(([address]) => address),
  }));
  return { hosts: infos, servers, ownersOf };
}

function normaliseAddress(address: string): string {
  return unmapIPv4(stripBrackets(address)).toLowerCase();
}
