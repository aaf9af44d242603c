// The real configs shipped by Debian's haproxy 2.6.12 package (see fixtures/parsers/haproxy-cfg/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { haproxyCfgParser } from '../../../src/parsers/haproxy-cfg/index.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/parsers/haproxy-cfg/${name}`, import.meta.url), 'utf8');
const parseFixture = (name: string) => haproxyCfgParser.parse(fixture(name));
const summary = (name: string) =>
  parseFixture(name).value.proxies.map((p) => ({
    proxy: `${p.type} ${p.name}`,
    mode: p.mode,
    binds: p.binds.map((b) => `${b.address}:${b.port}`),
    servers: p.servers.map((s) => `${s.name}=${s.address}:${s.port ?? ''}${s.check ? ' check' : ''}${s.backup ? ' backup' : ''}`),
    log: p.logFormat?.source,
  }));

describe('real configs from the Debian package', () => {
  it('all parse without error (syntax level) and are recognised by sniff', () => {
    for (const name of [
      'debian-default-haproxy.cfg', 'example-basic-config-edge.cfg', 'example-content-sw-sample.cfg',
      'example-option-http_proxy.cfg', 'example-quick-test.cfg', 'example-socks4.cfg',
      'example-transparent_proxy.cfg', 'example-wurfl-example.cfg',
    ]) {
      const r = parseFixture(name);
      expect(r.ok, name).toBe(true);
      expect(r.diagnostics.filter((d) => d.severity === 'error'), name).toEqual([]);
      expect(haproxyCfgParser.sniff(fixture(name).slice(0, 4096)), name).toBe(true);
    }
  });

  it('the default /etc/haproxy/haproxy.cfg: global and an anonymous defaults, no proxy', () => {
    const r = parseFixture('debian-default-haproxy.cfg');
    expect(r.value.sections.map((s) => [s.type, s.name, s.line, s.lines.length])).toEqual([
      ['global', undefined, 1, 13],
      ['defaults', undefined, 20, 14],
    ]);
    expect(r.value.sections[0]!.lines[0]).toMatchObject({ line: 2, column: 2, keyword: 'log', args: ['/dev/log', 'local0'] });
    expect(r.value.proxies).toEqual([]);
  });

  it('content-sw-sample: switching rules and servers', () => {
    expect(summary('example-content-sw-sample.cfg')).toEqual([
      { proxy: 'frontend public', mode: 'http', binds: ['192.168.1.10:80'], servers: [], log: 'option httplog' },
      { proxy: 'backend static', mode: 'http', binds: [], servers: ['statsrv1=192.168.1.8:80 check', 'statsrv2=192.168.1.9:80 check'], log: undefined },
      {
        proxy: 'backend dynamic',
        mode: 'http',
        binds: [],
        servers: [1, 2, 3, 4].map((i) => `dynsrv${i}=192.168.1.${i}:80 check`),
        log: undefined,
      },
    ]);
    const fe = parseFixture('example-content-sw-sample.cfg').value.proxies[0]!;
    expect(fe.useBackends.map((u) => [u.name, u.condition.join(' ')])).toEqual([
      ['static', 'if { hdr_beg(host) -i img }'],
      ['static', 'if { path_beg /img /css }'],
    ]);
    expect(fe.defaultBackend?.name).toBe('dynamic');
  });

  it('basic-config-edge: named defaults inherited implicitly', () => {
    const proxies = summary('example-basic-config-edge.cfg');
    expect(proxies.map((p) => [p.proxy, p.mode, p.binds, p.servers.length])).toEqual([
      ['frontend stats', 'http', ['0.0.0.0:8181'], 0],
      ['frontend pub1', 'http', ['0.0.0.0:80', '0.0.0.0:443'], 0],
      ['backend app1', 'http', [], 4],
    ]);
    expect(proxies[2]!.servers[0]).toBe('srv1=192.0.2.1:80 check');
  });

  it('socks4: listens with backup servers', () => {
    expect(summary('example-socks4.cfg').map((p) => [p.proxy, p.binds, p.servers])).toEqual([
      ['listen SMTP-20025', ['0.0.0.0:20025'], ['SMTPS1=192.0.2.1:25 check', 'SMTPS2_Via_SocksProxy1=192.0.2.2:25 check backup']],
      ['listen SSL-20080', ['0.0.0.0:20080'], ['HTTPS1_Via_SocksProxy1=192.0.2.1:443 check', 'HTTPS2=192.0.2.2:443 check backup']],
      ['listen stats', ['0.0.0.0:20936'], []],
    ]);
  });

  it('quick-test, transparent_proxy and option-http_proxy', () => {
    expect(summary('example-quick-test.cfg').map((p) => [p.proxy, p.binds, p.servers])).toEqual([
      ['listen p', ['0.0.0.0:8000'], ['s1=172.31.32.33:8000']],
    ]);
    expect(summary('example-transparent_proxy.cfg').map((p) => [p.proxy, p.binds, p.servers])).toEqual([
      ['frontend MyFrontend', ['192.168.1.22:80'], []],
      ['backend TransparentBack_http', [], ['MyWebServer=192.168.0.40:80']],
    ]);
    expect(summary('example-option-http_proxy.cfg').map((p) => [p.proxy, p.binds, p.servers])).toEqual([
      ['frontend test-proxy', ['192.168.200.10:8080'], []],
      ['backend test-proxy-srv', [], ['next-hop=0.0.0.0:']],
    ]);
  });
});
