import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHaproxyConfig } from '../../../src/parsers/haproxy-cfg/index.js';

// Hand-written fragments (not real configs): the pieces that stress the line syntax and the structure.
const fragments = [
  'global', 'defaults', 'defaults base', 'defaults d from base', 'frontend fe', 'frontend fe from base', 'backend be',
  'listen li', 'peers p', 'userlist u', '  bind :80', '  bind *:443,[::]:443 ssl', '  bind :::80 v4v6', '  bind unix@/x',
  '  server s1 10.0.0.1:8080 check', '  server s2 [::1]:80 port', '  server s3 :+1', '  mode http', '  log global',
  '  no log', '  option httplog', '  option tcplog', '  log-format "%ci %ST"', '  use_backend be if { path / }',
  '  default_backend be', '  acl a path /', '.if 1', '.if 0', '.elif defined(X)', '.else', '.endif', '.alert "x"',
  '.if streq("${X}",y) && (1||0)', '  x "${X[*]}" "${Y-d}"', '  x "unterminated', "  x 'unterminated", '  x \\x4',
  '  x "${', '  x "${.LINE}"', '#comment', '', '\r', '\0', '  x \\', '  x "\\', '((((((',
];

const configText = fc
  .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 40 })), { maxLength: 60 })
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));

function checkOutput(text: string): void {
  const r = parseHaproxyConfig(text, { env: { X: 'a b', Y: '' } });
  expect(typeof r.ok).toBe('boolean');
  expect(Array.isArray(r.value.sections)).toBe(true);
  for (const d of r.diagnostics) {
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    if (d.column !== undefined) expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
  }
  for (const s of r.value.sections) {
    for (const l of s.lines) expect(l.line >= 1 && l.column >= 1).toBe(true);
  }
}

describe('totality', () => {
  it('random strings never throw', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => checkOutput(s)), { numRuns: 400 });
  });

  it('random mixes of config fragments never throw', () => {
    fc.assert(fc.property(configText, (s) => checkOutput(s)), { numRuns: 600 });
  });

  // No timing assertion: a super-linear path shows up as this test hitting the test timeout.
  it('adversarial inputs finish (no super-linear paths)', () => {
    const inputs = [
      '"'.repeat(200_000),
      '\\'.repeat(200_000),
      `global\n  x "${'${A-'.repeat(30_000)}"\n`,
      `global\n  x ${'"a" '.repeat(50_000)}\n`,
      `global\n.if ${'('.repeat(50_000)}\n`,
      `global\n.if ${'1 && '.repeat(20_000)}1\n`,
      '\n'.repeat(300_000),
      `global\n${'  x y\r'.repeat(50_000)}\n`,
      `${'.if 1\n'.repeat(200)}`,
    ];
    for (const text of inputs) checkOutput(text);
  });
});
