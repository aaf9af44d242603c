// Secrets never leave: masks passwords, keys and tokens in any text before it reaches a report.

const MASK = '<redacted>';

const PATTERNS: [RegExp, string][] = [
  // stats auth admin:secret
  [/(\bstats\s+auth\s+[^\s:]+:)\S+/gi, `$1${MASK}`],
  // userlist: user bob password $6$... / insecure-password xyz
  [/(\b(?:insecure-)?password\s+)\S+/gi, `$1${MASK}`],
  // server ... password / http-check ... auth, `authorization: Basic ...` headers
  [/(\bauthorization:?\s+(?:basic|bearer)\s+)\S+/gi, `$1${MASK}`],
  // key=..., token=..., secret=... in URLs and env dumps
  [/(\b(?:api[_-]?key|token|secret|passwd|pass)=)[^\s&"']+/gi, `$1${MASK}`],
  // PEM private keys that slipped into a text dump
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, `-----BEGIN PRIVATE KEY-----${MASK}`],
];

export function redact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
