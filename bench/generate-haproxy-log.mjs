// Deterministic generator of large HAProxy logs in the formats HAProxy 2.6 writes (shapes copied from the real
// lines in fixtures/parsers/haproxy-log/), for the halog parity test and the log benchmark.
// Usage: node bench/generate-haproxy-log.mjs <lines> [seed] [syslog|raw|precise|pri|iso|rfc5424] > file.log
//
// generateHaproxyLog({ lines, seed, prefix }) returns { text, meta } where meta records what halog reads
// differently (see summary.ts): TCP lines by byte count and termination state, servers only seen in TCP lines,
// error-log-format lines.

/** mulberry32: small deterministic PRNG. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function generateHaproxyLog({ lines = 50_000, seed = 42, prefix = 'syslog' } = {}) {
  const r = rng(seed);
  const pick = (arr) => arr[Math.floor(r() * arr.length)];
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const meta = {
    tcpBytes: new Map(),
    tcpTerminationStates: new Map(),
    tcpServers: new Set(),
    errorFormatLines: 0,
    errorFormatServers: new Set(),
    traffic: 0,
    events: 0,
    garbage: 0,
  };
  const inc = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
  let t = Date.UTC(2026, 10, 28, 8, 0, 0, 0);
  const out = [];
  const apps = ['node1', 'node2', 'node3', 'node4'];
  const apis = ['api1', 'api2', 'api3'];
  const paths = ['/', '/index.html', '/api/v1/items', '/api/v1/items/42', '/login', '/static/app.js', '/health'];
  const okStatuses = [200, 200, 200, 200, 200, 200, 204, 301, 302, 304, 400, 401, 403, 404, 404, 500, 502];

  // prefix: 'syslog' (rsyslog traditional), 'raw' (none), 'precise' (journalctl short-precise), 'pri' (RFC3164 with
  // <pri>), 'iso' (rsyslog RFC3339 file format), 'rfc5424': the timestamp changes from line to line in all of them
  const syslogPrefix = () => {
    const d = new Date(t);
    const day = String(d.getUTCDate()).padStart(2, ' ');
    const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    const iso = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${hms}.${pad(d.getUTCMilliseconds(), 3)}`;
    if (prefix === 'precise') return `${MONTHS[d.getUTCMonth()]} ${day} ${hms}.${pad(d.getUTCMilliseconds(), 3)}${pad(int(0, 999), 3)} lb haproxy[4242]: `;
    if (prefix === 'pri') return `<134>${MONTHS[d.getUTCMonth()]} ${day} ${hms} haproxy[4242]: `;
    if (prefix === 'iso') return `${iso}+00:00 lb haproxy[4242]: `;
    if (prefix === 'rfc5424') return `<134>1 ${iso}Z lb haproxy 4242 - - `;
    return `${MONTHS[d.getUTCMonth()]} ${day} ${hms} lb haproxy[4242]: `;
  };
  const acceptDate = () => {
    const d = new Date(t - int(0, 3000));
    return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  };
  const client = () => `10.${int(0, 3)}.${int(0, 255)}.${int(1, 254)}:${int(1024, 65535)}`;
  const conns = (retries = 0) => `${int(1, 300)}/${int(1, 200)}/${int(0, 100)}/${int(0, 50)}/${retries}`;
  const request = () => `"${pick(['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'])} ${pick(paths)} HTTP/1.1"`;
  const emit = (msg) => out.push(prefix === 'raw' ? msg : syslogPrefix() + msg);

  const http = (fe, be, srv, timers, status, bytes, ts, opts = {}) => {
    let line = `${client()} [${acceptDate()}] ${fe} ${be}/${srv} ${timers.join('/')} ${status} ${bytes} - - ${ts} ${conns(opts.retries ?? 0)} ${opts.queue ?? '0/0'}`;
    if (opts.captures) line += ` {shop.example|Mozilla/5.0 (X11)} {text/html}`;
    line += ` ${opts.request ?? request()}`;
    if (opts.tls) line += ` 0/0000000000000000/0/0/0 shop.example/TLSv1.3/TLS_AES_256_GCM_SHA384`;
    emit(line);
    meta.traffic++;
  };

  for (let i = 0; i < lines; i++) {
    t += int(0, 40);
    const x = r();
    if (x < 0.6) {
      const api = r() < 0.3;
      const tls = r() < 0.1;
      const fe = tls ? 'fe_https~' : api ? 'fe_api' : 'fe_main';
      const be = api ? 'be_api' : 'be_app';
      const srv = pick(api ? apis : apps);
      const tr = int(0, 400);
      const tc = int(0, 5);
      const asap = r() < 0.02;
      const ta = tr + tc + int(0, 50);
      http(fe, be, srv, [int(0, 20), 0, tc, tr, asap ? `+${ta}` : ta], pick(okStatuses), asap ? `+${int(0, 9000)}` : int(0, 90000), pick(['----', '----', '----', '--NI', '--VN']), {
        captures: r() < 0.1,
        tls,
      });
    } else if (x < 0.65) {
      http('fe_main', 'be_app', pick(apps), [int(0, 10), 0, -1, -1, int(1000, 3100)], 503, 217, 'SC--', { retries: 3 });
    } else if (x < 0.68) {
      http('fe_main', 'be_app', pick(apps), [int(0, 10), 0, int(0, 3), -1, int(30000, 30100)], 504, 198, 'sH--');
    } else if (x < 0.71) {
      http('fe_main', 'be_app', '<NOSRV>', [0, -1, -1, -1, 0], 503, 217, 'SC--');
    } else if (x < 0.73) {
      http('fe_api', 'be_api', '<NOSRV>', [0, int(500, 1000), -1, -1, int(500, 1000)], 503, 217, 'sQ--', { queue: `0/${int(1, 40)}` });
    } else if (x < 0.75) {
      http('fe_main', 'be_app', pick(apps), [int(0, 10), 0, int(0, 3), -1, int(10, 5000)], -1, 0, pick(['CD--', 'cD--', 'CH--']));
    } else if (x < 0.76) {
      http('fe_main', 'fe_main', '<NOSRV>', [-1, -1, -1, -1, 0], 400, 0, 'PR--', { request: '"<BADREQ>"' });
    } else if (x < 0.77) {
      http('fe_main', 'be_app', pick(apps), [int(0, 10), 0, int(0, 3), int(0, 50), int(50, 100)], 502, 209, 'SH--');
    } else if (x < 0.87) {
      const srv = pick(['t1', 't2']);
      const ts = pick(['--', '--', '--', 'CD', 'SD', 'cD', 'sC', 'SC']);
      const tc = ts === 'SC' || ts === 'sC' ? -1 : int(0, 5);
      const bytes = ts === 'SC' || ts === 'sC' ? 0 : int(0, 500);
      emit(`${client()} [${acceptDate()}] fe_tcp be_tcp/${srv} ${int(0, 3)}/${tc}/${int(5, 90000)} ${bytes} ${ts} ${conns()} 0/0`);
      meta.traffic++;
      inc(meta.tcpBytes, bytes);
      inc(meta.tcpTerminationStates, ts);
      meta.tcpServers.add(`be_tcp/${srv}`);
    } else if (x < 0.88) {
      const d = new Date(t);
      emit(
        `10.1.2.3 - - [${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000] "GET / HTTP/1.1" 200 153 "" "" 35784 890 "fe_clf" "be_app" "node2" 0 0 0 1 1 ---- 1 1 0 0 0 0 0 "" "" `,
      );
      meta.traffic++;
    } else if (x < 0.885) {
      emit(`${client()} [${acceptDate()}] fe_https/1: Connection error during SSL handshake`);
      meta.errorFormatLines++;
      meta.errorFormatServers.add('fe_https/1:');
    } else if (x < 0.93) {
      const srv = pick(apps);
      const ev = pick([
        `Server be_app/${srv} is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 3 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
        `Server be_app/${srv} is UP, reason: Layer4 check passed, check duration: 0ms. 4 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.`,
        `Health check for server be_app/${srv} failed, reason: Layer4 timeout, check duration: 2001ms, status: 1/2 UP.`,
        `Health check for server be_api/api1 failed, reason: Layer7 wrong status, code: 503, info: "Service Unavailable", check duration: 3ms, status: 0/2 DOWN.`,
        `Server be_app/${srv} is going DOWN for maintenance. 3 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
        `backend be_app has no server available!`,
        `Connect() failed for backend be_app: no free ports.`,
        `Proxy fe_main stopped (cumulated conns: FE: 1234, BE: 0).`,
      ]);
      emit(ev);
      meta.events++;
    } else if (x < 0.935) {
      const g = pick(['', 'random text that is not a log line', '127.0.0.1:1 [28/Nov/2026:08:00:00.000] fe', '-- MARK --']);
      out.push(g);
      meta.garbage++;
    } else {
      http('fe_main', 'be_app', pick(apps), [int(0, 20), 0, int(0, 5), int(0, 400), int(0, 500)], pick(okStatuses), int(0, 90000), '----');
    }
  }
  return { text: `${out.join('\n')}\n`, meta };
}

if (process.argv[1]?.endsWith('generate-haproxy-log.mjs')) {
  const n = Number(process.argv[2] ?? 50_000);
  const seed = Number(process.argv[3] ?? 42);
  const prefix = process.argv[4] ?? 'syslog';
  process.stdout.write(generateHaproxyLog({ lines: n, seed, prefix }).text);
}
