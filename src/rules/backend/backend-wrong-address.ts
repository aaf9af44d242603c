// The config sends a server's traffic where its service is not: an address no host owns, or the wrong port.
import { formatEndpoint } from '../../model/net-address.js';
import { createRule } from '../rule.js';
import { likelyIntendedPort } from '../support/intended-port.js';
import { serverStateEvidence } from '../support/log-events.js';
import { probesTo } from '../support/probes.js';

export default createRule({
  meta: {
    id: 'backend-wrong-address',
    cause: 'backend-wrong-address',
    severity: 'error',
    title: 'Server points at the wrong address or port',
    description: "A server line points at an address no host of the bundle owns, or at a port where nothing listens while its host listens on the port the backend's other servers use.",
    requires: ['haproxy-cfg', 'ip-addr'],
    messages: {
      wrongPort: 'Server "{server}" of backend "{backend}" points at {endpoint}, but on host "{targetHost}" nothing listens on port {port} while the service listens on {listening}, the port the other servers of "{backend}" use; expected `server {server} {expected}`',
      unknownAddress: 'Server "{server}" of backend "{backend}" points at {endpoint}, an address that none of the {hostCount} hosts of the bundle has ({known}); expected the address of the backend host',
    },
  },
  check(context, report) {
    const hostsWithAddresses = context.topology.hosts.filter((host) => host.addresses.length > 0 && host.name !== '_bundle');
    for (const target of context.topology.servers) {
      const { server, backend, lbHost } = target;
      if (server.disabled || server.port === undefined) continue;
      const endpoint = formatEndpoint(server.address, server.port);
      const common = {
        subject: { host: lbHost, backend, server: server.name },
        remediation: [] as string[],
      };
      if (!target.targetHost) {
        // Only an IP can be judged; a host name needs the resolver, and one other host is too little to know the set.
        if (!/^[0-9a-f.:]+$/i.test(server.address) || hostsWithAddresses.length < 2) continue;
        report({
          ...common,
          messageId: 'unknownAddress',
          data: { server: server.name, backend, endpoint, hostCount: hostsWithAddresses.length, known: hostsWithAddresses.map((host) => host.name).join(', ') },
          hosts: [lbHost],
          evidence: [target.provenance, ...serverStateEvidence(context, lbHost, backend, server.name), ...probesTo(context, server.address, server.port).map((probe) => probe.provenance)],
          remediation: [
            `Correct the address of \`server ${server.name}\` in backend "${backend}" to the backend host's address (\`ip -o addr\` on that host).`,
            `If ${server.address} is right, add that host's artifacts to the bundle: it may be outside what was collected.`,
          ],
        });
        continue;
      }
      const intended = likelyIntendedPort(context, target);
      if (!intended) continue;
      const expected = formatEndpoint(server.address, intended.port);
      report({
        ...common,
        messageId: 'wrongPort',
        data: { server: server.name, backend, endpoint, targetHost: target.targetHost, port: server.port, listening: formatEndpoint(intended.listener.socket.local.address, intended.port), expected },
        hosts: [lbHost, target.targetHost],
        evidence: [target.provenance, intended.listener.provenance, ...serverStateEvidence(context, lbHost, backend, server.name), ...probesTo(context, server.address, server.port, ['refused']).map((probe) => probe.provenance)],
        remediation: [
          `Change the server line to \`server ${server.name} ${expected} ...\` in backend "${backend}" and reload HAProxy.`,
          `Or, if ${server.port} is the intended port, make the service on ${target.targetHost} listen there.`,
        ],
      });
    }
  },
});
