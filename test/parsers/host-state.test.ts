// ss -s, sosreport's ss -peaonmi, ps listings, limits, systemctl status and HAProxy's journal: real lab output
// (fixtures/parsers/{ss-extra,process-list,journal,limits}, the collector and sosreport bundles), hand-built
// systemctl status layouts (named *hand-built*), hand-written malformed cases, and fast-check totality.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { parseSs, parseSsSummary } from '../../src/parsers/ss/index.js';
import { parseProcessList } from '../../src/parsers/process-list/index.js';
import { parseLimits } from '../../src/parsers/limits/index.js';
import { parseSystemctlStatus } from '../../src/parsers/systemd/index.js';
import { parseHaproxyJournal, parseJournalLine } from '../../src/parsers/journal/index.js';
import { PARSERS } from '../../src/parsers/registry.js';
import { readFixture } from '../helpers/fixtures.js';

const SOS = 'bundles/sosreport-backend-stopped/sosreport-lb-lab-2026-11-28-uglpick';
const COLLECTOR = 'bundles/collector-backend-stopped/lb/commands';

function kindOfPath(path: string): string | undefined {
  return PARSERS.find((parser) => picomatch(parser.pathPatterns, { dot: true })(path))?.kind;
}

describe('discovery by path (registry order)', () => {
  it.each([
    ['commands/ss_-s', 'ss-summary'],
    ['commands/ss_-tulpn', 'ss'],
    ['sos_commands/networking/ss_-peaonmi', 'ss'],
    ['commands/ps_-eo_pid,user,comm,args', 'process-list'],
    ['sos_commands/process/ps_auxwww', 'process-list'],
    ['commands/cat_.proc.16779.limits', 'limits'],
    ['commands/ulimit_-n', 'limits'],
    ['proc/16779/limits', 'limits'],
    ['commands/systemctl_status_haproxy', 'systemd-status'],
    ['commands/journalctl_-u_haproxy_--since=-1h_--no-pager', 'haproxy-log'],
    ['sos_commands/haproxy/journalctl_--no-pager_--unit_haproxy', 'haproxy-log'],
    ['var/log/haproxy.log', 'haproxy-log'],
  ])('%s -> %s', (path, kind) => {
    expect(kindOfPath(path)).toBe(kind);
  });

  it('leaves systemctl cat to no parser', () => {
    expect(kindOfPath('commands/systemctl_cat_haproxy')).toBeUndefined();
  });
});

describe('ss -s', () => {
  it('reads the lab summary with TIME-WAIT and estab counts', () => {
    const { ok, value, diagnostics } = parseSsSummary(readFixture('parsers/ss-extra/ss_-s-haproxy.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.total).toMatchObject({ line: 1 });
    expect(value.tcp).toMatchObject({ line: 2, estab: 0 });
    expect(value.tcp?.timewait).toBeGreaterThan(0);
    expect(value.transports.map((t) => t.transport)).toEqual(['RAW', 'UDP', 'TCP', 'INET', 'FRAG']);
    expect(value.transports.find((t) => t.transport === 'TCP')).toMatchObject({ total: 2, ip: 2, ipv6: 0 });
  });

  it.each(['parsers/ss-extra/ss_-s-client.txt', `${COLLECTOR}/ss_-s`])('%s parses without diagnostics', (file) => {
    const { ok, diagnostics, value } = parseSsSummary(readFixture(file));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.tcp?.timewait).toBeTypeOf('number');
  });

  it('reads the older wording with synrecv, timewait N/M and ports (hand-written from iproute2 4.x)', () => {
    const { value, diagnostics } = parseSsSummary('Total: 190 (kernel 0)\nTCP:   12 (estab 3, closed 2, orphaned 0, synrecv 0, timewait 2/0), ports 0\n');
    expect(diagnostics).toEqual([]);
    expect(value.total).toEqual({ line: 1, count: 190, kernel: 0 });
    expect(value.tcp).toMatchObject({ estab: 3, synrecv: 0, timewait: 2, ports: 0 });
  });

  it('the ss kind points at ss-summary instead of failing blindly', () => {
    const { ok, diagnostics } = parseSs(readFixture('parsers/ss-extra/ss_-s-haproxy.txt'));
    expect(ok).toBe(false);
    expect(diagnostics[0]?.message).toContain('ss-summary');
  });

  it('fails on text that is not ss -s (hand-written)', () => {
    expect(parseSsSummary('hello\n').ok).toBe(false);
  });
});

describe('ss -peaonmi (two-line records)', () => {
  it('reads the real sosreport capture: cgroup2 and RTNETLINK lines are informational, continuations attach', () => {
    const { ok, value, diagnostics } = parseSs(readFixture(SOS, 'sos_commands/networking/ss_-peaonmi'));
    expect(ok).toBe(true);
    expect(diagnostics.every((d) => d.severity === 'info')).toBe(true);
    expect(diagnostics.map((d) => d.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const shown = value.sockets.map((s) => `${s.netid} ${s.state} ${s.local.address}:${s.local.port}`);
    expect(shown).toEqual([
      'udp UNCONN 127.0.0.1:514',
      'udp UNCONN 0.0.0.0:33707',
      'udp UNCONN 0.0.0.0:50821',
      'tcp LISTEN 10.88.0.10:80',
      'tcp LISTEN 10.88.0.10:8404',
      'tcp TIME-WAIT 10.88.0.10:55964',
    ]);
    expect(value.sockets[3]).toMatchObject({ line: 25, processes: [{ name: 'haproxy', pid: 16779, fd: 4 }] });
    expect(value.nonInetSockets).toBe(10);
  });

  it('reads the lab capture the same way', () => {
    const { ok, value, diagnostics } = parseSs(readFixture('parsers/ss-extra/ss_-peaonmi-haproxy.txt'));
    expect(ok).toBe(true);
    expect(diagnostics.every((d) => d.severity === 'info')).toBe(true);
    expect(value.sockets.some((s) => s.state === 'LISTEN' && s.local.port === 80 && s.processes[0]?.name === 'haproxy')).toBe(true);
    expect(value.sockets.some((s) => s.state === 'TIME-WAIT')).toBe(true);
  });

  it('an indented line with no socket before it is still reported (hand-written)', () => {
    const { diagnostics } = parseSs('Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\n\t skmem:(r0)\n');
    expect(diagnostics).toEqual([expect.objectContaining({ line: 2, severity: 'warning' })]);
  });
});

describe('ps listings', () => {
  it('reads ps -eo pid,user,comm,args: comm and args apart', () => {
    const { ok, value, diagnostics } = parseProcessList(readFixture('parsers/process-list/ps_-eo_pid,user,comm,args.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    const haproxy = value.processes.find((p) => p.comm === 'haproxy');
    expect(haproxy).toMatchObject({ pid: 2, user: 'root', args: expect.stringMatching(/^haproxy -db -f \S+haproxy.cfg$/) });
  });

  it.each(['ps_aux.txt', 'ps_-ef.txt'])('reads %s with the command line as the last column', (name) => {
    const { ok, value, diagnostics } = parseProcessList(readFixture('parsers/process-list', name));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.processes.find((p) => p.args?.startsWith('haproxy -db'))).toMatchObject({ user: 'root' });
  });

  it('reads the collector bundle listing', () => {
    const { value } = parseProcessList(readFixture(COLLECTOR, 'ps_-eo_pid,user,comm,args'));
    expect(value.processes.find((p) => p.comm === 'haproxy')).toMatchObject({ pid: 16779, user: 'haproxy' });
  });

  it('reports rows that do not fit the header (hand-written)', () => {
    const { ok, value, diagnostics } = parseProcessList('  PID USER     COMMAND\n  12 root     sshd\nnot-a-pid root x\n');
    expect(ok).toBe(true);
    expect(value.processes).toHaveLength(1);
    expect(diagnostics.map((d) => d.line)).toEqual([3]);
    expect(parseProcessList('hello world\n').ok).toBe(false);
  });
});

describe('limits', () => {
  it('reads /proc/<pid>/limits with keys and units', () => {
    const { ok, value, diagnostics } = parseLimits(readFixture('parsers/limits/proc_pid_limits.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.form).toBe('proc');
    expect(value.limits).toHaveLength(16);
    expect(value.limits.find((l) => l.key === 'nofile')).toEqual({ line: 9, name: 'Max open files', key: 'nofile', soft: 4096, hard: 4096, units: 'files' });
    expect(value.limits.find((l) => l.key === 'nice')).toMatchObject({ soft: 0, hard: 0 });
    expect(value.limits.find((l) => l.key === 'cpu')).toMatchObject({ soft: null, hard: null, units: 'seconds' });
  });

  it.each([
    ['parsers/process-list/proc_haproxy_limits.txt', 'proc', 20000],
    [`${COLLECTOR}/cat_.proc.16779.limits`, 'proc', undefined],
    ['parsers/limits/ulimit_-a.txt', 'ulimit-a', 20000],
    ['parsers/process-list/sh_-c_ulimit_-a.txt', 'ulimit-a', undefined],
    ['parsers/limits/ulimit_-n.txt', 'ulimit-value', 20000],
  ])('%s: form %s, open files', (file, form, nofile) => {
    const { ok, value, diagnostics } = parseLimits(readFixture(file));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.form).toBe(form);
    const open = value.limits.find((l) => l.key === 'nofile');
    expect(open?.soft).toBeTypeOf('number');
    if (nofile !== undefined) expect(open?.soft).toBe(nofile);
  });

  it('bash ulimit -a keeps option letters and units', () => {
    const { value } = parseLimits(readFixture('parsers/limits/ulimit_-a.txt'));
    expect(value.limits.find((l) => l.option === '-c')).toMatchObject({ key: 'core', units: 'blocks', soft: 0 });
  });

  it('reports what it cannot read (hand-written)', () => {
    expect(parseLimits('bogus\n').ok).toBe(false);
    const { diagnostics } = parseLimits('Limit                     Soft Limit           Hard Limit           Units\nMax open files  x  y files\nMax processes 10 20 processes\n');
    expect(diagnostics.map((d) => d.line)).toEqual([2]);
  });
});

describe('systemctl status (hand-built layouts; real "no systemd" output)', () => {
  it('a failed start: Active, result, Process: lines and the ALERT lines of the tail with their line numbers', () => {
    const { ok, value, diagnostics } = parseSystemctlStatus(readFixture('parsers/systemd/systemctl_status_haproxy-failed-hand-built.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.unit).toEqual({ line: 1, name: 'haproxy.service', description: 'HAProxy Load Balancer' });
    expect(value.active).toMatchObject({ line: 3, state: 'failed', result: 'exit-code', since: 'Sat 2026-11-28 10:31:02 UTC' });
    expect(value.processes).toEqual([
      { line: 7, pid: 21907, command: 'ExecStartPre=/usr/sbin/haproxy -Ws -f $CONFIG -c -q $EXTRAOPTS', result: 'code=exited, status=1/FAILURE' },
    ]);
    expect(value.mainPid).toMatchObject({ pid: 16779, exited: 'code=exited, status=0/SUCCESS' });
    const alerts = value.journal.filter((e) => e.haproxy?.type === 'alert');
    expect(alerts.map((e) => e.line)).toEqual([12, 13, 14]);
    expect(alerts[0]?.message).toContain("unknown keyword 'bnd'");
    expect(value.journal.find((e) => e.identifier === 'systemd')).toMatchObject({ line: 11, pid: 1 });
  });

  it('a running unit: main PID and state changes in the tail', () => {
    const { value, diagnostics } = parseSystemctlStatus(readFixture('parsers/systemd/systemctl_status_haproxy-running-hand-built.txt'));
    expect(diagnostics).toEqual([]);
    expect(value.active).toMatchObject({ state: 'active', sub: 'running' });
    expect(value.mainPid).toEqual({ line: 7, pid: 12494, name: 'haproxy' });
    const down = value.journal.filter((e) => e.haproxy?.type === 'server-state');
    expect(down.map((e) => e.haproxy && 'server' in e.haproxy && e.haproxy.server)).toEqual(['s_refused', 's_404']);
    expect(value.journal.find((e) => e.haproxy?.type === 'no-server')?.line).toBe(19);
  });

  it('the RHEL 8 layout with an HAProxy 1.8 bind failure', () => {
    const { value, diagnostics } = parseSystemctlStatus(readFixture('parsers/systemd/systemctl_status_haproxy-rhel8-hand-built.txt'));
    expect(diagnostics).toEqual([]);
    expect(value.loaded).toMatchObject({ state: 'loaded', enabled: 'enabled' });
    expect(value.processes.map((p) => p.result)).toEqual(['code=exited, status=0/SUCCESS', 'code=exited, status=1/FAILURE']);
    expect(value.journal.find((e) => e.line === 9)?.haproxy).toMatchObject({ type: 'alert', bind: { address: '0.0.0.0', port: 80 } });
  });

  it('no systemd as PID 1 (real): unavailable, not "not running"', () => {
    const { ok, value, diagnostics } = parseSystemctlStatus(readFixture('parsers/systemd/systemctl_status_haproxy-no-systemd.txt'));
    expect(ok).toBe(true);
    expect(value.unavailable?.reason).toMatch(/^System has not been booted with systemd/);
    expect(value.active).toBeUndefined();
    expect(diagnostics.every((d) => d.severity === 'info')).toBe(true);
  });

  it('rejects text that is not systemctl status (hand-written)', () => {
    expect(parseSystemctlStatus('hello\n').ok).toBe(false);
  });
});

describe("HAProxy's journal (journalctl -u haproxy, real journalctl output)", () => {
  it.each(['short', 'short-iso', 'short-precise', 'cat'])('-o %s: the WARNING/ALERT lines are haproxy-log events', (mode) => {
    const { ok, value } = parseHaproxyJournal(readFixture(`parsers/journal/journalctl_-u_haproxy_-o_${mode}.txt`));
    expect(ok).toBe(true);
    const events = value.events.map((e) => `${e.line} ${e.type}`);
    expect(events).toEqual(expect.arrayContaining(['2 server-state', '4 server-state', '5 no-server']));
  });

  it('journal lines keep their header fields', () => {
    const lines = readFixture('parsers/journal/journalctl_-u_haproxy_-o_short-iso.txt').split('\n');
    const entry = parseJournalLine(lines[4] ?? '', 5);
    expect(entry).toMatchObject({ line: 5, host: 'lb', identifier: 'haproxy', haproxy: { type: 'no-server', backend: 'be_http_check' } });
    expect(entry.timestamp).toMatch(/^2026-11-28T/);
  });

  it.each(['parsers/journal/journalctl_-u_nothing-here.txt', 'parsers/systemd/journalctl_-u_haproxy-no-journal.txt', `${COLLECTOR}/journalctl_-u_haproxy_--since=-1h_--no-pager`])(
    '%s: no entries is information, not a failed log',
    (file) => {
      const { ok, diagnostics } = parseHaproxyJournal(readFixture(file));
      expect(ok).toBe(true);
      expect(diagnostics.every((d) => d.severity === 'info')).toBe(true);
    },
  );
});

describe('totality (fast-check): random text and mutated real outputs', () => {
  const parsers = [parseSsSummary, parseSs, parseProcessList, parseLimits, parseSystemctlStatus, parseHaproxyJournal] as const;
  const samples = [
    readFixture('parsers/ss-extra/ss_-s-haproxy.txt'),
    readFixture(SOS, 'sos_commands/networking/ss_-peaonmi'),
    readFixture('parsers/process-list/ps_aux.txt'),
    readFixture('parsers/limits/proc_pid_limits.txt'),
    readFixture('parsers/limits/ulimit_-a.txt'),
    readFixture('parsers/systemd/systemctl_status_haproxy-failed-hand-built.txt'),
    readFixture('parsers/journal/journalctl_-u_haproxy_-o_short.txt'),
  ];

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        for (const parse of parsers) parse(text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on truncated or spliced real outputs', () => {
    fc.assert(
      fc.property(fc.nat(samples.length - 1), fc.nat(), fc.nat(), fc.string({ maxLength: 40 }), (which, cut, at, insert) => {
        const sample = samples[which] ?? '';
        const truncated = sample.slice(0, cut % (sample.length + 1));
        const spliced = `${sample.slice(0, at % (sample.length + 1))}${insert}${sample.slice(at % (sample.length + 1))}`;
        for (const parse of parsers) {
          parse(truncated);
          parse(spliced);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('stays linear on long adversarial lines', () => {
    const long = `${'Max '.repeat(5000)}  ${'(-'.repeat(5000)} ${'-- '.repeat(5000)}\n${'  '.repeat(20000)}x\nTCP: 1 (${'estab 1, '.repeat(5000)}\n`;
    const started = Date.now();
    for (const parse of parsers) parse(long);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
