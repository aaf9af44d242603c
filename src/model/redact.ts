// Secrets never leave: masks passwords, keys and tokens in any text before it reaches a report.

export const REDACTION_MASK = '<redacted>';
const MASK = REDACTION_MASK;

// Names of query parameters, form fields and env variables whose values are credentials. A prefix is allowed
// (`access_token`, `X-Api-Key`, `db_password`): `\b` alone would miss those, `_` being a word character.
const SECRET_NAME = String.raw`[\w.-]*(?:token|secret|passw(?:or)?d|pass|pwd|api[_-]?key|apikey|auth|signature|sig|session[_-]?id|sessid|sid|jwt|credentials?|private[_-]?key)`;

// Every pattern is linear: bounded alternations and character classes, no nested quantifiers.
const PATTERNS: [RegExp, string][] = [
  // stats auth admin:secret
  [/(\bstats\s+auth\s+[^\s:]+:)\S+/gi, `$1${MASK}`],
  // userlist: user bob password $6$... / insecure-password xyz; any `password VALUE` keyword pair
  [/(\b(?:insecure-)?password\s+)(?!<redacted>)[^\s"']+/gi, `$1${MASK}`],
  // Authorization headers in http-check, set-header, captured headers: `Authorization: Basic ...`, quoted too
  [/(\b(?:proxy-)?authorization"?:?\s*"?\s*(?:basic|bearer|digest|negotiate|token)\s+)[^\s"']+/gi, `$1${MASK}`],
  // Cookie values and API key headers
  [/(\b(?:set-)?cookie:\s*)[^\r\n"]+/gi, `$1${MASK}`],
  [/(\bx-(?:api-key|auth-token|access-token)"?:?\s*"?)[^\s"']+/gi, `$1${MASK}`],
  // ?token=..., &access_token=..., key=... in URLs, logs, env dumps
  [new RegExp(String.raw`((?:^|[?&;,\s"'{(])${SECRET_NAME}=)[^\s&;"',}]+`, 'gi'), `$1${MASK}`],
  // "password": "..." in JSON and YAML
  [new RegExp(String.raw`((?:^|[\s"'{,])${SECRET_NAME}"?\s*:\s*"?)(?!<redacted>)[^\s"',}]+`, 'gi'), `$1${MASK}`],
  // user:password@ in URLs
  [/(\b[a-z][a-z0-9+.-]{0,20}:\/\/[^\s/:@]{1,256}:)[^\s/@]{1,256}@/gi, `$1${MASK}@`],
  // PEM private keys that slipped into a text dump
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, `-----BEGIN PRIVATE KEY-----${MASK}`],
];

export function redact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** Applies a string transform to every string (and object key) of a JSON-like value, leaving the input as is. */
export function mapStrings<T>(value: T, transform: (text: string) => string): T {
  if (typeof value === 'string') return transform(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, transform)) as T;
  if (value !== null && typeof value === 'object') {
    const mapped: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) mapped[transform(key)] = mapStrings(item, transform);
    return mapped as T;
  }
  return value;
}

// Parsed config lines are word lists (`["bob", "password", "$6$..."]`, `["auth", "admin:pw"]`): the secret is a
// word of its own, which no text pattern sees, so the word after a secret keyword is masked by position.
const SECRET_KEYWORD = /^(?:insecure-)?password$/i;

function wordOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  const value = (item as { value?: unknown } | null)?.value;
  return typeof value === 'string' ? value : undefined;
}

function withWord(item: unknown, word: string): unknown {
  return typeof item === 'string' ? word : { ...(item as object), value: word };
}

function maskWordList(items: unknown[]): unknown[] {
  const masked = items.slice();
  for (let i = 0; i + 1 < items.length; i++) {
    const word = wordOf(items[i]);
    const next = wordOf(items[i + 1]);
    if (word === undefined || next === undefined) continue;
    if (SECRET_KEYWORD.test(word)) masked[i + 1] = withWord(items[i + 1], MASK);
    else if (word === 'auth' && next.includes(':')) masked[i + 1] = withWord(items[i + 1], `${next.slice(0, next.indexOf(':') + 1)}${MASK}`);
  }
  return masked;
}

/** Every string of a report (messages, diagnostics, evidence, parsed values) with its secrets masked. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return maskWordList(value.map((item) => redactDeep(item))) as T;
  if (value !== null && typeof value === 'object') {
    const mapped: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) mapped[redact(key)] = redactDeep(item);
    return mapped as T;
  }
  return value;
}
