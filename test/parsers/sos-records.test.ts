// sos's own records: sos_reports/manifest.json (sos-manifest) and sos_logs/sos.log (sos-log), from real sos 4.0 runs
// in the lab (fixtures/sosreport/default-run: sos's defaults, which skipped ss/iptables/nft here;
// fixtures/bundles/sosreport-backend-stopped: the same with those commands run). Inputs named "hand-written" are not.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSosLog, sosLogParser, whySosSkipped } from '../../src/parsers/sos-log/index.js';
import { parseSosManifest, sosCommandForFile, sosManifestParser } from '../../src/parsers/sos-manifest/index.js';
import { bundlePath, readFixture } from '../helpers/fixtures.js';

const SOS_BUNDLE = bundlePath('sosreport-backend-stopped');
const SOS_DIR = readdirSync(SOS_BUNDLE).find((name) => name.startsWith('sosreport-'))!;
const fullRun = (file: string) => readFixture('bundles/sosreport-backend-stopped', SOS_DIR, file);
const defaultRun = (file: string) => readFixture('sosreport/default-run', file);

describe('sos-manifest', () => {
  it('maps each command to its file and exit status, with the line of its entry', () => {
    const text = fullRun('sos_reports/manifest.json');
    const { ok, value, diagnostics } = parseSosManifest(text);
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value).toMatchObject({ version: '4.0', policy: 'Debian' });
    expect(value.cmdline).toMatch(/^report --batch .*--allow-system-changes/);
    expect(value.plugins).toEqual(expect.arrayContaining(['networking', 'haproxy', 'host', 'logs']));
    const ss = sosCommandForFile(value, 'sos_commands/networking/ss_-peaonmi');
    expect(ss).toMatchObject({ plugin: 'networking', command: 'ss -peaonmi', exitCode: 0 });
    // the line points at the entry's object, whose next lines name the command
    const lines = text.split('\n');
    expect(lines.slice(ss!.line - 1, ss!.line + 6).join('\n')).toContain('"exec": "ss -peaonmi"');
    expect(sosCommandForFile(value, 'sos_commands/haproxy/haproxy_-f_.etc.haproxy.haproxy.cfg_-c')).toMatchObject({ command: 'haproxy -f /etc/haproxy/haproxy.cfg -c', exitCode: 0 });
    expect(sosCommandForFile(value, 'sos_commands/host/hostname_-f')?.exitCode).toBe(1);
    expect(value.files.find((f) => f.specification === '/var/log/haproxy.log')).toMatchObject({ plugin: 'haproxy', copied: ['var/log/haproxy.log'] });
  });

  it("in sos's default run, the commands it skipped have no entry", () => {
    const { ok, value } = parseSosManifest(defaultRun('manifest.json'));
    expect(ok).toBe(true);
    const commands = value.commands.map((c) => c.command);
    expect(commands).toContain('ip -d address');
    for (const skipped of ['ss -peaonmi', 'iptables -vnxL', 'nft list ruleset']) expect(commands).not.toContain(skipped);
  });

  it('invalid JSON (hand-written) is a failure with the line where it broke', () => {
    const truncated = parseSosManifest('{\n  "version": "4.0",\n  "components": {\n');
    expect(truncated.ok).toBe(false);
    expect(truncated.diagnostics[0]).toMatchObject({ severity: 'error', line: 4, message: 'invalid JSON: CloseBraceExpected' });
    expect(parseSosManifest('[1, 2]')).toMatchObject({ ok: false, diagnostics: [{ line: 1, message: 'manifest.json is not a JSON object' }] });
    const noPlugins = parseSosManifest('{"version": "4.5", "cmdline": "collect"}');
    expect(noPlugins.value).toMatchObject({ version: '4.5', commands: [] });
    expect(noPlugins.diagnostics[0]?.message).toMatch(/no components.report.plugins/);
  });

  it('is found by path, not taken for the collector manifest', () => {
    expect(sosManifestParser.pathPatterns).toContain('sos_reports/manifest.json');
    expect(sosManifestParser.sniff(defaultRun('manifest.json').slice(0, 8192))).toBe(true);
    expect(sosManifestParser.sniff('{"collector": "haproxy-doctor-collect", "commands": []}')).toBe(false);
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => void parseSosManifest(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.json(), (text) => void parseSosManifest(text)), { numRuns: 300 });
  });
});

describe('sos-log', () => {
  it("explains what sos's default run skipped, and why", () => {
    const text = defaultRun('sos.log');
    const { ok, value } = parseSosLog(text);
    expect(ok).toBe(true);
    expect(value.cmdline).toMatch(/^sos report --batch .* -o networking,haproxy,logs,host /);
    const ss = whySosSkipped(value, 'ss -peaonmi');
    expect(ss).toMatchObject({ plugin: 'networking', what: 'command', outcome: 'skipped', level: 'WARNING' });
    expect(ss?.reason).toMatch(/^required kmods missing: .*tcp_diag/);
    expect(text.split('\n')[ss!.line - 1]).toContain("skipped command 'ss -peaonmi'");
    expect(whySosSkipped(value, 'iptables -vnxL')?.reason).toMatch(/nf_tables/);
    expect(whySosSkipped(value, 'nft list ruleset')).toBeDefined();
    expect(whySosSkipped(value, 'ip -d address')).toBeUndefined();
  });

  it('with the kmod check lifted, sos skipped none of them', () => {
    const { ok, value } = parseSosLog(fullRun('sos_logs/sos.log'));
    expect(ok).toBe(true);
    expect(value.cmdline).toMatch(/--allow-system-changes$/);
    expect(whySosSkipped(value, 'ss -peaonmi')).toBeUndefined();
    expect(whySosSkipped(value, 'iptables -vnxL')).toBeUndefined();
  });

  it('reads timeouts, size limits, missing commands and predicates (hand-written, in sos 4 wording)', () => {
    const text = [
      "2026-01-01 10:00:00,001 WARNING: [plugin:networking] command 'ethtool -e eth0' timed out after 300s",
      "2026-01-01 10:00:00,002 INFO: [plugin:logs] skipping '/var/log/haproxy.log' over size limit",
      "2026-01-01 10:00:00,003 INFO: [plugin:selinux] command 'semanage port -l' not found in / - re-trying in host root",
      "2026-01-01 10:00:00,004 INFO: [plugin:firewalld] skipped cmd output 'firewall-cmd --list-all-zones' due to predicate (services: firewalld not running)",
      'Traceback (most recent call last):',
      '  File "x.py", line 1',
    ].join('\n');
    const { ok, value } = parseSosLog(text);
    expect(ok).toBe(true);
    expect(value.entries.map((e) => [e.line, e.plugin, e.outcome, e.target])).toEqual([
      [1, 'networking', 'timed-out', 'ethtool -e eth0'],
      [2, 'logs', 'over-size-limit', '/var/log/haproxy.log'],
      [3, 'selinux', 'not-found', 'semanage port -l'],
      [4, 'firewalld', 'skipped', 'firewall-cmd --list-all-zones'],
    ]);
    expect(value.entries[3]?.reason).toBe('services: firewalld not running');
  });

  it('garbage and empty input (hand-written) are failures, not empty successes', () => {
    expect(parseSosLog('').ok).toBe(false);
    expect(parseSosLog('hello\nworld\n')).toMatchObject({ ok: false, diagnostics: [{ severity: 'error' }] });
    expect(sosLogParser.sniff(defaultRun('sos.log').slice(0, 8192))).toBe(true);
    expect(sosLogParser.sniff('2026-01-01 10:00:00 INFO something else')).toBe(false);
  });

  it('never throws and stays linear on long hostile lines', () => {
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => void parseSosLog(text)), { numRuns: 300 });
    const hostile = `2026-01-01 10:00:00,000 WARNING: [plugin:x] skipped command '${"': ".repeat(20_000)}`;
    const start = performance.now();
    parseSosLog(`${hostile}\n`.repeat(20));
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('a real sosreport as a bundle', () => {
  it('is one host named by its hostname, and its files are discovered with their kinds', async () => {
    const { analyze } = await import('../../src/engine/analyze.js');
    const result = await analyze(SOS_BUNDLE);
    expect(result.hosts.map((h) => h.name).filter((n) => n !== '_bundle')).toEqual(['lb']);
    const kindOf = (file: string) => result.artifacts.find((a) => a.host === 'lb' && a.path === file)?.kind;
    expect(Object.fromEntries(
      [
        'sos_commands/networking/ss_-peaonmi',
        'sos_commands/networking/ip_-d_address',
        'sos_commands/networking/ip_-o_addr',
        'sos_commands/networking/ip_route_show_table_all',
        'sos_commands/networking/iptables_-vnxL',
        'sos_commands/networking/nft_list_ruleset',
        'sos_commands/haproxy/haproxy_-f_.etc.haproxy.haproxy.cfg_-c',
        'sos_commands/host/hostname',
        'etc/haproxy/haproxy.cfg',
        'var/log/haproxy.log',
        'sos_reports/manifest.json',
        'sos_logs/sos.log',
      ].map((file) => [file, kindOf(file)]),
    )).toEqual({
      'sos_commands/networking/ss_-peaonmi': 'ss',
      'sos_commands/networking/ip_-d_address': 'ip-addr',
      'sos_commands/networking/ip_-o_addr': 'ip-addr',
      'sos_commands/networking/ip_route_show_table_all': 'ip-route',
      'sos_commands/networking/iptables_-vnxL': 'iptables-list',
      'sos_commands/networking/nft_list_ruleset': 'nft-ruleset',
      'sos_commands/haproxy/haproxy_-f_.etc.haproxy.haproxy.cfg_-c': 'haproxy-check',
      'sos_commands/host/hostname': 'hostname',
      'etc/haproxy/haproxy.cfg': 'haproxy-cfg',
      'var/log/haproxy.log': 'haproxy-log',
      'sos_reports/manifest.json': 'sos-manifest',
      'sos_logs/sos.log': 'sos-log',
    });
    expect(result.artifacts.find((a) => a.path === 'sos_reports/manifest.json')?.status).toBe('parsed');
    expect(result.artifacts.find((a) => a.path === 'sos_logs/sos.log')?.status).toBe('parsed');
    expect(path.basename(SOS_DIR)).toMatch(/^sosreport-lb-lab-/);
  });
});
