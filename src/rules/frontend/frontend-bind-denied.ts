// HAProxy was refused the bind itself (EACCES): a privileged port without the privilege, or SELinux name_bind.
import { formatEndpoint } from '../../model/net-address.js';
import { createRule } from '../rule.js';
import { bindFailures } from '../support/bind-failures.js';
import { bindFor } from '../support/config-lines.js';

export default createRule({
  meta: {
    id: 'frontend-bind-denied',
    cause: 'frontend-bind-denied',
    severity: 'error',
    title: 'Frontend bind permission denied',
    description: 'HAProxy got "Permission denied" binding a frontend: a port below 1024 without root or CAP_NET_BIND_SERVICE, or SELinux denying name_bind on that port.',
    requires: ['haproxy-log'],
    messages: {
      denied: 'HAProxy was denied binding {frontend}{endpoint} ({error}){privileged}',
    },
  },
  check(context, report) {
    for (const failure of bindFailures(context, /permission denied/i)) {
      const bind = bindFor(context, failure.host, failure.address, failure.port, failure.frontend);
      const privileged = failure.port !== undefined && failure.port < 1024;
      const frontend = failure.frontend ?? bind?.proxy.name;
      report({
        messageId: 'denied',
        data: {
          frontend: frontend ? `frontend "${frontend}" to ` : '',
          endpoint: formatEndpoint(failure.address, failure.port),
          error: failure.error,
          privileged: privileged ? `: port ${failure.port} is below 1024 and HAProxy was not started with the privilege to bind it` : '',
        },
        subject: { host: failure.host, ...(frontend && { frontend }) },
        hosts: [failure.host],
        evidence: [failure.provenance, ...(bind ? [bind.provenance] : [])],
        remediation: privileged
          ? [
              'Start HAProxy as root (it binds first, then drops to `user`/`group` from the global section), as the packaged systemd unit does.',
              'Or grant the binary the capability: `setcap cap_net_bind_service=+ep /usr/sbin/haproxy` (or `AmbientCapabilities=CAP_NET_BIND_SERVICE` in the unit).',
              `With SELinux enforcing, allow the port: \`semanage port -a -t http_port_t -p tcp ${failure.port}\`.`,
            ]
          : [`With SELinux enforcing, allow the port: \`semanage port -a -t http_port_t -p tcp ${failure.port ?? 'PORT'}\`, and check \`ausearch -m avc -c haproxy\`.`],
      });
    }
  },
});
