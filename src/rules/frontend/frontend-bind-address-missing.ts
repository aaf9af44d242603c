// A frontend binds an IP address the host does not have (EADDRNOTAVAIL): HAProxy cannot start that listener.
import { formatEndpoint, isWildcardAddress } from '../../model/net-address.js';
import { createRule } from '../rule.js';
import { bindFailures } from '../support/bind-failures.js';
import { bindFor, bindsOf } from '../support/config-lines.js';
import type { Provenance } from '../../model/provenance.js';
import type { InterfaceAddress } from '../../model/network.js';

export default createRule({
  meta: {
    id: 'frontend-bind-address-missing',
    cause: 'frontend-bind-address-missing',
    severity: 'error',
    title: 'Frontend bind address not on the host',
    description: "A frontend binds an address that none of the load balancer's interfaces has (\"Cannot assign requested address\"), e.g. a VIP that moved or a typo.",
    requires: ['haproxy-cfg'],
    messages: {
      failed: 'HAProxy could not bind {frontend}{endpoint}: the host has no address {address} ({source}); expected the bind address to be one of the host\'s addresses or a wildcard',
    },
  },
  check(context, report) {
    const reported = new Set<string>();
    const addressesOf = (host: string) => context.artifacts<InterfaceAddress[]>('ip-addr', host);
    const emit = (host: string, address: string, port: number | undefined, frontend: string | undefined, evidence: Provenance[], source: string) => {
      const key = `${host}|${address}|${port}`;
      if (reported.has(key)) return;
      reported.add(key);
      const ipAddr = addressesOf(host)[0];
      report({
        messageId: 'failed',
        data: { frontend: frontend ? `frontend "${frontend}" to ` : '', endpoint: formatEndpoint(address, port), address, source },
        subject: { host, ...(frontend && { frontend }) },
        hosts: [host],
        evidence: [...evidence, ...(ipAddr ? [{ host, path: ipAddr.path, line: 1 }] : [])],
        remediation: [
          `Bind to an address ${host} has (see \`ip -o addr\`) or to the wildcard (\`bind :${port ?? 'PORT'}\`), or add ${address} to the interface it belongs to (a VIP managed by keepalived/pacemaker must be active on this node).`,
          `For a VIP that may be absent at start, set \`net.ipv4.ip_nonlocal_bind=1\` (sysctl) or use \`bind ... transparent\`.`,
        ],
      });
    };
    for (const failure of bindFailures(context, /cannot assign requested address/i)) {
      const bind = bindFor(context, failure.host, failure.address, failure.port, failure.frontend);
      emit(failure.host, failure.address, failure.port, failure.frontend ?? bind?.proxy.name, [failure.provenance, ...(bind ? [bind.provenance] : [])], 'HAProxy says "Cannot assign requested address"');
    }
    // Without HAProxy's own alert, the config and ip addr still tell.
    for (const host of context.topology.hosts.filter((info) => info.roles.includes('load-balancer')).map((info) => info.name)) {
      if (addressesOf(host).length === 0) continue;
      const owned = new Set(context.topology.hosts.find((info) => info.name === host)?.addresses ?? []);
      for (const { proxy, bind, provenance } of bindsOf(context, host)) {
        if (isWildcardAddress(bind.address) || !/^[0-9a-f.:]+$/i.test(bind.address) || owned.has(bind.address.toLowerCase())) continue;
        if (bind.options.includes('transparent') || bind.options.includes('freebind')) continue;
        emit(host, bind.address, bind.port, proxy.name, [provenance], 'not among the addresses of ip addr');
      }
    }
  },
});
