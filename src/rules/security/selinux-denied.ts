// SELinux denies HAProxy's connect (name_connect) or bind (name_bind): AVC records prove it, booleans and port labels say why.
import type { RuleContext } from '../../engine/context.js';
import type { Provenance } from '../../model/provenance.js';
import type { AuditLog, AvcDenial, SelinuxStatus } from '../../model/selinux.js';
import { portTypeFor, type SelinuxBooleans, type SelinuxPorts } from '../../parsers/selinux/index.js';
import { createRule } from '../rule.js';
import { bindsOf } from '../support/config-lines.js';
import { firstAndLast, serverStateEvidence } from '../support/log-events.js';

const CONNECT_BOOLEAN = 'haproxy_connect_any';

export default createRule({
  meta: {
    id: 'selinux-denied',
    cause: 'selinux-denied',
    severity: 'error',
    title: 'SELinux denies HAProxy',
    description: 'The audit log has AVC denials of name_connect (to servers) or name_bind (frontends) for HAProxy (haproxy_t): SELinux, not the network, refuses the connection.',
    requires: ['audit-log'],
    messages: {
      connect: 'SELinux denies HAProxy on {host} the connect to port {port} of server "{server}" of backend "{backend}" ({count} AVC denial(s) of name_connect, port type {portType}){boolean}; expected HAProxy allowed to connect there',
      connectNoServer: 'SELinux denies HAProxy on {host} connects to port {port} ({count} AVC denial(s) of name_connect, port type {portType}){boolean}',
      bind: 'SELinux denies HAProxy on {host} binding port {port} ({count} AVC denial(s) of name_bind, port type {portType})',
    },
  },
  check(context, report) {
    for (const artifact of context.artifacts<AuditLog>('audit-log')) {
      const host = artifact.host;
      if (enforcing(context, host) === false) continue;
      const denials = (artifact.value?.avcs ?? []).filter(
        (avc) => avc.result === 'denied' && !avc.permissive && (avc.sourceType === 'haproxy_t' || avc.comm === 'haproxy'),
      );
      const byPort = new Map<string, AvcDenial[]>();
      for (const avc of denials) {
        const permission = avc.permissions.includes('name_connect') ? 'name_connect' : avc.permissions.includes('name_bind') ? 'name_bind' : undefined;
        const port = permission === 'name_connect' ? avc.destPort : avc.srcPort ?? avc.destPort;
        if (!permission || port === undefined) continue;
        const key = `${permission}|${port}`;
        byPort.set(key, [...(byPort.get(key) ?? []), avc]);
      }
      for (const [key, avcs] of byPort) {
        const [permission, portText] = key.split('|') as [string, string];
        const port = Number(portText);
        const avcEvidence = firstAndLast(avcs).map((avc): Provenance => ({ host, path: artifact.path, line: avc.line }));
        const portLabel = portLabelOf(context, host, port);
        const booleanLine = permission === 'name_connect' ? booleanOf(context, host, CONNECT_BOOLEAN) : undefined;
        const common = {
          count: avcs.length,
          port,
          host,
          portType: portLabel?.type ?? avcs[0]?.targetType ?? 'unknown',
          boolean: booleanLine && !booleanLine.state ? ` and the boolean ${CONNECT_BOOLEAN} is off` : '',
        };
        const support = [...(portLabel ? [portLabel.provenance] : []), ...(booleanLine ? [booleanLine.provenance] : []), ...modeEvidence(context, host)];
        const remediation =
          permission === 'name_connect'
            ? [`Allow HAProxy to connect to any port: \`setsebool -P ${CONNECT_BOOLEAN} 1\`.`, `Or label the port for web traffic: \`semanage port -m -t http_port_t -p tcp ${port}\` (\`-a\` when it has no label yet).`, 'Confirm with `ausearch -m avc -c haproxy -ts recent` that no new denial appears.']
            : [`Label the port for HAProxy: \`semanage port -a -t http_port_t -p tcp ${port}\` (or \`-m\` to change its label).`, 'Confirm with `ausearch -m avc -c haproxy -ts recent`.'];
        if (permission === 'name_bind') {
          const bind = bindsOf(context, host).find((candidate) => candidate.bind.port === port);
          report({
            messageId: 'bind',
            data: common,
            subject: { host, ...(bind && { frontend: bind.proxy.name }) },
            hosts: [host],
            evidence: [...avcEvidence, ...(bind ? [bind.provenance] : []), ...support],
            remediation,
          });
          continue;
        }
        const servers = context.topology.servers.filter((target) => target.lbHost === host && (target.server.port === port || target.server.checkPort === port));
        if (servers.length === 0) {
          report({ messageId: 'connectNoServer', data: common, subject: { host }, hosts: [host], evidence: [...avcEvidence, ...support], remediation });
          continue;
        }
        for (const target of servers) {
          report({
            messageId: 'connect',
            data: { ...common, server: target.server.name, backend: target.backend },
            subject: { host, backend: target.backend, server: target.server.name },
            hosts: [host],
            evidence: [...avcEvidence, target.provenance, ...serverStateEvidence(context, host, target.backend, target.server.name), ...support],
            remediation,
          });
        }
      }
    }
  },
});

/** false only when sestatus says permissive or disabled: then AVCs are logged but nothing is refused. */
function enforcing(context: RuleContext, host: string): boolean | undefined {
  const status = context.artifacts<SelinuxStatus>('sestatus', host)[0]?.value;
  if (!status) return undefined;
  if (status.status === 'disabled') return false;
  return status.currentMode === undefined ? undefined : status.currentMode === 'enforcing';
}

function modeEvidence(context: RuleContext, host: string): Provenance[] {
  const artifact = context.artifacts<SelinuxStatus>('sestatus', host)[0];
  const line = artifact?.value?.currentModeLine;
  return artifact && line !== undefined ? [{ host, path: artifact.path, line }] : [];
}

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
