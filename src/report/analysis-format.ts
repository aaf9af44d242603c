// The analyze reporters: one pure function per --format, and what they are given besides the analysis.
import type { SarifRuleMeta } from './sarif.js';

export const ANALYSIS_FORMATS = ['table', 'json', 'markdown', 'sarif', 'html', 'github'] as const;
export type AnalysisFormat = (typeof ANALYSIS_FORMATS)[number];

export interface AnalysisReportContext {
  tool: { name: string; version: string };
  /** Metadata of the analyze rules (SARIF lists those the findings use). */
  rules: readonly SarifRuleMeta[];
  /** Absolute base URL of the rule docs pages (SARIF help links). */
  docsBaseUrl: string;
}
