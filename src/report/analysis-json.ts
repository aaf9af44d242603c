// analyze --format json: the contract shape of DESIGN.md (plus `skipped`, additive).
import type { AnalysisResult } from '../engine/analyze.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';

export function formatAnalysisJson(result: AnalysisResult): string {
  const document = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    hosts: result.hosts.map(({ name, roles, addresses }) => ({ name, roles, addresses })),
    artifacts: result.artifacts,
    findings: result.findings,
    skipped: result.skipped,
    bundleDiagnostics: result.bundleDiagnostics,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
