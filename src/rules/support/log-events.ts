// Reading HAProxy log facts: state changes per server, <NOSRV> per backend, with their lines.
import type { RuleContext } from '../../engine/context.js';
import type { LocatedEvent, LogFacts, ServerStateRecord } from '../../model/haproxy-log.js';
import type { Provenance } from '../../model/provenance.js';

export interface LocatedStateChange {
  event: ServerStateRecord & { line: number };
  provenance: Provenance;
}

/** State changes logged on a host, optionally of one backend or server, in file then line order. */
export function stateChanges(context: RuleContext, host: string, filter: { backend?: string; server?: string } = {}): LocatedStateChange[] {
  const changes: LocatedStateChange[] = [];
  for (const artifact of context.artifacts<LogFacts>('haproxy-log', host)) {
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
