// The `logs` pass: byte path vs string path, worker ranges vs one pass, filters, events, bad input.
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { LogSummarizer, summarizeText } from '../../src/parsers/haproxy-log/summary.js';
import { ByteLineSplitter } from '../../src/parsers/haproxy-log/byte-line-splitter.js';
import { readFileRange } from '../../src/logs/range.js';
import { LogsObserver, MAX_EVENTS_KEPT, type ObserverState } from '../../src/logs/observer.js';
import { SegmentEvents } from '../../src/logs/events-kept.js';
import { lineScanner, type LineScanner } from '../../src/parsers/haproxy-log/line-scanner.js';
import { LogsAccumulator } from '../../src/logs/report.js';
import { guidedTargets, runLogsAnalysis, splitAtNewlines } from '../../src/logs/run.js';
import { MAX_LINE_LENGTH } from '../../src/model/text-lines.js';
// @ts-expect-error plain ESM generator shared with the benchmark
import { generateHaproxyLog } from '../../bench/generate-haproxy-log.mjs';

const FIXTURES = new URL('../../fixtures/parsers/haproxy-log/', import.meta.url);
const Y = { year: 2026 };
const work = mkdtempSync(join(tmpdir(), 'hd-logs-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
/** Syslog prefixes of every header style, their timestamps for the tests to change. */
const PREFIX_SHAPES = [
  'Nov 28 08:00:00 lb haproxy[1]: ',
  'Nov  8 08:00:00.123456 lb haproxy[1]: ',
  '<134>Nov 28 08:00:00 haproxy[1]: ',
  '2026-11-28T08:00:00.123+00:00 lb haproxy[1]: ',
  '<134>1 2026-11-28T08:00:00.123Z lb haproxy 1 - - ',
];

/**
 * The byte path with the WebAssembly line scanner (which counts traffic lines itself where it may), and without it
 * (TypeScript only, as where WebAssembly cannot run, and for the lines the scanner leaves to TypeScript).
 */
const SCANNERS: [string, LineScanner | null][] = [
  ['WebAssembly scanner', lineScanner() ?? null],
  ['TypeScript only', null],
];

it('the WebAssembly line scanner loads here (the modes below differ)', () => {
  expect(lineScanner()).toBeDefined();
});

/** The observer's state in a fixed order: lines counted in bulk create minutes, servers and states in another order. */
function normalized(state: ObserverState): ObserverState {
  const byName = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return {
    ...state,
    minutes: state.minutes.map((m) => ({ ...m, states: [...m.states].sort(byName) })).sort((a, b) => a.minute - b.minute),
    servers: state.servers.map((d) => ({ ...d, errorStates: [...d.errorStates].sort(byName) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** The summary of raw bytes through the byte path, fed in chunks of `chunk` bytes. */
function byteSummaryWith(bytes: Buffer, chunk: number, scanner: LineScanner | null) {
  const s = new LogSummarizer(Y);
  const split = new ByteLineSplitter(s, scanner);
  for (let o = 0; o < bytes.length; o += chunk) split.push(bytes.subarray(o, Math.min(bytes.length, o + chunk)));
  split.end();
  return s.summary();
}

describe.each(SCANNERS)('byte path (LogSummarizer.addBytes), %s = string path (summarizeText)', (_mode, scanner) => {
  const byteSummary = (bytes: Buffer, chunk = 1 << 20) => byteSummaryWith(bytes, chunk, scanner);
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.log'));
  it.each(names)('real fixture %s', (name) => {
    const bytes = readFileSync(new URL(name, FIXTURES));
    expect(byteSummary(bytes)).toEqual(summarizeText(bytes.toString('utf8'), Y));
    expect(byteSummary(bytes, 7)).toEqual(summarizeText(bytes.toString('utf8'), Y)); // lines across chunk edges
  });

  it('generated log in every prefix (timestamps changing from line to line)', () => {
    for (const prefix of ['syslog', 'raw', 'precise', 'pri', 'iso', 'rfc5424']) {
      const text: string = generateHaproxyLog({ lines: 20_000, seed: 3, prefix }).text;
      expect(byteSummary(Buffer.from(text))).toEqual(summarizeText(text, Y));
    }
  });

  it('arbitrary mutations of real lines, non-UTF-8 bytes included (hand-made malformed input)', () => {
    // every syslog header shape (the byte path compares cached prefixes with their timestamp read by shape)
    const real = ['rsyslog-traditional.log', 'raw-stdout.log', 'rsyslog-iso.log', 'rsyslog-rfc5424.log', 'rsyslog-rfc3164-pri.log', 'clf.log', 'state-changes.log'].flatMap((n) => readFileSync(new URL(n, FIXTURES), 'utf8').split('\n'));
    const line = fc.tuple(fc.constantFrom(...real), fc.nat(), fc.nat(), fc.uint8Array({ maxLength: 6 })).map(([l, a, b, noise]) => {
      const bytes = Buffer.from(l);
      const at = a % (bytes.length + 1);
      const cut = b % 3 === 0 ? Math.min(bytes.length, at + (b % 40)) : at;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(noise.filter((x) => x !== 10)), bytes.subarray(cut)]);
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
        expect(byteSummary(bytes, 64)).toEqual(summarizeText(bytes.toString('utf8'), Y));
      }),
      { numRuns: 300 },
    );
  });

  it('timestamps of the syslog header changed digit by digit: same as the string path (which reads each header)', () => {
    const shapes = PREFIX_SHAPES;
    const msg = '10.0.0.1:5370 [28/Nov/2026:07:59:58.841] fe be/s1 20/0/3/112/136 301 43991 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"';
    const noise = fc.constantFrom(...'0123456789 :.-TZ<>[]aNDxé');
    const line = fc.tuple(fc.constantFrom(...shapes), fc.array(fc.tuple(fc.nat(), noise), { maxLength: 3 })).map(([prefix, edits]) => {
      const chars = [...prefix];
      for (const [at, c] of edits) chars[at % chars.length] = c;
      return chars.join('') + msg;
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
        const bytes = Buffer.from(lines.join('\n') + '\n');
        expect(byteSummary(bytes)).toEqual(summarizeText(bytes.toString('utf8'), Y));
      }),
      { numRuns: 500 },
    );
  });
});

describe.each(SCANNERS)('byte path, %s = string path, the logs observer included (events, timeline, peaks, percentiles)', (_mode, scanner) => {
  function run(text: string, bytes: boolean, filters = {}) {
    const observer = new LogsObserver(filters);
    const s = new LogSummarizer({ ...Y, observer });
    if (bytes) {
      const split = new ByteLineSplitter(s, scanner);
      split.push(Buffer.from(text));
      split.end();
    } else {
      text.split('\n').forEach((line, i, all) => {
        if (i < all.length - 1 || line !== '') s.add(line, i + 1);
      });
    }
    return { summary: s.summary(), observer: normalized(observer.state()) };
  }
  it('integers of 10 to 15 digits, and of 16 (not a traffic line), as the string path reads them', () => {
    const line = (timers: string, bytes: string, conns: string) =>
      `Nov 28 08:00:00 lb haproxy[1]: 10.0.0.1:5370 [28/Nov/2026:07:59:58.841] fe be/s1 ${timers} 200 ${bytes} - - ---- ${conns} 0/0 "GET / HTTP/1.1"`;
    const text = [
      line('20/0/3/112/136', '43991', '1/1/1/1/0'),
      line('2147483648/0/3/112/999999999999999', '123456789012345', '4294967297/1/1/1/0'),
      line('-1234567890/0/-3/112/136', '9999999999', '1/1/1/12345678901/0'),
      line('20/0/3/112/1360000000000000', '43991', '1/1/1/1/0'),
      '',
    ].join('\n');
    expect(run(text, true)).toEqual(run(text, false));
    expect(run(text, true).summary.parsed).toBe(3);
  });

  it('event, error and junk lines between traffic lines, timestamps changing second by second or with noise', () => {
    const shapes = [...PREFIX_SHAPES, ''];
    const traffic = '10.0.0.1:5370 [28/Nov/2026:07:59:58.841] fe be/s1 20/0/3/112/136 301 43991 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"';
    const events = [
      'Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left.',
      'backend be has no server available!',
      'Connect() failed for backend be: no free ports.',
      // error-log-format, truncated and junk lines (read from the bytes too, or remembered as unparsed)
      '10.0.0.2:4242 [28/Nov/2026:08:00:01.702] fe_https/1: Connection error during SSL handshake',
      '10.0.0.2:4242 [28/Nov/2026:08:00:01.702] fe',
      'random text that is not a log line',
      '',
    ];
    const noise = fc.constantFrom(...'0123456789 :.-TZ<>[]aNDxé');
    // mostly well-formed timestamps of one shape changing second by second, sometimes noise
    const line = fc
      .tuple(fc.constantFrom(...shapes), fc.integer({ min: 0, max: 59 }), fc.array(fc.tuple(fc.nat(), noise), { maxLength: 1 }), fc.constantFrom(traffic, traffic, ...events))
      .map(([shape, second, edits, msg]) => {
        const chars = [...shape.replace('08:00:00', `08:00:${String(second).padStart(2, '0')}`)];
        if (second % 4 === 0) for (const [at, c] of edits) chars[at % chars.length] = c;
        return chars.join('') + msg;
      });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        expect(run(text, true)).toEqual(run(text, false));
      }),
      { numRuns: 500 },
    );
  });

  it.each(['syslog', 'raw', 'iso', 'rfc5424'])('generated log, prefix %s, and its CLF lines alone', (prefix) => {
    const text: string = generateHaproxyLog({ lines: 20_000, seed: 11, prefix }).text;
    expect(run(text, true)).toEqual(run(text, false));
    const clf = `${text.split('\n').filter((l) => l.includes(' - - [')).join('\n')}\n`;
    expect(run(clf, true)).toEqual(run(clf, false));
    const filters = { backends: ['be_app'], statuses: ['5xx', '200'], frontends: ['fe_clf', 'fe_https', 'fe_main'] };
    expect(run(text, true, filters)).toEqual(run(text, false, filters));
  });
});

/** A generated log of `lines` lines written to `name`, and its report read as one range. */
function generatedLog(name: string, lines: number, seed: number) {
  const file = join(work, name);
  writeFileSync(file, generateHaproxyLog({ lines, seed }).text);
  const size = readFileSync(file).length;
  const one = new LogsAccumulator();
  one.add(readFileRange({ file, label: 'gen.log', start: 0, end: size, filters: {}, year: 2026 }), 0);
  return { file, size, one };
}

describe('ranges (worker threads) merge into the one-pass result', () => {
  it('4 ranges cut at newlines = 1 range, line numbers included', () => {
    const { file, size, one } = generatedLog('gen.log', 30_000, 5);
    const cuts = splitAtNewlines(file, size, 4);
    expect(cuts.length).toBe(5);
    const four = new LogsAccumulator();
    let offset = 0;
    for (let k = 0; k + 1 < cuts.length; k++) {
      const r = readFileRange({ file, label: 'gen.log', start: cuts[k]!, end: cuts[k + 1]!, filters: {}, year: 2026 });
      four.add(r, offset);
      offset += r.lines;
    }
    expect(offset).toBe(30_000);
    expect(four.report()).toEqual(one.report());
  });
});

describe('events kept per segment (SegmentEvents)', () => {
  it('a segment keeps none once the segments before it keep MAX_EVENTS_KEPT; the merged report is the same', () => {
    // about 5,000 events: the first of 4 segments alone has more than the report keeps
    const { file, size, one } = generatedLog('events.log', 100_000, 12);
    const cuts = splitAtNewlines(file, size, 4);
    const eventsKept = new SharedArrayBuffer(4 * (cuts.length - 1));
    const acc = new LogsAccumulator();
    let offset = 0;
    // in the order threads would finish them: the last segment first (nothing before it is known yet), then the others
    const order = [cuts.length - 2, ...Array.from({ length: cuts.length - 2 }, (_, k) => k)];
    const results = new Map<number, ReturnType<typeof readFileRange>>();
    for (const k of order) results.set(k, readFileRange({ file, label: 'gen.log', start: cuts[k]!, end: cuts[k + 1]!, filters: {}, year: 2026, eventsKept, index: k }));
    expect(results.get(0)!.observer.events.length).toBe(MAX_EVENTS_KEPT);
    expect(results.get(1)!.observer.events).toEqual([]);
    expect(results.get(cuts.length - 2)!.observer.events.length).toBeGreaterThan(0);
    for (let k = 0; k + 1 < cuts.length; k++) {
      acc.add(results.get(k)!, offset);
      offset += results.get(k)!.lines;
    }
    expect(acc.report()).toEqual(one.report());
  });

  it('a segment read again starts its count over (what other segments see never exceeds what it keeps)', () => {
    const kept = new SharedArrayBuffer(8);
    const first = new SegmentEvents(kept, 0);
    for (let k = 0; k < MAX_EVENTS_KEPT; k++) first.keep();
    expect(new SegmentEvents(kept, 1).earlierFull()).toBe(true);
    const again = new SegmentEvents(kept, 0);
    expect(new SegmentEvents(kept, 1).earlierFull()).toBe(false);
    for (let k = 0; k < MAX_EVENTS_KEPT; k++) again.keep();
    expect(new SegmentEvents(kept, 1).earlierFull()).toBe(true);
    expect(again.earlierFull()).toBe(false);
  });
});

describe('guided segments', () => {
  it('shrink from a share of the file to the minimum, within bounds, ascending', () => {
    const size = 2_000_000_000;
    const targets = guidedTargets(size, 2, 4 << 20, 64 << 20);
    const sizes = targets.map((t, i) => t - (targets[i - 1] ?? 0));
    expect(targets.every((t, i) => t > (targets[i - 1] ?? 0) && t < size)).toBe(true);
    expect(sizes.every((n, i) => n <= 64 << 20 && n >= 4 << 20 && n <= (sizes[i - 1] ?? n))).toBe(true);
    expect(sizes[0]).toBe(64 << 20);
    expect(sizes[sizes.length - 1]).toBe(4 << 20);
    expect(guidedTargets(1000, 2, 4 << 20, 64 << 20)).toEqual([]);
  });
});

describe('worker threads (dist/logs-worker.js, built by npm test) taking segments in turn', () => {
  const workerUrl = new URL('../../dist/logs-worker.js', import.meta.url);
  it.skipIf(!existsSync(workerUrl))('give the one-thread report, line numbers included', async () => {
    const file = join(work, 'segments.log');
    writeFileSync(file, generateHaproxyLog({ lines: 40_000, seed: 9 }).text);
    const one = await runLogsAnalysis([file], { year: 2026, threads: 1 });
    const many = await runLogsAnalysis([file], { year: 2026, threads: 3, workerUrl, parallelMinBytes: 1, segmentBytes: 256 << 10 });
    expect(many).toEqual(one);
    // a worker that cannot start costs speed, not the result
    const broken = await runLogsAnalysis([file], { year: 2026, threads: 2, workerUrl: new URL('file:///nonexistent/logs-worker.js'), parallelMinBytes: 1, segmentBytes: 1 << 20 });
    expect(broken).toEqual(one);
  });
});

describe('runLogsAnalysis on real fixtures', () => {
  const f = (n: string) => new URL(n, FIXTURES).pathname;

  it('keeps the contract counts of the summary and adds events, timeline, percentiles', async () => {
    const r = await runLogsAnalysis([f('raw-stdout.log')], { year: 2026 });
    const s = summarizeText(readFileSync(f('raw-stdout.log'), 'utf8'), Y);
    expect({ lines: r.lines, parsed: r.parsed, unparsed: r.unparsed, statusCodes: r.statusCodes, terminationStates: r.terminationStates }).toEqual({
      lines: s.lines, parsed: s.parsed, unparsed: s.unparsed, statusCodes: s.statusCodes, terminationStates: s.terminationStates,
    });
    // with option log-health-checks HAProxy 2.6 gives the reason on the failed check line just before the DOWN line
    const down = r.events.find((e) => e.state === 'DOWN' && e.server === 'node2' && !e.check);
    expect(down).toMatchObject({ backend: 'be_app', line: 51, file: f('raw-stdout.log') });
    const check = r.events.find((e) => e.check === 'failed' && e.state === 'DOWN' && e.server === 'node2');
    expect(check).toMatchObject({ line: 50, reason: 'Layer4 connection problem', info: 'Connection refused' });
    expect(r.events.some((e) => e.state === 'UP' && e.server === 'node2')).toBe(true);
    expect(r.timeline.reduce((n, m) => n + m.requests, 0)).toBe(Object.values(r.servers).reduce((n, e) => n + e.requests, 0));
    expect(r.timerPercentiles.http.Ta!.count).toBeGreaterThan(0);
    expect(r.backends.be_refused!.errorStates.SC).toBe(2);
    expect(r.peaks.srvQueue!.value).toBeGreaterThanOrEqual(0);
  });

  it('filters: --status 5xx, --backend, --termination', async () => {
    const all = await runLogsAnalysis([f('raw-stdout.log')], { year: 2026 });
    const five = await runLogsAnalysis([f('raw-stdout.log')], { year: 2026, filters: { statuses: ['5xx'] } });
    expect(five.statusCodes).toEqual({ '500': all.statusCodes['500'], '503': all.statusCodes['503'], '504': all.statusCodes['504'] });
    expect(five.filtered).toBe(all.parsed - all.events.length - Object.values(five.statusCodes).reduce((a, b) => a + b, 0));
    const be = await runLogsAnalysis([f('raw-stdout.log')], { year: 2026, filters: { backends: ['be_refused'] } });
    expect(Object.keys(be.servers)).toEqual(['be_refused/r1']);
    const sc = await runLogsAnalysis([f('raw-stdout.log')], { year: 2026, filters: { terminations: ['SC'] } });
    expect(Object.keys(sc.terminationStates)).toEqual(['SC']);
  });

  it('several files oldest first, samples name their file and line', async () => {
    const a = join(work, 'haproxy.log');
    const b = join(work, 'haproxy.log.1');
    writeFileSync(a, 'not a log line (hand-made malformed input)\n');
    writeFileSync(b, readFileSync(f('httplog.log')));
    const r = await runLogsAnalysis([a, b], { year: 2026 });
    expect(r.inputs.map((i) => i.file)).toEqual([b, a]);
    expect(r.unparsedSamples).toEqual([{ line: 1, text: 'not a log line (hand-made malformed input)', file: a }]);
  });
});

describe('bad input never crashes (hand-made malformed input)', () => {
  const real = readFileSync(new URL('httplog.log', FIXTURES));

  it('truncated lines, binary noise, non-UTF-8, mixed formats', async () => {
    const file = join(work, 'bad.log');
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    writeFileSync(file, Buffer.concat([real.subarray(0, 200), Buffer.from('\n'), noise, Buffer.from('\n\xff\xfe\xc3(\n'), readFileSync(new URL('tcplog.log', FIXTURES)), readFileSync(new URL('clf.log', FIXTURES)), real]));
    const r = await runLogsAnalysis([file], { year: 2026 });
    expect(r.unparsed).toBeGreaterThan(0);
    expect(r.terminationStates['--']).toBeGreaterThan(0);
    expect(r.unparsedSamples[0]!.file).toBe(file);
  });

  it('a 10 MB line is cut, counted, and the lines around it are read', async () => {
    const file = join(work, 'long.log');
    writeFileSync(file, Buffer.concat([real, Buffer.alloc(10 << 20, 0x41), Buffer.from('\n'), real]));
    const r = await runLogsAnalysis([file], { year: 2026 });
    const n = real.toString().split('\n').filter(Boolean).length;
    expect(r.lines).toBe(2 * n + 1);
    expect(r.inputs[0]!.cutLines).toBe(1);
    expect(r.unparsedSamples[0]!.line).toBe(n + 1);
    expect(r.unparsedSamples[0]!.text.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
  });

  it('a corrupt .gz reports how far it got', async () => {
    const good = gzipSync(Buffer.concat(Array.from({ length: 200 }, () => real)));
    const corrupt = Buffer.from(good);
    corrupt.fill(0x55, Math.floor(good.length / 2), Math.floor(good.length / 2) + 64);
    const file = join(work, 'haproxy.log.2.gz');
    writeFileSync(file, corrupt);
    const r = await runLogsAnalysis([file], { year: 2026 });
    expect(r.inputs[0]!.error).toMatch(/./);
    expect(r.inputs[0]!.compressedBytes).toBeGreaterThan(0);
    expect(r.lines).toBe(r.inputs[0]!.lines);
    const ok = join(work, 'haproxy.log.3.gz');
    writeFileSync(ok, good);
    const full = await runLogsAnalysis([ok], { year: 2026 });
    expect(full.inputs[0]!.error).toBeUndefined();
    expect(full.lines).toBe(200 * real.toString().split('\n').filter(Boolean).length);
  });
});
