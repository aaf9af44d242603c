// SELinux denies HAProxy's connects to a server port (name_connect): AVC records prove it, booleans and port labels say why.
import type { RuleContext } from '../../engine/context.js';
import type { Provenance } from '../../model/provenance.js';
import { portTypeFor, type SelinuxBooleans, type SelinuxPorts } from '../../parsers/selinux/index.js';
import { createRule } from '../rule.js';
import { serverStateEvidence } from '../support/log-events.js';
import { haproxyPortDenials, selinuxModeEvidence } from '../support/selinux-avcs.js';

const CONNECT_BOOLEAN = 'haproxy_connect_any';

export default createRule({
  meta: {
    id: 'selinux-denied',
    cause: 'selinux-denied',
    severity: 'error',
    title: 'SELinux denies HAProxy',
    description: 'The audit log has AVC denials of name_connect for HAProxy (haproxy_t): SELinux, not the network, refuses its connections to a server port (bind denials are frontend-bind-denied).',
    requires: ['audit-log'],
    messages: {
      connect: 'SELinux denies HAProxy on {host} the connect to port {port} of server "{server}" of backend "{backend}" ({count} AVC denial(s) of name_connect, port type {portType}){boolean}; expected HAProxy allowed to connect there',
      connectNoServer: 'SELinux denies HAProxy on {host} connects to port {port} ({count} AVC denial(s) of name_connect, port type {portType}){boolean}',
    },
  },
  check(context, report) {
    for (const denial of haproxyPortDenials(context, 'name_connect')) {
      const { host, port } = denial;
      const portLabel = portLabelOf(context, host, port);
      const booleanLine = booleanOf(context, host, CONNECT_BOOLEAN);
      const data = {
        count: denial.avcs.length,
        port,
        host,
        portType: portLabel?.type ?? denial.avcs[0]?.targetType ?? 'unknown',
        boolean: booleanLine && !booleanLine.state ? ` and the boolean ${CONNECT_BOOLEAN} is off` : '',
      };
      const support = [...(portLabel ? [portLabel.provenance] : []), ...(booleanLine ? [booleanLine.provenance] : []), ...selinuxModeEvidence(context, host)];
      const remediation = [
        `Allow HAProxy to connect to any port: \`setsebool -P ${CONNECT_BOOLEAN} 1\`.`,
        `Or label the port for web traffic: \`semanage port -m -t http_port_t -p tcp ${port}\` (\`-a\` when it has no label yet).`,
        'Confirm with `ausearch -m avc -c haproxy -ts recent` that no new denial appears.',
      ];
      const servers = context.topology.servers.filter((target) => target.lbHost === host && (target.server.port === port || target.server.checkPort === port));
      if (servers.length === 0) {
        report({ messageId: 'connectNoServer', data, subject: { host }, hosts: [host], evidence: [...denial.evidence, ...support], remediation });
        continue;
      }
      for (const target of servers) {
        report({
          messageId: 'connect',
          data: { ...data, server: target.server.name, backend: target.backend },
          subject: { host, backend: target.backend, server: target.server.name },
          hosts: [host],
          evidence: [...denial.evidence, target.provenance, ...serverStateEvidence(context, host, target.backend, target.server.name), ...support],
          remediation,
        });
      }
    }
  },
});

function booleanOf(context: RuleContext, host: string, name: string): { state: boolean; provenance: Provenance } | undefined {
  for (const artifact of context.artifacts<SelinuxBooleans>('selinux-booleans', host)) {
    const found = artifact.value?.booleans.find((candidate) => candidate.name === name);
    if (found) return { state: found.state, provenance: { host, path: artifact.path, line: found.line } };
  }
  return undefined;
}

function portLabelOf(context: RuleContext, host: string, port: number): { type: string; provenance: Provenance } | undefined {
  for (const artifact of context.artifacts<SelinuxPorts>('selinux-ports', host)) {
    const found = portTypeFor(artifact.value?.ports ?? [], 'tcp', port);
    if (found) return { type: found.type, provenance: { host, path: artifact.path, line: found.line } };
  }
  return undefined;
}
