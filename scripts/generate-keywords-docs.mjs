#!/usr/bin/env node
// Generates the keyword catalogues of HAProxy versions we have no binary for (2.8, 3.0, 3.2) from their
// doc/configuration.txt. The 2.6 catalogue (scripts/generate-keywords.mjs) says what a real binary accepts, with its
// exact messages and option arities; a documentation can only say what is documented. So a later catalogue is the
// previous one plus the documented difference: what one version's configuration.txt lists and the previous one's
// does not is added, what it no longer lists is marked removed. Both documents go through the same parser, so what the
// parser misses in both (an undocumented keyword, an odd heading) cancels out instead of becoming a false difference.
//
// Usage:
//   node scripts/generate-keywords-docs.mjs --git-dir <haproxy.git>            # 2.6 -> 2.8 -> 3.0 -> 3.2 chain
//        [--base-doc /usr/share/doc/haproxy/configuration.txt.gz] [--chain 2.8=v2.8.0,3.0=v3.0.0,3.2=v3.2.0]
//   node scripts/generate-keywords-docs.mjs --step --version 3.2 --doc new.txt --prev-doc old.txt
//        --base data/haproxy-keywords/haproxy-3.0.json --out data/haproxy-keywords/haproxy-3.2.json [--source-tag v3.2.0]
//   node scripts/generate-keywords-docs.mjs --compare [--base-doc ...]        # doc-only parse vs the 2.6 binary catalogue
//
// A configuration.txt may be plain or gzipped; <haproxy.git> is a clone of https://github.com/haproxy/haproxy (bare or
// not), read with `git show TAG:doc/configuration.txt`. The documentation itself is never copied into the project.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'data/haproxy-keywords');
const DEBIAN_DOC = '/usr/share/doc/haproxy/configuration.txt.gz';
const UPSTREAM = 'https://github.com/haproxy/haproxy';

const PROXY_SECTIONS = ['defaults', 'frontend', 'listen', 'backend'];
/** First words whose second word is part of the keyword in the catalogue (as scripts/generate-keywords.mjs keys them). */
const TWO_WORD = new Set([
  'timeout', 'option', 'stats', 'capture', 'stick', 'email-alert', 'http-check', 'tcp-check', 'tcp-request', 'tcp-response', 'declare',
]);
const RULE_SETS = ['tcp-request connection', 'tcp-request session', 'tcp-request content', 'tcp-response content', 'http-request', 'http-response', 'http-after-response'];
/** Chapter titles (lower case, without "(deprecated)") -> the section type whose keywords they document. */
const CHAPTER_SECTIONS = {
  'process management and security': 'global',
  'performance tuning': 'global',
  'debugging': 'global',
  'httpclient tuning': 'global',
  'userlists': 'userlist',
  'peers': 'peers',
  'peers declaration': 'peers',
  'mailers': 'mailers',
  'programs': 'program',
  'http-errors': 'http-errors',
  'rings': 'ring',
  'log forwarding': 'log-forward',
  'the resolvers section': 'resolvers',
  'cache section': 'cache',
  'fcgi-app section': 'fcgi-app',
  'certificate storage': 'crt-store',
  'load options': 'crt-store',
  'traces': 'traces',
  'acme': 'acme',
};
/** ACL derivative descriptions -> the match method HAProxy's -dKall prints. */
const MATCH_METHODS = [
  [/^exact/, 'str'], [/^prefix/, 'beg'], [/^suffix/, 'end'], [/^subdir/, 'dir'], [/^domain/, 'dom'], [/^substring/, 'sub'],
  [/^regex/, 'reg'], [/^length/, 'len'], [/^ip/i, 'ip'], [/^integer/, 'int'], [/^bool/, 'bool'], [/^hex|^binary/, 'bin'], [/^found/, 'found'],
];

// ---------------------------------------------------------------- reading configuration.txt

export function readDoc(file) {
  const raw = readFileSync(file);
  return (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
}

function gitShow(gitDir, spec) {
  return execFileSync('git', ['--git-dir', gitDir, 'show', spec], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Numbered chapters: a `N.N. Title` line underlined with dashes. */
function chapters(lines) {
  const found = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const m = /^(\d+(?:\.\d+)*)\.\s+(\S.*)$/.exec(lines[i]);
    if (m && /^-{3,}\s*$/.test(lines[i + 1])) found.push({ number: m[1], title: m[2].trim(), start: i + 2 });
  }
  return found.map((c, i) => ({ ...c, lines: lines.slice(c.start, i + 1 < found.length ? found[i + 1].start - 2 : lines.length) }));
}

const chapterKey = (title) => title.toLowerCase().replace(/\s*\(deprecated\)\s*$/, '').trim();

/**
 * Keyword headings: the documentation writes each keyword (and its variants, one per line) at column 0, after a blank
 * line, and indents its description below. Prose paragraphs also start at column 0, but their next line does too.
 */
function headings(lines) {
  const result = [];
  let group = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') {
      group = [];
      continue;
    }
    if (/^\S/.test(line)) {
      if (group.length > 0 || i === 0 || lines[i - 1].trim() === '') group.push({ text: line, index: i });
      continue;
    }
    if (group.length > 0) {
      result.push(...group.filter((h) => /^[a-z0-9]/.test(h.text)));
      group = [];
    }
  }
  return result;
}

const DEPRECATED = /\s*\((?:deprecated|DEPRECATED)\)/;

/** The catalogue key of a documented keyword line: `capture request header <name>` -> `capture request`. */
function keywordOf(text) {
  const words = text.replace(DEPRECATED, '').trim().split(/\s+/);
  const first = words[0];
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(first)) return undefined;
  if (TWO_WORD.has(first) && words[1] && /^[a-z][a-z0-9_.-]*$/.test(words[1])) return `${first} ${words[1]}`;
  return first;
}

/** Values a bind/server option takes, as the binary's keyword table counts them: a word after the name means one. */
function arityOf(text) {
  const words = text.replace(DEPRECATED, '').replace(/\[\s*EXPERIMENTAL\s*\]/, '').trim().split(/\s+/);
  return words.length > 1 ? 1 : 0;
}

/** Everything one configuration.txt says about keywords, as sets and maps the catalogue builder can compare. */
export function parseConfigurationDoc(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const all = chapters(lines);
  const byNumber = (n) => all.find((c) => c.number === n);
  const byTitle = (t) => all.find((c) => chapterKey(c.title) === t);

  const doc = {
    version: /^\s+version (\d+\.\d+(?:[.-]\S+)?)\s*$/m.exec(lines.slice(0, 20).join('\n'))?.[1],
    sections: {},
    proxy: {},
    negatable: new Set(),
    bind: {},
    server: {},
    fetches: {},
    converters: {},
    aclKeywords: {},
    actions: {},
  };
  const add = (section, keyword) => {
    if (!keyword) return;
    (doc.sections[section] ??= new Set()).add(keyword);
    if (keyword.includes(' ')) doc.sections[section].add(keyword.split(' ')[0]);
  };

  // 3. Global parameters: the summary list `   - keyword`, then the headings of its subsections.
  const global = byNumber('3');
  for (const line of global?.lines ?? []) {
    const m = /^ {2,4}- ([a-z0-9][a-z0-9_.-]*)/.exec(line);
    if (m) add('global', m[1]);
  }
  for (const chapter of all) {
    const section = CHAPTER_SECTIONS[chapterKey(chapter.title)];
    if (!section) continue;
    for (const h of headings(chapter.lines)) {
      if (section !== 'global' && /^no option /.test(h.text)) continue;
      const kw = keywordOf(h.text);
      // The section's own header line (`ring <name>`, `peers <name>`) documents the section, not a keyword in it.
      if (kw === section || (section === 'crt-store' && kw === 'crt-store')) continue;
      add(section, kw);
    }
  }

  // 4.1. Proxy keywords matrix: `keyword [(*)|(deprecated)] X|- [(!)] X|- X|- X|-` for defaults, frontend, listen, backend.
  const setProxy = (keyword, columns, from) => {
    if (!keyword) return;
    const entry = (doc.proxy[keyword] ??= { sections: {}, from: new Set() });
    PROXY_SECTIONS.forEach((s, i) => {
      entry.sections[s] = entry.sections[s] === true || columns[i];
    });
    entry.from.add(from);
  };
  for (const line of byTitle('proxy keywords matrix')?.lines ?? []) {
    const m = /^([a-z][a-z0-9_.-]*(?: [a-z][a-z0-9_.-]*)*)\s+(\(\*\)|\(deprecated\))?\s*([X-])(?: ?\(!\))?\s+([X-])\s+([X-])\s+([X-])\s*$/.exec(line);
    if (!m) continue;
    const keyword = keywordOf(m[1]);
    setProxy(keyword, [m[3], m[4], m[5], m[6]].map((c) => c === 'X'), 'matrix');
    if (m[2] === '(*)' && keyword.startsWith('option ')) doc.negatable.add(keyword.slice(7));
  }
  // 4.2. Keywords reference: headings with their `May be used in sections` table (covers what the matrix leaves out).
  const reference = byTitle('alphabetically sorted keywords reference')?.lines ?? [];
  let current = [];
  for (let i = 0; i < reference.length; i++) {
    const line = reference[i];
    if (/^[a-z]/.test(line) && (i === 0 || reference[i - 1].trim() === '' || /^[a-z]/.test(reference[i - 1]))) {
      if (i === 0 || reference[i - 1].trim() === '') current = [];
      current.push(line);
      const n = /^no option ([a-z0-9][a-z0-9_.-]*)/.exec(line);
      if (n) doc.negatable.add(n[1]);
      continue;
    }
    if (/^\s+May be used in sections\s*:/.test(line)) {
      const cells = (reference[i + 1] ?? '').split('|').map((c) => /yes/.test(c));
      if (cells.length === 4) for (const h of current) if (!/^no option /.test(h)) setProxy(keywordOf(h), cells, 'reference');
    }
  }

  // `timeout`, `stats`, `option`: the first word of a two-word keyword is a keyword where any of its pairs is.
  for (const [kw, entry] of Object.entries(doc.proxy)) {
    if (!kw.includes(' ')) continue;
    const first = (doc.proxy[kw.split(' ')[0]] ??= { sections: {}, from: new Set(['pairs']) });
    if (!first.from.has('pairs')) continue;
    for (const s of PROXY_SECTIONS) first.sections[s] = first.sections[s] === true || entry.sections[s];
  }

  // 4.3. Actions matrix (3.0 and later): `action X|- ...` per rule set. Earlier documents list `http-request <action>`.
  const actionsMatrix = byTitle('actions keywords matrix');
  if (actionsMatrix) {
    // The header names the columns: 3.0 has the seven TCP/HTTP rule sets, 3.1 adds `QUIC: Ini` in front.
    const header = actionsMatrix.lines.find((l) => /^ keyword\s+.*TCP:/.test(l)) ?? '';
    const columns = [...(/QUIC:\s+Ini/.test(header) ? ['quic-initial'] : []), ...RULE_SETS];
    const row = new RegExp(`^([a-z][a-z0-9_.-]*)(?:\\s+\\(deprecated\\))?((?:\\s+[X-]){${columns.length}})\\s*$`);
    for (const line of actionsMatrix.lines) {
      const m = row.exec(line);
      if (!m) continue;
      m[2].trim().split(/\s+/).forEach((c, i) => {
        if (c === 'X') (doc.actions[columns[i]] ??= new Set()).add(m[1]);
      });
    }
  } else {
    for (const line of reference) {
      const m = /^\s*(tcp-request (?:connection|session|content)|tcp-response content|http-request|http-response|http-after-response) ([a-z][a-z0-9-]*)/.exec(line);
      if (m && !['if', 'unless'].includes(m[2])) (doc.actions[m[1]] ??= new Set()).add(m[2]);
    }
  }

  // 5.1 / 5.2: bind and server options, one heading each.
  for (const [title, table] of [['bind options', doc.bind], ['server and default-server options', doc.server]]) {
    for (const h of headings(byTitle(title)?.lines ?? [])) {
      const kw = keywordOf(h.text);
      if (kw && !(kw in table)) table[kw] = arityOf(h.text);
    }
  }

  // 7.3.x: converters (`name[(<args>)]` headings) and sample fetches (`name[(<args>)] : type`), with ACL derivatives.
  for (const chapter of all) {
    const key = chapterKey(chapter.title);
    if (key === 'converters') {
      for (const h of headings(chapter.lines)) {
        const m = /^([a-z][a-z0-9_.+-]*)(?:\((.*)\))?(?:\s|$)/.exec(h.text);
        if (m) doc.converters[m[1]] = { args: m[2] ?? null };
      }
      // `map_<match_type>_<output_type>`: the concrete names are in a table of the `map` converter.
      for (const line of chapter.lines) {
        if (line.includes('|')) for (const name of line.match(/\bmap_[a-z_]+\b/g) ?? []) doc.converters[name] ??= { args: '<map_file>[,<default_value>]' };
      }
      continue;
    }
    if (!/^fetching .*samples/.test(key)) continue;
    let fetch;
    for (const [i, line] of chapter.lines.entries()) {
      const m = /^([a-z][a-z0-9_.+-]*)(?:\((.*)\))?\s*:\s*([a-z]+)/.exec(line);
      if (m && (i === 0 || chapter.lines[i - 1].trim() === '' || /^[a-z]/.test(chapter.lines[i - 1]))) {
        doc.fetches[m[1]] = { args: m[2] ?? null, type: m[3] };
        fetch = m[1];
        continue;
      }
      const d = /^ {4}([a-z][a-z0-9_.+-]*)(?:\(.*\))?\s*:\s*(.+?)\s*$/.exec(line);
      if (d && fetch) {
        const match = MATCH_METHODS.find(([re]) => re.test(d[2]))?.[1];
        if (match) doc.aclKeywords[d[1]] = { fetch, match };
      }
    }
  }
  return doc;
}

// ---------------------------------------------------------------- documented differences

const diffSets = (before = new Set(), after = new Set()) => ({
  added: [...after].filter((k) => !before.has(k)).sort(),
  removed: [...before].filter((k) => !after.has(k)).sort(),
});
const diffKeys = (before = {}, after = {}) => diffSets(new Set(Object.keys(before)), new Set(Object.keys(after)));
const proxyKeys = (doc) => new Set(Object.keys(doc.proxy));

export function documentedChanges(before, after) {
  const sectionNames = new Set([...Object.keys(before.sections), ...Object.keys(after.sections)]);
  const actionSets = new Set([...Object.keys(before.actions), ...Object.keys(after.actions)]);
  return {
    sections: Object.fromEntries([...sectionNames].map((s) => [s, diffSets(before.sections[s], after.sections[s])])),
    proxy: diffSets(proxyKeys(before), proxyKeys(after)),
    /** Keywords documented in both whose proxy sections changed. */
    proxyMoved: Object.keys(after.proxy)
      .filter((k) => before.proxy[k] && PROXY_SECTIONS.some((s) => before.proxy[k].sections[s] !== after.proxy[k].sections[s]))
      .sort(),
    negatable: diffSets(before.negatable, after.negatable),
    bind: diffKeys(before.bind, after.bind),
    server: diffKeys(before.server, after.server),
    fetches: diffKeys(before.fetches, after.fetches),
    converters: diffKeys(before.converters, after.converters),
    aclKeywords: diffKeys(before.aclKeywords, after.aclKeywords),
    actions: Object.fromEntries([...actionSets].map((s) => [s, diffSets(before.actions[s], after.actions[s])])),
  };
}

// ---------------------------------------------------------------- the source code at the same tag, for removals

/** Where a keyword of each kind is parsed in HAProxy's src/ (file name or a word on the same line). */
const PARSED_IN = {
  proxy: (file, line) => /cfgparse-listen\.c|\/proxy\.c/.test(file) || /CFG_LISTEN/.test(line),
  global: (file, line) => /cfgparse-global\.c/.test(file) || /CFG_GLOBAL/.test(line),
  bindKeywords: (_file, line) => /bind_parse|bind_kw/.test(line),
  serverKeywords: (_file, line) => /srv_parse|srv_kw/.test(line),
  // Section keywords are matched in many ways (strcmp on args[0] or args[1], keyword tables): any mention counts.
  section: () => true,
  sample: (_file, line) => /^\s*\{\s*"/.test(line),
};

/**
 * A keyword the new documentation no longer lists may be gone, deprecated but still parsed, or merely moved in the
 * text. The source at the same tag tells: a "not supported anymore" alert next to the keyword (its message is kept),
 * a parser still matching it (kept), or nothing (gone). Without a git directory, the documentation alone decides.
 */
export function sourceOracle(gitDir, tag) {
  if (!gitDir) return undefined;
  const grep = (args) => {
    try {
      return execFileSync('git', ['--git-dir', gitDir, 'grep', '-n', ...args, tag, '--', 'src/', 'addons/'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    } catch {
      return '';
    }
  };
  const blocks = grep(['-B4', '-A1', '-e', 'not supported anymore']).split(/^--$/m).map((text) => ({ text, file: /^[^:]+:([^:-]+)[:-]/m.exec(text.trim())?.[1] ?? '' }));
  const literal = (block) => {
    const lines = block.text.split('\n');
    const at = lines.findIndex((l) => l.includes('not supported anymore'));
    const call = lines.findIndex((l, i) => i <= at && /ha_alert|memprintf|ha_warning/.test(l));
    const strings = lines.slice(call < 0 ? at : call, at + 2).join(' ').match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    return strings.map((x) => JSON.parse(x)).join('').replace(/^parsing \[%s:%d\]\s*:\s*/, '').replace(/\n$/, '').trim();
  };
  return {
    tag,
    removal(kind, keyword) {
      const words = keyword.split(' ');
      const name = words.at(-1);
      const quoted = new RegExp(`"${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"|'${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ ']`);
      const candidates = blocks.filter((b) => quoted.test(b.text));
      const block =
        candidates.find((b) => b.text.includes(`args[${words.length - 1}], "${name}")`) && (PARSED_IN[kind] ?? PARSED_IN.section)(b.file, b.text)) ??
        candidates.find((b) => b.text.includes(`args[${words.length - 1}], "${name}")`)) ??
        candidates.find((b) => (PARSED_IN[kind] ?? PARSED_IN.section)(b.file, b.text)) ??
        candidates[0];
      if (!block) return undefined;
      let message = literal(block);
      const values = message.includes(`'${name} %s'`) ? ['<value>'] : [...words];
      message = message.replace(/%s/g, () => values.shift() ?? '<value>');
      return message;
    },
    parsed(kind, keyword) {
      const name = keyword.split(' ').at(-1);
      return grep(['-F', '-e', `"${name}"`]).split('\n').some((l) => {
        const m = /^[^:]+:([^:]+):\d+:(.*)$/.exec(l);
        return m !== null && (PARSED_IN[kind] ?? PARSED_IN.section)(m[1], m[2]);
      });
    },
  };
}

// ---------------------------------------------------------------- catalogue of the next version

/** How the 2.6 binary words a keyword used in a section without the capability (placeholders filled by lint). */
function refusal(keyword, section) {
  if (section === 'defaults') return { status: 'error', message: `'${keyword}' not allowed in 'defaults' section.` };
  const missing = section === 'frontend' ? 'backend' : 'frontend';
  return { status: 'ignored', message: `'${keyword}' ignored because {proxyType} '{proxyName}' has no ${missing} capability.` };
}

const removedMessage = (keyword, version, where) =>
  `'${keyword}' is not supported anymore in HAProxy ${version}: documented in ${where.before}, no longer in ${where.after}.`;

/**
 * Applies the documented changes between two configuration.txt files to the previous version's catalogue.
 * Removal only touches what the previous catalogue accepted; addition never overrides a binary-probed entry.
 */
export function nextCatalogue(base, before, after, { version, source, oracle }) {
  const changes = documentedChanges(before, after);
  const catalogue = structuredClone(base);
  const where = { before: `the ${base.version} configuration.txt`, after: `the ${version} one` };
  const log = { added: {}, removed: {}, kept: {}, undocumentedInSource: {}, moved: [] };
  const note = (kind, table, key) => (log[kind][table] ??= []).push(key);
  /** What became of a keyword the new documentation no longer lists: see sourceOracle(). */
  const fate = (kind, kw) => {
    const message = oracle?.removal(kind, kw);
    if (message) return { status: 'removed', message };
    if (oracle?.parsed(kind, kw)) return { status: 'kept' };
    // No alert for it in the source: HAProxy calls it an unknown keyword, and so will lint. Without the source, say why.
    return oracle ? { status: 'gone' } : { status: 'removed', message: removedMessage(kw, version, where) };
  };

  // Non-proxy sections (global, peers, ring, ...), including section types later versions introduce.
  /** A documented keyword no parser of the source matches is a documentation slip (3.0 lists `hash-key` as a proxy keyword). */
  const unparsed = (kind, kw, table) => {
    if (!oracle || oracle.parsed(kind, kw)) return false;
    note('undocumentedInSource', table, kw);
    return true;
  };
  for (const [section, { added, removed }] of Object.entries(changes.sections)) {
    const entries = (catalogue.sections[section] ??= {});
    for (const kw of added) {
      if (unparsed(section === 'global' ? 'global' : 'section', kw, section)) continue;
      if (entries[kw] === undefined || entries[kw] !== 'ok') {
        entries[kw] = 'ok';
        note('added', section, kw);
      }
    }
    for (const kw of removed) {
      // A two-word key's first word stays while another pair uses it (`stats` when only `stats bind-process` goes).
      if (!kw.includes(' ') && [...(after.sections[section] ?? [])].some((k) => k.startsWith(`${kw} `))) continue;
      if (entries[kw] !== 'ok') continue;
      const f = fate(section === 'global' ? 'global' : 'section', kw);
      if (f.status === 'kept') note('kept', section, kw);
      else {
        if (f.status === 'gone') delete entries[kw];
        else entries[kw] = f;
        note('removed', section, kw);
      }
    }
  }

  // Proxy keywords.
  const setProxyEntry = (kw, sections) => {
    for (const s of PROXY_SECTIONS) {
      const entries = catalogue.sections[s];
      if (sections[s]) entries[kw] = 'ok';
      else if (entries[kw] === undefined || entries[kw] === 'ok') entries[kw] = refusal(kw, s);
    }
    const first = kw.split(' ')[0];
    if (first !== kw) for (const s of PROXY_SECTIONS) catalogue.sections[s][first] ??= 'ok';
  };
  for (const kw of changes.proxy.added) {
    if (unparsed('proxy', kw, 'proxy')) continue;
    if (PROXY_SECTIONS.every((s) => catalogue.sections[s][kw] !== undefined && catalogue.sections[s][kw] !== 'ok' && catalogue.sections[s][kw].status !== 'removed')) continue;
    setProxyEntry(kw, after.proxy[kw].sections);
    note('added', 'proxy', kw);
    if (kw.startsWith('option ')) {
      catalogue.options[kw.slice(7)] = { negatable: after.negatable.has(kw.slice(7)) };
      note('added', 'options', kw.slice(7));
    }
  }
  for (const kw of changes.proxy.removed) {
    if (!PROXY_SECTIONS.some((s) => catalogue.sections[s][kw] === 'ok')) continue;
    const f = fate('proxy', kw);
    if (f.status === 'kept') {
      note('kept', 'proxy', kw);
      continue;
    }
    for (const s of PROXY_SECTIONS) {
      if (f.status === 'gone') delete catalogue.sections[s][kw];
      else catalogue.sections[s][kw] = f;
    }
    if (kw.startsWith('option ')) delete catalogue.options[kw.slice(7)];
    note('removed', 'proxy', kw);
  }
  for (const kw of changes.proxyMoved) {
    const b = before.proxy[kw].sections;
    const a = after.proxy[kw].sections;
    for (const s of PROXY_SECTIONS) {
      if (b[s] === a[s]) continue;
      const entries = catalogue.sections[s];
      if (entries[kw] === undefined || (entries[kw] !== 'ok' && entries[kw].status === 'removed')) continue;
      if (a[s]) entries[kw] = 'ok';
      else if (entries[kw] === 'ok') entries[kw] = refusal(kw, s);
      log.moved.push(`${kw}: ${s} ${a[s] ? 'allowed' : 'refused'}`);
    }
  }
  for (const o of changes.negatable.added) if (catalogue.options[o]) catalogue.options[o].negatable = true;

  // Bind/server options, fetches, converters, ACL keywords.
  for (const [table, docTable] of [['bindKeywords', 'bind'], ['serverKeywords', 'server']]) {
    for (const kw of changes[docTable].added) {
      if (catalogue[table][kw] === undefined && !unparsed(table, kw, table)) {
        catalogue[table][kw] = after[docTable][kw];
        note('added', table, kw);
      }
    }
    for (const kw of changes[docTable].removed) {
      if (catalogue[table][kw] !== undefined) {
        if (fate(table, kw).status === 'kept') {
          note('kept', table, kw);
          continue;
        }
        delete catalogue[table][kw];
        note('removed', table, kw);
      }
    }
  }
  for (const table of ['fetches', 'converters', 'aclKeywords']) {
    for (const kw of changes[table].added) {
      if (catalogue[table][kw] === undefined) {
        catalogue[table][kw] = after[table][kw];
        note('added', table, kw);
      }
    }
    for (const kw of changes[table].removed) {
      if (catalogue[table][kw] !== undefined) {
        if (fate('sample', kw).status === 'kept') {
          note('kept', table, kw);
          continue;
        }
        delete catalogue[table][kw];
        note('removed', table, kw);
      }
    }
  }
  // Actions are added only: the documents of 2.6/2.8 list them in prose and those of 3.0+ in a matrix, so a
  // difference across that change of format says more about the parser than about HAProxy.
  for (const [set, { added }] of Object.entries(changes.actions)) {
    if (!catalogue.actions[set] || set === 'quic-initial') continue;
    const known = new Set(catalogue.actions[set].map((a) => a.replace(/\*$/, '')));
    for (const action of added) {
      if (known.has(action) || known.has(action.replace(/\d+$/, ''))) continue;
      catalogue.actions[set].push(action);
      // The 2.6 catalogue keys `http-request <action>` per section (scripts/generate-keywords.mjs probes them), not tcp ones.
      for (const s of set.startsWith('http-') ? PROXY_SECTIONS : []) {
        const first = catalogue.sections[s][set];
        if (first !== undefined) catalogue.sections[s][`${set} ${action}`] ??= first;
      }
      note('added', `actions ${set}`, action);
    }
    catalogue.actions[set].sort();
  }

  catalogue.$comment =
    `Generated by scripts/generate-keywords-docs.mjs: the HAProxy ${base.version} catalogue (${source.base}) plus the keywords ` +
    `${source.documentation?.tag ? `doc/configuration.txt at tag ${source.documentation.tag}` : 'the given configuration.txt'} documents and the ${base.version} one did not, ` +
    'minus those it no longer documents and its src/ no longer parses (a "not supported anymore" alert there gives the message). No binary was probed: messages of added keywords are modelled on 2.6. Do not edit: rerun the script.';
  catalogue.version = version;
  catalogue.source = source;
  catalogue.changes = log;
  const ordered = { $comment: catalogue.$comment, version, source };
  for (const [k, v] of Object.entries(catalogue)) if (!(k in ordered) && k !== 'changes') ordered[k] = v;
  for (const s of Object.keys(ordered.sections)) ordered.sections[s] = Object.fromEntries(Object.entries(ordered.sections[s]).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const t of ['options', 'serverKeywords', 'bindKeywords', 'fetches', 'converters', 'aclKeywords']) {
    ordered[t] = Object.fromEntries(Object.entries(ordered[t]).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  ordered.changes = log;
  return ordered;
}

// ---------------------------------------------------------------- doc-only parse vs the binary (validation)

export function compareWithBinary(doc, binary) {
  const rows = [];
  const row = (name, fromDoc, fromBinary) => {
    const d = new Set(fromDoc);
    const b = new Set(fromBinary);
    const both = [...d].filter((k) => b.has(k));
    rows.push({ name, doc: d.size, binary: b.size, both: both.length, docOnly: [...d].filter((k) => !b.has(k)).sort(), binaryOnly: [...b].filter((k) => !d.has(k)).sort() });
  };
  const known = (section) => Object.entries(binary.sections[section] ?? {}).filter(([, v]) => v === 'ok' || v.status !== 'removed').map(([k]) => k);
  row('global', doc.sections.global ?? [], known('global'));
  for (const s of PROXY_SECTIONS) {
    const okDoc = Object.entries(doc.proxy).filter(([, e]) => e.sections[s]).map(([k]) => k);
    // The binary catalogue also keys `http-request <action>`; the documentation's matrix has rule-set keywords only.
    const okBinary = Object.entries(binary.sections[s]).filter(([k, v]) => v === 'ok' && !/^(http-request|http-response|http-after-response) /.test(k)).map(([k]) => k);
    row(`${s} (keywords accepted)`, okDoc, okBinary);
  }
  row('proxy keywords (known in any proxy section)', Object.keys(doc.proxy), PROXY_SECTIONS.flatMap((s) => known(s)).filter((k) => !/^(http-request|http-response|http-after-response) /.test(k)));
  row('options', Object.keys(doc.proxy).filter((k) => k.startsWith('option ')).map((k) => k.slice(7)), Object.keys(binary.options));
  row('negatable options', [...doc.negatable], Object.entries(binary.options).filter(([, v]) => v.negatable).map(([k]) => k));
  row('bind options', Object.keys(doc.bind), Object.keys(binary.bindKeywords));
  row('server options', Object.keys(doc.server), Object.keys(binary.serverKeywords));
  const arityAgree = Object.keys(doc.server).filter((k) => binary.serverKeywords[k] !== undefined && Math.sign(binary.serverKeywords[k]) !== 0 === (doc.server[k] !== 0)).length
    + Object.keys(doc.bind).filter((k) => binary.bindKeywords[k] !== undefined && (binary.bindKeywords[k] !== 0) === (doc.bind[k] !== 0)).length;
  const arityBoth = Object.keys(doc.server).filter((k) => binary.serverKeywords[k] !== undefined).length + Object.keys(doc.bind).filter((k) => binary.bindKeywords[k] !== undefined).length;
  for (const s of ['userlist', 'peers', 'resolvers', 'mailers', 'cache', 'program', 'http-errors', 'ring', 'log-forward', 'fcgi-app']) row(s, doc.sections[s] ?? [], known(s));
  row('sample fetches', Object.keys(doc.fetches), Object.keys(binary.fetches));
  row('converters', Object.keys(doc.converters), Object.keys(binary.converters));
  row('ACL keywords', Object.keys(doc.aclKeywords), Object.keys(binary.aclKeywords));
  for (const set of RULE_SETS) row(`actions ${set}`, [...(doc.actions[set] ?? [])].map((a) => a.replace(/^track-sc\d$/, 'track-sc')), (binary.actions[set] ?? []).map((a) => a.replace(/\*$/, '')));
  return { rows, arity: { agree: arityAgree, both: arityBoth } };
}

function printComparison({ rows, arity }) {
  let doc = 0;
  let binary = 0;
  let both = 0;
  for (const r of rows) {
    doc += r.doc;
    binary += r.binary;
    both += r.both;
    console.log(`${r.name}: doc ${r.doc}, binary ${r.binary}, both ${r.both}, doc only ${r.docOnly.length}, binary only ${r.binaryOnly.length}`);
    if (r.docOnly.length) console.log(`  doc only: ${r.docOnly.join(' ')}`);
    if (r.binaryOnly.length) console.log(`  binary only: ${r.binaryOnly.join(' ')}`);
  }
  console.log(`TOTAL: doc ${doc}, binary ${binary}, both ${both} (${((100 * both) / binary).toFixed(1)}% of the binary's, ${((100 * both) / doc).toFixed(1)}% of the doc's)`);
  console.log(`bind/server option arity (takes a value or not): ${arity.agree}/${arity.both} agree`);
}

// ---------------------------------------------------------------- command line

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({
    options: {
      'git-dir': { type: 'string' },
      'base-doc': { type: 'string', default: DEBIAN_DOC },
      chain: { type: 'string', default: '2.8=v2.8.0,3.0=v3.0.0,3.2=v3.2.0' },
      compare: { type: 'boolean', default: false },
      step: { type: 'boolean', default: false },
      version: { type: 'string' },
      doc: { type: 'string' },
      'prev-doc': { type: 'string' },
      base: { type: 'string', default: path.join(dataDir, 'haproxy-2.6.json') },
      out: { type: 'string' },
      'source-tag': { type: 'string' },
    },
  });
  const write = (file, catalogue) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(catalogue, null, 1)}\n`);
    const sizes = Object.values(catalogue.sections).reduce((n, s) => n + Object.keys(s).length, 0);
    const added = Object.values(catalogue.changes.added).reduce((n, l) => n + l.length, 0);
    const removed = Object.values(catalogue.changes.removed).reduce((n, l) => n + l.length, 0);
    console.log(`wrote ${path.relative(process.cwd(), file)}: ${sizes} section keywords, ${Object.keys(catalogue.fetches).length} fetches, ${Object.keys(catalogue.converters).length} converters; +${added} -${removed} against ${catalogue.source.base}`);
  };

  if (values.compare) {
    printComparison(compareWithBinary(parseConfigurationDoc(readDoc(values['base-doc'])), JSON.parse(readFileSync(values.base, 'utf8'))));
  } else if (values.step) {
    if (!values.version || !values.doc || !values['prev-doc'] || !values.out) throw new Error('--step needs --version, --doc, --prev-doc and --out');
    const base = JSON.parse(readFileSync(values.base, 'utf8'));
    const tag = values['source-tag'];
    const source = { documentation: tag ? { repository: UPSTREAM, tag, file: 'doc/configuration.txt' } : { file: path.basename(values.doc) }, base: path.basename(values.base) };
    const oracle = values['git-dir'] && tag ? sourceOracle(values['git-dir'], tag) : undefined;
    if (oracle) source.removalsCheckedIn = `src/ at ${tag}`;
    write(values.out, nextCatalogue(base, parseConfigurationDoc(readDoc(values['prev-doc'])), parseConfigurationDoc(readDoc(values.doc)), { version: values.version, source, oracle }));
  } else {
    const gitDir = values['git-dir'];
    if (!gitDir) throw new Error('give --git-dir <haproxy.git> (a clone of https://github.com/haproxy/haproxy), or --compare, or --step');
    let base = JSON.parse(readFileSync(values.base, 'utf8'));
    let baseFile = path.basename(values.base);
    let before = parseConfigurationDoc(readDoc(values['base-doc']));
    let previousSource = `${values['base-doc']} (Debian package haproxy ${base.version})`;
    for (const link of values.chain.split(',')) {
      const [version, tag] = link.split('=');
      const commit = execFileSync('git', ['--git-dir', gitDir, 'rev-list', '-n', '1', tag], { encoding: 'utf8' }).trim();
      const after = parseConfigurationDoc(gitShow(gitDir, `${tag}:doc/configuration.txt`));
      const source = {
        documentation: { repository: UPSTREAM, tag, commit, file: 'doc/configuration.txt' },
        base: baseFile,
        previousDocumentation: previousSource,
        removalsCheckedIn: `src/ at ${tag}`,
      };
      const catalogue = nextCatalogue(base, before, after, { version: tag.replace(/^v/, ''), source, oracle: sourceOracle(gitDir, tag) });
      const out = path.join(dataDir, `haproxy-${version}.json`);
      write(out, catalogue);
      base = catalogue;
      baseFile = path.basename(out);
      before = after;
      previousSource = `${UPSTREAM} ${tag}:doc/configuration.txt`;
    }
  }
}
