// Custom log formats: the grammar (generated file current, one parse per format, diagnostics with columns), the
// compiled matcher on real HAProxy 2.6 output of custom formats (fixtures/parsers/haproxy-log/custom-*, made by
// lab/log-formats-custom.sh), `logs --config` counts equal to the default-format twin's, and totality.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { GRAMMARS, compileGrammar } from '../../../scripts/compile-grammars.mjs';
import { runLogsAnalysis } from '../../../src/logs/run.js';
import { parseHaproxyConfig } from '../../../src/parsers/haproxy-cfg/index.js';
import { LogFactsCollector } from '../../../src/parsers/haproxy-log/facts.js';
import { parseLogLine } from '../../../src/parsers/haproxy-log/line-parser.js';
import { compileConfigFormats, compileLogFormat, customFormatsOf, parseLogFormat } from '../../../src/parsers/haproxy-log/log-format/index.js';
import { summarizeText } from '../../../src/parsers/haproxy-log/summary.js';
import { FIXTURES, fixture, fixtureLines } from './helpers.js';

const ROOT = new URL('../../../', import.meta.url);
const Y = { year: 2026 };

const config = () => parseHaproxyConfig(fixture('custom-haproxy.cfg')).value;
const formats = () => compileConfigFormats(config()).matchers;

describe('grammar', () => {
  it('the committed generated parser is what nearley compiles from grammars/log-format.ne', () => {
    for (const { source, output } of GRAMMARS as { source: string; output: string }[]) {
      const generated = compileGrammar(readFileSync(new URL(source, ROOT), 'utf8'), source);
      expect(generated.startsWith('// GENERATED FILE, DO NOT EDIT')).toBe(true);
      expect(readFileSync(new URL(output, ROOT), 'utf8')).toBe(generated);
    }
  });

  it('reads variables, flags, sample expressions, %% and separators', () => {
    const { ok, nodes, diagnostics } = parseLogFormat('%{+Q,-X}o %ci:%cp %[req.hdr(host),lower] 100%% %{+Q}[ssl_fc_sni] a\\ b %"');
    expect(diagnostics).toEqual([]);
    expect(ok).toBe(true);
    expect(nodes.map((n) => (n.kind === 'text' ? n.text : n.kind === 'separator' ? '_' : n.kind === 'variable' ? `%${n.flags}|${n.name}` : `[${n.flags}|${n.expr}]`))).toEqual([
      '%+Q,-X|o', '_', '%|ci', ':', '%|cp', '_', '[|req.hdr(host),lower]', '_', '100', '%', '_', '[+Q|ssl_fc_sni]', '_', 'a', '_', 'b', '_', '"',
    ]);
  });

  it('every builtin-format alias parses with one result', () => {
    for (const f of ['%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq', '%{+Q}o %{-Q}ci - - [%trg] %r %ST %B "" "" %hrl %hsl']) {
      expect(parseLogFormat(f).ok).toBe(true);
    }
  });

  // hand-written malformed formats (no real HAProxy output can hold them: HAProxy refuses them at start-up)
  it.each([
    ['%ci %', 5, "truncated format after '%'"],
    ['%ci % %b', 5, 'unexpected variable name'],
    ['%ci %5', 5, 'unexpected variable name'],
    ['%ci %{+Q', 5, "missing '}' of the flags"],
    ['%ci %[ssl_fc', 5, "missing ']' of the sample expression"],
    ['%ci %{+Q}/x', 10, "expected a variable name or '['"],
    ['%ci %nope', 5, "no such format variable '%nope'"],
    ['%ci %{+Q}nope', 10, "no such format variable '%nope'"],
    ['%ci %[]', 5, 'empty sample expression'],
  ])('malformed %j: column %d', (format, column, message) => {
    const r = parseLogFormat(format);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({ column, severity: 'error' });
    expect(r.diagnostics[0]!.message).toContain(message);
    expect(compileLogFormat(format).matcher).toBeUndefined();
  });

  it('an unknown flag is a warning, the format still compiles', () => {
    const r = compileLogFormat('%{+Z}ci');
    expect(r.diagnostics).toMatchObject([{ column: 3, severity: 'warning' }]);
    expect(r.matcher).toBeDefined();
  });

  it('never throws and gives at most one parse, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', '{', '}', '[', ']', '(', ')', '+', 'Q', ',', ' ', '\\', 'c', 'i', 'T', 'r', 'x', '"', '5') }), (s) => {
        const r = parseLogFormat(s);
        expect(r.ok === (r.diagnostics.filter((d) => d.severity === 'error').length === 0)).toBe(true);
        for (const d of r.diagnostics) expect(d.column).toBeGreaterThanOrEqual(1);
        compileLogFormat(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formats of haproxy.cfg (custom-haproxy.cfg of the lab run)', () => {
  it('resolved through a named defaults section and from; builtin formats left to the default parsers', () => {
    const f = customFormatsOf(config());
    expect(f.map((x) => x.proxies)).toEqual([['fe_json'], ['fe_id'], ['fe_reordered'], ['fe_tcp']]);
    expect(f[0]!.format.startsWith('{"client":"%ci"')).toBe(true);
    // `\ ` of the unquoted config word became a space
    expect(f[2]!.format.startsWith('%ST %tsc %b/%s')).toBe(true);
    expect(compileConfigFormats(config()).diagnostics).toEqual([]);
  });

  it('a bad format is reported with its config line and column, the others still compile', () => {
    const cfg = parseHaproxyConfig('defaults\n  mode http\nfrontend a\n  bind :80\n  log-format "%ci %nope"\nfrontend b\n  bind :81\n  log-format "%ci %b"\n').value;
    const r = compileConfigFormats(cfg);
    expect(r.matchers.length).toBe(1);
    expect(r.diagnostics).toMatchObject([{ line: 5, column: 5, severity: 'error' }]);
  });
});

describe('real custom-format lines (HAProxy 2.6.12)', () => {
  const parse = (line: string) => parseLogLine(line, { ...Y, formats: formats() });

  it('JSON-like format', () => {
    expect(parse(fixtureLines('custom-json.log')[0]!)).toEqual({
      type: 'http',
      header: {},
      clientAddress: '127.0.0.1',
      clientPort: 56116,
      acceptDate: '28/Nov/2026:10:22:01.898',
      frontend: 'fe_json',
      backend: 'be_app',
      server: 'node1',
      timers: [0, 0, 0, 1, 1],
      status: 200,
      bytes: 153,
      terminationState: '----',
      actconn: 1, feconn: 1, beconn: 0, srvConn: 0, retries: 0, srvQueue: 0, backendQueue: 0,
      request: 'GET / HTTP/1.1',
    });
  });

  it('%ID, %[ssl_fc], %[ssl_fc_sni] on a TLS frontend', () => {
    expect(parse(fixtureLines('custom-id-ssl.log')[0]!)).toEqual({
      type: 'http',
      header: {},
      clientAddress: '127.0.0.1',
      clientPort: 48758,
      acceptDate: '28/Nov/2026:10:22:22.286',
      frontend: 'fe_id',
      ssl: true,
      backend: 'be_app',
      server: 'node1',
      timers: [0, 0, 0, 1, 1],
      status: 200,
      bytes: 153,
      terminationState: '----',
      actconn: 1, feconn: 1, beconn: 0, srvConn: 0, retries: 0, srvQueue: 0, backendQueue: 0,
      request: 'GET / HTTP/1.1',
    });
  });

  it('reordered fields, escaped spaces, %T with its zone, %HM %HU %HV, a capture', () => {
    expect(parse(fixtureLines('custom-reordered.log')[0]!)).toEqual({
      type: 'http',
      header: {},
      clientAddress: '127.0.0.1',
      clientPort: 59090,
      acceptDate: '28/Nov/2026:10:22:12 +0000',
      frontend: 'fe_reordered',
      backend: 'be_app',
      server: 'node1',
      timers: [0, 0, 0, 1, 1],
      status: 200,
      bytes: 153,
      terminationState: '----',
      actconn: 1, feconn: 1, beconn: 0, srvConn: 0, retries: 0, srvQueue: 0, backendQueue: 0,
      request: 'GET / HTTP/1.1',
      captures: ['127.0.0.1:8082'],
    });
    const bad = fixtureLines('custom-reordered.log').find((l) => l.includes('<BADREQ>'))!;
    expect(parse(bad)).toMatchObject({ status: 400, terminationState: 'PR--', backend: 'fe_reordered', server: '<NOSRV>', request: '<BADREQ>', timers: [-1, -1, -1, -1, 0] });
  });

  it('TCP format with the client and date last', () => {
    expect(parse(fixtureLines('custom-tcp.log')[0]!)).toEqual({
      type: 'tcp',
      header: {},
      clientAddress: '127.0.0.1',
      clientPort: 55926,
      acceptDate: '28/Nov/2026:10:22:28.701',
      frontend: 'fe_tcp',
      backend: 'be_tcp',
      server: 't1',
      timers: [1, 0, 6],
      bytes: 154,
      terminationState: '--',
      actconn: 1, feconn: 1, beconn: 0, srvConn: 0, retries: 0, srvQueue: 0, backendQueue: 0,
    });
  });

  it('every line of every custom fixture is read, none without the config', () => {
    for (const name of ['custom-json.log', 'custom-id-ssl.log', 'custom-reordered.log', 'custom-tcp.log']) {
      for (const line of fixtureLines(name)) {
        expect(parse(line), line).toMatchObject({ type: name === 'custom-tcp.log' ? 'tcp' : 'http' });
        expect(parseLogLine(line, Y), line).toBeUndefined();
      }
    }
  });
});

describe('counts with the config equal the default-format twin (same requests, same backends)', () => {
  // the twin's frontend differs, and a request HAProxy refuses is counted under `<frontend>/<NOSRV>`
  const renameFrontend = (servers: Record<string, unknown>, from: string, to: string) =>
    Object.fromEntries(Object.entries(servers).map(([k, v]) => [k === `${from}/<NOSRV>` ? `${to}/<NOSRV>` : k, v]));
  const pairs: [string, string, string][] = [
    ['custom-json.log', 'fe_json', 'fe_json_base'],
    ['custom-id-ssl.log', 'fe_id', 'fe_id_base'],
    ['custom-reordered.log', 'fe_reordered', 'fe_reordered_base'],
    ['custom-tcp.log', 'fe_tcp', 'fe_tcp_base'],
  ];
  for (const [file, fe, twinFe] of pairs) {
    it(`${file}: logs --config`, async () => {
      const cfgFormats = compileConfigFormats(config()).formats.map((f) => ({ format: f.format, frontend: f.proxies[0]! }));
      const custom = await runLogsAnalysis([FIXTURES + file], { threads: 1, year: 2026, logFormats: cfgFormats });
      const without = await runLogsAnalysis([FIXTURES + file], { threads: 1, year: 2026 });
      const twin = await runLogsAnalysis([FIXTURES + file.replace('.log', '-baseline.log')], { threads: 1, year: 2026 });
      expect(without.parsed).toBe(0);
      expect(without.unparsed).toBe(custom.lines);
      expect(custom.unparsed).toBe(0);
      expect(custom.parsed).toBe(twin.parsed);
      expect(custom.statusCodes).toEqual(twin.statusCodes);
      expect(custom.terminationStates).toEqual(twin.terminationStates);
      const strip = (s: Record<string, { requests: number; errors: number; other: number; '2xx': number; '4xx': number; '5xx': number }>) =>
        Object.fromEntries(Object.entries(s).map(([k, v]) => [k, [v.requests, v['2xx'], v['4xx'], v['5xx'], v.other, v.errors]]));
      expect(renameFrontend(strip(custom.servers as never), fe, twinFe)).toEqual(strip(twin.servers as never));
    });
  }

  it('analyze facts: the collector with the formats reads the custom lines as traffic', () => {
    const c = new LogFactsCollector({ ...Y, formats: formats() });
    fixtureLines('custom-json.log').forEach((l, k) => c.add(l, k + 1));
    const facts = c.result();
    expect(facts.summary.unparsed).toBe(0);
    expect(facts.noServer['be_down']?.count).toBe(1);
    expect(facts.servers['be_refused/r1']?.connectFailures).toBe(1);
  });
});

describe('totality of the compiled matchers', () => {
  const matchers = () => [...formats(), ...['%ci:%cp %{+Q,+E}[req.hdr(x)] %r', '%r', '%{+X}Ts %ms %hr %hs %hrl'].map((f) => compileLogFormat(f).matcher!)];
  const real = [...fixtureLines('custom-json.log'), ...fixtureLines('custom-reordered.log'), ...fixtureLines('custom-id-ssl.log'), ...fixtureLines('custom-tcp.log')];

  it('never throws on arbitrary lines, mutations and cuts of real lines', () => {
    const ms = matchers();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...real).chain((l) => fc.tuple(fc.constant(l), fc.nat(l.length), fc.string({ maxLength: 4 })).map(([s, k, ins]) => s.slice(0, k) + ins + s.slice(k)))), (line) => {
        for (const m of ms) m.match(line, 0, line.length, {});
        summarizeText(line, Y);
      }),
      { numRuns: 3000 },
    );
  });

  it('stays linear on a long hostile line', () => {
    const ms = matchers();
    const line = '"'.repeat(200_000) + ' ' + '{'.repeat(200_000) + ':'.repeat(200_000);
    const t0 = performance.now();
    for (const m of ms) m.match(line, 0, line.length, {});
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
