// Layout detection and kind discovery: by path first, by content for renamed files.
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverKinds } from '../../src/bundle/discover.js';
import { openBundle } from '../../src/bundle/open-directory.js';
import { PARSERS } from '../../src/parsers/registry.js';
import { bundlePath } from '../helpers/fixtures.js';

const kindsOf = async (input: string) =>
  Object.fromEntries((await discoverKinds((await openBundle(input)).files, PARSERS)).map((d) => [`${d.file.host}:${d.file.path}`, `${d.kind ?? 'unknown'}/${d.how}`]));

describe('bundle layouts', () => {
  it('reads a multi-host bundle: one host per folder, top-level files kept', async () => {
    const bundle = await openBundle(bundlePath('healthy'));
    expect(bundle.layout).toBe('multi-host');
    expect(bundle.hosts).toEqual(['lb', 'node1', 'node2', '_bundle']);
    expect(bundle.files.some((file) => file.host === 'lb' && file.path === 'etc/haproxy/haproxy.cfg')).toBe(true);
  });

  it('reads one host folder as host "local"', async () => {
    const bundle = await openBundle(path.join(bundlePath('healthy'), 'node1'));
    expect(bundle.layout).toBe('single-host');
    expect(bundle.hosts).toEqual(['local']);
    expect(bundle.files.map((file) => file.path)).toContain('commands/ss_-tulpn');
  });

  it('reads a single file', async () => {
    const bundle = await openBundle(path.join(bundlePath('healthy'), 'lb/var/log/haproxy.log'));
    expect(bundle).toMatchObject({ layout: 'single-file', hosts: ['local'] });
  });

  it('rejects a missing path and an unreadable archive with a clear error', async () => {
    await expect(openBundle('/nonexistent/x')).rejects.toThrow(/cannot read/);
    const dir = mkdtempSync(path.join(tmpdir(), 'hd-arch-'));
    writeFileSync(path.join(dir, 'bundle.tar.gz'), 'x');
    await expect(openBundle(path.join(dir, 'bundle.tar.gz'))).rejects.toThrow(/nothing readable in archive/);
  });
});

describe('kind discovery', () => {
  it('gives kinds by path in the collector layout', async () => {
    const kinds = await kindsOf(bundlePath('healthy'));
    expect(kinds).toMatchObject({
      'lb:etc/haproxy/haproxy.cfg': 'haproxy-cfg/path',
      'lb:var/log/haproxy.log': 'haproxy-log/path',
      'lb:commands/ss_-tulpn': 'ss/path',
      'lb:commands/ip_addr': 'ip-addr/path',
      'lb:commands/hostname': 'hostname/path',
      'lb:manifest.json': 'collector-manifest/path',
      'lb:commands/nc_-vz_-w_2_10.88.0.11_8080': 'nc/path',
      'lb:commands/haproxy_-c_-f_.etc.haproxy.haproxy.cfg': 'haproxy-check/path',
      '_bundle:README.md': 'unknown/none',
    });
  });

  it('recognises renamed files by content in a flat folder', async () => {
    const source = bundlePath('backend-stopped');
    const flat = mkdtempSync(path.join(tmpdir(), 'hd-flat-'));
    const copies: Record<string, string> = {
      'lb/etc/haproxy/haproxy.cfg': 'config.txt',
      'lb/var/log/haproxy.log': 'messages',
      'node2/commands/ss_-tulpn': 'sockets.out',
      'lb/commands/ip_addr': 'addresses.out',
      'lb/commands/nc_-vz_-w_2_10.88.0.12_8080': 'probe1.out',
      'lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.12:8080.': 'probe2.out',
    };
    for (const [from, to] of Object.entries(copies)) cpSync(path.join(source, from), path.join(flat, to));
    mkdirSync(path.join(flat, 'notes'));
    writeFileSync(path.join(flat, 'notes', 'todo.txt'), 'call the vendor\n');
    const kinds = await kindsOf(flat);
    expect(kinds).toEqual({
      'local:config.txt': 'haproxy-cfg/content',
      'local:messages': 'haproxy-log/content',
      'local:sockets.out': 'ss/content',
      'local:addresses.out': 'ip-addr/content',
      'local:probe1.out': 'nc/content',
      'local:probe2.out': 'curl/content',
      'local:notes/todo.txt': 'unknown/none',
    });
  });
});
