// Secret masking and address pseudonyms on single lines (hand-written lines in the shapes HAProxy and logs use).
import { describe, expect, it } from 'vitest';
import { AddressPseudonyms } from '../../src/model/address-pseudonyms.js';
import { redact, redactDeep } from '../../src/model/redact.js';

describe('redact', () => {
  it.each([
    ['stats auth admin:S3CRET', 'stats auth admin:<redacted>'],
    ['  user bob password $6$salt$S3CRET', '  user bob password <redacted>'],
    ['  user alice insecure-password S3CRET groups admins', '  user alice insecure-password <redacted> groups admins'],
    ['server db1 10.0.0.5:3306 check password S3CRET', 'server db1 10.0.0.5:3306 check password <redacted>'],
    ['http-check send meth GET uri / hdr Authorization "Basic S3CRET"', 'http-check send meth GET uri / hdr Authorization "Basic <redacted>"'],
    ['http-request set-header Authorization Bearer S3CRET', 'http-request set-header Authorization Bearer <redacted>'],
    ['"GET /login?token=S3CRET&next=/ HTTP/1.1"', '"GET /login?token=<redacted>&next=/ HTTP/1.1"'],
    ['"GET /cb?code=1&access_token=S3CRET HTTP/1.1"', '"GET /cb?code=1&access_token=<redacted> HTTP/1.1"'],
    ['"GET /x?api_key=S3CRET;sig=S3CRET HTTP/1.1"', '"GET /x?api_key=<redacted>;sig=<redacted> HTTP/1.1"'],
    ['DB_PASSWORD=S3CRET API_KEY=S3CRET', 'DB_PASSWORD=<redacted> API_KEY=<redacted>'],
    ['{"password": "S3CRET", "secret":"S3CRET"}', '{"password": "<redacted>", "secret":"<redacted>"}'],
    ['Cookie: SESSIONID=S3CRET; theme=dark', 'Cookie: <redacted>'],
    ['curl -sv http://admin:S3CRET@10.0.0.1:8404/stats', 'curl -sv http://admin:<redacted>@10.0.0.1:8404/stats'],
    ['-----BEGIN RSA PRIVATE KEY-----\nS3CRET\n-----END RSA PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----<redacted>'],
  ])('masks %j', (input, expected) => {
    expect(redact(input)).toBe(expected);
    expect(redact(input)).not.toContain('S3CRET');
  });

  it.each([
    'server node2 10.88.0.12:8080 check inter 1s fall 2 rise 2',
    'Nov 28 09:44:43 lb haproxy[13190]: Server be_app/node2 is DOWN, reason: Layer4 connection problem',
    '10.88.0.100:53012 [28/Nov/2026:09:44:40.101] fe_main be_app/node1 0/0/0/1/1 200 153 - - ---- "GET /health HTTP/1.1"',
    'option httpchk GET /health',
    'timeout connect 5s',
  ])('leaves %j alone (false positive)', (line) => {
    expect(redact(line)).toBe(line);
  });

  it('stays linear on a 64 KiB line without delimiters (would hang on backtracking)', () => {
    const long = 'a'.repeat(64 * 1024);
    expect(redact(`${long} "${long}: token=${long}`)).toContain('token=<redacted>');
  });

  it('masks every string and key of a report value without touching the original', () => {
    const report = { findings: [{ message: 'stats auth admin:S3CRET', count: 1 }], 'token=S3CRET': true };
    expect(JSON.stringify(redactDeep(report))).not.toContain('S3CRET');
    expect(report.findings[0]!.message).toContain('S3CRET');
  });
});

describe('address pseudonyms', () => {
  it('gives one pseudonym per address and host name, everywhere, keeping loopback and wildcard', () => {
    const pseudonyms = new AddressPseudonyms(['lb', 'node2']);
    const lines = [
      'server node2 10.88.0.12:8080 check',
      'nc: connect to 10.88.0.12 port 8080 (tcp) failed',
      'commands/nc_-vz_-w_2_10.88.0.12_8080',
      'commands/curl_-sv_http:..10.88.0.12:8080.',
      'inet6 fd88::12/64 scope global, fd88:0:0:0:0:0:0:12 again',
      'LISTEN 0 128 127.0.0.1:8080 0.0.0.0:* [::1]:8080 lb.example.com',
      'Nov 28 09:44:43 lb haproxy[1]: 10.88.0.100:53012 version 1.2.3.4.5 at 10:03:34',
      '10:20:24.632695 IP 10.88.0.10.33156 > 10.88.0.12.8080: Flags [S]',
    ].map((line) => pseudonyms.apply(line));
    expect(lines).toEqual([
      'server host-1 ipv4-1:8080 check',
      'nc: connect to ipv4-1 port 8080 (tcp) failed',
      'commands/nc_-vz_-w_2_ipv4-1_8080',
      'commands/curl_-sv_http:..ipv4-1:8080.',
      'inet6 ipv6-1/64 scope global, ipv6-1 again',
      'LISTEN 0 128 127.0.0.1:8080 0.0.0.0:* [::1]:8080 host-2.example.com',
      'Nov 28 09:44:43 host-2 haproxy[1]: ipv4-2:53012 version 1.2.3.4.5 at 10:03:34',
      '10:20:24.632695 IP ipv4-3.33156 > ipv4-1.8080: Flags [S]',
    ]);
  });
});
