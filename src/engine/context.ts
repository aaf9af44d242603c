// What a rule sees: parsed artifacts by kind and host, the topology, and how to report or skip.
import type { FindingDraft } from '../model/finding.js';
import type { Topology } from '../model/topology.js';
import type { Artifact } from './artifact.js';

export interface RuleContext {
  topology: Topology;
  /** Artifacts of a kind that parsed (fully or partly), optionally on one host, in bundle order. */
  artifacts<T>(kind: string, host?: string): Artifact<T>[];
  report(draft: FindingDraft): void;
  /** Records that part of the rule could not run, and why (`no ss output from node2`). */
  skip(reason: string): void;
}

export function usableArtifacts<T>(all: Artifact[], kind: string, host?: string): Artifact<T>[] {
  return all.filter(
    (artifact) => artifact.kind === kind && artifact.value !== undefined && artifact.status !== 'failed' && (host === undefined || artifact.host === host),
  ) as Artifact<T>[];
}
