// Which HAProxy processes were running when the bundle was collected (from ss -p), to tell old log lines from current state.
import type { RuleContext } from '../../engine/context.js';
import type { SsListing } from '../../parsers/ss/index.js';

/** PIDs of haproxy processes holding sockets on the host; undefined when no ss listing shows processes. */
export function currentHaproxyPids(context: RuleContext, host: string): Set<number> | undefined {
  let sawProcesses = false;
  const pids = new Set<number>();
  for (const artifact of context.artifacts<SsListing>('ss', host)) {
    for (const socket of artifact.value?.sockets ?? []) {
      if (socket.processes.length > 0) sawProcesses = true;
      for (const process of socket.processes) if (process.name === 'haproxy' && process.pid !== undefined) pids.add(process.pid);
    }
  }
  return sawProcesses && pids.size > 0 ? pids : undefined;
}
