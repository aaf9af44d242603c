// Connect probes (nc, curl) from any host of the bundle towards one address:port.
import type { RuleContext } from '../../engine/context.js';
import { unmapIPv4 } from '../../model/net-address.js';
import type { ConnectProbe, CurlResult, ProbeOutcome } from '../../model/network.js';
import type { Provenance } from '../../model/provenance.js';

export interface LocatedProbe {
  probe: ConnectProbe;
  provenance: Provenance;
}

export function probesTo(context: RuleContext, address: string, port: number | undefined, outcomes?: ProbeOutcome[]): LocatedProbe[] {
  const wanted = unmapIPv4(address);
  const located: LocatedProbe[] = [];
  const consider = (host: string, path: string, probe: ConnectProbe) => {
    if (unmapIPv4(probe.address) !== wanted || (port !== undefined && probe.port !== port)) return;
    if (outcomes && !outcomes.includes(probe.outcome)) return;
    located.push({ probe, provenance: { host, path, line: probe.line } });
  };
  for (const artifact of context.artifacts<ConnectProbe[]>('nc')) for (const probe of artifact.value ?? []) consider(artifact.host, artifact.path, probe);
  for (const artifact of context.artifacts<CurlResult>('curl')) for (const probe of artifact.value?.probes ?? []) consider(artifact.host, artifact.path, probe);
  return located;
}
