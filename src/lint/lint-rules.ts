// The lint checks' metadata: ids shown in results, `rules` and `explain`, one docs page each.
import type { Severity } from '../model/finding.js';

export interface LintRuleMeta {
  id: string;
  severity: Severity;
  title: string;
  description: string;
}

export const LINT_RULES: readonly LintRuleMeta[] = [
  {
    id: 'config-syntax',
    severity: 'error',
    title: 'Configuration syntax',
    description: 'The line syntax of haproxy.cfg: quoting, escapes, sections, conditional blocks, keywords outside a section.',
  },
  {
    id: 'unknown-backend',
    severity: 'error',
    title: 'Reference to an undefined backend',
    description: 'default_backend or use_backend names a backend that no backend or listen section defines; HAProxy refuses to start.',
  },
];
