// The keyword catalogue per target version: each one loads with a plausible size and says where it came from, and
// --haproxy-version changes what lint accepts (keywords added and removed between 2.6 and 3.2, per the documentation).
// The configs below are hand-written, targeted at one keyword each (the catalogues themselves are generated data).
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_VERSIONS,
  catalogueVersionOf,
  keywordCatalogue,
  nearestCatalogueVersion,
  UnknownHaproxyVersionError,
  withKeywordCatalogue,
} from '../../src/lint/keyword-catalogue.js';
import { lintSources } from '../../src/lint/lint-files.js';
import { LINT_BASE as BASE } from '../helpers/lint-base.js';


const lint = (text: string, version: string) =>
  lintSources([{ file: 'haproxy.cfg', text }], { haproxyVersion: version }).filter((r) => ['unknown-keyword', 'removed-keyword', 'keyword-wrong-section', 'invalid-argument'].includes(r.ruleId));
const found = (text: string, version: string) => lint(text, version).map((r) => [r.line, r.ruleId, r.severity]);

describe('catalogues', () => {
  it.each(CATALOGUE_VERSIONS)('%s loads, with plausible sizes', (version) => {
    const c = keywordCatalogue(version);
    expect(c.version.startsWith(version)).toBe(true);
    const proxyKeywords = Object.keys(c.sections.listen!).length;
    expect(proxyKeywords).toBeGreaterThan(300);
    expect(proxyKeywords).toBeLessThan(500);
    expect(Object.keys(c.sections.global!).length).toBeGreaterThan(150);
    expect(Object.keys(c.options).length).toBeGreaterThan(50);
    expect(Object.keys(c.bindKeywords).length).toBeGreaterThan(60);
    expect(Object.keys(c.serverKeywords).length).toBeGreaterThan(95);
    expect(Object.keys(c.fetches).length).toBeGreaterThan(440);
    expect(Object.keys(c.converters).length).toBeGreaterThan(130);
    for (const s of ['global', 'defaults', 'frontend', 'backend', 'listen', 'peers', 'ring', 'log-forward', 'fcgi-app']) expect(c.sections[s]).toBeDefined();
  });

  it('later catalogues name their documentation: the upstream tag and file', () => {
    expect(keywordCatalogue('2.6').source).toBeUndefined();
    for (const version of ['2.8', '3.0', '3.2']) {
      const { documentation } = keywordCatalogue(version).source!;
      expect(documentation).toMatchObject({ repository: 'https://github.com/haproxy/haproxy', tag: `v${version}.0`, file: 'doc/configuration.txt' });
      expect(documentation.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('each catalogue keeps nearly all of the previous one: a documentation diff, not a rewrite', () => {
    for (let i = 1; i < CATALOGUE_VERSIONS.length; i++) {
      const before = keywordCatalogue(CATALOGUE_VERSIONS[i - 1]);
      const after = keywordCatalogue(CATALOGUE_VERSIONS[i]);
      const kept = Object.keys(before.sections.listen!).filter((k) => after.sections.listen![k] !== undefined);
      expect(kept.length / Object.keys(before.sections.listen!).length).toBeGreaterThan(0.98);
    }
  });

  it('a patch version names its branch; other versions have no catalogue and the error lists those that exist', () => {
    expect(catalogueVersionOf('3.0.12')).toBe('3.0');
    expect(catalogueVersionOf('3.1')).toBeUndefined();
    expect(() => keywordCatalogue('1.8')).toThrow(UnknownHaproxyVersionError);
    expect(() => keywordCatalogue('1.8')).toThrow('HAProxy version "1.8" is not supported; expected one of 2.6, 2.8, 3.0, 3.2');
    expect(nearestCatalogueVersion('3.1')).toEqual({ version: '3.0', exact: false });
    expect(nearestCatalogueVersion('1.8')).toEqual({ version: '2.6', exact: false });
  });

  it('withKeywordCatalogue scopes the default catalogue and restores it, even on a throw', () => {
    expect(withKeywordCatalogue('3.2', () => keywordCatalogue().version)).toBe('3.2.0');
    expect(() => withKeywordCatalogue('3.0', () => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(keywordCatalogue().version).toBe(keywordCatalogue('2.6').version);
    expect(() => withKeywordCatalogue('9.9', () => 1)).toThrow(UnknownHaproxyVersionError);
  });
});

describe('--haproxy-version changes what lint accepts', () => {
  it.each([
    // [what, config, version where it is unknown, finding there, version where it is accepted]
    ['`option forwarded` (2.8)', `${BASE}backend be\n    option forwarded\n    server a 10.0.0.1:80\n`, '2.6', [11, 'invalid-argument', 'error'], '2.8'],
    ['`guid` in a frontend (3.0)', `${BASE}frontend fe\n    bind :8080\n    guid fe-1\n`, '2.8', [12, 'unknown-keyword', 'error'], '3.0'],
    ['`stats-file` in global (3.0)', `global\n    stats-file /var/lib/haproxy/stats.dat\n${BASE.slice('global\n'.length)}`, '2.6', [2, 'unknown-keyword', 'error'], '3.0'],
    ['`hash-preserve-affinity` (3.2)', `${BASE}listen li\n    bind :8080\n    hash-preserve-affinity always\n`, '3.0', [12, 'unknown-keyword', 'error'], '3.2'],
    ['server `init-state` (3.2)', `${BASE}backend be\n    server a 10.0.0.1:80 check init-state up\n`, '3.0', [11, 'invalid-argument', 'error'], '3.2'],
  ])('%s', (_what, text, before, finding, since) => {
    expect(found(text, before)).toEqual([finding]);
    expect(found(text, since)).toEqual([]);
    expect(found(text, '3.2')).toEqual([]);
  });

  it('`bind-process`, removed in 2.7: accepted by 2.6, refused with HAProxy\'s own message from 2.8 on', () => {
    const text = `${BASE}frontend fe\n    bind :8080\n    bind-process 1\n`;
    expect(found(text, '2.6')).toEqual([]);
    for (const version of ['2.8', '3.0', '3.2']) {
      expect(lint(text, version).map((r) => [r.line, r.ruleId, r.severity, r.message])).toEqual([[12, 'removed-keyword', 'error', "'bind-process' is not supported anymore."]]);
    }
  });

  it('`process` on bind lines, removed in 2.7', () => {
    const text = `${BASE}frontend fe\n    bind :8080 process 1\n`;
    expect(found(text, '2.6')).toEqual([]);
    expect(found(text, '3.2')).toEqual([[11, 'invalid-argument', 'error']]);
  });

  it('`trace` moved from global to the traces section in 3.1: unknown in a 3.2 global section', () => {
    const text = `global\n    trace h2 sink stderr\n${BASE.slice('global\n'.length)}`;
    expect(found(text, '3.0')).toEqual([]);
    expect(found(text, '3.2')).toEqual([[2, 'unknown-keyword', 'error']]);
  });

  it('deprecated but still parsed (the source says so) stays accepted: `option accept-invalid-http-request` in 3.2', () => {
    const text = `${BASE}frontend fe\n    bind :8080\n    option accept-invalid-http-request\n`;
    expect(found(text, '3.2')).toEqual([]);
  });

  it('a keyword new in a version keeps the section rules the documentation gives it', () => {
    // hash-preserve-affinity is a backend keyword: in a frontend it is ignored with a warning, as 2.6 words it.
    const text = `${BASE}frontend fe\n    bind :8080\n    hash-preserve-affinity always\n`;
    expect(found(text, '3.2')).toEqual([[12, 'keyword-wrong-section', 'warning']]);
  });
});

// Sections of later versions (hand-written config; the section names and their first version come from each
// version's configuration.txt).
describe('sections of later versions', () => {
  const config = `${BASE}crt-store web\n    crt-base /etc/ssl\nlog-profile syslog\n    on any format "%ci"\ntraces\n    trace h1 sink stderr\nacme le\n    directory https://acme.example/dir\nfrontend fe\n    bind :8080\n    log 127.0.0.1:514 profile syslog local0\n    default_backend be\nbackend be\n    server s1 10.0.0.1:80\n`;
  const errors = (version: string) => lintSources([{ file: 'haproxy.cfg', text: config }], { haproxyVersion: version }).filter((r) => r.severity === 'error').map((r) => [r.line, r.ruleId]);
  it('3.2 opens crt-store, log-profile, traces and acme, and takes `log ... profile NAME`', () => {
    expect(errors('3.2')).toEqual([]);
  });
  it('2.6 knows none of them: their header lines are unknown keywords out of a valid section', () => {
    const lines = errors('2.6').map(([line]) => line);
    for (const header of [10, 12, 14, 16]) expect(lines).toContain(header);
    expect(lines).toContain(20); // `profile` is no log facility in 2.6
  });
});
