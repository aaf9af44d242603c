// An artifact as the engine holds it: the file, its kind, what its parser made of it, and how that went.
import type { BundleFile } from '../bundle/bundle.js';
import type { Diagnostic } from '../model/diagnostic.js';

export type ArtifactStatus = 'parsed' | 'partial' | 'failed' | 'unknown';

export interface Artifact<T = unknown> {
  file: BundleFile;
  host: string;
  path: string;
  kind?: string;
  status: ArtifactStatus;
  diagnostics: Diagnostic[];
  /** The parser's value; undefined when the artifact failed or is unknown. */
  value?: T;
}

/** Contract shape of `artifacts[]` in analyze's JSON. */
export interface ArtifactReport {
  host: string;
  path: string;
  kind: string;
  status: ArtifactStatus;
  diagnostics: Diagnostic[];
}

/** Diagnostics kept per artifact in reports; the rest are counted in one summary diagnostic. */
export const MAX_REPORTED_DIAGNOSTICS = 50;

export function statusOf(ok: boolean, diagnostics: Diagnostic[]): ArtifactStatus {
  if (!ok) return 'failed';
  return diagnostics.some((diagnostic) => diagnostic.severity !== 'info') ? 'partial' : 'parsed';
}
