// Health checks fail above TCP (Layer6/Layer7) while the service accepts connections: the check is wrong.
import { formatEndpoint } from '../../model/net-address.js';
import { createRule } from '../rule.js';
import { configsOf, sectionLines } from '../support/config-lines.js';
import { firstAndLast, logHosts, stateChanges } from '../support/log-events.js';
import { probesTo } from '../support/probes.js';

export default createRule({
  meta: {
    id: 'healthcheck-failing',
    cause: 'healthcheck-failing',
    severity: 'error',
    title: 'Health check fails at layer 7',
    description: 'HAProxy marks a server DOWN for a Layer6/Layer7 reason (wrong status, invalid response, L7 timeout) while TCP connects to it work: the check request or its expectation is wrong.',
    requires: ['haproxy-log'],
    messages: {
      layer7: 'Server "{server}" of backend "{backend}" is DOWN because its health check fails at {layer} ("{reason}"{info}){tcp}; expected the check {check} to succeed',
    },
  },
  check(context, report) {
    for (const host of logHosts(context)) {
      const byServer = new Map<string, ReturnType<typeof stateChanges>>();
      for (const change of stateChanges(context, host)) {
        const key = `${change.event.backend}/${change.event.server}`;
        byServer.set(key, [...(byServer.get(key) ?? []), change]);
      }
      for (const changes of byServer.values()) {
        const downs = changes.filter((change) => change.event.state === 'DOWN' && /^Layer[67]/.test(change.event.reason ?? ''));
        const last = downs[downs.length - 1];
        // A server that keeps coming back UP passes the check most of the time: that is flapping, not a wrong check.
        const recoveries = changes.filter((change) => change.event.state === 'UP').length;
        if (!last || changes[changes.length - 1]?.event.state !== 'DOWN' || recoveries >= 2) continue;
        const { backend, server } = last.event;
        const target = context.topology.servers.find((candidate) => candidate.lbHost === host && candidate.backend === backend && candidate.server.name === server);
        const config = configsOf(context, host).find((artifact) => artifact.path === target?.configPath);
        const httpchk = config ? [...sectionLines(config, backend, 'option', 'httpchk'), ...sectionLines(config, backend, 'http-check')] : [];
        const openProbes = target ? probesTo(context, target.server.address, target.server.checkPort ?? target.server.port, ['open']) : [];
        const checkText = httpchk.length > 0 ? `"${httpchk.map((line) => [line.keyword, ...line.args].join(' ')).join('; ')}"` : 'request';
        report({
          messageId: 'layer7',
          data: {
            server,
            backend,
            layer: (last.event.reason ?? '').split(' ')[0] ?? 'Layer7',
            reason: last.event.reason ?? '',
            info: last.event.info ? `, ${last.event.info}` : '',
            tcp: openProbes.length > 0 && target ? ` although TCP connects to ${formatEndpoint(target.server.address, target.server.port)} succeed` : '',
            check: checkText,
          },
          subject: { host, backend, server },
          hosts: [host, ...(target?.targetHost ? [target.targetHost] : [])],
          evidence: [
            ...firstAndLast(downs.map((change) => change.provenance)),
            ...(target ? [target.provenance] : []),
            ...(config ? httpchk.map((line) => ({ host, path: config.path, line: line.line })) : []),
            ...openProbes.map((probe) => probe.provenance),
          ],
          remediation: [
            `Run the check by hand from the load balancer (e.g. \`curl -sv http://${target ? formatEndpoint(target.server.address, target.server.checkPort ?? target.server.port) : 'SERVER'}/PATH\`) and compare with what \`option httpchk\` / \`http-check expect\` ask for: path, method, Host header, expected status.`,
            'Fix the check (or the application\'s health endpoint) and reload HAProxy.',
          ],
        });
      }
    }
  },
});
