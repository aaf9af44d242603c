import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogLine } from '../../../src/parsers/haproxy-log/line-parser.js';
import { fixtureLines, lineWith } from './helpers.js';

const Y = { year: 2026 };
const conns = (a: number, f: number, b: number, s: number, r: number) => ({ actconn: a, feconn: f, beconn: b, srvConn: s, retries: r });

describe('traffic lines (real HAProxy 2.6 output)', () => {
  it('httplog', () => {
    expect(parseLogLine(fixtureLines('httplog.log')[0]!, Y)).toEqual({
      type: 'http',
      header: {},
      clientAddress: '127.0.0.1',
      clientPort: 37274,
      acceptDate: '28/Nov/2026:09:49:22.631',
      frontend: 'fe_http',
      backend: 'be_app',
      server: 'node1',
      timers: [0, 0, 0, 1, 1],
      status: 200,
      bytes: 153,
      terminationState: '----',
      ...conns(1, 1, 0, 0, 0),
      srvQueue: 0,
      backendQueue: 0,
      request: 'GET / HTTP/1.1',
    });
  });

  it('httplog with captured headers', () => {
    const r = parseLogLine(fixtureLines('httplog-captures.log')[0]!, Y);
    expect(r).toMatchObject({ type: 'http', frontend: 'fe_capture', server: 'node1', status: 200, request: 'GET / HTTP/1.1' });
    expect(r && 'captures' in r && r.captures).toEqual(['shop.example|curl-lab/1.0', 'text/plain']);
  });

  it('httpslog: `~` TLS suffix, TLS fields after the request', () => {
    expect(parseLogLine(lineWith('httpslog.log', 'lb.example'), Y)).toEqual({
      type: 'http',
      header: {},
      clientAddress: '127.0.0.1',
      clientPort: 51718,
      acceptDate: '28/Nov/2026:09:49:22.731',
      frontend: 'fe_https',
      ssl: true,
      backend: 'be_app',
      server: 'node1',
      timers: [0, 0, 1, 0, 1],
      status: 404,
      bytes: 160,
      terminationState: '----',
      ...conns(1, 1, 0, 0, 0),
      srvQueue: 0,
      backendQueue: 0,
      request: 'GET /missing HTTP/1.1',
    });
  });

  it('CLF', () => {
    expect(parseLogLine(fixtureLines('clf.log')[2]!, Y)).toEqual({
      type: 'http',
      header: {},
      clientAddress: '127.0.0.1',
      clientPort: 42202,
      acceptDate: '28/Nov/2026:09:49:22 +0000',
      frontend: 'fe_clf',
      backend: 'be_app',
      server: 'node2',
      timers: [0, 0, 0, 0, 0],
      status: 404,
      bytes: 160,
      terminationState: '----',
      ...conns(1, 1, 0, 0, 0),
      srvQueue: 0,
      backendQueue: 0,
      request: 'GET /missing HTTP/1.1',
    });
  });

  it('tcplog', () => {
    expect(parseLogLine(fixtureLines('tcplog.log')[2]!, Y)).toEqual({
      type: 'tcp',
      header: {},
      clientAddress: '127.0.0.1',
      clientPort: 35516,
      acceptDate: '28/Nov/2026:09:49:22.705',
      frontend: 'fe_tcp',
      backend: 'be_tcp',
      server: 't1',
      timers: [1, 0, 5],
      bytes: 154,
      terminationState: '--',
      ...conns(2, 1, 0, 0, 0),
      srvQueue: 0,
      backendQueue: 0,
    });
  });

  it('<BADREQ> with -1 timers', () => {
    expect(parseLogLine(fixtureLines('badreq.log')[0]!, Y)).toMatchObject({
      type: 'http',
      frontend: 'fe_http',
      backend: 'fe_http',
      server: '<NOSRV>',
      timers: [-1, -1, -1, -1, 0],
      status: 400,
      bytes: 0,
      terminationState: 'PR--',
      request: '<BADREQ>',
    });
  });

  it('503 <NOSRV> SC--, connect refused SC-- with a retry, queue timeout sQ--, server timeout sH--', () => {
    expect(parseLogLine(lineWith('nosrv.log', '<NOSRV>'), Y)).toMatchObject({ backend: 'be_down', server: '<NOSRV>', status: 503, terminationState: 'SC--', timers: [0, -1, -1, -1, 0] });
    expect(parseLogLine(fixtureLines('connect-refused.log')[0]!, Y)).toMatchObject({ server: 'r1', status: 503, terminationState: 'SC--', timers: [0, 0, -1, -1, 1001], retries: 1 });
    expect(parseLogLine(lineWith('queue-timeout.log', 'sQ--'), Y)).toMatchObject({ backend: 'be_slow', server: '<NOSRV>', terminationState: 'sQ--', timers: [0, 502, -1, -1, 502], backendQueue: 1 });
    expect(parseLogLine(lineWith('queue-timeout.log', 'sH--'), Y)).toMatchObject({ server: 'slow1', status: 504, terminationState: 'sH--' });
  });

  it('logasap: + prefixed Ta and byte count', () => {
    expect(parseLogLine(fixtureLines('logasap.log')[0]!, Y)).toMatchObject({ timers: [0, 0, 0, 0, 0], bytes: 153, bytesPartial: true, status: 200 });
  });

  it('behind each syslog prefix, the same record but the header', () => {
    const raw = lineWith('raw-stdout.log', 'sQ--');
    const expected = parseLogLine(raw, Y);
    for (const file of ['rsyslog-traditional.log', 'rsyslog-iso.log', 'rsyslog-rfc5424.log', 'rsyslog-rfc3164-pri.log']) {
      const line = lineWith(file, raw);
      const r = parseLogLine(line, Y);
      expect({ ...r, header: {} }, file).toEqual(expected);
      expect(r?.header).toMatchObject({ host: 'lb', program: 'haproxy' });
    }
  });
});

describe('events (real HAProxy 2.6 output)', () => {
  it('server DOWN with reason, info and check duration', () => {
    expect(parseLogLine(lineWith('nosrv.log', 'is DOWN'), Y)).toEqual({
      type: 'server-state',
      header: {},
      backend: 'be_down',
      server: 'd1',
      state: 'DOWN',
      reason: 'Layer4 connection problem',
      info: 'Connection refused',
      checkDurationMs: 0,
      message: lineWith('nosrv.log', 'is DOWN'),
    });
  });

  it.each([
    ['Server be_app/node2 is DOWN. 1 active', 'DOWN'],
    ['Server be_app/node2 is UP. 2 active', 'UP'],
    ['Server be_app/node1 is going DOWN for maintenance.', 'MAINT'],
    ['Server be_app/node1 is UP/READY (leaving forced maintenance).', 'UP'],
    ['Server be_app/node2 enters drain state.', 'DRAIN'],
    ['Server be_app/node2 is UP (leaving forced drain).', 'UP'],
  ])('%s -> %s', (start, state) => {
    const r = parseLogLine(lineWith('state-changes.log', start), Y);
    expect(r).toMatchObject({ type: 'server-state', backend: 'be_app', state });
  });

  it('health check failed / succeeded: state after the check', () => {
    expect(parseLogLine(lineWith('state-changes.log', 'be_l7/w1 failed'), Y)).toMatchObject({
      type: 'server-state',
      backend: 'be_l7',
      server: 'w1',
      state: 'DOWN',
      check: 'failed',
      reason: 'Layer7 wrong status',
      info: 'Not Found',
      checkDurationMs: 1,
    });
    expect(parseLogLine(lineWith('state-changes.log', 'status: 1/2 UP'), Y)).toMatchObject({ check: 'failed', state: 'UP', reason: 'Layer4 connection problem', info: 'Connection refused' });
    expect(parseLogLine(lineWith('state-changes.log', 'succeeded'), Y)).toMatchObject({ check: 'succeeded', state: 'UP', reason: 'Layer4 check passed' });
  });

  it('backend has no server available (syslog and stderr wording)', () => {
    expect(parseLogLine(lineWith('nosrv.log', 'has no server'), Y)).toEqual({ type: 'no-server', header: {}, backend: 'be_down', message: 'backend be_down has no server available!' });
    expect(parseLogLine(lineWith('haproxy-stderr.log', "backend 'be_down'"), Y)).toMatchObject({ type: 'no-server', backend: 'be_down', header: { pid: expect.any(Number) } });
  });

  it('no free ports / cannot bind to source address', () => {
    expect(parseLogLine(lineWith('no-free-ports.log', 'no free ports'), Y)).toEqual({ type: 'no-free-ports', header: {}, backend: 'be_ports1', message: 'Connect() failed for backend be_ports1: no free ports.' });
    expect(parseLogLine(lineWith('no-free-ports.log', 'Cannot bind to source'), Y)).toMatchObject({ type: 'no-free-ports', backend: 'be_ports' });
  });

  it('proxy stopped', () => {
    expect(parseLogLine(lineWith('state-changes.log', 'Proxy fe_http stopped'), Y)).toMatchObject({ type: 'notice', message: 'Proxy fe_http stopped (cumulated conns: FE: 13, BE: 0).' });
  });

  it('[ALERT] bind failures (2.6 wording), with pid and frontend', () => {
    const lines = fixtureLines('bind-conflict-stderr.log');
    const inUse = parseLogLine(lines.find((l) => l.includes('Address already in use'))!, Y);
    expect(inUse).toMatchObject({
      type: 'alert',
      bind: { error: 'Address already in use', address: '127.0.0.1', port: 9001, frontend: 'fe_main' },
    });
    expect(inUse?.header.pid).toBeGreaterThan(0);
    expect(parseLogLine(lines.find((l) => l.includes('Cannot assign'))!, Y)).toMatchObject({
      type: 'alert',
      bind: { error: 'Cannot assign requested address', address: '10.9.9.9', port: 80, frontend: 'fe_other' },
    });
    expect(parseLogLine(lines[0]!, Y)).toMatchObject({ type: 'notice', message: 'haproxy version is 2.6.12-1+deb12u4' });
  });

  it('[ALERT] bind failure, pre-2.3 wording (hand-written from the 2.0 message format)', () => {
    expect(parseLogLine('[ALERT] 331/084958 (1234) : Starting frontend fe_main: cannot bind socket [0.0.0.0:80]', Y)).toMatchObject({ type: 'alert' });
    expect(parseLogLine('[ALERT]    (1234) : Starting frontend fe_main: cannot bind socket (Address already in use) for [0.0.0.0:80]', Y)).toMatchObject({
      type: 'alert',
      header: { pid: 1234 },
      bind: { error: 'Address already in use', address: '0.0.0.0', port: 80, frontend: 'fe_main' },
    });
  });

  it('[WARNING] state change on stderr is a server-state record', () => {
    expect(parseLogLine(lineWith('haproxy-stderr.log', 'Server be_app/node2 is DOWN'), Y)).toMatchObject({ type: 'server-state', state: 'DOWN', server: 'node2' });
  });

  it('every line of every real fixture is recognised', () => {
    for (const file of [
      'raw-stdout.log',
      'haproxy-stderr.log',
      'bind-conflict-stderr.log',
      'rsyslog-traditional.log',
      'rsyslog-iso.log',
      'rsyslog-rfc5424.log',
      'rsyslog-rfc3164-pri.log',
    ]) {
      for (const line of fixtureLines(file)) expect(parseLogLine(line, Y), `${file}: ${line}`).toBeDefined();
    }
  });
});

describe('malformed lines (hand-written)', () => {
  it.each([
    '',
    ' ',
    'hello world',
    '127.0.0.1:1 [28/Nov/2026:09:49:22.631] fe_http',
    '127.0.0.1:1 [28/Nov/2026:09:49:22.631] fe_http be_app/node1 0/0/0/1/1 200',
    '127.0.0.1:1 [28/Nov/2026:09:49:22.631] fe_http be_app/node1 0/0/x/1/1 200 153 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1"',
    '127.0.0.1:1 [28/Nov/2026:09:49:22.631] fe_http be_app/node1 0/0/0/1/1/1 200 153 - - ---- 1/1/0/0/0 0/0',
    '127.0.0.1:1 [28/Nov/2026:09:49:22.631] fe_http be_app/node1 0/0/0/1/1 200 153 - - ---- 1/1/0/0 0/0',
    '127.0.0.1:1 [28/Nov/2026:09:49:22.631] fe_http be_appnode1 0/0/0/1/1 200 153 - - ---- 1/1/0/0/0 0/0',
    '127.0.0.1:1 [28/Nov/2026:09:49:22.631] fe_tcp be/t1 1/0/0 154 ------ 1/1/0/0/0 0/0',
    'Server nobackend is DOWN',
    'Nov 28 09:49:21 lb systemd[1]: Stopping HAProxy Load Balancer...',
    'Nov 28 09:49:21 lb kernel: Server be/x is DOWN',
    '127.0.0.1 - - [28/Nov/2026:09:49:22 +0000] "GET / HTTP/1.1" 200 153',
    '[ALERT',
    '<134>',
  ])('%j is not a record', (line) => {
    expect(parseLogLine(line, Y)).toBeUndefined();
  });

  it('random strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        parseLogLine(s, Y);
      }),
      { numRuns: 3000 },
    );
  });

  it('mutations of real lines never throw', () => {
    const lines = fixtureLines('rsyslog-traditional.log');
    fc.assert(
      fc.property(fc.constantFrom(...lines), fc.nat(), fc.string({ maxLength: 5 }), fc.nat(), (line, at, insert, del) => {
        const i = at % (line.length + 1);
        parseLogLine(line.slice(0, i) + insert + line.slice(i + (del % 4)), Y);
      }),
      { numRuns: 3000 },
    );
  });
});
