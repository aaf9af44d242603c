// Groups of section types and keywords several checks share.

/** The sections that take proxy keywords: `defaults` and the three proxy types. */
export const PROXY_TYPES: ReadonlySet<string> = new Set(['defaults', 'frontend', 'backend', 'listen']);

/** The rule keywords whose first word (after the tcp stage) is an action, and which take a condition. */
export const RULE_SETS: ReadonlySet<string> = new Set(['http-request', 'http-response', 'http-after-response', 'tcp-request', 'tcp-response']);
