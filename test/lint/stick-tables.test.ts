// Stick-table arguments and table references. The configs are hand-written, one behaviour each; every case is also
// run through the real `haproxy -c -dr` when it is installed (CI installs it), so the expected verdicts are HAProxy's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeOptionProblem, tableArgumentIndex } from '../../src/lint/check-stick-tables.js';
import { lintSources } from '../../src/lint/lint-files.js';
import { LINT_BASE as BASE } from '../helpers/lint-base.js';

/** A frontend (line 10) whose line 12 is the case's, plus a backend `be` without a table and `tb` with one. */
const config = (line: string, extra = '') =>
  `${BASE}frontend fe\n    bind :8080\n    ${line}\n    default_backend be\nbackend be\n    server s1 10.0.0.1:80\nbackend tb\n    stick-table type ip size 1m store http_req_rate(10s),gpc(2)\n${extra}`;

interface Case { line: string; extra?: string; ruleId?: string; message?: string }
const CASES: Case[] = [
  // references
  { line: 'http-request track-sc0 src table nosuch', ruleId: 'unknown-reference', message: "Proxy 'fe': unable to find table 'nosuch' referenced by track-sc0." },
  { line: 'http-request track-sc0 src', ruleId: 'unknown-reference', message: "Proxy 'fe': unable to find table 'fe' referenced by track-sc0." },
  { line: 'tcp-request connection track-sc1 src table be', ruleId: 'unknown-reference', message: "Proxy 'fe': unable to find table 'be' referenced by track-sc1." },
  { line: 'http-request track-sc2 src table tb if { path /api }' },
  { line: 'http-request deny if { src_conn_cur(nosuch) gt 10 }', ruleId: 'unknown-reference', message: "unable to find table 'nosuch' referenced in arg 1 of ACL keyword 'src_conn_cur' in proxy 'fe'." },
  { line: 'http-request deny if { src_conn_cur gt 10 }', ruleId: 'unknown-reference', message: "unable to find table 'fe' referenced in arg 1 of ACL keyword 'src_conn_cur' in proxy 'fe'." },
  { line: 'acl abuse sc_get_gpc(0,0,nosuch) gt 1', ruleId: 'unknown-reference', message: "unable to find table 'nosuch' referenced in arg 3 of ACL keyword 'sc_get_gpc' in proxy 'fe'." },
  { line: 'http-request set-header X %[sc_http_req_rate(0,nosuch)]', ruleId: 'unknown-reference' },
  { line: 'http-request set-var(txn.x) src,table_conn_cnt(nosuch)', ruleId: 'unknown-reference' },
  { line: 'http-request deny if { sc0_http_req_rate gt 10 }' },
  { line: 'http-request deny if { src_port lt 1024 }' },
  { line: 'http-request set-header X %[sc_http_req_rate(0,tb)] if { src_get_gpc(1,tb) gt 0 } { table_cnt(tb) gt 1 }' },
  { line: 'http-request track-sc0 src table p/t1', extra: 'peers p\n    peer a 127.0.0.1:10000\n    table t1 type ip size 1m\n' },
  { line: 'http-request track-sc0 src table t1', extra: 'peers p\n    peer a 127.0.0.1:10000\n    table t1 type ip size 1m\n', ruleId: 'unknown-reference' },
  { line: 'http-request track-sc3 src table tb', ruleId: 'invalid-argument', message: "error detected in frontend 'fe' while parsing 'http-request track-sc3' rule : 3 track-sc number exceeding 2 (MAX_SESS_STKCTR-1) value." },
  { line: 'http-request track-sc0 src table', ruleId: 'invalid-argument' },
  { line: 'http-request track-sc0', ruleId: 'invalid-argument' },
  // arguments
  { line: 'stick-table type ip size 1m expire 30s store gpc0,gpc0_rate(10s),gpc1,gpt(3),server_id' },
  { line: 'stick-table type ip size 1m store gpc_rate(2,1m),gpc0,gpc(3)', ruleId: 'invalid-argument', message: "stick-table: simultaneous usage of 'gpc' and 'gpc[0/1]' in a same table is not permitted as 'gpc' overrides 'gpc[0/1]'." },
  { line: 'stick-table type ip size 1m store gpc1_rate(1s),gpc_rate(2,1m)', ruleId: 'invalid-argument' },
  { line: 'stick-table type string len 32 size 100k peers p nopurge srvkey addr', extra: 'peers p\n    peer a 127.0.0.1:10000\n' },
  { line: 'stick-table type ip', ruleId: 'invalid-argument', message: 'stick-table: missing size.' },
  { line: 'stick-table size 1m', ruleId: 'invalid-argument', message: 'stick-table: missing type.' },
  { line: 'stick-table type ipv4 size 1m', ruleId: 'invalid-argument', message: "stick-table: unknown type 'ipv4'." },
  { line: 'stick-table type ip size 10x', ruleId: 'invalid-argument', message: "stick-table: unexpected character 'x' in argument of 'size'." },
  { line: 'stick-table type ip size 1m expire 3q', ruleId: 'invalid-argument', message: "stick-table: unexpected character 'q' in argument of 'expire'." },
  { line: 'stick-table type ip len 4 size 1m', ruleId: 'invalid-argument', message: "stick-table: unknown argument 'len'." },
  { line: 'stick-table type ip size 1m store foo', ruleId: 'invalid-argument', message: "stick-table: unknown store option 'foo'." },
  { line: 'stick-table type ip size 1m store conn_rate', ruleId: 'invalid-argument', message: "stick-table: missing argument to store option 'conn_rate'." },
  { line: 'stick-table type ip size 1m store gpc(200)', ruleId: 'invalid-argument' },
  { line: 'stick-table type ip size 1m store gpc0(3)', ruleId: 'invalid-argument' },
  { line: 'stick-table type ip size 1m srvkey foo', ruleId: 'invalid-argument' },
  { line: 'stick-table type ip size 1m store gpc0,gpc0', ruleId: 'suspicious-value', message: "stick-table: store option 'gpc0' already enabled, ignored." },
];

const lint = (text: string) => lintSources([{ file: 'haproxy.cfg', text }]);
const HAPROXY = spawnSync('haproxy', ['-v']).status === 0;
if (!HAPROXY) console.warn('stick-table oracle test skipped: haproxy is not installed (.ci/run installs it)');
const dir = mkdtempSync(path.join(tmpdir(), 'hd-stick-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stick tables', () => {
  it.each(CASES)('$line $extra', ({ line, extra, ruleId, message }) => {
    const findings = lint(config(line, extra)).filter((r) => ['unknown-reference', 'invalid-argument', 'suspicious-value'].includes(r.ruleId));
    if (ruleId === undefined) expect(findings).toEqual([]);
    else {
      expect(findings.map((f) => [f.ruleId, f.line])).toContainEqual([ruleId, 12]);
      if (message) expect(findings.find((f) => f.ruleId === ruleId)?.message).toBe(message);
    }
  });

  it.skipIf(!HAPROXY)('haproxy -c -dr gives the same verdict on every case', () => {
    const disagreements: string[] = [];
    CASES.forEach(({ line, extra, ruleId }, i) => {
      const file = path.join(dir, `case-${i}.cfg`);
      writeFileSync(file, config(line, extra));
      const run = spawnSync('haproxy', ['-c', '-dr', '-f', file], { encoding: 'utf8' });
      const haproxyRejects = run.status !== 0;
      const warned = /\[WARNING\]/.test(run.stderr + run.stdout);
      const weReject = ruleId !== undefined && ruleId !== 'suspicious-value';
      if (haproxyRejects !== weReject || (ruleId === 'suspicious-value' && !warned)) disagreements.push(`${line}: haproxy rc ${run.status}`);
    });
    expect(disagreements).toEqual([]);
  });
});

describe('table argument positions', () => {
  it.each([
    ['sc_http_req_rate', 2], ['sc_get_gpc', 3], ['sc0_conn_cur', 1], ['src_conn_cur', 1], ['src_get_gpc', 2],
    ['table_conn_cnt', 1], ['table_gpc', 2], ['in_table', 1], ['src_port', undefined], ['src_is_local', undefined],
  ] as const)('%s: table is arg %s', (name, index) => {
    expect(tableArgumentIndex(name)).toBe(index);
  });
  it('store options', () => {
    expect(storeOptionProblem('http_req_rate(10s)')).toBeUndefined();
    expect(storeOptionProblem('http_req_rate(10x)')).toBe("error when processing store option 'http_req_rate'.");
    expect(storeOptionProblem('gpt(0)')).toBe("array size is out of allowed range (1-100) for store option 'gpt'.");
    expect(storeOptionProblem('gpc_rate(3)')).toBe("missing argument to store option 'gpc_rate'.");
  });
});

describe('newer targets', () => {
  it('checks table references but not 2.6 arguments: 3.x takes write-to and more counters', () => {
    const findings = (line: string, version: string) => lintSources([{ file: 'h.cfg', text: config(line) }], { haproxyVersion: version }).map((r) => r.ruleId);
    expect(findings('stick-table type ip size 1m write-to tb', '3.2')).not.toContain('invalid-argument');
    expect(findings('http-request track-sc5 src table nosuch', '3.2')).toContain('unknown-reference');
    expect(findings('http-request track-sc5 src table nosuch', '3.2')).not.toContain('invalid-argument');
    expect(findings('http-request track-sc5 src table nosuch', '2.6')).toContain('invalid-argument');
  });
});
