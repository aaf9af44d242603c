// HAProxy could not bind a frontend because another process already listens on the address:port.
import { formatEndpoint, listenerAccepts } from '../../model/net-address.js';
import { createRule } from '../rule.js';
import { bindFailures } from '../support/bind-failures.js';
import { bindFor } from '../support/config-lines.js';
import { listenersOf } from '../support/listeners.js';

export default createRule({
  meta: {
    id: 'frontend-port-in-use',
    cause: 'frontend-port-in-use',
    severity: 'error',
    title: 'Frontend port already in use',
    description: 'HAProxy failed to bind a frontend address because another process holds it (EADDRINUSE); the holder is named from ss when the bundle has it.',
    requires: ['haproxy-log'],
    messages: {
      heldBy: 'HAProxy could not bind {frontend}{endpoint}: the address is in use by "{process}"{pid}; expected it free for HAProxy',
      heldByUnknown: 'HAProxy could not bind {frontend}{endpoint}: the address is already in use by another process ({why})',
    },
  },
  check(context, report) {
    for (const failure of bindFailures(context, /address already in use/i)) {
      const endpoint = formatEndpoint(failure.address, failure.port);
      const bind = bindFor(context, failure.host, failure.address, failure.port, failure.frontend);
      const listeners = listenersOf(context, failure.host);
      const holder = listeners?.listening.find(
        ({ socket }) => socket.local.port === failure.port && (listenerAccepts(socket.local.address, failure.address) || listenerAccepts(failure.address, socket.local.address)),
      );
      const process = holder?.socket.processes.find((candidate) => candidate.name !== 'haproxy') ?? holder?.socket.processes[0];
      const frontendLabel = failure.frontend ?? bind?.proxy.name;
      const data = { frontend: frontendLabel ? `frontend "${frontendLabel}" to ` : '', endpoint };
      report({
        ...(process
          ? { messageId: 'heldBy' as const, data: { ...data, process: process.name, pid: process.pid !== undefined ? ` (pid ${process.pid})` : '' } }
          : { messageId: 'heldByUnknown' as const, data: { ...data, why: listeners ? 'ss shows no process for it: run ss with -p as root' : `no ss listing from ${failure.host} to name it` } }),
        subject: { host: failure.host, ...(frontendLabel && { frontend: frontendLabel }) },
        hosts: [failure.host],
        evidence: [failure.provenance, ...(bind ? [bind.provenance] : []), ...(holder ? [holder.provenance] : [])],
        remediation: [
          `Find the holder: \`ss -tlnp 'sport = :${failure.port ?? 'PORT'}'\` on ${failure.host}; stop or reconfigure it (${process ? `\`systemctl stop\` the unit running "${process.name}"` : 'e.g. another web server or an old HAProxy instance'}).`,
          `Or move HAProxy's \`bind\` to a free address:port, then restart HAProxy and check \`ss -tlnp\` shows haproxy on ${endpoint}.`,
        ],
      });
    }
  },
});
