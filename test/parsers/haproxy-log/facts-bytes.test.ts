// analyze's byte path (facts-bytes.ts: LogFactsCollector.addBytes) gives the very facts and diagnostics of the string
// path (logFactsFromStream: feedLines + LogFactsCollector.addRange): every log fixture, generated logs of every
// prefix, malformed input, whatever the chunking, from a stream or from a file on disk.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_LINE_LENGTH } from '../../../src/model/text-lines.js';
import { parseHaproxyConfig } from '../../../src/parsers/haproxy-cfg/index.js';
import { logFactsFromByteStream, logFactsFromFile, logFactsFromStream, type LogFactsOptions } from '../../../src/parsers/haproxy-log/index.js';
import { logFactsFromSegments, readFactsSegment } from '../../../src/parsers/haproxy-log/facts-bytes.js';
import { mergeFactsStates } from '../../../src/parsers/haproxy-log/facts-merge.js';
import { splitAtNewlines } from '../../../src/logs/run.js';
import { logFactsOfFile } from '../../../src/logs/facts-run.js';
import { compileConfigFormats } from '../../../src/parsers/haproxy-log/log-format/index.js';
// @ts-expect-error plain ESM generator shared with the benchmark
import { generateHaproxyLog } from '../../../bench/generate-haproxy-log.mjs';
import { FIXTURES, fixture } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const Y = { year: 2026 };
const work = mkdtempSync(join(tmpdir(), 'hd-facts-bytes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function chunks(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let o = 0; o < bytes.length; o += size) out.push(bytes.subarray(o, Math.min(bytes.length, o + size)));
  return out;
}

/** The string path on the bytes as one chunk (feedLines decodes them). */
const stringPath = (bytes: Buffer, options: LogFactsOptions) => logFactsFromStream(Readable.from(bytes.length > 0 ? [bytes] : []), options);

let fileCount = 0;
/**
 * Byte path = string path: as one chunk, in small chunks (lines across chunk edges), and from a file on disk; with the
 * WebAssembly line scanner reading the traffic lines and with TypeScript alone.
 */
async function expectSameFacts(bytes: Buffer, options: LogFactsOptions = Y, sizes: number[] = [1 << 20, 7, 4093]): Promise<void> {
  const expected = await stringPath(bytes, options);
  const path = join(work, `log-${fileCount++}.log`);
  writeFileSync(path, bytes);
  for (const mode of [options, { ...options, scanner: null }]) {
    for (const size of sizes) expect(await logFactsFromByteStream(Readable.from(chunks(bytes, size)), mode)).toEqual(expected);
    expect(logFactsFromFile(path, mode)).toEqual(expected);
  }
  rmSync(path);
}

function logFixtures(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) logFixtures(path, out);
    else if ((/\/var\/log\/haproxy[^/]*$/.test(path) || path.startsWith(join(ROOT, 'parsers/haproxy-log/'))) && !name.endsWith('.gz') && !name.endsWith('.cfg') && !name.endsWith('.md')) out.push(path);
  }
  return out;
}

describe('byte path facts = string path facts', () => {
  const files = logFixtures(ROOT);
  it('finds the fixtures', () => expect(files.length).toBeGreaterThan(40));

  it.each(files.map((f) => f.slice(ROOT.length)))('fixture %s', async (name) => {
    await expectSameFacts(readFileSync(join(ROOT, name)));
    await expectSameFacts(readFileSync(join(ROOT, name)), {}); // the current year, as analyze reads them
  });

  it('custom-format fixtures read with the formats of their haproxy.cfg', async () => {
    const formats = compileConfigFormats(parseHaproxyConfig(fixture('custom-haproxy.cfg')).value!).matchers;
    expect(formats.length).toBeGreaterThan(0);
    for (const name of readdirSync(FIXTURES).filter((n) => n.startsWith('custom-') && n.endsWith('.log'))) {
      await expectSameFacts(readFileSync(join(FIXTURES, name)), { ...Y, formats });
    }
  });

  it.each(['syslog', 'raw', 'precise', 'pri', 'iso', 'rfc5424'])('generated log, prefix %s (and CRLF, and cut lines)', async (prefix) => {
    const text: string = generateHaproxyLog({ lines: 20_000, seed: 7, prefix }).text;
    await expectSameFacts(Buffer.from(text), Y, [1 << 20, 4093]);
    await expectSameFacts(Buffer.from(text.replaceAll('\n', '\r\n')), Y, [65_536]);
    // lines cut short at every length (a truncated file, lines lost mid-write) and no newline at the end
    const lines = text.split('\n').slice(0, 3000);
    const cut = lines.map((l, k) => (k % 3 === 0 ? l.slice(0, (k * 37) % (l.length + 1)) : l)).join('\n');
    await expectSameFacts(Buffer.from(cut), Y, [1 << 20, 511]);
  });

  it('binary noise, alone and between log lines', async () => {
    const noise = Buffer.alloc(300_000);
    let x = 12345;
    for (let k = 0; k < noise.length; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      noise[k] = x >>> 24;
    }
    await expectSameFacts(noise);
    const log = Buffer.from(generateHaproxyLog({ lines: 2000, seed: 3 }).text);
    await expectSameFacts(Buffer.concat([log.subarray(0, 100_000), noise.subarray(0, 50_000), log.subarray(100_000)]));
  });

  it('over-long lines: ASCII, multi-byte, invalid UTF-8, with CR, 10 MB, last without a newline', async () => {
    const log = generateHaproxyLog({ lines: 200, seed: 5 }).text as string;
    const [first, ...rest] = log.split('\n');
    const long = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    const cases = [
      `${first}${long('x', 10 * 1024 * 1024)}\n${rest.join('\n')}`,
      `${long('é', MAX_LINE_LENGTH)}\r\n${log}`,
      `${long('€', MAX_LINE_LENGTH + 1)}\r\n${log}`,
      `${long('a', MAX_LINE_LENGTH - 1)}\r\n${long('a', MAX_LINE_LENGTH)}\r\n${long('a', MAX_LINE_LENGTH + 1)}\r\n${log}`,
      `${long('😀', 3 * MAX_LINE_LENGTH)}\n${long('a', MAX_LINE_LENGTH - 1)}😀\n${log}${long('z', MAX_LINE_LENGTH * 2)}`,
    ];
    for (const text of cases) await expectSameFacts(Buffer.from(text), Y, [1 << 20, 65_537, 1000]);
    const invalid = Buffer.concat([Buffer.alloc(MAX_LINE_LENGTH * 2, 0xe2), Buffer.from(`\n${log}`), Buffer.alloc(MAX_LINE_LENGTH * 4, 0xc3), Buffer.from('\r')]);
    await expectSameFacts(invalid, Y, [1 << 20, 3001]);
  });

  it('non-ASCII bytes in traffic fields (accept date, server, frontend), <NOSRV> lines, events and CLF', async () => {
    const base = readFileSync(join(FIXTURES, 'nosrv.log'), 'utf8');
    const mutated = [
      ...base.split('\n'),
      'Nov 28 09:42:43 lb haproxy[1234]: 10.0.0.1:5000 [28/Nov/2026:09:42:4é.770] fe be/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
      'Nov 28 09:42:43 lb haproxy[1234]: 10.0.0.1:5000 [28/Nov/2026:09:42:43.7é0] fé be/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
      'Nov 28 09:42:43 lb haproxy[1234]: 10.0.0.1:5000 [28/Nov/2026:09:42:43.770]é fe be/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
      'Nov 28 09:42:43 lb haproxy[1234]: 10.0.0.1:5000 [28/Nov/2026:09:42:43.770] é be/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
      'Nov 28 09:42:43 lb haproxy[1234]: 10.0.0.1:5000 [2é/Nov/2026:09:42:43.770] fe be/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
      'Nov 28 09:42:43 lb haproxy[1234]: 10.0.0.1:5000 [28/Nov/2026:09:42:43] fe be/<NOSRV>x 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
      'Nov 28 09:42:43 lb haproxy[1234]: 10.0.0.1:5000 [28/Nov/2026:09:42:4] fe bé/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
      'Nov 28 09:42:43 lb haproxy[1234]: 10.0.0.1:5000 [29/Feb/2027:25:61:61.999] fe be/s/<NOSRV> 0/-1/-1/-1/0 503 217 - - sC-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
      '2027-01-01T00:00:00+00:00 lb haproxy[1234]: Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.',
      'Dec 31 23:59:59 lb haproxy[1234]: Server be/s1 is UP, reason: Layer4 check passed, check duration: 0ms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.',
      ...readFileSync(join(FIXTURES, 'clf.log'), 'utf8').split('\n'),
      'Nov 28 09:42:43 lb haproxy[1234]: 10.0.0.1 - - [28/Nov/2026:09:42:43 +0000] "GET / HTTP/1.1" 503 217 "" "" 5000 770 "fe" "be" "<NOSRV>" 0 -1 -1 -1 0 SC-- 1 1 0 0 0 0 0 "" ""',
    ];
    for (let rot = 0; rot < 3; rot++) {
      const lines = [...mutated.slice(rot * 5), ...mutated.slice(0, rot * 5)];
      await expectSameFacts(Buffer.from(lines.join('\n')), Y, [1 << 20, 13]);
    }
  });

  it('arbitrary mutations of real lines, non-UTF-8 bytes included', async () => {
    const real = ['rsyslog-traditional.log', 'raw-stdout.log', 'rsyslog-iso.log', 'rsyslog-rfc5424.log', 'rsyslog-rfc3164-pri.log', 'clf.log', 'state-changes.log', 'nosrv.log', 'httpslog.log'].flatMap(
      (n) => fixture(n).split('\n'),
    );
    const line = fc.tuple(fc.constantFrom(...real), fc.nat(), fc.nat(), fc.uint8Array({ maxLength: 6 })).map(([l, a, b, noise]) => {
      const bytes = Buffer.from(l);
      const at = a % (bytes.length + 1);
      const cut = b % 3 === 0 ? Math.min(bytes.length, at + (b % 40)) : at;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(noise), bytes.subarray(cut)]);
    });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.integer({ min: 1, max: 300 }), async (lines, size) => {
        const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
        const expected = await stringPath(bytes, Y);
        expect(await logFactsFromByteStream(Readable.from(chunks(bytes, size)), Y)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('empty input', async () => {
    await expectSameFacts(Buffer.alloc(0));
    await expectSameFacts(Buffer.from('\n\n\r\n'));
  });
});

describe('segments read apart (worker threads) and merged = the string path', () => {
  /** Reads `bytes` from a file in `parts` segments cut at newlines; returns the merged facts and whether the merge was exact. */
  function segmented(bytes: Buffer, parts: number, options: LogFactsOptions = Y) {
    const path = join(work, `seg-${fileCount++}.log`);
    writeFileSync(path, bytes);
    const cuts = splitAtNewlines(path, bytes.length, parts);
    const segments = cuts.slice(0, -1).map((start, k) => readFactsSegment(path, start, cuts[k + 1]!, options));
    const merged = mergeFactsStates(segments) !== undefined;
    const result = logFactsFromSegments(path, segments, options);
    rmSync(path);
    return { result, merged, segments: segments.length };
  }

  it.each(logFixtures(ROOT).map((f) => f.slice(ROOT.length)))('fixture %s', async (name) => {
    const bytes = readFileSync(join(ROOT, name));
    const expected = await stringPath(bytes, Y);
    for (const parts of [2, 3, 7]) expect(segmented(bytes, parts).result).toEqual(expected);
  });

  it.each(['syslog', 'raw', 'precise', 'pri', 'iso', 'rfc5424'])('generated log, prefix %s: merged exactly, whatever the cuts', async (prefix) => {
    const bytes = Buffer.from(generateHaproxyLog({ lines: 30_000, seed: 9, prefix }).text as string);
    const expected = await stringPath(bytes, Y);
    for (const parts of [2, 5, 16]) {
      const { result, merged, segments } = segmented(bytes, parts);
      expect(segments).toBe(parts);
      expect(merged).toBe(true);
      expect(result).toEqual(expected);
    }
  });

  it('more events than the cap, unparsed lines, cut lines and <NOSRV> across segments', async () => {
    const log = generateHaproxyLog({ lines: 5000, seed: 4 }).text as string;
    const nosrv = readFileSync(join(FIXTURES, 'nosrv.log'), 'utf8');
    const events = readFileSync(join(FIXTURES, 'state-changes.log'), 'utf8');
    const text = [log, events.repeat(2000), 'junk\n'.repeat(300), nosrv, `${'x'.repeat(MAX_LINE_LENGTH + 5)}\n`, log, nosrv, events.repeat(500)].join('');
    const bytes = Buffer.from(text);
    const expected = await stringPath(bytes, Y);
    expect(expected.facts.droppedEvents).toBeGreaterThan(0);
    for (const parts of [2, 3, 9]) {
      const { result, merged } = segmented(bytes, parts);
      expect(merged).toBe(true);
      expect(result).toEqual(expected);
    }
  });

  it('year hints across segments: BSD timestamps given the year at the merge; a hint a segment cannot know (an ISO year, then the same day) refused, read in one pass', async () => {
    const traffic = (ms: number) => `Nov 28 09:42:43 lb haproxy[1]: 10.0.0.1:5000 [28/Nov/2026:09:42:43.${String(ms).padStart(3, '0')}] fe be/s1 0/0/1/2/3 200 100 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1"\n`;
    const iso = '2031-01-01T00:00:00+00:00 lb haproxy[1]: Server be/s1 is DOWN, reason: Layer4 timeout, check duration: 2001ms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.\n';
    const bsd = 'Dec 31 23:59:59 lb haproxy[1]: Server be/s1 is UP, reason: Layer4 check passed, check duration: 0ms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.\n';
    const first = traffic(1) + iso;
    const text = first + traffic(2) + bsd;
    const bytes = Buffer.from(text);
    const expected = await stringPath(bytes, Y);
    const path = join(work, 'year.log');
    writeFileSync(path, bytes);
    const cut = Buffer.byteLength(first);
    const segments = [readFactsSegment(path, 0, cut, Y), readFactsSegment(path, cut, bytes.length, Y)];
    expect(mergeFactsStates(segments)).toBeUndefined();
    expect(logFactsFromSegments(path, segments, Y)).toEqual(expected);
    // a BSD timestamp first in a segment, after a segment that knew the year: given that year when merged
    const second = Buffer.from(traffic(1) + bsd + traffic(3) + bsd);
    writeFileSync(path, second);
    const cut2 = Buffer.byteLength(traffic(1));
    const parts = [readFactsSegment(path, 0, cut2, { year: 2020 }), readFactsSegment(path, cut2, second.length, { year: 2020 })];
    expect(mergeFactsStates(parts)).toBeDefined();
    const expectedSecond = await stringPath(second, { year: 2020 });
    expect(expectedSecond.facts.events.map((e) => new Date(e.header.time!).getUTCFullYear())).toEqual([2026, 2026]);
    expect(logFactsFromSegments(path, parts, { year: 2020 })).toEqual(expectedSecond);
    // the same alone: no year known, the summarizer's
    expect((await stringPath(Buffer.from(bsd), { year: 2020 })).facts.events.map((e) => new Date(e.header.time!).getUTCFullYear())).toEqual([2020]);
  });
});

describe('logFactsOfFile (analyze: segments on several threads when the file is large)', () => {
  it('segments taken in turn (here all by the main thread: the worker cannot start) merged in order = the string path', async () => {
    const log = generateHaproxyLog({ lines: 40_000, seed: 21 }).text as string;
    // more events than kept, and past the cap in a segment read after the merge has them all
    const bytes = Buffer.from(log + fixture('state-changes.log').repeat(3000) + log);
    const path = join(work, 'threads.log');
    writeFileSync(path, bytes);
    const expected = await stringPath(bytes, Y);
    expect(expected.facts.droppedEvents).toBeGreaterThan(0);
    const workerUrl = new URL('file:///nonexistent/logs-worker.js');
    for (const segmentBytes of [300_000, 1 << 20]) {
      expect(await logFactsOfFile(path, { ...Y, threads: 3, parallelMinBytes: 1 << 20, segmentBytes, workerUrl })).toEqual(expected);
    }
    expect(await logFactsOfFile(path, { ...Y, threads: 3, parallelMinBytes: 1 << 20, workerUrl })).toEqual(expected);
    expect(await logFactsOfFile(path, { ...Y, threads: 1 })).toEqual(expected);
  });
});
