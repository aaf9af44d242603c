// Requests waited in a queue until they timed out (sQ): the servers' or proxy's maxconn is below the load.
import type { Provenance } from '../../model/provenance.js';
import { createRule } from '../rule.js';
import { configsOf, sectionLines } from '../support/config-lines.js';
import { logHosts, primaryLogStream } from '../support/log-events.js';

/** Queue timeouts (sQ) and queue aborts by the client (cQ) both say "waited for a free slot". */
const QUEUE_STATES = ['sQ', 'cQ'];

export default createRule({
  meta: {
    id: 'maxconn-saturation',
    cause: 'maxconn-saturation',
    severity: 'error',
    title: 'Connection limits saturated: requests time out in the queue',
    description: "Requests waited in a backend's queue for a free server slot until `timeout queue` expired (termination state sQ, 503): maxconn of the servers or proxies is below the concurrency the traffic needs.",
    requires: ['haproxy-log'],
    messages: {
      queued: 'Backend "{backend}" queued {queued} request(s) until they gave up ({states}) because its servers were at their connection limit{limits}; expected enough maxconn (or servers) for the concurrent load',
    },
  },
  check(context, report) {
    for (const host of logHosts(context)) {
      const byBackend = new Map<string, { queued: number; states: Map<string, number>; evidence: Provenance[] }>();
      for (const artifact of primaryLogStream(context, host)) {
        for (const [key, server] of Object.entries(artifact.value?.servers ?? {})) {
          const backend = key.slice(0, key.lastIndexOf('/'));
          for (const state of QUEUE_STATES) {
            const count = server.terminationStates[state] ?? 0;
            if (count === 0) continue;
            const entry = byBackend.get(backend) ?? { queued: 0, states: new Map<string, number>(), evidence: [] };
            entry.queued += count;
            entry.states.set(state, (entry.states.get(state) ?? 0) + count);
            const lines = server.stateLines?.[state];
            if (lines) {
              entry.evidence.push({ host, path: artifact.path, line: lines.first });
              if (lines.last !== lines.first) entry.evidence.push({ host, path: artifact.path, line: lines.last });
            }
            byBackend.set(backend, entry);
          }
        }
      }
      for (const [backend, entry] of byBackend) {
        const servers = context.topology.servers.filter((target) => target.lbHost === host && target.backend === backend);
        const limited = servers.filter((target) => target.server.options.includes('maxconn'));
        const limits = limited.map((target) => `${target.server.name} maxconn ${target.server.options[target.server.options.indexOf('maxconn') + 1]}`);
        const config = configsOf(context, host).find((artifact) => artifact.path === servers[0]?.configPath);
        const queueTimeouts = config ? sectionLines(config, backend, 'timeout', 'queue') : [];
        report({
          messageId: 'queued',
          data: {
            backend,
            queued: entry.queued,
            states: [...entry.states].map(([state, count]) => `${count} ${state}`).join(', '),
            limits: limits.length > 0 ? ` (${limits.join(', ')})` : '',
          },
          subject: { host, backend },
          hosts: [host],
          evidence: [
            ...entry.evidence,
            ...limited.map((target) => target.provenance),
            ...(config ? queueTimeouts.map((line) => ({ host, path: config.path, line: line.line })) : []),
          ],
          remediation: [
            `Raise the servers' \`maxconn\` in backend "${backend}" to the concurrency each server really handles (measure it), or add servers.`,
            'If bursts are short, a longer `timeout queue` lets requests wait instead of failing; check `show stat` (qcur, scur vs slim) during a burst.',
            'Check the global and frontend `maxconn` too: the lowest limit on the path decides.',
          ],
        });
      }
    }
  },
});
