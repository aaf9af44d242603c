// The library API of haproxy-doctor: the analyze pipeline, parsers, rules and the types they speak.
export { analyze, type AnalysisResult, type AnalyzeOptions } from './engine/analyze.js';
export type { Artifact, ArtifactReport, ArtifactStatus } from './engine/artifact.js';
export { openBundle, BundleInputError } from './bundle/open-directory.js';
export type { Bundle, BundleDiagnostic, BundleFile, BundleLayout } from './bundle/bundle.js';
export { PARSERS, parserForKind } from './parsers/registry.js';
export type { ArtifactParser } from './parsers/parser.js';
export { RULES } from './rules/index.js';
export type { Rule, RuleMeta } from './rules/rule.js';
export { CAUSES, type CauseId } from './model/cause.js';
export type { Finding, FindingSubject, Severity } from './model/finding.js';
export type { Diagnostic, ParseOutput } from './model/diagnostic.js';
export type { Evidence, Provenance } from './model/provenance.js';
export type * from './model/haproxy-config.js';
export type * from './model/haproxy-log.js';
export type * from './model/network.js';
export type { Topology, HostInfo, ServerTarget } from './model/topology.js';
export { redact } from './model/redact.js';
export { TOOL_NAME, TOOL_VERSION } from './version.js';
