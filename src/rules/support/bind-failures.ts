// HAProxy's "cannot bind socket" alerts on a host, once per address:port and error, with their lines.
import type { RuleContext } from '../../engine/context.js';
import type { HaproxyMessageRecord, LogFacts } from '../../model/haproxy-log.js';
import type { Provenance } from '../../model/provenance.js';

export interface BindFailure {
  host: string;
  error: string;
  address: string;
  port?: number;
  frontend?: string;
  provenance: Provenance;
}

/** Bind failures of every log file of every host (stderr and journal carry them, syslog often does not). */
export function bindFailures(context: RuleContext, errorPattern: RegExp): BindFailure[] {
  const seen = new Set<string>();
  const failures: BindFailure[] = [];
  for (const artifact of context.artifacts<LogFacts>('haproxy-log')) {
    for (const event of artifact.value?.events ?? []) {
      const bind = (event as HaproxyMessageRecord).bind;
      if (!bind || !errorPattern.test(bind.error)) continue;
      const key = `${artifact.host}|${bind.address}|${bind.port}|${bind.error}`;
      if (seen.has(key)) continue;
      seen.add(key);
      failures.push({
        host: artifact.host,
        error: bind.error,
        address: bind.address,
        ...(bind.port !== undefined && { port: bind.port }),
        ...(bind.frontend !== undefined && { frontend: bind.frontend }),
        provenance: { host: artifact.host, path: artifact.path, line: event.line },
      });
    }
  }
  return failures;
}
