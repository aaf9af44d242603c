import { describe, expect, it } from 'vitest';
import { haproxyCfgParser } from '../../../src/parsers/haproxy-cfg/index.js';

describe('haproxyCfgParser', () => {
  it('declares its kind and paths', () => {
    expect(haproxyCfgParser.kind).toBe('haproxy-cfg');
    expect(haproxyCfgParser.pathPatterns).toEqual(['etc/haproxy/*.cfg', 'etc/haproxy/**/*.cfg', '**/haproxy*.cfg']);
  });

  it.each([
    ['global then indented keywords', 'global\n\tdaemon\n'],
    ['comments first', '# my lb\n\nfrontend fe_main\n    bind :80\n'],
    ['named defaults with from', 'defaults base from other\n  mode http\n'],
    ['CRLF', 'backend be\r\n  server s1 10.0.0.1:80\r\n'],
  ])('sniffs a config: %s', (_name, head) => {
    expect(haproxyCfgParser.sniff(head)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['nginx', 'http {\n    server {\n        listen 80;\n    }\n}\n'],
    ['INI', '[global]\nkey = value\n'],
    ['YAML', 'global:\n  daemon: true\n'],
    ['section keyword without indented keyword', 'global\nfoo bar\n'],
    ['frontend without a name', 'frontend\n  bind :80\n'],
    ['prose', 'The global defaults were changed.\n  See the backend notes.\n'],
    ['binary', '\0\0global\n  daemon\n'],
  ])('does not sniff: %s', (_name, head) => {
    expect(haproxyCfgParser.sniff(head)).toBe(false);
  });
});
