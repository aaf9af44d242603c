// The WebAssembly line scanner (wasm/*.c): the committed module is the one its C compiles to, its records are what
// scanTrafficBytes reads, and `logs` gives the same report with it as without it, wherever the module counts lines
// itself and wherever it hands them back (test/logs/logs.test.ts runs the line-level equivalence tests in both modes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LogsObserver, type LogsFilters } from '../../src/logs/observer.js';
import { readFileRange } from '../../src/logs/range.js';
import { ByteLineSplitter } from '../../src/parsers/haproxy-log/byte-line-splitter.js';
import { LogsAccumulator } from '../../src/logs/report.js';
import { LINE_SCAN_SOURCE_SHA256, LINE_SCAN_WASM_BASE64 } from '../../src/parsers/haproxy-log/line-scan.generated.js';
import * as L from '../../src/parsers/haproxy-log/line-scanner.js';
import { LogSummarizer } from '../../src/parsers/haproxy-log/summary.js';
import { scanTrafficBytes } from '../../src/parsers/haproxy-log/traffic-scan-bytes.js';
import { newTrafficScan } from '../../src/parsers/haproxy-log/traffic-scan.js';
// @ts-expect-error plain ESM build script
import { compileWasm, findClang, sourceHash } from '../../scripts/build-wasm.mjs';
// @ts-expect-error plain ESM generator shared with the benchmark
import { generateHaproxyLog } from '../../bench/generate-haproxy-log.mjs';

const work = mkdtempSync(join(tmpdir(), 'hd-line-scanner-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const scanner = L.lineScanner()!;

describe('the committed module', () => {
  it('was made from the C in wasm/ as it is (edit the C, then `npm run build` with clang-14)', () => {
    expect(LINE_SCAN_SOURCE_SHA256).toBe(sourceHash());
  });

  const clang = findClang();
  if (!clang) console.log('line-scanner.test: no clang-14/wasm-ld-14 here (Debian clang-14, lld-14; .ci/run installs them): the recompile check is skipped');
  it.skipIf(!clang)('is byte for byte what clang makes of it now', () => {
    expect(compileWasm(clang).toString('base64')).toBe(LINE_SCAN_WASM_BASE64);
  });

  it('loads and lays records out as line-scanner.ts reads them', () => {
    expect(scanner).toBeDefined();
    expect(scanner.stride).toBeGreaterThan(L.R_QUEUE + 1);
  });
});

/** Records of `text` read by the module after `prefix` (no counting), as plain objects. */
function scan(text: string, prefix: string) {
  scanner.owner = undefined;
  scanner.setAggregating(false);
  const bytes = Buffer.from(text);
  scanner.chunk.set(bytes);
  scanner.setPrefix(Buffer.from(prefix), 0, 0, 0, false);
  const n = scanner.scanLines(0, bytes.length, 0, scanner.maxRecords);
  const r = scanner.records;
  return Array.from({ length: n }, (_, k) => r.slice(k * scanner.stride, (k + 1) * scanner.stride));
}

describe('records = scanTrafficBytes', () => {
  const prefix = 'Nov 28 08:00:00 lb haproxy[1]: ';
  const lines = [
    '10.0.0.1:5370 [28/Nov/2026:07:59:58.841] fe be/s1 20/0/3/112/136 301 43991 - - ---- 1/2/3/4/0 5/6 "GET / HTTP/1.1"',
    '10.0.0.1:5370 [28/Nov/2026:07:59:58.841] fe~ be/s1 -1/-1/-1/-1/+30002 -1 +0 - - cD-- 231/58/19/2/3 0/0 "GET / HTTP/1.1"',
    '::1:5370 [28/Nov/2026:07:59:58.841] fe be/<NOSRV> 0/-1/3 +12 SC 1/2/3/4/0 0/0',
    'unix:1 [28/Nov/2026:07:59:58.841] fe be/s1 0/0/3 120 -- 1/1/1/1/0 0/0',
    // not traffic lines, or numbers the int32 record cannot hold: SLOW
    'Server be/s1 is DOWN, reason: Layer4 timeout, check duration: 2001ms.',
    '10.0.0.1:5370 [28/Nov/2026:07:59:58.841] fe be/s1 20/0/3/112/1360000000 301 43991 - - ---- 1/2/3/4/0 5/6 "GET /"',
    '10.0.0.1:5370 [28/Nov/2026:07:59:58.841] fe be/s1 20/0/3/112 301 43991 - - ---- 1/2/3/4/0 5/6',
    '10.0.0.1:5370 [28/Nov/2026:07:59:58.841] fe be/s1 20/0/3/112/136 301 43991 - - ---- 1/2/3/4/0 5/6/7',
  ];

  it('field for field on hand-picked lines', () => {
    const text = lines.map((l) => `${prefix}${l}\n`).join('');
    const records = scan(text, prefix);
    expect(records).toHaveLength(lines.length);
    const b = new Uint8Array(Buffer.from(text));
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const t = newTrafficScan();
    const kinds = records.map((r) => {
      const ok = scanTrafficBytes(b, dv, r[L.R_START]! + prefix.length, r[L.R_END]!, t);
      if (r[L.R_KIND] === L.RECORD_SLOW) return ok && t.timers.some((v) => Math.abs(v) > 999_999_999) ? 'big' : ok ? 'MISSED' : 'slow';
      expect(ok).toBe(true);
      expect([r[L.R_KIND], r[L.R_SRV_START], r[L.R_SRV_END], r[L.R_TS_START], r[L.R_DATE_START], r[L.R_DATE_END], r[L.R_FE_START], r[L.R_FE_END], r[L.R_AFTER_QUEUE]]).toEqual([t.kind, t.srvStart, t.srvEnd, t.tsStart, t.dateStart, t.dateEnd, t.feStart, t.feEnd, t.afterQueue]);
      expect([...r.slice(L.R_TIMERS, L.R_TIMERS + t.nTimers)]).toEqual([...t.timers.slice(0, t.nTimers)]);
      expect([...r.slice(L.R_CONNS, L.R_CONNS + 5), ...r.slice(L.R_QUEUE, L.R_QUEUE + 2)]).toEqual([...t.conns, ...t.queue]);
      return 'read';
    });
    expect(kinds).toEqual(['read', 'read', 'read', 'read', 'slow', 'big', 'slow', 'slow']);
  });

  it('never reads a line scanTrafficBytes refuses, nor reads one differently (arbitrary bytes around real fields)', () => {
    const piece = fc.constantFrom('10.0.0.1:53', '[28/Nov/2026:07:59:58.841]', ' ', 'fe', 'be/s1', '20/0/3/112/136', '-1', '/', '+', '301', '- -', '----', 'SC', '1/2/3/4/0', '0/0', '\r', 'é', '9999999999', ':', ']');
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 24 }).map((p) => p.join('')), { minLength: 1, maxLength: 20 }), (ls) => {
        const text = ls.map((l) => `${prefix}${l}\n`).join('');
        const b = new Uint8Array(Buffer.from(text));
        const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
        const t = newTrafficScan();
        for (const r of scan(text, prefix)) {
          if (r[L.R_KIND] === L.RECORD_SLOW) continue;
          expect(scanTrafficBytes(b, dv, r[L.R_START]! + prefix.length, r[L.R_END]!, t)).toBe(true);
          expect([r[L.R_KIND], r[L.R_SRV_END], r[L.R_TS_START], r[L.R_AFTER_QUEUE]]).toEqual([t.kind, t.srvEnd, t.tsStart, t.afterQueue]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** The `logs` report of one file read as one range, with or without the WebAssembly scanner. */
function report(file: string, wasm: boolean, filters: LogsFilters = {}) {
  const acc = new LogsAccumulator();
  acc.add(readFileRange({ file, label: 'x.log', start: 0, end: readFileSync(file).length, filters, year: 2026 }, undefined, undefined, undefined, wasm ? undefined : null), 0);
  return acc.report();
}

function logFile(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

describe('logs report with the module = without it', () => {
  const traffic = (server: string, minute: number, status = 200, conns = '1/1/1/1/0') =>
    `Nov 28 08:00:00 lb haproxy[1]: 10.0.0.1:5370 [28/Nov/2026:${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:58.841] fe be/${server} 20/0/3/112/136 ${status} 43991 - - SC-- ${conns} 0/0 "GET / HTTP/1.1"`;

  it.each(['syslog', 'raw', 'precise', 'pri', 'iso', 'rfc5424'])('generated log, prefix %s, counted in bulk and with filters', (prefix) => {
    const file = logFile(`gen-${prefix}.log`, generateHaproxyLog({ lines: 30_000, seed: 21, prefix }).text);
    expect(report(file, true)).toEqual(report(file, false));
    const filters = { statuses: ['5xx'], backends: ['be_app'] };
    expect(report(file, true, filters)).toEqual(report(file, false, filters));
  });

  it('CRLF lines, lines over 64 KB, a last line without newline, lines across 256 KB reads', () => {
    const gen: string = generateHaproxyLog({ lines: 8_000, seed: 4 }).text;
    const lines = gen.split('\n');
    const mixed = lines.map((l, i) => (i % 7 === 0 ? `${l}\r` : i % 1000 === 5 ? `${l} ${'x'.repeat(70_000)}` : l)).join('\n');
    const file = logFile('mixed.log', mixed.replace(/\n$/, ''));
    expect(report(file, true)).toEqual(report(file, false));
  });

  it('more servers than the module holds before it hands over, and more than MAX_KEYS: the same ones dropped', () => {
    const lines: string[] = [];
    for (let k = 0; k < 12_500; k++) lines.push(traffic(`s${k}`, k % 50, 200 + (k % 4) * 100, `${k % 97}/1/1/${k % 13}/0`));
    for (let k = 0; k < 3_000; k++) lines.push(traffic(`s${k % 1500}`, 7, 503));
    const file = logFile('servers.log', `${lines.join('\n')}\n`);
    const r = report(file, true);
    expect(r).toEqual(report(file, false));
    expect(r.droppedKeys).toBeGreaterThan(0);
  });

  it('more minutes than the module holds before it hands over; peaks tied between lines it counts and lines it hands back', () => {
    const lines: string[] = [];
    for (let k = 0; k < 9_000; k++) {
      // every third line a status the module leaves to TypeScript (outside -1..999), with the same peak value
      lines.push(traffic('s1', k, k % 3 === 0 ? 1200 : 200, '50/50/50/50/0'));
    }
    const file = logFile('minutes.log', `${lines.join('\n')}\n`);
    const r = report(file, true);
    expect(r).toEqual(report(file, false));
    expect(r.peaks.actconn).toMatchObject({ value: 50, line: 1 });
  });

  it('two splitters of one thread taking turns (the module hands its counts to the right one)', () => {
    const a: string = generateHaproxyLog({ lines: 6_000, seed: 31 }).text;
    const b: string = generateHaproxyLog({ lines: 6_000, seed: 32, prefix: 'iso' }).text;
    const alone = (text: string) => {
      const observer = new LogsObserver({});
      const s = new LogSummarizer({ year: 2026, observer });
      const split = new ByteLineSplitter(s);
      split.push(Buffer.from(text));
      split.end();
      return { summary: s.summary(), lines: split.lines };
    };
    const sinks = [a, b].map(() => {
      const observer = new LogsObserver({});
      const s = new LogSummarizer({ year: 2026, observer });
      return { s, split: new ByteLineSplitter(s) };
    });
    const ba = Buffer.from(a);
    const bb = Buffer.from(b);
    for (let o = 0; o < Math.max(ba.length, bb.length); o += 100_000) {
      sinks[0]!.split.push(ba.subarray(o, o + 100_000));
      sinks[1]!.split.push(bb.subarray(o, o + 100_000));
    }
    for (const { split } of sinks) split.end();
    expect({ summary: sinks[0]!.s.summary(), lines: sinks[0]!.split.lines }).toEqual(alone(a));
    expect({ summary: sinks[1]!.s.summary(), lines: sinks[1]!.split.lines }).toEqual(alone(b));
  });

  it('a CLI run uses it: logs on a generated file gives the report of the TypeScript path', () => {
    const file = logFile('cli.log', generateHaproxyLog({ lines: 5_000, seed: 8 }).text);
    const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
    const out = JSON.parse(execFileSync(process.execPath, [cli, 'logs', file, '--format', 'json'], { encoding: 'utf8' })) as { statusCodes: unknown };
    expect(out.statusCodes).toEqual(report(file, false).statusCodes);
  });
});
