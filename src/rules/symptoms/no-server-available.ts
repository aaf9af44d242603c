// Symptom: requests found no server (<NOSRV>, "has no server available!"); causes of its servers explain it.
import type { Provenance } from '../../model/provenance.js';
import { createRule } from '../rule.js';
import { logHosts, primaryLogStream } from '../support/log-events.js';

export default createRule({
  meta: {
    id: 'no-server-available',
    cause: 'no-server-available',
    severity: 'error',
    title: 'No server available',
    description: 'Requests were answered by HAProxy itself because the backend had no usable server (<NOSRV>, usually 503); reported alone only when no rule explains why its servers are down.',
    requires: ['haproxy-log'],
    messages: {
      noServer: 'Backend "{backend}" had no server available: {requests} request(s) logged with <NOSRV>, and "has no server available!" logged {alerts} time(s)',
    },
  },
  check(context, report) {
    for (const host of logHosts(context)) {
      const byBackend = new Map<string, { requests: number; alerts: number; evidence: Provenance[] }>();
      const entry = (backend: string) => {
        const found = byBackend.get(backend) ?? { requests: 0, alerts: 0, evidence: [] };
        byBackend.set(backend, found);
        return found;
      };
      for (const artifact of primaryLogStream(context, host)) {
        const at = (line: number): Provenance => ({ host, path: artifact.path, line });
        for (const event of artifact.value?.events ?? []) {
          if (event.type !== 'no-server') continue;
          const found = entry(event.backend);
          if (found.alerts++ === 0) found.evidence.push(at(event.line));
        }
        for (const [backend, facts] of Object.entries(artifact.value?.noServer ?? {})) {
          const found = entry(backend);
          found.requests += facts.count;
          found.evidence.push(at(facts.firstLine));
          if (facts.lastLine !== facts.firstLine) found.evidence.push(at(facts.lastLine));
        }
      }
      for (const [backend, found] of byBackend) {
        report({
          messageId: 'noServer',
          data: { backend, requests: found.requests, alerts: found.alerts },
          subject: { host, backend },
          hosts: [host],
          evidence: found.evidence,
          remediation: [
            `Bring at least one server of backend "${backend}" back UP: see why each is DOWN (their health-check reasons in the log).`,
            `Consider a \`backup\` server or an \`errorfile 503\` page so clients get a useful answer meanwhile.`,
          ],
        });
      }
    }
  },
});
