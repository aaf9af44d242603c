// The whole lint (parser, checks, suppressions, formatters) on hostile input: it must return results, never throw,
// never hang. Inputs are generated or hand-written on purpose (none of this is a real config). No timing assertion:
// a super-linear path shows up as a test hitting its timeout.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintFiles, lintSources } from '../../src/lint/lint-files.js';
import type { LintResult } from '../../src/lint/lint-result.js';
import { formatLintGcc } from '../../src/report/lint-gcc.js';
import { formatLintGithub } from '../../src/report/lint-github.js';
import { formatLintJson } from '../../src/report/lint-json.js';
import { formatLintSarif } from '../../src/report/lint-sarif.js';
import { LINT_RULES } from '../../src/lint/lint-rules.js';

const FRAGMENTS = [
  'global', 'defaults', 'defaults base', 'frontend fe', 'frontend fe from base', 'backend be', 'listen li', 'peers p',
  'userlist u', 'resolvers dns', 'program p', '  bind :80', '  bind :0', '  bind *:443,[::]:443 ssl crt x.pem', '  bind a\\b:1',
  '  server s1 10.0.0.1:8080 check inter 2x', '  server s2 [::1]:80 source 0.0.0.0 usesrc', '  server s3 :+1 track be/s1',
  '  mode http', '  mode htp', '  log global', '  log 1.2.3.4:99999 local9 foo', '  no log', '  option forwardfor except',
  '  option httpchk GET / HTTP/1.1', '  timeout client', '  timeout client 30', '  timeout bogus 1s', '  stats uri /',
  '  stats socket /x level \\admin', '  use_backend be if { path / }', '  use_backend nope if missing_acl', '  default_backend be',
  '  acl a path /', '  acl b nosuchfetch(x)', '  http-request set-var(txn.x) nosuch,conv', '  http-request deny if !a || { src 1.2.3.4',
  '.if 1', '.if 0', '.elif defined(X)', '.else', '.endif', '.if streq("${X}",y) && (1||0)', '.alert "x"', '.diag',
  '  x "${X[*]}" "${Y-d}"', '  x "unterminated', "  x 'unterminated", '  x \\x4', '  x "${', '  x "${.LINE}"',
  '# haproxy-doctor disable=unknown-keyword -- fuzz', '# haproxy-doctor disable=', '#comment', '', '\r', '\0', '  x \\', '  x "\\',
  '((((((', `  x ${'w '.repeat(70)}`,
];

const configText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }), { maxLength: 60 })
  .chain((lines) => fc.tuple(fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([eol, finalEol]) => lines.join(eol) + (finalEol ? eol : '')));

function checkResults(results: LintResult[]): void {
  expect(Array.isArray(results)).toBe(true);
  for (const r of results) {
    expect(Number.isInteger(r.line) && r.line >= 1).toBe(true);
    expect(Number.isInteger(r.column) && r.column >= 1).toBe(true);
    expect(['error', 'warning', 'info']).toContain(r.severity);
    expect(typeof r.ruleId).toBe('string');
    expect(typeof r.message).toBe('string');
  }
  // The formatters take whatever the checks produce.
  formatLintJson(results);
  formatLintGcc(results);
  formatLintGithub(results);
  formatLintSarif(results, { tool: { name: 'haproxy-doctor', version: '0' }, rules: LINT_RULES, cwd: '/', docsBaseUrl: 'https://example.invalid/' });
}

const lint = (...texts: string[]) => lintSources(texts.map((text, i) => ({ file: `f${i}.cfg`, text })));

describe('lint never crashes or hangs', () => {
  it('random binary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => checkResults(lint(s))), { numRuns: 300 });
  });

  it('random mixes of config fragments, LF, CRLF and lone-CR line ends, two files at once', () => {
    fc.assert(fc.property(configText, configText, (a, b) => checkResults(lint(a, b))), { numRuns: 400 });
  });

  it('binary garbage read from disk (non-UTF-8 bytes)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-lint-fuzz-'));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const file = path.join(dir, 'garbage.cfg');
        writeFileSync(file, bytes);
        checkResults(await lintFiles([file], { config: { rules: {} } }));
      }),
      { numRuns: 100 },
    );
    // Invalid UTF-8 inside otherwise valid lines: a diagnostic or nothing, with the right line numbers.
    const file = path.join(dir, 'latin1.cfg');
    writeFileSync(file, Buffer.concat([Buffer.from('global\n    maxconn 10\nfrontend f\xe9\n    bind :8080\n', 'latin1'), Buffer.from([0xff, 0xfe, 0x0a])]));
    checkResults(await lintFiles([file], { config: { rules: {} } }));
  });

  it('hostile shapes: a 10 MB line, 100 nested .if, unterminated quotes, many words, deep braces', () => {
    const inputs = [
      `global\n    x ${'a'.repeat(10 * 1024 * 1024)}\nfrontend fe\n    bind :8080\n`,
      `global\n${'.if 1\n'.repeat(100)}    maxconn 10\n${'.endif\n'.repeat(100)}`,
      `global\n${'.if 1\n'.repeat(100)}`,
      `global\n${'.endif\n'.repeat(100)}`,
      `frontend fe\n    bind :8080\n    log-format "${'%['.repeat(10_000)}\n`,
      `frontend fe\n    bind "${'x'.repeat(100_000)}\n    acl a path '${'y'.repeat(100_000)}\n`,
      `frontend fe\n    bind :8080\n    http-request deny if ${'{ '.repeat(20_000)}\n`,
      `frontend fe\n    bind :8080\n    acl ${'a '.repeat(50_000)}\n`,
      `backend be\n${'    server s 10.0.0.1:80 source 0.0.0.0 usesrc clientip interface eth0 '.repeat(1)}\n${'    server s 10.0.0.1:80\n'.repeat(2000)}`,
      'global\r\n    maxconn 10\r\nfrontend fe\r\n    bind :8080\r\n',
      '\ufeffglobal\n    maxconn 10\n',
      '\0'.repeat(100_000),
      '"'.repeat(200_000),
      '\\'.repeat(200_000),
      '\r'.repeat(200_000),
      '\n'.repeat(200_000),
    ];
    for (const text of inputs) checkResults(lint(text));
  });

  it('the 10 MB line is reported, with its line number, and the rest of the file still read', () => {
    const results = lint(`global\n    x ${'a'.repeat(10 * 1024 * 1024)}\nfrontend fe\n    bind :8080\n    mode htp\n`);
    expect(results.some((r) => r.line === 2 && r.ruleId === 'config-syntax')).toBe(true);
    expect(results.some((r) => r.line === 5 && r.ruleId === 'invalid-argument')).toBe(true);
  });

  it('an unterminated quote is an error at its line, not a crash', () => {
    const results = lint('global\n    maxconn 10\nfrontend fe\n    bind ":8080\n');
    expect(results.filter((r) => r.severity === 'error').map((r) => r.line)).toContain(4);
  });
});
