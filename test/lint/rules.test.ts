// Lint rules as valid/invalid tables: each rule on a hand-written targeted config (says so) that must trigger it at
// the line given, and a false-positive case that must not.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostView } from '../../src/lint/host-view.js';
import { lintSources, type LintOptions } from '../../src/lint/lint-files.js';
import { LINT_BASE as BASE } from '../helpers/lint-base.js';


const lint = (text: string, options: LintOptions = {}) => lintSources([{ file: 'haproxy.cfg', text }], options);
const lines = (text: string, ruleId: string, options?: LintOptions) => lint(text, options).filter((r) => r.ruleId === ruleId).map((r) => r.line);

/** A host with one certificate (certificate and key) and the haproxy user and group, for the --check-host rules. */
const HOST: HostView = {
  cwd: '/etc/haproxy',
  kind: (file) => (file === '/etc/haproxy/site.pem' ? 'file' : undefined),
  read: (file) => (file === '/etc/haproxy/site.pem' ? '-----BEGIN CERTIFICATE-----\n...\n-----BEGIN PRIVATE KEY-----\n' : undefined),
  hasUser: (name) => name === 'haproxy',
  hasGroup: (name) => name === 'haproxy',
};

const CASES: { ruleId: string; invalid: string; line: number; valid: string; options?: LintOptions }[] = [
  { ruleId: 'unknown-keyword', invalid: `${BASE}frontend fe\n    bind :8080\n    defualt_backend be\nbackend be\n    server a 10.0.0.1:80\n`, line: 12, valid: `${BASE}frontend fe\n    bind :8080\n    default_backend be\nbackend be\n    server a 10.0.0.1:80\n` },
  { ruleId: 'keyword-wrong-section', invalid: `${BASE}frontend fe\n    bind :8080\n    balance roundrobin\n`, line: 12, valid: `${BASE}listen li\n    bind :8080\n    balance roundrobin\n    server a 10.0.0.1:80\n` },
  { ruleId: 'removed-keyword', invalid: `${BASE}frontend fe\n    bind :8080\n    reqadd X-Foo:\\ bar\n`, line: 12, valid: `${BASE}frontend fe\n    bind :8080\n    http-request add-header X-Foo bar\n` },
  { ruleId: 'invalid-argument', invalid: `${BASE}frontend fe\n    bind :8080\n    timeout client 5x\n`, line: 12, valid: `${BASE}frontend fe\n    bind :8080\n    timeout client 5s\n` },
  { ruleId: 'suspicious-value', invalid: `${BASE}listen li\n    bind :8080\n    server a 10.0.0.1:80 weight heavy\n`, line: 12, valid: `${BASE}listen li\n    bind :8080\n    server a 10.0.0.1:80 weight 10\n` },
  { ruleId: 'undefined-acl', invalid: `${BASE}frontend fe\n    bind :8080\n    http-request deny if is_bad\n`, line: 12, valid: `${BASE}frontend fe\n    bind :8080\n    acl is_bad path_beg /bad\n    http-request deny if is_bad || METH_TRACE\n` },
  { ruleId: 'unknown-backend', invalid: `${BASE}frontend fe\n    bind :8080\n    default_backend nope\n`, line: 12, valid: `${BASE}frontend fe\n    bind :8080\n    use_backend be_%[req.hdr(host)]\n` },
  { ruleId: 'unknown-server', invalid: `${BASE}listen li\n    bind :8080\n    use-server s9 if TRUE\n    server a 10.0.0.1:80\n`, line: 12, valid: `${BASE}listen li\n    bind :8080\n    use-server a if TRUE\n    server a 10.0.0.1:80\n` },
  { ruleId: 'duplicate-name', invalid: `${BASE}listen li\n    bind :8080\n    server a 10.0.0.1:80\n    server a 10.0.0.2:80\n`, line: 13, valid: `${BASE}frontend app\n    bind :8080\n    default_backend app\nbackend app\n    server a 10.0.0.1:80\n` },
  { ruleId: 'unknown-reference', invalid: `${BASE}listen li\n    bind :8080\n    server a app.local:80 resolvers dns\n`, line: 12, valid: `${BASE}resolvers dns\n    nameserver ns1 10.0.0.53:53\nlisten li\n    bind :8080\n    server a app.local:80 resolvers dns\n` },
  { ruleId: 'mode-mismatch', invalid: `${BASE}frontend fe\n    bind :8080\n    default_backend be\nbackend be\n    mode tcp\n    server a 10.0.0.1:80\n`, line: 12, valid: `${BASE}frontend fe\n    bind :8080\n    mode tcp\n    default_backend be\nbackend be\n    server a 10.0.0.1:80\n` },
  { ruleId: 'missing-timeout', invalid: `global\n    log 127.0.0.1:514 local0\nfrontend fe\n    log global\n    bind :8080\n`, line: 3, valid: `${BASE}frontend fe\n    bind :8080\n` },
  { ruleId: 'no-listener', invalid: `global\n    daemon\nbackend be\n    server a 10.0.0.1:80\n`, line: 1, valid: `global\n    stats socket /run/haproxy.sock\n` },
  { ruleId: 'server-without-check', invalid: `${BASE}listen li\n    bind :8080\n    server a 10.0.0.1:80 check\n    server b 10.0.0.2:80\n`, line: 13, valid: `${BASE}listen li\n    bind :8080\n    server a 10.0.0.1:80\n` },
  { ruleId: 'aggressive-health-check', invalid: `${BASE}listen li\n    bind :8080\n    server a 10.0.0.1:80 check inter 200ms\n`, line: 12, valid: `${BASE}listen li\n    bind :8080\n    server a 10.0.0.1:80 check inter 2s fall 3\n` },
  { ruleId: 'httpchk-missing-host', invalid: `${BASE}listen li\n    bind :8080\n    option httpchk GET /health HTTP/1.1\n`, line: 12, valid: `${BASE}listen li\n    bind :8080\n    option httpchk GET /health HTTP/1.1\n    http-check send hdr Host app.example\n` },
  { ruleId: 'unitless-timeout', invalid: `${BASE}frontend fe\n    bind :8080\n    timeout client 30\n`, line: 12, valid: `${BASE}frontend fe\n    bind :8080\n    timeout client 0\n` },
  { ruleId: 'duplicate-bind', invalid: `${BASE}frontend a\n    bind :8080\nfrontend b\n    bind 10.0.0.1:8080\n`, line: 13, valid: `${BASE}frontend a\n    bind :8080\n    bind :8081\nfrontend b\n    bind 10.0.0.1:8082\n` },
  { ruleId: 'privileged-port', invalid: `${BASE}frontend fe\n    bind :443\n`, line: 11, valid: `${BASE}frontend fe\n    bind :8443\n    bind /run/fe.sock\n` },
  { ruleId: 'hidden-evidence', invalid: `${BASE}frontend fe\n    bind :8080\n    no log\n`, line: 10, valid: `${BASE}frontend fe\n    bind :8080\n` },
  { ruleId: 'maxconn-limit', invalid: `${BASE}frontend fe\n    bind :8080\n    maxconn 5000\n`, line: 12, valid: `${BASE}frontend fe\n    bind :8080\n    maxconn 500\n` },
  { ruleId: 'missing-file', invalid: `${BASE}frontend fe\n    bind :8443 ssl crt other.pem\n`, line: 11, valid: `${BASE}frontend fe\n    bind :8443 ssl crt site.pem\n`, options: { host: HOST } },
  { ruleId: 'unknown-user', invalid: `global\n    user www\n    group haproxy\n    log 127.0.0.1:514 local0\n${BASE.slice('global\n'.length)}`, line: 2, valid: `global\n    user haproxy\n    group haproxy\n${BASE.slice('global\n'.length)}`, options: { host: HOST } },
  { ruleId: 'ignored-in-tcp-mode', invalid: `${BASE}listen li\n    mode tcp\n    bind :8080\n    option forwardfor\n    server a 10.0.0.1:80\n`, line: 13, valid: `${BASE}listen li\n    bind :8080\n    option forwardfor\n    server a 10.0.0.1:80\n` },
  { ruleId: 'unused-suppression', invalid: `${BASE}frontend fe\n    bind :8080\n    # haproxy-doctor disable=unitless-timeout -- legacy\n    timeout client 30s\n`, line: 12, valid: `${BASE}frontend fe\n    bind :8080\n    # haproxy-doctor disable=unitless-timeout -- legacy\n    timeout client 30\n` },
];

describe('lint rules', () => {
  it.each(CASES)('$ruleId: finds the problem at its line', ({ ruleId, invalid, line, options }) => {
    expect(lines(invalid, ruleId, options)).toContain(line);
  });
  it.each(CASES)('$ruleId: no false positive', ({ ruleId, valid, options }) => {
    expect(lines(valid, ruleId, options)).toEqual([]);
  });
  it('has a case for every rule except the config-syntax and haproxy-check passthroughs', async () => {
    const { LINT_RULES } = await import('../../src/lint/lint-rules.js');
    const covered = new Set(CASES.map((c) => c.ruleId));
    expect(LINT_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual(['config-syntax', 'haproxy-check']);
  });
});

describe('severity follows HAProxy', () => {
  it('keyword-wrong-section is an error where HAProxy refuses and a warning where it ignores', () => {
    const results = lint(`${BASE}frontend fe\n    bind :8080\n    balance roundrobin\n    server a 10.0.0.1:80\n`).filter((r) => r.ruleId === 'keyword-wrong-section');
    expect(results.map((r) => [r.line, r.severity])).toEqual([[12, 'warning'], [13, 'error']]);
  });
  it('says what HAProxy suggests for a typo', () => {
    const [result] = lint(`${BASE}frontend fe\n    bind :8080\n    defualt_backend be\n`).filter((r) => r.ruleId === 'unknown-keyword');
    expect(result?.message).toContain("did you mean 'default_backend'");
  });
  it('a target newer than every catalogue turns unknown keywords into warnings', () => {
    // hash-preserve-affinity is a 3.2 keyword: 3.2 has its catalogue (test/lint/keyword-catalogue.test.ts); 3.4 has none.
    const text = `${BASE}listen li\n    bind :8080\n    hash-preserve-affinity always\n    hash-preserve-affinty always\n`;
    expect(lint(text).filter((r) => r.ruleId === 'unknown-keyword').map((r) => r.severity)).toEqual(['error', 'error']);
    expect(lintSources([{ file: 'h.cfg', text }], { haproxyVersion: '3.4' }).filter((r) => r.ruleId === 'unknown-keyword').map((r) => [r.line, r.severity])).toEqual([[13, 'warning']]);
  });
});

describe('suppressions and configuration', () => {
  it('a comment silences the next line only; one above the first keyword line silences the file', () => {
    const text = `${BASE}frontend fe\n    bind :8080\n    # haproxy-doctor disable=unitless-timeout -- legacy\n    timeout client 30\n    timeout http-request 30\n`;
    expect(lines(text, 'unitless-timeout')).toEqual([14]);
    expect(lines(`# haproxy-doctor disable=unitless-timeout -- whole file\n\n${text}`, 'unitless-timeout')).toEqual([]);
  });
  it('rule severities and "off" come from the configuration', () => {
    const text = `${BASE}frontend fe\n    bind :8080\n    timeout client 30\n`;
    const results = lintSources([{ file: 'h.cfg', text }], { config: { rules: { 'unitless-timeout': 'error', 'hidden-evidence': 'off' } } });
    expect(results.find((r) => r.ruleId === 'unitless-timeout')?.severity).toBe('error');
  });
});

describe('secrets', () => {
  it('never shows stats auth or userlist passwords', () => {
    const text = `${BASE}userlist admins\n    user bob password $6$secrethash1 bogus-option\n    user al insecure-password hunter2secret\nlisten li\n    bind :8080\n    stats auth admin:topsecret99 extra\n    stats authx admin:topsecret98\n    server a 10.0.0.1:80 password p4ssw0rdsecret\n`;
    const out = JSON.stringify(lint(text));
    for (const secret of ['secrethash1', 'hunter2secret', 'topsecret99', 'topsecret98', 'p4ssw0rdsecret']) expect(out).not.toContain(secret);
  });
});

describe('bad input', () => {
  it('survives binary garbage, CRLF, deep .if nesting and a huge line', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    for (const text of [garbage, `${BASE}frontend fe\r\n    bind :8080\r\n`, `${'.if 1\n'.repeat(100)}${'.endif\n'.repeat(100)}`, `global\n    ${'x'.repeat(10_000_000)}\n`]) {
      expect(() => lint(text)).not.toThrow();
    }
  });
});

// Each message below is what haproxy -c -dr 2.6.12 printed for the same line (checked by hand, hand-written configs).
describe('argument checks that HAProxy 2.6 makes', () => {
  const LISTEN = `${BASE}listen li\n    bind :8080\n`;
  const errorsAt12 = (text: string) => lint(text).filter((r) => r.severity === 'error' && r.line === 12).map((r) => r.message);
  it.each([
    ['option forwardfor GET /x', "'option forwardfor' only supports optional values: 'except', 'header' and 'if-none'."],
    ['option forwardfor header', "'option forwardfor header' expects <header_name> as argument."],
    ['option forwardfor except 10.0.0.0/33', "'option forwardfor except' expects <address>[/mask] as argument."],
    ['option originalto bogus', "'option originalto' only supports optional values: 'except' and 'header'."],
    ['source 0.0.0.0 usesrc \\\\clientip', "'usesrc \\clientip' : invalid address: '\\clientip' in '\\clientip'"],
    ['source 0.0.0.0 usesrc', "'usesrc' expects <addr>[:<port>], 'client', or 'clientip' as argument."],
    ['server s1 10.0.0.1:80 source 0.0.0.0 usesrc \\\\clientip', "'server li/s1' : 'usesrc \\clientip' : invalid address: '\\clientip' in '\\clientip'"],
  ])('%s', (line, message) => {
    expect(errorsAt12(`${LISTEN}    ${line}\n`)).toEqual([message]);
  });
  it.each([
    'option forwardfor',
    'option forwardfor except 10.0.0.0/8 header X-Client if-none',
    'option forwardfor header X-Client except ::1/128',
    'option originalto except 127.0.0.1 header X-Orig',
    'source 0.0.0.0 usesrc clientip',
    'source 10.0.0.5:0 usesrc 10.0.0.1 interface eth0',
    'server s1 10.0.0.1:80 source 0.0.0.0 usesrc clientip',
    'server s1 10.0.0.1:80 source 0.0.0.0:1024-2000 check',
    'server s1 10.0.0.1:80 source 0.0.0.0 usesrc client interface eth0 check',
  ])('accepts %s', (line) => {
    expect(errorsAt12(`${LISTEN}    ${line}\n`)).toEqual([]);
  });
  it('a host name after usesrc is a warning: it resolves (or not) on the HAProxy host', () => {
    const results = lint(`${LISTEN}    source 0.0.0.0 usesrc bogus\n`).filter((r) => r.line === 12);
    expect(results.map((r) => [r.ruleId, r.severity])).toEqual([['suspicious-value', 'warning']]);
  });
  it('global stats: only socket, maxconn, bind-process and timeout; socket levels user, operator, admin', () => {
    const text = `global\n    stats uri /x\n    stats socket /run/a.sock level bogus\n    stats socket /run/b.sock level admin\n    stats timeout 1s\n${LISTEN.slice('global\n'.length)}`;
    expect(lint(text).filter((r) => r.severity === 'error').map((r) => [r.line, r.message])).toEqual([
      [2, "'stats' only supports 'socket', 'maxconn', 'bind-process' and 'timeout' (got 'uri')"],
      [3, "'stats socket' : ''level' only supports 'user', 'operator', and 'admin' (got 'bogus')'"],
    ]);
  });
});

// Levels as HAProxy 2.6 sends them (see src/lint/log-levels.ts): traffic at info, UP and checks at notice, DOWN at alert.
describe('hidden-evidence: log levels that drop the evidence', () => {
  const config = (globalLogs: string, backendLog = '') =>
    `global\n${globalLogs}    maxconn 100\ndefaults\n    mode http\n    log global\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\nfrontend fe\n    bind :8080\n    default_backend be\nbackend be\n${backendLog}    server a 10.0.0.1:80\n`;
  const found = (text: string) => lint(text).filter((r) => r.ruleId === 'hidden-evidence').map((r) => [r.line, r.message]);
  it('a global target at notice hides the traffic logs of every frontend, cited at the log line', () => {
    expect(found(config('    log /dev/log local0 notice\n'))).toEqual([[2, "the log targets of frontend 'fe' stop at level 'notice': traffic logs (info) are not logged; expected one target at 'info' or without a level"]]);
  });
  it('targets at err also lose health checks and UP; at emerg also DOWN; one finding per set of targets', () => {
    expect(found(config('    log /dev/log local0 err\n'))).toEqual([[2, "the log targets of frontend 'fe', backend 'be' stop at level 'err': traffic logs (info), health-check results and servers coming UP (notice) are not logged; expected one target at 'info' or without a level"]]);
    expect(found(config('    log /dev/log local0 emerg\n'))[0]?.[1]).toContain('servers going DOWN (alert)');
    expect(found(config('    log /dev/log local0\n', '    log 127.0.0.1 local0 err\n'))).toEqual([]);
  });
  it('no finding when one target lets info through (the Debian default: local0 everything, local1 notice)', () => {
    expect(found(config('    log /dev/log local0\n    log /dev/log local1 notice\n'))).toEqual([]);
    expect(found(config('    log 127.0.0.1 len 2048 format rfc5424 local0 info notice\n'))).toEqual([]);
  });
});

// Each message is what haproxy -c -dr 2.6.12 printed for the same line (hand-written configs, checked by hand).
describe('2.6 argument checks found by the regression-test corpus', () => {
  const LISTEN = `${BASE}listen li\n    bind :8080\n`;
  const errorsAt12 = (text: string) => lint(text).filter((r) => r.severity === 'error' && r.line === 12).map((r) => r.message);
  it.each([
    ['option httpchk GET / HTTP/1.1 www.example.com', "'option httpchk' cannot handle unexpected argument 'www.example.com'."],
    ['compression direction both', "'compression' expects 'algo', 'type' or 'offload'"],
    ['compression algo', "'compression' expects <algorithm>."],
    ['compression algo gzip brotli', "'compression' : 'brotli' is not a supported algorithm."],
    ['server s1 quic4@127.0.0.1:8443', "'server li/s1' : unsupported stream protocol for datagram family 2 address 'quic4@127.0.0.1:8443'; QUIC is not compiled in if this is what you were looking for."],
    ['server s1 127.0.0.1:80 proto qmux', "'server li/s1' : 'proto' :  unknown MUX protocol 'qmux'."],
    ['bind quic4@:8443', "'bind' : unsupported stream protocol for datagram family 2 address 'quic4@:8443'; QUIC is not compiled in if this is what you were looking for."],
    ['bind :8443 proto qmux', "'bind :8443' in section 'listen' : 'proto' :  unknown MUX protocol 'qmux'"],
  ])('%s', (line, message) => {
    expect(errorsAt12(`${LISTEN}    ${line}\n`)).toEqual([message]);
  });
  it.each(['server s1 127.0.0.1:80 proto h2', 'bind :8443 proto h2', 'option httpchk GET /health HTTP/1.1', 'compression algo gzip deflate', 'compression type text/html text/plain', 'compression offload'])('accepts %s', (line) => {
    expect(errorsAt12(`${LISTEN}    ${line}\n`)).toEqual([]);
  });
  it('3.x syntax is accepted for a 3.x target', () => {
    const text = `${LISTEN}    compression direction both\n    mode log\n`;
    expect(lint(text, { haproxyVersion: '3.2' }).filter((r) => r.ruleId === 'invalid-argument')).toEqual([]);
  });
  it('an empty configuration has no listener, as haproxy -c says (exit 2)', () => {
    expect(lint('# nothing here\n').map((r) => [r.ruleId, r.line])).toEqual([['no-listener', 1]]);
  });
});

// Rule actions: what haproxy -c 2.6.12 refused or took (hand-written lines, checked by hand with the real binary).
describe('rule actions', () => {
  const LISTEN = `${BASE}listen li\n    bind :8080\n    stick-table type ip size 1m\n    server s1 10.0.0.1:80\n`;
  const errors = (line: string, version?: string) =>
    lint(`${LISTEN}    ${line}\n`, version ? { haproxyVersion: version } : {}).filter((r) => r.severity === 'error' && r.line === 14).map((r) => r.message);
  it.each([
    ['http-request bogus', "'http-request' expects an action HAProxy 2.6 knows (got 'bogus')"],
    ['http-request set-heder X y', "'http-request' expects an action HAProxy 2.6 knows (got 'set-heder'); did you mean 'set-header' maybe ?"],
    ['http-after-response deny', "'http-after-response' expects an action HAProxy 2.6 knows (got 'deny')"],
    ['tcp-request session attach-srv be/s1', "'tcp-request session' expects an action HAProxy 2.6 knows (got 'attach-srv'); did you mean 'accept' maybe ?"],
    ['tcp-request bogus accept', "'tcp-request' expects 'inspect-delay', 'connection', or 'content' in proxy 'li' (got 'bogus')"],
    ['tcp-response bogus', "'tcp-response' expects 'inspect-delay' or 'content' in proxy 'li' (got 'bogus')"],
    ['tcp-request', "missing argument for 'tcp-request' in proxy 'li'"],
  ])('%s', (line, message) => {
    expect(errors(line)).toContainEqual(message);
  });
  it.each([
    'http-request set-var(txn.x) str(a)', 'http-request track-sc0 src', 'tcp-request session track-sc1 src', 'tcp-request content accept',
    'tcp-request inspect-delay 5s', 'tcp-response content close', 'http-response set-status 503', 'http-request sc-inc-gpc0(0)',
    'http-request lua.auth', 'tcp-request content lua.route',
  ])('accepts %s', (line) => {
    expect(errors(line)).toEqual([]);
  });
  it('takes the target version\'s actions: attach-srv exists in 3.2', () => {
    expect(errors('tcp-request session attach-srv be/s1', '3.2')).toEqual([]);
  });
});

// The warnings haproxy -c 2.6 prints for HTTP settings in a TCP proxy, compared with the real binary when installed.
describe('ignored-in-tcp-mode', () => {
  const text = `global\n    log 127.0.0.1:514 local0\n    maxconn 100\ndefaults\n    log global\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\nlisten li\n    mode tcp\n    bind :8080\n    http-request deny if { path /x }\n    http-response set-header X y\n    option httplog\n    option forwardfor\n    cookie SRV insert\n    balance uri\n    stats enable\n    redirect prefix /x\n    server s1 127.0.0.1:80 cookie a\nfrontend up\n    bind :8081\n    tcp-request content switch-mode http\n    http-request deny if { path /x }\n    default_backend li\n`;
  const messages = lint(text).filter((r) => r.ruleId === 'ignored-in-tcp-mode').map((r) => r.message);
  it('finds every ignored setting once, and nothing in a proxy upgraded with switch-mode http', () => {
    expect(messages).toHaveLength(9);
    expect(messages.every((m) => m.includes("proxy 'li'"))).toBe(true);
  });
  const haproxy = spawnSync('haproxy', ['-v']).status === 0;
  if (!haproxy) console.warn('ignored-in-tcp-mode oracle skipped: haproxy is not installed (.ci/run installs it)');
  it.skipIf(!haproxy)('haproxy -c -dr prints the same warnings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-mode-'));
    try {
      writeFileSync(path.join(dir, 'h.cfg'), text);
      const out = spawnSync('haproxy', ['-c', '-dr', '-f', path.join(dir, 'h.cfg')], { encoding: 'utf8' });
      const warnings = `${out.stdout}${out.stderr}`.split('\n').filter((l) => l.includes('[WARNING]')).map((l) => l.replace(/^.*?: config : (?:parsing \[[^\]]*\] : )?/, ''));
      expect([...messages].sort()).toEqual([...warnings].filter((w) => !w.startsWith('log format ignored')).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('aggressive-health-check: timeout check', () => {
  const at = (value: string) => lines(`${BASE}backend be\n    timeout check ${value}\n    server a 10.0.0.1:80 check\n`, 'aggressive-health-check');
  it('warns below 100 ms, not at 100 ms or above, nor for 0 (no extra timeout)', () => {
    expect(at('50ms')).toEqual([11]);
    expect(at('20')).toEqual([11]);
    expect(at('100ms')).toEqual([]);
    expect(at('2s')).toEqual([]);
    expect(at('0')).toEqual([]);
  });
});
