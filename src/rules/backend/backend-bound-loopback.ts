// The backend service listens on the server's port, but on 127.0.0.1 / ::1 only: unreachable from the LB.
import { formatEndpoint, isLoopbackAddress, listenerAccepts } from '../../model/net-address.js';
import { createRule } from '../rule.js';
import { listenersOf } from '../support/listeners.js';
import { serverStateEvidence } from '../support/log-events.js';
import { probesTo } from '../support/probes.js';

export default createRule({
  meta: {
    id: 'backend-bound-loopback',
    cause: 'backend-bound-loopback',
    severity: 'error',
    title: 'Backend service bound to loopback only',
    description: "The service on the backend host listens on the server's port on 127.0.0.1 or ::1 only, so connections from the load balancer are refused.",
    requires: ['haproxy-cfg', 'ss'],
    messages: {
      loopbackOnly:
        'Server "{server}" of backend "{backend}" points at {endpoint}, but on host "{targetHost}" the service listens on {listening} only; expected it to listen on {address} or on all addresses',
    },
  },
  check(context, report) {
    for (const target of context.topology.servers) {
      const { server, backend, lbHost } = target;
      if (server.port === undefined || server.disabled || !target.targetHost) continue;
      // A server configured at 127.0.0.1 on the load balancer itself is fine on loopback.
      if (isLoopbackAddress(server.address)) continue;
      const listeners = listenersOf(context, target.targetHost);
      if (!listeners) continue;
      const onPort = listeners.listening.filter(({ socket }) => socket.local.port === server.port);
      if (onPort.length === 0 || onPort.some(({ socket }) => listenerAccepts(socket.local.address, server.address))) continue;
      const loopback = onPort.filter(({ socket }) => isLoopbackAddress(socket.local.address));
      if (loopback.length !== onPort.length) continue;
      const endpoint = formatEndpoint(server.address, server.port);
      const listening = loopback.map(({ socket }) => formatEndpoint(socket.local.address, socket.local.port)).join(', ');
      const processName = loopback.find(({ socket }) => socket.processes.length > 0)?.socket.processes[0]?.name;
      // A probe that connected contradicts the listing (taken at another moment, or of another host): less sure.
      const connected = probesTo(context, server.address, server.port, ['open']);
      report({
        messageId: 'loopbackOnly',
        ...(connected.length > 0 && { severity: 'warning' as const }),
        data: { server: server.name, backend, endpoint, targetHost: target.targetHost, listening, address: server.address },
        subject: { host: lbHost, backend, server: server.name },
        hosts: [lbHost, target.targetHost],
        evidence: [
          target.provenance,
          ...loopback.map(({ provenance }) => provenance),
          ...serverStateEvidence(context, lbHost, backend, server.name),
          ...probesTo(context, server.address, server.port, ['refused']).map((probe) => probe.provenance),
          ...connected.map((probe) => probe.provenance),
        ],
        remediation: [
          `Make ${processName ? `"${processName}"` : 'the service'} on ${target.targetHost} listen on ${formatEndpoint(server.address, server.port)} or on 0.0.0.0:${server.port} (its bind/listen address setting), then restart it.`,
          `Check with \`ss -tlnp 'sport = :${server.port}'\` on ${target.targetHost} that the local address is no longer 127.0.0.1 / ::1.`,
        ],
      });
    }
  },
});
