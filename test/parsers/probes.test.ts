// nc and curl on every outcome the lab produced (fixtures/parsers/{nc,curl}, real tool output).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCurl } from '../../src/parsers/curl/index.js';
import { parseNc } from '../../src/parsers/nc/index.js';
import { PROJECT_ROOT, readFixture } from '../helpers/fixtures.js';

const ncExpected: Record<string, { outcome: string; port?: number }> = {
  'succeeded.txt': { outcome: 'open', port: 8080 },
  'refused-not-listening.txt': { outcome: 'refused', port: 8081 },
  'refused-reject-port-unreachable.txt': { outcome: 'refused', port: 8083 },
  'refused-reject-tcp-reset.txt': { outcome: 'refused', port: 8086 },
  'timed-out-drop.txt': { outcome: 'timeout', port: 8082 },
  'no-route-reject-host-prohibited.txt': { outcome: 'unreachable', port: 8084 },
  'no-route-reject-host-unreachable.txt': { outcome: 'unreachable', port: 8085 },
  'dns-failure.txt': { outcome: 'dns-failure' },
};

const curlExpected: Record<string, { outcome: string; port?: number; status?: number }> = {
  '200-backend.txt': { outcome: 'open', port: 8080, status: 200 },
  '200-progress-meter.txt': { outcome: 'open', port: 8080, status: 200 },
  '200-via-haproxy.txt': { outcome: 'open', port: 80, status: 200 },
  '503-haproxy-no-server.txt': { outcome: 'open', port: 80, status: 503 },
  'refused.txt': { outcome: 'refused', port: 8081 },
  'refused-reject-port-unreachable.txt': { outcome: 'refused', port: 8083 },
  'connect-timeout-drop.txt': { outcome: 'timeout', port: 8082 },
  'max-time-drop.txt': { outcome: 'timeout', port: 8082 },
  'no-route-reject-host-prohibited.txt': { outcome: 'unreachable', port: 8084 },
  'no-route-reject-host-unreachable.txt': { outcome: 'unreachable', port: 8085 },
  'read-timeout.txt': { outcome: 'open', port: 9002 },
  'dns-failure.txt': { outcome: 'dns-failure' },
};

const fixtureNames = (kind: string) => readdirSync(path.join(PROJECT_ROOT, 'fixtures/parsers', kind)).filter((name) => name.endsWith('.txt'));

describe('nc -vz outcomes', () => {
  it('covers every nc fixture', () => expect(fixtureNames('nc').sort()).toEqual(Object.keys(ncExpected).sort()));
  it.each(Object.entries(ncExpected))('%s', (name, expected) => {
    const { ok, value } = parseNc(readFixture('parsers/nc', name));
    expect(ok).toBe(true);
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject(expected);
  });
});

describe('curl -v outcomes', () => {
  it('covers every curl fixture', () => expect(fixtureNames('curl').sort()).toEqual(Object.keys(curlExpected).sort()));
  it.each(Object.entries(curlExpected))('%s', (name, { status, ...probe }) => {
    const { ok, value } = parseCurl(readFixture('parsers/curl', name));
    expect(ok).toBe(true);
    expect(value.probes).toHaveLength(1);
    expect(value.probes[0]).toMatchObject(probe);
    expect(value.response?.status).toBe(status);
  });

  it('tells a transfer timeout from a connect timeout', () => {
    const { value } = parseCurl(readFixture('parsers/curl', 'read-timeout.txt'));
    expect(value.error?.message).toMatch(/Operation timed out/);
  });
});
