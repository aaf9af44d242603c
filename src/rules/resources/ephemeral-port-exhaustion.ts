// HAProxy found no free local port to connect to a server: TIME_WAIT piles up against a small port range.
import type { RuleContext } from '../../engine/context.js';
import type { LogFacts } from '../../model/haproxy-log.js';
import type { Provenance } from '../../model/provenance.js';
import type { SsListing } from '../../parsers/ss/index.js';
import { sysctlValue } from '../../parsers/sysctl/index.js';
import { createRule } from '../rule.js';

type SysctlListing = Parameters<typeof sysctlValue>[0];

const PORT_RANGE_KEY = 'net.ipv4.ip_local_port_range';

export default createRule({
  meta: {
    id: 'ephemeral-port-exhaustion',
    cause: 'ephemeral-port-exhaustion',
    severity: 'error',
    title: 'Ephemeral ports exhausted towards the backends',
    description: 'HAProxy logged "no free ports" (or connects failed with "Cannot assign requested address"): every local port of the range is in use or in TIME_WAIT towards the servers.',
    requires: ['haproxy-log'],
    messages: {
      exhausted: 'HAProxy on {host} ran out of local ports to reach backend "{backend}": "no free ports" logged {count} time(s){range}{timeWait}; expected a port range larger than the connections kept open and in TIME_WAIT',
    },
  },
  check(context, report) {
    // syslog and stderr both carry the message: count per file and keep the file that saw most.
    const byHostBackend = new Map<string, { host: string; backend: string; count: number; evidence: Provenance[] }>();
    for (const artifact of context.artifacts<LogFacts>('haproxy-log')) {
      const perBackend = new Map<string, { count: number; line: number }>();
      for (const event of artifact.value?.events ?? []) {
        if (event.type !== 'no-free-ports') continue;
        const seen = perBackend.get(event.backend);
        if (seen) seen.count++;
        else perBackend.set(event.backend, { count: 1, line: event.line });
      }
      for (const [backend, seen] of perBackend) {
        const key = `${artifact.host}|${backend}`;
        const entry = byHostBackend.get(key);
        if (entry && entry.count >= seen.count) continue;
        byHostBackend.set(key, { host: artifact.host, backend, count: seen.count, evidence: [{ host: artifact.host, path: artifact.path, line: seen.line }] });
      }
    }
    for (const entry of byHostBackend.values()) {
      const range = portRange(context, entry.host);
      const timeWait = timeWaitCount(context, entry.host, entry.backend);
      report({
        messageId: 'exhausted',
        data: {
          host: entry.host,
          backend: entry.backend,
          count: entry.count,
          range: range ? `, with ${PORT_RANGE_KEY} = ${range.low}-${range.high} (${range.high - range.low + 1} ports)` : '',
          timeWait: timeWait ? ` and ${timeWait.count} sockets in TIME-WAIT in ss` : '',
        },
        subject: { host: entry.host, backend: entry.backend },
        hosts: [entry.host],
        evidence: [...entry.evidence, ...(range ? [range.provenance] : []), ...(timeWait ? [timeWait.provenance] : [])],
        remediation: [
          `Widen the range: \`sysctl -w ${PORT_RANGE_KEY}="1024 65535"\` (persist it in /etc/sysctl.d/).`,
          'Reuse connections to the servers (`http-reuse safe`, keep-alive), enable `net.ipv4.tcp_tw_reuse=1`, or spread the connects over several `source` addresses.',
        ],
      });
    }
  },
});

function portRange(context: RuleContext, host: string): { low: number; high: number; provenance: Provenance } | undefined {
  for (const artifact of context.artifacts<SysctlListing>('sysctl', host)) {
    const entry = artifact.value ? sysctlValue(artifact.value, PORT_RANGE_KEY) : undefined;
    const [low, high] = (entry?.value ?? '').split(/\s+/).map(Number);
    if (entry && Number.isInteger(low) && Number.isInteger(high)) return { low: low!, high: high!, provenance: { host, path: artifact.path, line: entry.line } };
  }
  return undefined;
}

/** TIME-WAIT sockets towards the backend's servers (client-side ones do not use ephemeral ports). */
function timeWaitCount(context: RuleContext, host: string, backend: string): { count: number; provenance: Provenance } | undefined {
  const servers = new Set(
    context.topology.servers.filter((target) => target.lbHost === host && target.backend === backend).map((target) => `${target.server.address}:${target.server.port}`),
  );
  for (const artifact of context.artifacts<SsListing>('ss', host)) {
    const waiting = artifact.value?.sockets.filter((socket) => socket.state === 'TIME-WAIT' && servers.has(`${socket.peer.address}:${socket.peer.port}`)) ?? [];
    if (waiting.length > 0) return { count: waiting.length, provenance: { host, path: artifact.path, line: waiting[0]!.line } };
  }
  return undefined;
}
