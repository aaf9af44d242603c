// Reading HAProxy log facts: state changes per server, <NOSRV> per backend, with their lines.
import type { Artifact } from '../../engine/artifact.js';
import type { RuleContext } from '../../engine/context.js';
import type { LocatedEvent, LogFacts, ServerStateRecord } from '../../model/haproxy-log.js';
import type { Provenance } from '../../model/provenance.js';

export interface LocatedStateChange {
  event: ServerStateRecord & { line: number };
  provenance: Provenance;
}

/**
 * One host's log files grouped by stream: haproxy.log with its rotations (haproxy.log.1, .2.gz) is one stream.
 * HAProxy often writes the same events to two streams (syslog and its own stderr/journal): counting both
 * would double every DOWN, so rules read one stream, the one that saw most (with timestamps preferred).
 */
export function primaryLogStream(context: RuleContext, host: string): Artifact<LogFacts>[] {
  const streams = new Map<string, Artifact<LogFacts>[]>();
  for (const artifact of context.artifacts<LogFacts>('haproxy-log', host)) {
    const base = artifact.path.replace(/(\.\d+)?(\.gz)?$/, '');
    streams.set(base, [...(streams.get(base) ?? []), artifact]);
  }
  const score = (files: Artifact<LogFacts>[]) => {
    const events = files.reduce((sum, file) => sum + (file.value?.events.length ?? 0) + (file.value?.summary.parsed ?? 0), 0);
    const timed = files.some((file) => file.value?.firstTime !== undefined) ? 1 : 0;
    return [events, timed] as const;
  };
  let best: Artifact<LogFacts>[] = [];
  for (const files of streams.values()) {
    const [events, timed] = score(files);
    const [bestEvents, bestTimed] = score(best);
    if (events > bestEvents || (events === bestEvents && timed > bestTimed)) best = files;
  }
  // Oldest rotation first, so "first" and "last" follow time.
  const rotation = (path: string) => Number(/\.(\d+)(\.gz)?$/.exec(path)?.[1] ?? 0);
  return best.slice().sort((a, b) => rotation(b.path) - rotation(a.path));
}

/** Hosts that have HAProxy logs. */
export function logHosts(context: RuleContext): string[] {
  return [...new Set(context.artifacts('haproxy-log').map((artifact) => artifact.host))];
}

/** State changes of a host's primary log stream, optionally of one backend or server, in time order. */
export function stateChanges(context: RuleContext, host: string, filter: { backend?: string; server?: string } = {}): LocatedStateChange[] {
  const changes: LocatedStateChange[] = [];
  for (const artifact of primaryLogStream(context, host)) {
    for (const event of artifact.value?.events ?? []) {
      if (!isStateChange(event)) continue;
      if ((filter.backend !== undefined && event.backend !== filter.backend) || (filter.server !== undefined && event.server !== filter.server)) continue;
      changes.push({ event, provenance: { host: artifact.host, path: artifact.path, line: event.line } });
    }
  }
  return changes;
}

/** Evidence for a cause about a server: its first and last DOWN lines. */
export function serverStateEvidence(context: RuleContext, host: string, backend: string, server: string): Provenance[] {
  const downs = stateChanges(context, host, { backend, server }).filter((change) => change.event.state === 'DOWN');
  return firstAndLast(downs.map((change) => change.provenance));
}

export function firstAndLast<T>(items: T[]): T[] {
  if (items.length <= 1) return items.slice();
  return [items[0] as T, items[items.length - 1] as T];
}

function isStateChange(event: LocatedEvent): event is ServerStateRecord & { line: number } {
  return event.type === 'server-state';
}
