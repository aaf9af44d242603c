// Symptom: HAProxy marked a server DOWN; ranking attaches it to a cause that explains it.
import { createRule } from '../rule.js';
import { currentHaproxyPids } from '../support/haproxy-process.js';
import { firstAndLast, logHosts, stateChanges } from '../support/log-events.js';
import type { LocatedStateChange } from '../support/log-events.js';

export default createRule({
  meta: {
    id: 'server-down',
    cause: 'server-down',
    severity: 'error',
    title: 'Server marked DOWN',
    description: 'HAProxy logged a server as DOWN (health checks failing); reported alone only when no rule explains why.',
    requires: ['haproxy-log'],
    messages: {
      stillDown: 'Server "{server}" of backend "{backend}" was marked DOWN {count} time(s) and was still DOWN at the end of the log (last reason: {reason})',
      recovered: 'Server "{server}" of backend "{backend}" was marked DOWN {count} time(s) and came back UP (last reason: {reason})',
      beforeRestart: 'Server "{server}" of backend "{backend}" was marked DOWN {count} time(s) by HAProxy process {pid}, which is no longer running (last reason: {reason}); the running process (pid {current}) logged no state change for it',
    },
  },
  check(context, report) {
    for (const host of logHosts(context)) {
      const running = currentHaproxyPids(context, host);
      const byServer = new Map<string, LocatedStateChange[]>();
      for (const change of stateChanges(context, host)) {
        const key = `${change.event.backend}/${change.event.server}`;
        byServer.set(key, [...(byServer.get(key) ?? []), change]);
      }
      for (const changes of byServer.values()) {
        const downs = changes.filter((change) => change.event.state === 'DOWN');
        const last = changes[changes.length - 1];
        const lastDown = downs[downs.length - 1];
        if (!last || !lastDown) continue;
        const { backend, server } = lastDown.event;
        // A restart (new pid) starts servers afresh: an old process's DOWN is history, not the current state.
        const loggedBy = last.event.header.pid;
        const restarted = running !== undefined && loggedBy !== undefined && !running.has(loggedBy);
        const stillDown = !restarted && (last.event.state === 'DOWN' || last.event.state === 'MAINT');
        const reason = [lastDown.event.reason, lastDown.event.info].filter(Boolean).join(', ') || 'not logged';
        report({
          messageId: restarted ? 'beforeRestart' : stillDown ? 'stillDown' : 'recovered',
          severity: stillDown ? 'error' : 'warning',
          data: { server, backend, count: downs.length, reason, pid: loggedBy ?? '?', current: [...(running ?? [])].join(', ') },
          subject: { host, backend, server },
          hosts: [host],
          evidence: firstAndLast(downs.map((change) => change.provenance)).concat(stillDown ? [] : [last.provenance]),
          remediation: [
            `Find out why the health check of ${backend}/${server} fails: the reason "${reason}" says which layer (Layer4: TCP connect; Layer7: HTTP status/response).`,
            'Collect ss, firewall and service status from the backend host into the bundle so the root cause can be named.',
          ],
        });
      }
    }
  },
});
