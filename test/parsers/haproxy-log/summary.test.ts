import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LogRecord, TrafficRecord } from '../../../src/model/haproxy-log.js';
import { parseLogLine } from '../../../src/parsers/haproxy-log/line-parser.js';
import { LogSummarizer, summarizeText } from '../../../src/parsers/haproxy-log/summary.js';
import { LogFactsCollector } from '../../../src/parsers/haproxy-log/facts.js';
import { feedLines } from '../../../src/bundle/line-stream.js';
import { haproxyLogParser, logFactsFromStream, summarizeLogStream } from '../../../src/parsers/haproxy-log/index.js';
// @ts-expect-error plain ESM generator shared with the benchmark
import { generateHaproxyLog } from '../../../bench/generate-haproxy-log.mjs';
import { fixture, fixtureLines } from './helpers.js';

const Y = { year: 2026 };

describe('LogSummarizer on the real raw stdout capture', () => {
  const s = summarizeText(fixture('raw-stdout.log'), Y);

  it('counts lines, statuses (HTTP only) and termination states (HTTP and TCP)', () => {
    expect(s.lines).toBe(82);
    expect(s.parsed).toBe(82);
    expect(s.unparsed).toBe(0);
    expect(s.statusCodes).toEqual({ '200': 19, '400': 1, '404': 4, '500': 1, '503': 9, '504': 1 });
    expect(s.terminationStates).toEqual({ '--': 27, PR: 1, SC: 7, sH: 1, sQ: 2 });
  });

  it('per server, as halog -srv (plus TCP lines as `other`)', () => {
    expect(s.servers['be_app/node1']).toEqual({
      requests: 12,
      '1xx': 0,
      '2xx': 10,
      '3xx': 0,
      '4xx': 2,
      '5xx': 0,
      other: 0,
      ok: 12,
      errors: 0,
      connectTimeSum: 1,
      connectTimeCount: 12,
      responseTimeSum: 2002,
      responseTimeCount: 12,
    });
    expect(s.servers['be_down/<NOSRV>']).toMatchObject({ requests: 2, '5xx': 2, ok: 0, errors: 2, connectTimeCount: 0 });
    expect(s.servers['be_tcp/t1']).toMatchObject({ requests: 3, other: 3, ok: 0, connectTimeCount: 3 });
    expect(Object.keys(s.servers)).toContain('fe_http/<NOSRV>');
  });

  it('never counts state-change or alert lines', () => {
    const only = summarizeText(fixture('state-changes.log') + fixture('haproxy-stderr.log') + fixture('bind-conflict-stderr.log'), Y);
    expect(only.parsed).toBe(only.lines);
    expect(only.statusCodes).toEqual({});
    expect(only.terminationStates).toEqual({});
    expect(only.servers).toEqual({});
  });

  it('gives the same counts behind every syslog prefix', () => {
    const base = summarizeText(fixture('rsyslog-traditional.log'), Y);
    for (const file of ['rsyslog-iso.log', 'rsyslog-rfc5424.log', 'rsyslog-rfc3164-pri.log']) {
      const other = summarizeText(fixture(file), Y);
      expect({ ...other, unparsedSamples: [] }, file).toEqual({ ...base, unparsedSamples: [] });
    }
  });
});

/** Reference summary built from parseLogLine records: the fast path must agree with it. */
function referenceCounts(lines: string[]) {
  const status: Record<string, number> = {};
  const ts: Record<string, number> = {};
  const srv: Record<string, number> = {};
  let parsed = 0;
  for (const line of lines) {
    const r: LogRecord | undefined = parseLogLine(line, Y);
    if (!r) continue;
    parsed++;
    if (r.type !== 'http' && r.type !== 'tcp') continue;
    const t = r as TrafficRecord;
    if (t.type === 'http' && t.status !== undefined) status[t.status] = (status[t.status] ?? 0) + 1;
    const k = t.terminationState.slice(0, 2);
    ts[k] = (ts[k] ?? 0) + 1;
    const key = `${t.backend}/${t.server}`;
    srv[key] = (srv[key] ?? 0) + 1;
  }
  return { parsed, status, ts, srv };
}

describe('fast path and full parser agree', () => {
  it('on mutated real lines (property)', () => {
    const lines = [...fixtureLines('rsyslog-traditional.log'), ...fixtureLines('raw-stdout.log')];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...lines), fc.nat(), fc.constantFrom('', ' ', '/', '-', '1', 'x', '[', '"', '+', '-1'), fc.nat()), { maxLength: 20 }),
        (edits) => {
          const mutated = edits.map(([line, at, insert, del]) => {
            const i = at % (line.length + 1);
            return line.slice(0, i) + insert + line.slice(i + (del % 3));
          });
          const summarizer = new LogSummarizer(Y);
          mutated.forEach((l, i) => summarizer.add(l, i + 1));
          const s = summarizer.summary();
          const ref = referenceCounts(mutated);
          expect(s.parsed).toBe(ref.parsed);
          expect(s.statusCodes).toEqual(ref.status);
          expect(s.terminationStates).toEqual(ref.ts);
          expect(Object.fromEntries(Object.entries(s.servers).map(([k, v]) => [k, v.requests]))).toEqual(ref.srv);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on the generated log', () => {
    const { text } = generateHaproxyLog({ lines: 20_000, seed: 7 });
    const lines = (text as string).split('\n').slice(0, -1);
    const s = summarizeText(text, Y);
    const ref = referenceCounts(lines);
    expect(s.parsed).toBe(ref.parsed);
    expect(s.statusCodes).toEqual(ref.status);
    expect(s.terminationStates).toEqual(ref.ts);
  });
});

describe('malformed input (hand-written lines)', () => {
  it('unparsed lines are counted with their line numbers, up to 10 samples', () => {
    const summarizer = new LogSummarizer(Y);
    const good = fixtureLines('httplog.log')[0]!;
    const lines = [good, 'garbage 1', '', good, ...Array.from({ length: 12 }, (_, i) => `junk ${i}`)];
    lines.forEach((l, i) => summarizer.add(l, i + 1));
    const s = summarizer.summary();
    expect(s).toMatchObject({ lines: 16, parsed: 2, unparsed: 14 });
    expect(s.unparsedSamples).toHaveLength(10);
    expect(s.unparsedSamples.slice(0, 3)).toEqual([
      { line: 2, text: 'garbage 1' },
      { line: 3, text: '' },
      { line: 5, text: 'junk 0' },
    ]);
  });

  it('random strings never throw, and every line is either parsed or unparsed', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 30 }), (lines) => {
        const c = new LogFactsCollector(Y);
        lines.forEach((l, i) => c.add(l, i + 1));
        const f = c.result();
        expect(f.summary.parsed + f.summary.unparsed).toBe(lines.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('a huge line is read in linear time', () => {
    const huge = `127.0.0.1:1 [28/Nov/2026:09:49:22.631] fe be/s 0/0/0/0/0 200 1 - - ---- 1/1/1/1/0 0/0 "${'A'.repeat(5_000_000)}`;
    const started = Date.now();
    const s = summarizeText(huge + '\n' + ' '.repeat(1_000_000) + '\n' + '['.repeat(1_000_000), Y);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(s.parsed).toBe(1);
  });
});

describe('LogFactsCollector', () => {
  const facts = haproxyLogParser.parse(fixture('raw-stdout.log')).value;

  it('keeps every event with its line, never a traffic line', () => {
    expect(facts.events).toHaveLength(44);
    expect(facts.events.every((e) => (e.type as string) !== 'http' && (e.type as string) !== 'tcp')).toBe(true);
    const lines = fixtureLines('raw-stdout.log');
    for (const e of facts.events) expect(lines[e.line - 1]).toBe(e.message);
    expect(facts.droppedEvents).toBe(0);
  });

  it('<NOSRV> per backend with first/last line and time', () => {
    expect(facts.noServer['be_down']).toEqual({
      count: 2,
      firstLine: 28,
      lastLine: 29,
      firstTime: Date.UTC(2026, 10, 28, 9, 49, 23, 761),
      lastTime: Date.UTC(2026, 10, 28, 9, 49, 23, 768),
    });
    expect(Object.keys(facts.noServer).sort()).toEqual(['be_down', 'be_slow', 'fe_http']);
  });

  it('per server failures: termination states, SC count, first/last failing line', () => {
    expect(facts.servers['be_refused/r1']).toEqual({ requests: 2, terminationStates: { SC: 2 }, stateLines: { SC: { first: 30, last: 31 } }, connectFailures: 2, firstFailureLine: 30, lastFailureLine: 31 });
    expect(facts.servers['be_ports1/q1']).toMatchObject({ requests: 3, terminationStates: { '--': 1, SC: 2 }, connectFailures: 2, firstFailureLine: 43, lastFailureLine: 46 });
    expect(facts.servers['be_ports1/q1']?.stateLines?.SC).toEqual({ first: 43, last: 46 });
    expect(facts.servers['be_app/node1']).toMatchObject({ requests: 12, terminationStates: { '--': 12 }, connectFailures: 0 });
  });

  it('time range of the log (accept dates; CLF has whole seconds)', () => {
    expect(facts.firstTime).toBe(Date.UTC(2026, 10, 28, 9, 49, 22));
    expect(facts.lastTime).toBeGreaterThan(facts.firstTime!);
  });

  it('event times of BSD syslog lines take the year of the traffic around them', () => {
    const c = new LogFactsCollector({ year: 1999 });
    fixtureLines('rsyslog-traditional.log').forEach((l, i) => c.add(l, i + 1));
    const f = c.result();
    const late = f.events.filter((e) => e.header.time !== undefined && e.line > 10);
    expect(late.length).toBeGreaterThan(0);
    for (const e of late) expect(new Date(e.header.time!).getUTCFullYear()).toBe(2026);
  });

  it('caps events at 10,000 and counts the rest', () => {
    const c = new LogFactsCollector(Y);
    const line = 'backend be_app has no server available!';
    for (let i = 1; i <= 10_005; i++) c.add(line, i);
    const f = c.result();
    expect(f.events).toHaveLength(10_000);
    expect(f.droppedEvents).toBe(5);
    expect(c.diagnostics().at(-1)?.message).toMatch(/5 event line/);
  });
});

describe('haproxyLogParser', () => {
  it('sniffs HAProxy logs and not other text', () => {
    for (const f of ['raw-stdout.log', 'rsyslog-traditional.log', 'rsyslog-rfc5424.log', 'haproxy-stderr.log', 'tcplog.log']) {
      expect(haproxyLogParser.sniff(fixture(f)), f).toBe(true);
    }
    expect(haproxyLogParser.sniff('Nov 28 09:49:21 lb systemd[1]: Started Session 1.\nNov 28 09:49:21 lb sshd[22]: Accepted key\n')).toBe(false);
    expect(haproxyLogParser.sniff('global\n    maxconn 100\nfrontend fe\n')).toBe(false);
    expect(haproxyLogParser.sniff('')).toBe(false);
  });

  it('parse: diagnostics for the first 50 unparsed lines then a count (hand-written junk)', () => {
    const text = `${fixture('httplog.log')}${Array.from({ length: 60 }, (_, i) => `junk ${i}`).join('\n')}\n`;
    const out = haproxyLogParser.parse(text);
    expect(out.ok).toBe(true);
    expect(out.diagnostics).toHaveLength(51);
    expect(out.diagnostics[0]).toMatchObject({ line: 14, severity: 'info' });
    expect(out.diagnostics[50]?.message).toMatch(/^10 more line/);
    expect(haproxyLogParser.parse('junk\n').ok).toBe(false);
  });

  it('streams give the same summary as whole text, whatever the chunking', async () => {
    const { text } = generateHaproxyLog({ lines: 3000, seed: 3 });
    const whole = summarizeText(text, Y);
    const bytes = Buffer.from(text);
    for (const size of [1, 7, 4096]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      if (size === 1) chunks.splice(2000); // a prefix is enough for 1-byte chunks
      const expected = size === 1 ? summarizeText(Buffer.concat(chunks).toString('utf8'), Y) : whole;
      expect(await summarizeLogStream(Readable.from(chunks), Y)).toEqual(expected);
    }
    const { facts } = await logFactsFromStream(Readable.from([text]), Y);
    expect(facts.summary).toEqual(whole);
  });

  it('streams cut over-long lines', async () => {
    const seen: number[] = [];
    const cut = await feedLines(Readable.from(['a'.repeat(70_000), 'b\nshort\n', 'c'.repeat(70_000), '\n']), {
      addRange: (_s, start, end) => seen.push(end - start),
    });
    expect(cut).toBe(2);
    expect(seen).toEqual([65_536, 5, 65_536]);
  });
});
