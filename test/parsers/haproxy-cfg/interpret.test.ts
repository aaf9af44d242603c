import { describe, expect, it } from 'vitest';
import { BUILTIN_LOG_FORMATS } from '../../../src/parsers/haproxy-cfg/index.js';
import { parse } from './helpers.js';

const proxy = (text: string, name: string) => {
  const p = parse(text).value.proxies.find((x) => x.name === name);
  if (!p) throw new Error(`no proxy ${name}`);
  return p;
};

describe('proxies', () => {
  it('reads frontends, backends and listens; defaults and other sections are not proxies', () => {
    const r = parse('global\ndefaults\nfrontend fe\nbackend be\nlisten li\npeers p\n');
    expect(r.value.proxies.map((p) => [p.type, p.name, p.line])).toEqual([
      ['frontend', 'fe', 3],
      ['backend', 'be', 4],
      ['listen', 'li', 5],
    ]);
  });

  it('reads switching rules and acls', () => {
    const p = proxy(
      [
        'frontend fe',
        '  acl is_api path_beg /api',
        '  acl host_img hdr_beg(host) -i img',
        '  use_backend be_api if is_api',
        '  use_backend be_img if { hdr_beg(host) -i img } !is_api',
        '  use_backend be_all',
        '  default_backend be_web',
        '',
      ].join('\n'),
      'fe',
    );
    expect(p.acls).toEqual([
      { name: 'is_api', line: 2, args: ['path_beg', '/api'] },
      { name: 'host_img', line: 3, args: ['hdr_beg(host)', '-i', 'img'] },
    ]);
    expect(p.useBackends).toEqual([
      { name: 'be_api', line: 4, condition: ['if', 'is_api'] },
      { name: 'be_img', line: 5, condition: ['if', '{', 'hdr_beg(host)', '-i', 'img', '}', '!is_api'] },
      { name: 'be_all', line: 6, condition: [] },
    ]);
    expect(p.defaultBackend).toEqual({ name: 'be_web', line: 7 });
  });
});

describe('defaults inheritance', () => {
  it('mode, logs, log format and default_backend come from the last defaults section', () => {
    const text = [
      'defaults',
      '  mode http',
      '  log global',
      '  option httplog',
      '  default_backend be_default',
      'frontend fe',
      '  bind :80',
      'backend be',
      '  server s 10.0.0.1:80',
      '',
    ].join('\n');
    const fe = proxy(text, 'fe');
    expect(fe.mode).toBe('http');
    expect(fe.logs).toEqual([{ line: 3, args: ['log', 'global'] }]);
    expect(fe.logFormat).toEqual({ line: 4, format: BUILTIN_LOG_FORMATS.httplog, source: 'option httplog' });
    expect(fe.defaultBackend).toEqual({ name: 'be_default', line: 5 });
    // A backend has no frontend side: no default_backend.
    expect(proxy(text, 'be').defaultBackend).toBeUndefined();
    expect(proxy(text, 'be').mode).toBe('http');
  });

  it('each defaults section starts afresh, unless it says `from`', () => {
    const text = [
      'defaults http_base',
      '  mode http',
      '  option httplog',
      'defaults tcp_base',
      '  option tcplog',
      'frontend implicit',
      'defaults profile from http_base',
      '  log 127.0.0.1:514 local0',
      'frontend explicit from http_base',
      'frontend chained from profile',
      'frontend last',
      '',
    ].join('\n');
    expect(proxy(text, 'implicit').mode).toBeUndefined();
    expect(proxy(text, 'implicit').logFormat?.source).toBe('option tcplog');
    expect(proxy(text, 'explicit').mode).toBe('http');
    expect(proxy(text, 'explicit').logs).toEqual([]);
    expect(proxy(text, 'chained')).toMatchObject({ mode: 'http', logFormat: { source: 'option httplog', line: 3 } });
    expect(proxy(text, 'chained').logs).toEqual([{ line: 8, args: ['log', '127.0.0.1:514', 'local0'] }]);
    // The implicit defaults is the last one before the proxy, named or not.
    expect(proxy(text, 'last').logs).toHaveLength(1);
  });

  it('log lines add to the inherited ones; `no log` clears them', () => {
    const text = [
      'defaults',
      '  log global',
      'frontend more',
      '  log 10.0.0.9:514 local1',
      'frontend none',
      '  no log',
      'frontend again',
      '  no log',
      '  log stdout format raw local0',
      '',
    ].join('\n');
    expect(proxy(text, 'more').logs.map((l) => l.line)).toEqual([2, 4]);
    expect(proxy(text, 'none').logs).toEqual([{ line: 6, args: ['no', 'log'] }]);
    expect(proxy(text, 'again').logs.map((l) => l.args[0])).toEqual(['no', 'log']);
  });

  it('the last log format in force wins: log-format, httplog, tcplog, httpslog, httplog clf', () => {
    const base = 'defaults\n  option tcplog\n';
    expect(proxy(`${base}frontend a\n  log-format "%ci %ST"\n`, 'a').logFormat).toEqual({ line: 4, format: '%ci %ST', source: 'log-format' });
    expect(proxy(`${base}frontend a\n`, 'a').logFormat).toEqual({ line: 2, format: BUILTIN_LOG_FORMATS.tcplog, source: 'option tcplog' });
    expect(proxy(`${base}frontend a\n  option httpslog\n`, 'a').logFormat?.source).toBe('option httpslog');
    expect(proxy(`${base}frontend a\n  option httplog clf\n`, 'a').logFormat).toEqual({ line: 4, format: BUILTIN_LOG_FORMATS.clf, source: 'option clf' });
    expect(proxy(`defaults\n  log-format "%ci"\nfrontend a\n  option httplog\n`, 'a').logFormat?.source).toBe('option httplog');
  });

  it('default-server options of defaults apply to the servers of later backends', () => {
    const p = proxy('defaults\n  default-server check port 8081\nbackend be\n  server s 10.0.0.1:80\n', 'be');
    expect(p.servers[0]).toMatchObject({ check: true, checkPort: 8081, options: [] });
  });
});
