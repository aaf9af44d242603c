import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAuditLog } from '../../src/parsers/audit/index.js';
import { parseSelinuxBooleans, parseSelinuxPorts, parseSestatus, portTypeFor } from '../../src/parsers/selinux/index.js';
import { readFixture } from '../helpers/fixtures.js';

const RAW = readFixture('parsers/audit/audit.log-hand-built');
const INTERPRETED = readFixture('parsers/audit/ausearch_-i-from-hand-built.txt');
const AUSEARCH_RAW = readFixture('parsers/audit/ausearch_-m_avc-from-hand-built.txt');

describe('audit log: raw records (hand-built from the documented format; no SELinux in the lab)', () => {
  it('reads AVC denials with port, types, permissive flag and the SYSCALL of the same event', () => {
    const { ok, value, diagnostics } = parseAuditLog(RAW);
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.format).toBe('raw');
    expect(value.avcs).toHaveLength(4);
    expect(value.avcs[0]).toMatchObject({
      line: 3, serial: 5891, time: '1764320106.422', result: 'denied', permissions: ['name_connect'], comm: 'haproxy', pid: 2417,
      sourceType: 'haproxy_t', targetType: 'transproxy_port_t', tclass: 'tcp_socket', destPort: 8081, permissive: false,
      exe: '/usr/sbin/haproxy', syscall: '42', success: false,
    });
    expect(value.avcs[1]).toMatchObject({ permissions: ['name_bind'], srcPort: 8443, targetType: 'unreserved_port_t' });
    expect(value.avcs[2]).toMatchObject({ node: 'lb01.example.com', permissive: true, destPort: 9000, success: true });
    expect(value.avcs[3]).toMatchObject({ permissions: ['read', 'write'], comm: 'httpd', tclass: 'sock_file' });
  });

  it('groups the records of one event by serial', () => {
    const { value } = parseAuditLog(RAW);
    expect(value.events.find((e) => e.serial === 5891)).toMatchObject({ lines: [3, 4, 5, 6], types: ['AVC', 'SYSCALL', 'SOCKADDR', 'PROCTITLE'] });
    expect(value.recordCount).toBe(13);
  });
});

describe('audit log: ausearch output (real ausearch 3.0.9 over the hand-built log)', () => {
  it('reads ausearch -i (interpreted, ---- separated)', () => {
    const { ok, value, diagnostics } = parseAuditLog(INTERPRETED);
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.format).toBe('interpreted');
    expect(value.avcs.map((a) => [a.comm, a.permissions.join(' '), a.destPort ?? a.srcPort, a.syscall])).toEqual([
      ['haproxy', 'name_connect', 8081, 'connect'],
      ['haproxy', 'name_bind', 8443, 'bind'],
      ['haproxy', 'name_connect', 9000, 'connect'],
      ['httpd', 'read write', undefined, 'connect'],
    ]);
    expect(value.avcs[0]?.time).toMatch(/^\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\.422$/);
  });

  it('reads ausearch raw output with time-> lines', () => {
    const { value, diagnostics } = parseAuditLog(AUSEARCH_RAW);
    expect(diagnostics).toEqual([]);
    expect(value.avcs).toHaveLength(4);
  });
});

describe('audit log on malformed input (hand-written)', () => {
  it('a log cut in the middle of a record is partial', () => {
    const cut = RAW.slice(0, RAW.indexOf('msg=audit(1764320107.015:5893)') + 20);
    const { ok, value, diagnostics } = parseAuditLog(cut);
    expect(ok).toBe(true);
    expect(value.avcs).toHaveLength(1);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 7, severity: 'warning' });
    expect(diagnostics[0]?.message).toContain('cut');
  });

  it('fails on unrelated text; never throws', () => {
    expect(parseAuditLog('hello\n').ok).toBe(false);
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => void parseAuditLog(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.constantFrom(RAW, INTERPRETED), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (text, a, b, junk) => {
      const i = a % text.length;
      const j = b % text.length;
      parseAuditLog(text.slice(0, i));
      parseAuditLog(text.slice(0, Math.min(i, j)) + junk + text.slice(Math.max(i, j)));
    }), { numRuns: 300 });
  });
});

describe('SELinux tools', () => {
  it('reads the real "disabled" answers of a host without SELinux', () => {
    expect(parseSelinuxBooleans(readFixture('parsers/selinux/getsebool_-a-disabled.txt')).value).toEqual({ disabled: true, booleans: [] });
    const status = parseSestatus(readFixture('parsers/selinux/sestatus-disabled.txt'));
    expect(status.ok).toBe(true);
    expect(status.value).toMatchObject({ status: 'disabled', statusLine: 1 });
    expect(parseSestatus(readFixture('parsers/selinux/sestatus_-b-disabled.txt')).value.status).toBe('disabled');
  });

  it('reads getsebool -a and semanage boolean -l (hand-built)', () => {
    const get = parseSelinuxBooleans(readFixture('parsers/selinux/getsebool_-a-hand-built.txt'));
    expect(get.diagnostics).toEqual([]);
    expect(get.value.booleans.find((b) => b.name === 'haproxy_connect_any')).toEqual({ line: 3, name: 'haproxy_connect_any', state: false });
    const semanage = parseSelinuxBooleans(readFixture('parsers/selinux/semanage_boolean_-l-hand-built.txt'));
    expect(semanage.diagnostics).toEqual([]);
    expect(semanage.value.booleans.find((b) => b.name === 'haproxy_connect_any')).toMatchObject({ line: 5, state: true, default: false, description: 'Allow haproxy to connect any' });
  });

  it('reads semanage port -l ranges and finds the type of a port (hand-built)', () => {
    const { ok, value, diagnostics } = parseSelinuxPorts(readFixture('parsers/selinux/semanage_port_-l-hand-built.txt'));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(value.ports.find((p) => p.type === 'http_cache_port_t' && p.protocol === 'tcp')?.ranges).toContainEqual({ low: 10001, high: 10010 });
    expect(portTypeFor(value.ports, 'tcp', 8443)?.type).toBe('http_port_t');
    expect(portTypeFor(value.ports, 'tcp', 10005)?.type).toBe('http_cache_port_t');
    expect(portTypeFor(value.ports, 'tcp', 20000)?.type).toBe('unreserved_port_t');
  });

  it('reads sestatus and sestatus -b (hand-built)', () => {
    expect(parseSestatus(readFixture('parsers/selinux/sestatus-hand-built.txt')).value).toMatchObject({ status: 'enabled', currentMode: 'enforcing', currentModeLine: 5, policyName: 'targeted' });
    const b = parseSestatus(readFixture('parsers/selinux/sestatus_-b-hand-built.txt'));
    expect(b.diagnostics).toEqual([]);
    expect(b.value.currentMode).toBe('permissive');
    expect(b.value.booleans.find((x) => x.name === 'haproxy_connect_any')).toEqual({ line: 15, name: 'haproxy_connect_any', state: true });
  });

  it('reports unknown lines and never throws (hand-written)', () => {
    expect(parseSelinuxPorts('SELinux Port Type Proto Port Number\nhttp_port_t tcp eighty\nssh_port_t tcp 22\n').diagnostics.map((d) => d.line)).toEqual([2]);
    expect(parseSelinuxBooleans('nonsense\n').ok).toBe(false);
    expect(parseSestatus('nonsense\n').ok).toBe(false);
    fc.assert(fc.property(fc.string({ maxLength: 1000 }), (text) => {
      parseSelinuxBooleans(text);
      parseSelinuxPorts(text);
      parseSestatus(text);
    }), { numRuns: 300 });
  });
});
