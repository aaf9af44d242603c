// A server of the config points at a host where nothing listens on the server's port.
import { formatEndpoint } from '../../model/net-address.js';
import { createRule } from '../rule.js';
import { likelyIntendedPort } from '../support/intended-port.js';
import { listenersOf } from '../support/listeners.js';
import { serverStateEvidence } from '../support/log-events.js';
import { probesTo } from '../support/probes.js';

export default createRule({
  meta: {
    id: 'backend-not-listening',
    cause: 'backend-not-listening',
    severity: 'error',
    title: 'Backend service not listening',
    description: "Nothing listens on a server's port on the backend host that owns the server's address: the service is down or listens elsewhere.",
    requires: ['haproxy-cfg', 'ss'],
    messages: {
      notListening:
        'Server "{server}" of backend "{backend}" points at {endpoint} on host "{targetHost}", where nothing listens on port {port} ({listenerCount} TCP listeners, none on that port); expected the service to listen there',
    },
  },
  check(context, report) {
    for (const target of context.topology.servers) {
      const { server, backend, lbHost } = target;
      if (server.port === undefined || server.disabled) continue;
      const label = `${backend}/${server.name}`;
      if (!target.targetHost) {
        context.skip(`server ${label}: no host in the bundle owns ${server.address}`);
        continue;
      }
      const listeners = listenersOf(context, target.targetHost);
      if (!listeners) {
        context.skip(`server ${label}: no ss listing from ${target.targetHost}`);
        continue;
      }
      if (listeners.listening.some(({ socket }) => socket.local.port === server.port)) continue;
      // The service is up on the port the other servers use: the config is wrong, not the service.
      if (likelyIntendedPort(context, target)) continue;
      const endpoint = formatEndpoint(server.address, server.port);
      // A probe that connected contradicts the listing (taken at another moment, or of another host): less sure.
      const connected = probesTo(context, server.address, server.port, ['open']);
      report({
        messageId: 'notListening',
        ...(connected.length > 0 && { severity: 'warning' as const }),
        data: { server: server.name, backend, endpoint, targetHost: target.targetHost, port: server.port, listenerCount: listeners.listening.length },
        subject: { host: lbHost, backend, server: server.name },
        hosts: [lbHost, target.targetHost],
        evidence: [
          target.provenance,
          { host: listeners.source.host, path: listeners.source.path, line: listeners.source.headerLine },
          ...serverStateEvidence(context, lbHost, backend, server.name),
          ...probesTo(context, server.address, server.port, ['refused']).map((probe) => probe.provenance),
          ...connected.map((probe) => probe.provenance),
        ],
        remediation: [
          `Start the service that should listen on port ${server.port} on ${target.targetHost} (e.g. \`systemctl status <service>\`, then \`systemctl start <service>\`), and check why it stopped in its journal.`,
          `If the service moved to another port, update \`server ${server.name} ${endpoint}\` in backend "${backend}".`,
          `Verify from the load balancer: \`nc -vz ${server.address} ${server.port}\`.`,
        ],
      });
    }
  },
});
