// tcpdump flows towards a server: what the wire says about connects (answered, refused, unanswered, ICMP).
import type { RuleContext } from '../../engine/context.js';
import type { SynFlow, SynVerdict, TcpdumpCapture } from '../../model/packets.js';
import type { Provenance } from '../../model/provenance.js';

export interface LocatedFlows {
  flows: SynFlow[];
  /** The first matching flow's SYN line and answer line, per capture file. */
  evidence: Provenance[];
}

/** Connection attempts to address:port seen in any capture of the bundle, keeping those with the given verdicts. */
export function flowsTo(context: RuleContext, address: string, port: number, verdicts: SynVerdict[]): LocatedFlows {
  const flows: SynFlow[] = [];
  const evidence: Provenance[] = [];
  for (const artifact of context.artifacts<TcpdumpCapture>('tcpdump')) {
    const matching = (artifact.value?.flows ?? []).filter((flow) => flow.server.address === address && flow.server.port === port && verdicts.includes(flow.verdict));
    flows.push(...matching);
    const [first] = matching;
    if (!first) continue;
    const at = (line: number): Provenance => ({ host: artifact.host, path: artifact.path, line });
    evidence.push(at(first.synLine));
    // A retransmitted SYN shows the silence; an answer line shows the refusal.
    if (first.answerLine !== undefined) evidence.push(at(first.answerLine));
    else if (first.synLines.length > 1) evidence.push(at(first.synLines[first.synLines.length - 1]!));
  }
  return { flows, evidence };
}
