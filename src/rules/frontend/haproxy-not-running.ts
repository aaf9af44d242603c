// Nothing listens on any of the frontends' addresses on the load balancer: HAProxy is not running.
import type { LogFacts } from '../../model/haproxy-log.js';
import { formatEndpoint, listenerAccepts } from '../../model/net-address.js';
import { createRule } from '../rule.js';
import { bindFailures } from '../support/bind-failures.js';
import { bindsOf } from '../support/config-lines.js';
import { processListings } from '../support/haproxy-process.js';
import { listenersOf } from '../support/listeners.js';
import { probesTo } from '../support/probes.js';
import type { HaproxyCheck } from '../../parsers/haproxy-check/index.js';

export default createRule({
  meta: {
    id: 'haproxy-not-running',
    cause: 'haproxy-not-running',
    severity: 'error',
    title: 'HAProxy not running',
    description: "None of the configured frontend addresses has a listener on the load balancer: HAProxy is stopped or crashed (bind failures and invalid configs are reported as their own causes instead).",
    requires: ['haproxy-cfg', 'ss'],
    messages: {
      notRunning: 'HAProxy is not listening on {host}: none of its {count} frontend address(es) ({endpoints}) has a listener in ss; expected HAProxy running and bound to them',
    },
  },
  check(context, report) {
    const explainedHosts = new Set([
      ...bindFailures(context, /./).map((failure) => failure.host),
      ...context.artifacts<HaproxyCheck>('haproxy-check').filter((artifact) => artifact.value?.verdict === 'invalid').map((artifact) => artifact.host),
      ...context.artifacts<LogFacts>('haproxy-log').filter((artifact) => artifact.value?.events.some((event) => event.type === 'alert' && /Fatal errors found in configuration/.test(event.message))).map((artifact) => artifact.host),
    ]);
    for (const info of context.topology.hosts.filter((host) => host.roles.includes('load-balancer'))) {
      const binds = bindsOf(context, info.name).filter(({ bind }) => bind.port !== undefined);
      if (binds.length === 0) continue;
      const listeners = listenersOf(context, info.name);
      if (!listeners) {
        context.skip(`${info.name}: no ss listing to tell whether HAProxy listens`);
        continue;
      }
      // ps showing an haproxy process means it runs (bound elsewhere, or still starting): not this cause.
      const processes = processListings(context, info.name);
      if (processes.some((listing) => listing.haproxy.length > 0)) continue;
      const listening = binds.some(({ bind }) => listeners.listening.some(({ socket }) => socket.local.port === bind.port && listenerAccepts(socket.local.address, bind.address === '0.0.0.0' || bind.address === '::' ? socket.local.address : bind.address)));
      if (listening || explainedHosts.has(info.name)) continue;
      const endpoints = binds.map(({ bind }) => formatEndpoint(bind.address, bind.port));
      report({
        messageId: 'notRunning',
        data: { host: info.name, count: binds.length, endpoints: endpoints.slice(0, 4).join(', ') + (endpoints.length > 4 ? ', ...' : '') },
        subject: { host: info.name },
        hosts: [info.name],
        evidence: [
          ...binds.slice(0, 3).map(({ provenance }) => provenance),
          { host: listeners.source.host, path: listeners.source.path, line: listeners.source.headerLine },
          ...processes.map((listing) => listing.header),
          ...binds.flatMap(({ bind }) => probesTo(context, bind.address, bind.port, ['refused']).map((probe) => probe.provenance)).slice(0, 3),
        ],
        remediation: [
          `Start HAProxy on ${info.name}: \`systemctl start haproxy\`, then \`systemctl status haproxy\` and \`journalctl -u haproxy\` for why it stopped.`,
          'Check the configuration first: `haproxy -c -f /etc/haproxy/haproxy.cfg`.',
        ],
      });
    }
  },
});
