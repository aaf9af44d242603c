// Which HAProxy processes were running when the bundle was collected (ss -p, ps), to tell old log lines from current state.
import type { RuleContext } from '../../engine/context.js';
import type { Provenance } from '../../model/provenance.js';
import type { ProcessListing } from '../../parsers/process-list/index.js';
import type { SsListing } from '../../parsers/ss/index.js';

/** PIDs of haproxy processes on the host; undefined when neither ss -p nor ps shows processes. */
export function currentHaproxyPids(context: RuleContext, host: string): Set<number> | undefined {
  let sawProcesses = false;
  const pids = new Set<number>();
  for (const artifact of context.artifacts<SsListing>('ss', host)) {
    for (const socket of artifact.value?.sockets ?? []) {
      if (socket.processes.length > 0) sawProcesses = true;
      for (const process of socket.processes) if (process.name === 'haproxy' && process.pid !== undefined) pids.add(process.pid);
    }
  }
  for (const listing of processListings(context, host)) {
    sawProcesses = true;
    for (const process of listing.haproxy) if (process.pid !== undefined) pids.add(process.pid);
  }
  return sawProcesses && pids.size > 0 ? pids : undefined;
}

/** Each ps listing of the host with its haproxy processes and the line of its header. */
export function processListings(context: RuleContext, host: string): { header: Provenance; haproxy: { pid?: number; line: number }[] }[] {
  return context.artifacts<ProcessListing>('process-list', host).flatMap((artifact) => {
    const value = artifact.value;
    if (!value || value.headerLine === undefined || value.processes.length === 0) return [];
    const haproxy = value.processes.filter((process) => process.comm === 'haproxy' || /(^|\/)haproxy(\s|$)/.test(process.args ?? ''));
    return [{ header: { host, path: artifact.path, line: value.headerLine }, haproxy }];
  });
}
