import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../../src/parsers/haproxy-cfg/index.js';
import { errors, parse } from './helpers.js';

describe('bind addresses (configuration.txt 11; accepted forms checked with haproxy 2.6.12)', () => {
  it.each([
    [':80', { address: '0.0.0.0', port: 80, family: 'ipv4' }],
    ['*:80', { address: '0.0.0.0', port: 80, family: 'ipv4' }],
    ['0.0.0.0:80', { address: '0.0.0.0', port: 80, family: 'ipv4' }],
    ['10.0.0.1:8000-8010', { address: '10.0.0.1', port: 8000, portEnd: 8010, family: 'ipv4' }],
    [':::80', { address: '::', port: 80, family: 'ipv6' }],
    ['[::]:443', { address: '::', port: 443, family: 'ipv6' }],
    ['ipv4@:80', { address: '0.0.0.0', port: 80, family: 'ipv4' }],
    ['ipv6@:80', { address: '::', port: 80, family: 'ipv6' }],
    ['ipv6@[2001:db8::1]:443', { address: '2001:db8::1', port: 443, family: 'ipv6' }],
    ['tcp4@127.0.0.1:8443', { address: '127.0.0.1', port: 8443, family: 'ipv4' }],
    ['unix@/run/haproxy.sock', { address: '/run/haproxy.sock', family: 'unix' }],
    ['/run/haproxy.sock', { address: '/run/haproxy.sock', family: 'unix' }],
    ['abns@foo', { address: 'foo', family: 'unix' }],
    ['fd@3', { address: '3', family: 'other' }],
    ['sockpair@4', { address: '4', family: 'other' }],
  ])('%s', (raw, expected) => {
    const a = parseAddress(raw, 'bind');
    expect(a.problem).toBeUndefined();
    expect(a).toEqual(expected);
  });

  it.each([
    ['127.0.0.1', 'missing port'],
    ['127.0.0.1:*', 'invalid port'],
    [':10084-10083', 'invalid port range'],
    [':70000', 'invalid port'],
  ])('%s is refused', (raw, message) => {
    expect(parseAddress(raw, 'bind').problem).toContain(message);
  });

  it('a comma list is one listener per element, all with the line and options', () => {
    const r = parse('frontend fe\n  bind :80,:81,127.0.0.1:10100-10102 name x\n');
    expect(r.value.proxies[0]!.binds).toEqual([
      { address: '0.0.0.0', port: 80, line: 2, raw: ':80', options: ['name', 'x'], family: 'ipv4' },
      { address: '0.0.0.0', port: 81, line: 2, raw: ':81', options: ['name', 'x'], family: 'ipv4' },
      { address: '127.0.0.1', port: 10100, portEnd: 10102, line: 2, raw: '127.0.0.1:10100-10102', options: ['name', 'x'], family: 'ipv4' },
    ]);
  });

  it('an address from a variable is read after expansion', () => {
    const r = parse('frontend fe\n  bind "${ADDR}:443" ssl crt /x.pem\n  bind "fd@${FD_APP1}"\n', { env: { ADDR: '192.0.2.7', FD_APP1: '5' } });
    expect(r.value.proxies[0]!.binds.map((b) => [b.raw, b.address, b.port, b.family])).toEqual([
      ['192.0.2.7:443', '192.0.2.7', 443, 'ipv4'],
      ['fd@5', '5', undefined, 'other'],
    ]);
  });

  it('a bind without a port is an error at the address', () => {
    expect(errors('frontend fe\n  bind 127.0.0.1\n')[0]).toMatchObject({ line: 2, column: 8 });
  });
});

describe('server addresses', () => {
  it.each([
    ['10.0.0.1:8080', { address: '10.0.0.1', port: 8080, family: 'ipv4' }],
    ['10.0.0.1', { address: '10.0.0.1', family: 'ipv4' }],
    ['host.example:80', { address: 'host.example', port: 80, family: 'ipv4' }],
    [':8080', { address: '0.0.0.0', port: 8080, family: 'ipv4' }],
    ['[::1]:80', { address: '::1', port: 80, family: 'ipv6' }],
    ['::1:80', { address: '::1', port: 80, family: 'ipv6' }],
    // 2.6.12: "could not resolve address ':'" - the last colon always starts the port.
    ['ipv6@::1', { address: ':', port: 1, family: 'ipv6' }],
    ['127.0.0.1:+1', { address: '127.0.0.1', portOffset: 1, family: 'ipv4' }],
    ['127.0.0.1:-1000', { address: '127.0.0.1', portOffset: -1000, family: 'ipv4' }],
    ['unix@/run/app.sock', { address: '/run/app.sock', family: 'unix' }],
    ['/tmp/x.sock', { address: '/tmp/x.sock', family: 'unix' }],
  ])('%s', (raw, expected) => {
    expect(parseAddress(raw, 'server')).toEqual(expected);
  });

  it('reads name, address, flags and the check port', () => {
    const r = parse(
      [
        'backend be',
        '  default-server inter 2s check',
        '  server s1 10.0.0.1:8080',
        '  server s2 10.0.0.2:8080 no-check backup',
        '  server s3 10.0.0.3 disabled port 9000 cookie check',
        '  server s4 "${NODE}:80" check',
        '',
      ].join('\n'),
      { env: { NODE: 'node4.example' } },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.value.proxies[0]!.servers).toEqual([
      { name: 's1', address: '10.0.0.1', port: 8080, line: 3, raw: '10.0.0.1:8080', options: [], check: true, disabled: false, backup: false, checkPort: 8080 },
      { name: 's2', address: '10.0.0.2', port: 8080, line: 4, raw: '10.0.0.2:8080', options: ['no-check', 'backup'], check: false, disabled: false, backup: true, checkPort: 8080 },
      // `cookie check`: "check" is the cookie value there, the server's check comes from default-server.
      { name: 's3', address: '10.0.0.3', line: 5, raw: '10.0.0.3', options: ['disabled', 'port', '9000', 'cookie', 'check'], check: true, disabled: true, backup: false, checkPort: 9000 },
      { name: 's4', address: 'node4.example', port: 80, line: 6, raw: 'node4.example:80', options: ['check'], check: true, disabled: false, backup: false, checkPort: 80 },
    ]);
  });
});
