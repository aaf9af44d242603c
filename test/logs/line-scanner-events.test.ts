// The lines the WebAssembly module counts besides the default traffic formats (wasm/clf-scan.c, wasm/event-count.c):
// CLF traffic lines, event lines whose message the summarizer handed over (counted once the observer keeps no more
// events, handed back to keep before), and error-log-format warnings. The `logs` report must be what the TypeScript
// path alone makes of the same bytes, and the module must really have read such lines (else these tests would prove
// nothing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogsObserver, MAX_EVENTS_KEPT } from '../../src/logs/observer.js';
import { ByteLineSplitter } from '../../src/parsers/haproxy-log/byte-line-splitter.js';
import { LogsAccumulator } from '../../src/logs/report.js';
import { lineScanner, type CountedTraffic, type LineScanner } from '../../src/parsers/haproxy-log/line-scanner.js';
import { LogSummarizer } from '../../src/parsers/haproxy-log/summary.js';

interface Run {
  /** The `logs` report. */
  report: unknown;
  /** Lines the module counted: event lines (events and warnings) and traffic lines (default formats and CLF). */
  bulkEvents: number;
  bulkTraffic: number;
  /** Event lines and warnings the module handed back to keep (read, but the report still kept events). */
  kept: number;
}

/** `text` read in chunks of `chunk` bytes with the module (`wasm`) or by TypeScript alone. */
function read(text: string | Buffer, wasm: boolean, chunk = 1 << 20): Run {
  const observer = new LogsObserver({});
  const summarizer = new LogSummarizer({ year: 2026, observer });
  const run = { bulkEvents: 0, bulkTraffic: 0, kept: 0 };
  const addKeptEvent = summarizer.addKeptEvent.bind(summarizer);
  summarizer.addKeptEvent = (...args: Parameters<LogSummarizer['addKeptEvent']>) => {
    run.kept++;
    return addKeptEvent(...args);
  };
  const addCounted = summarizer.addCounted.bind(summarizer);
  summarizer.addCounted = (c: CountedTraffic) => {
    run.bulkEvents += c.eventLines;
    run.bulkTraffic += c.lines;
    addCounted(c);
  };
  const split = new ByteLineSplitter(summarizer, wasm ? undefined : null);
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let o = 0; o < bytes.length; o += chunk) split.push(bytes.subarray(o, o + chunk));
  split.end();
  const acc = new LogsAccumulator();
  acc.add({ summary: summarizer.summary(), observer: observer.state(), lines: split.lines, cut: split.cut, bytes: split.bytes }, 0);
  return { report: acc.report(), ...run };
}

/** The same report both ways; the module's run. */
function same(text: string | Buffer, chunk?: number): Run {
  const bulk = read(text, true, chunk);
  expect(bulk.report).toEqual(read(text, false, chunk).report);
  return bulk;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A BSD syslog prefix at second `s` of 28 Nov (days roll over: ` 1` Dec and so on). */
function bsd(s: number, host = 'lb', program = 'haproxy[4242]'): string {
  const d = new Date(Date.UTC(2026, 10, 28) + s * 1000);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${host} ${program}: `;
}
const traffic = (k: number) =>
  `10.0.${k % 250}.1:${1024 + k} [28/Nov/2026:08:${pad((k >> 6) % 60)}:${pad(k % 60)}.${pad(k % 1000, 3)}] fe be/s${k % 7} ${k % 20}/0/1/${k % 400}/${k % 500} ${[200, 503, 404][k % 3]} ${k} - - ${['----', 'SC--', 'sH--'][k % 3]} ${k % 90}/1/1/${k % 30}/0 0/${k % 5} "GET / HTTP/1.1"`;
const EVENTS = [
  'Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 3 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.',
  'Server be/s1 is UP, reason: Layer4 check passed, check duration: 0ms. 4 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.',
  'Health check for server be/s2 failed, reason: Layer4 timeout, check duration: 2001ms, status: 1/2 UP.',
  'backend be has no server available!',
  'Connect() failed for backend be: no free ports.',
  'Proxy fe stopped (cumulated conns: FE: 1234, BE: 0).',
];
const clf = (k: number, server = 'node2') =>
  `10.1.2.${k % 250} - - [28/Nov/2026:08:${pad((k >> 6) % 60)}:${pad(k % 60)} +0000] "GET / HTTP/1.1" ${[200, 503][k % 2]} 153 "" "" ${35000 + k} 890 "fe_clf" "be_app" "${server}" ${k % 9} 0 0 1 ${k % 50} ${['----', 'SC--'][k % 2]} 1 1 0 ${k % 4} 0 0 ${k % 3} "" "" `;
const warning = (k: number) => `10.2.${k % 250}.54:${30000 + k} [28/Nov/2026:08:02:06.${pad(k % 1000, 3)}] fe_https/1: Connection error during SSL handshake`;

/** More events than the observer keeps, so that the module counts the rest. */
function eventsFirst(n = MAX_EVENTS_KEPT + 50): string[] {
  return Array.from({ length: n }, (_, k) => `${bsd(k)}${EVENTS[k % EVENTS.length]}`);
}

describe('lines the module counts besides the default traffic formats', () => {
  it('event lines once the observer is full: BSD timestamps across days, a new pid (the prefix changes), another program in between', () => {
    const lines = eventsFirst();
    for (let k = 0; k < 40_000; k++) {
      // seconds run over several days; a restart (new pid) halfway; lines of another program now and then
      const s = 3000 + k * 17;
      // (and a stretch where another program writes traffic lines: its events are foreign ones)
      const program = k < 20_000 ? 'haproxy[4242]' : k < 25_000 ? 'myproxy[5]' : 'haproxy[977]';
      if (k % 5 === 0) lines.push(`${bsd(s, 'lb', program)}${EVENTS[k % EVENTS.length]}`);
      else if (k % 97 === 0) lines.push(`${bsd(s, 'lb', 'kernel')}${EVENTS[k % EVENTS.length]}`);
      else lines.push(`${bsd(s, 'lb', program)}${traffic(k)}`);
      // an event message first seen now, after the observer is full
      if (k === 30_000) lines.push(`${bsd(s, 'lb', program)}Server be/s9 is going DOWN for maintenance. 3 active and 0 backup servers left.`);
    }
    const run = same(`${lines.join('\n')}\n`);
    expect(run.bulkEvents).toBeGreaterThan(5_000);
  });

  it.each([
    ['journalctl short-precise (fractions of a second)', (s: number) => `Nov 28 08:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad((s * 7919) % 1_000_000, 6)} lb haproxy[1]: `],
    ['rsyslog ISO (times from TypeScript)', (s: number) => `2026-11-28T08:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(s % 1000, 3)}+01:00 lb haproxy[1]: `],
    ['RFC 5424', (s: number) => `<134>1 2026-11-28T08:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(s % 1000, 3)}Z lb haproxy 1 - - `],
    ['RFC 3164 with <pri>', (s: number) => `<134>Nov 28 08:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)} haproxy[1]: `],
  ])('event lines after a %s prefix', (_name, prefix) => {
    const lines: string[] = [];
    for (let k = 0; k < 12_000; k++) lines.push(`${prefix(k)}${k % 4 === 0 ? EVENTS[k % EVENTS.length] : traffic(k)}`);
    const run = same(`${lines.join('\n')}\n`);
    expect(run.bulkEvents).toBeGreaterThan(1_500);
    // traffic lines first: most of the events the report keeps were read by the module too
    expect(run.kept).toBeGreaterThan(MAX_EVENTS_KEPT / 2);
  });

  it('CLF lines, with and without a syslog header, and the ones it leaves to TypeScript', () => {
    const odd = [
      (k: number) => clf(k).replace(' 1 1 0 ', ' 1 9876543210 0 '), // 10 digits: not in an int32 record
      (k: number) => clf(k).replace(/ 0 0 1 (\d+) /, ' 0 0 1 123456789012345 '), // 15 digits: clfInt's limit
      (k: number) => clf(k).replace(/ 0 0 1 (\d+) /, ' 0 0 1 1234567890123456 '), // 16: left to the string path
      (k: number) => clf(k).replace(/ (\d+) 0 0 1 /, ' +$1 -0 -1 1 '), // signs
      (k: number) => clf(k).replace('" 200 ', '" 1200 ').replace('" 503 ', '" 1503 '), // a status outside -1..999
      (k: number) => clf(k).replace('"fe_clf"', '""'), // an empty frontend
      (k: number) => clf(k).replace('"node2"', '"nöde"'), // non-ASCII
      (k: number) => clf(k).replace('"GET / HTTP/1.1"', '"GET / HTTP/1.1'), // an unterminated quote
      (k: number) => clf(k).replace('/Nov/', '/Noe/'), // no month
      (k: number) => clf(k).replace(' ---- ', ' - '), // a one-character termination state
      (k: number) => clf(k).replace(/ "" ""\s*$/, ''), // too few tokens
      (k: number) => clf(k, `a-very-long-server-name-${k % 5}`),
      (k: number) => clf(k, 's'),
    ];
    for (const header of [(k: number) => bsd(k), () => '']) {
      const lines = eventsFirst(20);
      for (let k = 0; k < 20_000; k++) lines.push(`${header(k)}${k % 3 === 0 ? odd[k % odd.length]!(k) : k % 3 === 1 ? clf(k) : traffic(k)}`);
      const run = same(`${lines.join('\n')}\n`);
      expect(run.bulkTraffic).toBeGreaterThan(12_000);
    }
  });

  it('the header times of the events it counts: the latest decides the report\'s lastTime (property)', () => {
    // journalctl short-precise prefixes: the module reads their time itself once the first one agrees with TypeScript
    const precise = (day: number, s: number, frac: string) => `Nov ${String(day).padStart(2, ' ')} ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${frac} lb haproxy[4242]: `;
    // traffic lines (the prefix), the kept events, more than a batch of traffic lines (28 Nov, 08:00), then one
    // event whose time any reading agrees on; the events after it are the latest lines (29 and 30 Nov)
    const head = [
      ...Array.from({ length: 50 }, (_, k) => `${precise(28, 28_800, '123456')}${traffic(k)}`),
      ...Array.from({ length: MAX_EVENTS_KEPT + 50 }, (_, k) => `${precise(28, 28_800, '000000')}${EVENTS[k % EVENTS.length]}`),
      ...Array.from({ length: 5_000 }, (_, k) => `${precise(28, 28_800 + (k % 60), '123456')}${traffic(k)}`),
      `${precise(28, 28_900, '000000')}${EVENTS[0]}`,
    ].join('\n');
    const stamp = fc.record({ day: fc.integer({ min: 29, max: 30 }), s: fc.nat(86_399), frac: fc.stringMatching(/^\d{6}$/) });
    // how often the module asks TypeScript for a time: once, for the first event it counts (its own reading agrees)
    const scanner = lineScanner()!;
    let asked = 0;
    let time: LineScanner['eventTime'];
    Object.defineProperty(scanner, 'eventTime', {
      configurable: true,
      set: (f: LineScanner['eventTime']) => (time = f),
      get: () => (start: number, p: number) => (asked++, time!(start, p)),
    });
    try {
      fc.assert(
        fc.property(fc.array(stamp, { minLength: 1, maxLength: 8 }), (stamps) => {
          const lines = stamps.map(({ day, s, frac }, k) => `${precise(day, s, frac)}${EVENTS[k % EVENTS.length]}`);
          const before = asked;
          const run = same(`${head}\n${lines.join('\n')}\n`);
          expect(run.bulkEvents).toBe(stamps.length + 1);
          expect(asked - before).toBe(1);
        }),
        { numRuns: 40 },
      );
    } finally {
      delete (scanner as { eventTime?: unknown }).eventTime;
      scanner.eventTime = time;
    }
  });

  it('error-log-format warnings, and digit-first messages of other shapes', () => {
    const shapes = [
      warning,
      (k: number) => `10.2.0.1 [28/Nov/2026:08:02:06.${pad(k % 1000, 3)}] fe/1: no colon before the bracket`,
      (k: number) => `10.2.0.1:${k} [28/Nov/2026:08:02:06.000] fe_https/1 no colon after the bind`,
      (k: number) => `10.2.0.1:${k} [28/Nov/2026:08:02:06.000] fe_https: no slash`,
      (k: number) => `10.2.0.1:${k} [28/Nov/2026:08:02:06.000] fe https/1: a space before the colon`,
      (k: number) => `10.2.0.1:${k} - - [28/Nov/2026:08:02:06.000] fe_https/1: CLF-like`,
      (k: number) => `10.2.0.1:${k} [28/Nov/2026:08:02:06.000] fe_https/1: caf\u00e9`,
      (k: number) => `10.2.0.1:${k} [28/Nov/2026:08:02:06.000] fe_https/1: ${'long '.repeat(250)}`,
      (k: number) => `${k} is a number`,
    ];
    // traffic lines first (the prefix), then warnings kept, then counted once the report keeps no more events
    const lines = Array.from({ length: 50 }, (_, k) => `${bsd(2000)}${traffic(k)}`);
    for (let k = 0; k < 30_000; k++) lines.push(`${bsd(2000 + k)}${k % 2 === 0 ? shapes[k % shapes.length]!(k) : traffic(k)}`);
    const run = same(`${lines.join('\n')}\n`);
    // four of the shapes are warnings; the module reads the plain one (the others are CLF-like, non-ASCII or too long
    // for it): a quarter of the 1,000 the report keeps, and all of them after that
    expect(run.kept).toBeGreaterThan(200);
    expect(run.bulkEvents).toBeGreaterThan(500);
  });

  it('random bytes written over event, CLF, warning and traffic lines: never counted differently (property)', () => {
    const templates = [(k: number) => `${bsd(k)}${EVENTS[k % EVENTS.length]}`, (k: number) => `${bsd(k)}${clf(k)}`, (k: number) => `${bsd(k)}${warning(k)}`, (k: number) => `${bsd(k)}${traffic(k)}`];
    const head = `${eventsFirst().join('\n')}\n`;
    const noise = [' ', '-', '+', '[', ']', '"', '/', ':', '0', '9', 'é', '\t', '.', 'x'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(400), fc.nat(noise.length - 1)), { minLength: 200, maxLength: 600 }), (edits) => {
        const lines = edits.map(([t, at, c], k) => {
          const line = templates[t]!(k);
          const i = at % line.length;
          return k % 3 === 0 ? line : line.slice(0, i) + noise[c] + line.slice(i + 1);
        });
        same(head + lines.join('\n'));
      }),
      { numRuns: 40 },
    );
  });

  it('lines cut across reads, and the module handing its counts over when its tables fill', () => {
    const lines = eventsFirst();
    for (let k = 0; k < 30_000; k++) lines.push(`${bsd(k)}${[EVENTS[k % EVENTS.length], clf(k, `s${k % 3000}`), warning(k), traffic(k)][k % 4]}`);
    const run = same(`${lines.join('\n')}\n`, 65_537);
    expect(run.bulkEvents).toBeGreaterThan(10_000);
    expect(run.bulkTraffic).toBeGreaterThan(10_000);
  });
});
