import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIpAddr } from '../../src/parsers/ip-addr/index.js';
import { parseHostname } from '../../src/parsers/hostname/index.js';
import { parseNc } from '../../src/parsers/nc/index.js';
import { parseCurl } from '../../src/parsers/curl/index.js';
import { parseManifest } from '../../src/parsers/collector-manifest/index.js';
import { readFixture } from '../helpers/fixtures.js';

describe('ip addr', () => {
  it('reads the lab lb addresses with interface names and lines', () => {
    const { ok, value } = parseIpAddr(readFixture('bundles/backend-stopped/lb/commands/ip_addr'));
    expect(ok).toBe(true);
    const shown = value.map((a) => `${a.interface} ${a.address}/${a.prefixLength}`);
    expect(shown.slice(0, 4)).toEqual(['lo 127.0.0.1/8', 'lo ::1/128', 'eth0 10.88.0.10/24', 'eth0 fd88::10/64']);
    expect(shown[4]).toMatch(/^eth0 fe80::[0-9a-f:]+\/64$/);
    expect(value[2]).toMatchObject({ line: 9, family: 'inet', scope: 'global', linkState: 'UP' });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 1000 }), (text) => void parseIpAddr(text)), { numRuns: 300 });
  });
});

describe('hostname', () => {
  it('reads the lab host name', () => {
    expect(parseHostname(readFixture('bundles/backend-stopped/node2/commands/hostname')).value).toEqual({ name: 'node2', line: 1 });
  });
  it('rejects garbage (hand-written)', () => {
    expect(parseHostname('not a host name!\n').ok).toBe(false);
  });
});

describe('nc -vz', () => {
  it('reads a refused probe from the lab', () => {
    const { value } = parseNc(readFixture('bundles/backend-stopped/lb/commands/nc_-vz_-w_2_10.88.0.12_8080'));
    expect(value).toEqual([{ line: 1, tool: 'nc', address: '10.88.0.12', port: 8080, outcome: 'refused', detail: 'failed: Connection refused' }]);
  });
  it('reads a successful probe from the lab', () => {
    const { value } = parseNc(readFixture('bundles/backend-stopped/lb/commands/nc_-vz_-w_2_10.88.0.11_8080'));
    expect(value[0]).toMatchObject({ address: '10.88.0.11', port: 8080, outcome: 'open' });
  });
});

describe('curl -v', () => {
  it('reads a refused connect from the lab', () => {
    const { value } = parseCurl(readFixture('bundles/backend-stopped/lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.12:8080.'));
    expect(value.probes).toEqual([{ line: 2, tool: 'curl', address: '10.88.0.12', port: 8080, outcome: 'refused', detail: 'Connection refused' }]);
    expect(value.response).toBeUndefined();
  });
  it('reads a 200 response from the lab', () => {
    const { value } = parseCurl(readFixture('bundles/backend-stopped/lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.11:8080.'));
    expect(value.probes[0]).toMatchObject({ address: '10.88.0.11', port: 8080, outcome: 'open' });
    expect(value.response?.status).toBe(200);
  });
});

describe('collector manifest', () => {
  it('reads the lab manifest', () => {
    const { ok, value } = parseManifest(readFixture('bundles/backend-stopped/lb/manifest.json'));
    expect(ok).toBe(true);
    expect(value.host).toBe('lb');
    expect(value.commands.find((c) => c.command === 'hostname')).toMatchObject({ file: 'commands/hostname', exitCode: 0 });
  });
  it('reports the line of a JSON syntax error (hand-written)', () => {
    const { ok, diagnostics } = parseManifest('{\n  "commands": [\n    oops\n  ]\n}\n');
    expect(ok).toBe(false);
    expect(diagnostics[0]?.line).toBe(3);
  });
});

describe('ip addr on the lab listings', () => {
  it.each(['ip_addr-node1.txt', 'ip_-o_addr-node1.txt'])('%s: secondary address, DOWN bridge, IPv6', (name) => {
    const { ok, value, diagnostics } = parseIpAddr(readFixture('parsers/ip-addr', name));
    expect(ok).toBe(true);
    expect(diagnostics).toEqual([]);
    const addresses = value.map((a) => `${a.interface} ${a.address}`);
    expect(addresses).toEqual(expect.arrayContaining(['eth0 10.88.0.11', 'eth0 10.88.0.21', 'eth0 fd88::11', 'br1 192.168.77.1']));
  });
});
