// What leaves the tool: an analysis with secrets masked everywhere and, on request, addresses pseudonymised.
import { AddressPseudonyms } from '../model/address-pseudonyms.js';
import { mapStrings, redactDeep } from '../model/redact.js';
import type { AnalysisResult } from './analyze.js';

export interface RedactionOptions {
  /** Replace IP addresses and host names with consistent pseudonyms (`--redact-addresses`). */
  addresses?: boolean;
}

// Names the tool itself gives (not the customer's): never hidden.
const TOOL_HOST_NAMES = new Set(['local', '_bundle']);

export function redactAnalysis(result: AnalysisResult, options: RedactionOptions = {}): AnalysisResult {
  const masked = redactDeep(result);
  if (!options.addresses) return masked;
  const pseudonyms = new AddressPseudonyms(result.hosts.map((host) => host.name).filter((name) => !TOOL_HOST_NAMES.has(name)));
  return mapStrings(masked, (text) => pseudonyms.apply(text));
}
