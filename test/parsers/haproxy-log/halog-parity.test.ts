// LogSummarizer against halog (HAProxy's own log analyzer): -st, -tc and -srv must give the same counts.
//
// halog reads fields by position, was written for httplog behind a 5-field syslog prefix, and has quirks
// that we do not copy. Each is handled explicitly below, never by loosening the comparison:
//   1. CLF lines: halog's accept-date field is `-` there, so it skips them (checked: halog's output is the same
//      with and without them); they are removed from our input for the comparison.
//   2. TCP lines: halog -st takes their byte count for a status (added to our side from the parsed records);
//      halog -tc finds no 14th field and skips them (removed from our side); halog -srv lists their server with
//      all counts 0 (we count them as `other`): such servers must be all-zero in halog and are then set aside.
//   3. Error-log-format lines (`ip:port [date] fe/bind: Connection error during SSL handshake`): halog -st counts
//      them as status 0 and -srv lists a "server" named after the message's first word (`Connection`) with zero
//      counts; they are events (warnings) for us.
//   4. State-change, health-check and alert lines: skipped by halog (parse errors) and not counted by us: no
//      adjustment needed, which the test proves by keeping them in the input.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogSummary } from '../../../src/model/haproxy-log.js';
import { parseLogLine } from '../../../src/parsers/haproxy-log/line-parser.js';
import { LogSummarizer } from '../../../src/parsers/haproxy-log/summary.js';
// @ts-expect-error plain ESM generator shared with the benchmark
import { generateHaproxyLog } from '../../../bench/generate-haproxy-log.mjs';
import { FIXTURES, fixtureLines } from './helpers.js';

const HALOG = '/usr/sbin/halog';
const hasHalog = existsSync(HALOG);
if (!hasHalog) console.log(`halog parity skipped: ${HALOG} not found (Debian/Ubuntu package haproxy ships it)`);

const work = mkdtempSync(join(tmpdir(), 'hd-halog-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function halog(file: string, args: string[]): string {
  return execFileSync('sh', ['-c', `"${HALOG}" ${args.join(' ')} < "${file}"`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

function halogCounts(file: string, skip: string[]) {
  const st: Record<string, number> = {};
  for (const l of halog(file, ['-st', ...skip]).split('\n')) {
    if (!l) continue;
    const [k, n] = l.split(' ');
    st[k!] = Number(n);
  }
  const tc: Record<string, number> = {};
  for (const l of halog(file, ['-tc', ...skip]).split('\n')) {
    if (l.length < 4) continue;
    tc[l.slice(0, 2)] = Number(l.slice(3));
  }
  const srv: Record<string, number[]> = {};
  for (const l of halog(file, ['-srv', ...skip]).split('\n')) {
    if (!l || l.startsWith('#')) continue;
    const f = l.split(' ');
    // name 1xx 2xx 3xx 4xx 5xx other tot_req req_ok pct_ok avg_ct avg_rt
    srv[f[0]!] = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11].map((i) => Number(f[i]));
  }
  return { st, tc, srv };
}

interface Quirks {
  clfLines: Set<number>;
  tcpBytes: Record<string, number>;
  tcpTs: Record<string, number>;
  tcpServers: Set<string>;
  errorFormatLines: number;
  errorFormatServers: Set<string>;
}

function classify(lines: string[]): Quirks {
  const q: Quirks = { clfLines: new Set(), tcpBytes: {}, tcpTs: {}, tcpServers: new Set(), errorFormatLines: 0, errorFormatServers: new Set() };
  lines.forEach((line, i) => {
    const r = parseLogLine(line, { year: 2026 });
    if (!r) return;
    if (r.type === 'tcp') {
      q.tcpBytes[r.bytes!] = (q.tcpBytes[r.bytes!] ?? 0) + 1;
      const ts = r.terminationState.slice(0, 2);
      q.tcpTs[ts] = (q.tcpTs[ts] ?? 0) + 1;
      q.tcpServers.add(`${r.backend}/${r.server}`);
    } else if (r.type === 'http' && r.acceptDate?.includes(' ')) {
      q.clfLines.add(i);
    } else if (r.type === 'warning' && / \[\d/.test(r.message) && r.message.includes(': ')) {
      q.errorFormatLines++;
      // halog reads the server at the 4th field: the first word of the message
      q.errorFormatServers.add(r.message.split(' ')[3]!);
    }
  });
  return q;
}

function ours(lines: string[], q: Quirks): LogSummary {
  const s = new LogSummarizer({ year: 2026 });
  lines.forEach((l, i) => {
    if (!q.clfLines.has(i)) s.add(l, i + 1);
  });
  return s.summary();
}

function checkParity(name: string, lines: string[], skip: string[]) {
  const file = join(work, `${name}.log`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const q = classify(lines);
  const h = halogCounts(file, skip);
  // quirk 1: halog ignores CLF lines
  if (q.clfLines.size > 0) {
    const noClf = join(work, `${name}-noclf.log`);
    writeFileSync(noClf, `${lines.filter((_, i) => !q.clfLines.has(i)).join('\n')}\n`);
    expect(halogCounts(noClf, skip), 'halog skips CLF lines').toEqual(h);
  }
  const s = ours(lines, q);

  // -st: ours + TCP byte counts (quirk 2) + error-format lines as status 0 (quirk 3)
  const st: Record<string, number> = { ...s.statusCodes };
  for (const [k, n] of Object.entries(q.tcpBytes)) st[k] = (st[k] ?? 0) + n;
  if (q.errorFormatLines > 0) st['0'] = (st['0'] ?? 0) + q.errorFormatLines;
  expect(h.st, 'halog -st').toEqual(st);

  // -tc: ours - TCP termination states (quirk 2)
  const tc: Record<string, number> = { ...s.terminationStates };
  for (const [k, n] of Object.entries(q.tcpTs)) {
    tc[k]! -= n;
    if (tc[k] === 0) delete tc[k];
  }
  expect(h.tc, 'halog -tc').toEqual(tc);

  // -srv: servers of TCP lines and of error-format lines are all-zero in halog (quirks 2, 3)
  const halogSrv = { ...h.srv };
  for (const key of [...q.tcpServers, ...q.errorFormatServers]) {
    expect(halogSrv[key], `halog -srv ${key}`).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    delete halogSrv[key];
  }
  const srv: Record<string, number[]> = {};
  for (const [key, v] of Object.entries(s.servers)) {
    if (q.tcpServers.has(key)) continue;
    srv[key] = [
      v['1xx'],
      v['2xx'],
      v['3xx'],
      v['4xx'],
      v['5xx'],
      v.other,
      v.requests,
      v.ok ?? 0,
      Math.trunc(v.connectTimeSum / (v.connectTimeCount || 1)),
      Math.trunc(v.responseTimeSum / (v.responseTimeCount || 1)),
    ];
  }
  expect(halogSrv, 'halog -srv').toEqual(srv);
  return { q, s, h };
}

describe.skipIf(!hasHalog)('parity with halog -st / -tc / -srv', () => {
  it('real rsyslog traditional file (halog default field offsets)', () => {
    const { q, s } = checkParity('traditional', fixtureLines('rsyslog-traditional.log'), []);
    expect(q.tcpServers.size).toBe(1);
    expect(q.clfLines.size).toBe(3);
    expect(s.parsed).toBe(s.lines);
  });

  it('real raw stdout capture (halog -s -4: no syslog prefix)', () => {
    checkParity('raw', fixtureLines('raw-stdout.log'), ['-s', '-4']);
  });

  it('generated 50,000-line log mixing statuses, states, NOSRV, TCP, CLF, events and junk', () => {
    const { text, meta } = generateHaproxyLog({ lines: 50_000, seed: 2026 });
    const lines = (text as string).split('\n').slice(0, -1);
    const { q, s } = checkParity('generated', lines, []);
    // our classification of the quirky lines matches what the generator wrote
    expect(Object.values(q.tcpTs).reduce((a, b) => a + b, 0)).toBe([...meta.tcpTerminationStates.values()].reduce((a: number, b: number) => a + b, 0));
    expect(q.errorFormatLines).toBe(meta.errorFormatLines);
    expect(s.unparsed).toBe(meta.garbage);
    expect(s.parsed).toBe(meta.traffic - q.clfLines.size + meta.events + meta.errorFormatLines);
  });

  it('generated log without syslog prefix (halog -s -4)', () => {
    const { text } = generateHaproxyLog({ lines: 20_000, seed: 99, prefix: 'raw' });
    checkParity('generated-raw', (text as string).split('\n').slice(0, -1), ['-s', '-4']);
  });

  it('fixture folder is where the helper says', () => {
    expect(existsSync(join(FIXTURES, 'raw-stdout.log'))).toBe(true);
  });
});
