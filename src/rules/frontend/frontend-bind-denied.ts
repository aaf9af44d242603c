// HAProxy was refused the bind itself (EACCES): a privileged port without the privilege, or SELinux name_bind.
import { formatEndpoint } from '../../model/net-address.js';
import type { Provenance } from '../../model/provenance.js';
import { createRule } from '../rule.js';
import { bindFailures } from '../support/bind-failures.js';
import { bindFor, bindsOf } from '../support/config-lines.js';
import { haproxyPortDenials, selinuxModeEvidence } from '../support/selinux-avcs.js';

export default createRule({
  meta: {
    id: 'frontend-bind-denied',
    cause: 'frontend-bind-denied',
    severity: 'error',
    title: 'Frontend bind permission denied',
    description: 'HAProxy got "Permission denied" binding a frontend: a port below 1024 without root or CAP_NET_BIND_SERVICE, or SELinux denying name_bind on that port (AVC records).',
    requires: [],
    messages: {
      denied: 'HAProxy was denied binding {frontend}{endpoint} ({error}){why}',
      selinuxOnly: 'SELinux denies HAProxy on {host} binding port {port} ({count} AVC denial(s) of name_bind){frontend}; expected the port labelled for HAProxy',
    },
  },
  check(context, report) {
    const avcs = haproxyPortDenials(context, 'name_bind');
    const explainedAvcs = new Set<(typeof avcs)[number]>();
    for (const failure of bindFailures(context, /permission denied/i)) {
      const bind = bindFor(context, failure.host, failure.address, failure.port, failure.frontend);
      const selinux = avcs.find((denial) => denial.host === failure.host && denial.port === failure.port);
      if (selinux) explainedAvcs.add(selinux);
      const privileged = failure.port !== undefined && failure.port < 1024;
      const frontend = failure.frontend ?? bind?.proxy.name;
      const why = selinux
        ? `: SELinux denied name_bind on port ${failure.port} (${selinux.avcs.length} AVC record(s))`
        : privileged
          ? `: port ${failure.port} is below 1024 and HAProxy was not started with the privilege to bind it`
          : '';
      report({
        messageId: 'denied',
        data: { frontend: frontend ? `frontend "${frontend}" to ` : '', endpoint: formatEndpoint(failure.address, failure.port), error: failure.error, why },
        subject: { host: failure.host, ...(frontend && { frontend }) },
        hosts: [failure.host],
        evidence: [failure.provenance, ...(bind ? [bind.provenance] : []), ...(selinux ? [...selinux.evidence, ...selinuxModeEvidence(context, failure.host)] : [])],
        remediation: remediationFor(failure.port, Boolean(selinux), privileged),
      });
    }
    // SELinux denials of binds whose alert is not in the bundle (no stderr or journal collected).
    for (const denial of avcs.filter((candidate) => !explainedAvcs.has(candidate))) {
      const bind = bindsOf(context, denial.host).find((candidate) => candidate.bind.port === denial.port);
      const evidence: Provenance[] = [...denial.evidence, ...(bind ? [bind.provenance] : []), ...selinuxModeEvidence(context, denial.host)];
      report({
        messageId: 'selinuxOnly',
        data: { host: denial.host, port: denial.port, count: denial.avcs.length, frontend: bind ? ` for frontend "${bind.proxy.name}"` : '' },
        subject: { host: denial.host, ...(bind && { frontend: bind.proxy.name }) },
        hosts: [denial.host],
        evidence,
        remediation: remediationFor(denial.port, true, false),
      });
    }
  },
});

function remediationFor(port: number | undefined, selinux: boolean, privileged: boolean): string[] {
  const label = `Label the port for HAProxy: \`semanage port -a -t http_port_t -p tcp ${port ?? 'PORT'}\` (\`-m\` if it has another label), and check \`ausearch -m avc -c haproxy\`.`;
  if (selinux) return [label];
  if (privileged) {
    return [
      'Start HAProxy as root (it binds first, then drops to `user`/`group` from the global section), as the packaged systemd unit does.',
      'Or grant the binary the capability: `setcap cap_net_bind_service=+ep /usr/sbin/haproxy` (or `AmbientCapabilities=CAP_NET_BIND_SERVICE` in the unit).',
      `With SELinux enforcing, ${label}`,
    ];
  }
  return [`With SELinux enforcing, ${label}`];
}
