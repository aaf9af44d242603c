// SARIF pieces shared by the lint and analyze reporters: levels and rule descriptors as GitHub code scanning reads them.
import type { Severity } from '../model/finding.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/haproxy-doctor/haproxy-doctor';
/** helpUri must be an absolute URI (the schema says `format: uri`; upload-sarif rejects relative ones). */
export const RULE_DOCS_BASE_URL = `${INFORMATION_URI}/blob/main/docs/rules/`;

export const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<Severity, string>;

export interface SarifRuleMeta {
  id: string;
  title: string;
  description: string;
  severity: Severity;
}

export function sarifRuleDescriptor(rule: SarifRuleMeta, docsBaseUrl: string) {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    helpUri: `${docsBaseUrl}${rule.id}.md`,
    help: { text: `${rule.description} See ${docsBaseUrl}${rule.id}.md`, markdown: `${rule.description}\n\n[${rule.id}](${docsBaseUrl}${rule.id}.md)` },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
  };
}

/** The `tool.driver` object of a SARIF run: who made it and the rules its results refer to. */
export function sarifDriver(tool: { name: string; version: string }, rules: readonly SarifRuleMeta[], docsBaseUrl: string) {
  return {
    name: tool.name,
    version: tool.version,
    informationUri: INFORMATION_URI,
    rules: rules.map((rule) => sarifRuleDescriptor(rule, docsBaseUrl)),
  };
}
