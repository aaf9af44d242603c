#!/usr/bin/env node
// Regenerates data/haproxy-keywords/haproxy-2.6.json from the real sources: `haproxy -dKall` (registered keywords,
// bind/server options, sample fetches, converters, ACL keywords) and configuration.txt (the keywords HAProxy parses
// by hand, which -dKall does not list). Every candidate is then probed with the real `haproxy -c` in every section
// type, so the catalogue says what the binary does, not what the prose says.
//
// Usage: node scripts/generate-keywords.mjs [--haproxy haproxy] [--doc /usr/share/doc/haproxy/configuration.txt.gz]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    haproxy: { type: 'string', default: 'haproxy' },
    doc: { type: 'string', default: '/usr/share/doc/haproxy/configuration.txt.gz' },
    out: { type: 'string', default: path.join(root, 'data/haproxy-keywords/haproxy-2.6.json') },
  },
});

const SECTIONS = [
  'global', 'defaults', 'frontend', 'backend', 'listen', 'userlist', 'peers', 'resolvers', 'mailers', 'cache',
  'program', 'http-errors', 'ring', 'log-forward', 'fcgi-app',
];
const HEADERS = { global: 'global', defaults: 'defaults dflt' };
// Keywords whose second word is part of the keyword (`timeout client`, `stats uri`, `capture request`).
const TWO_WORD = new Set([
  'timeout', 'option', 'stats', 'capture', 'stick', 'email-alert', 'http-check', 'tcp-check', 'tcp-request',
  'tcp-response', 'http-request', 'http-response', 'http-after-response', 'declare',
]);

const run = (args, input) => spawnSync(values.haproxy, args, { encoding: 'utf8', input, maxBuffer: 64 << 20 });

const versionText = run(['-v']).stdout;
const version = /HA-?Proxy version (\S+)/.exec(versionText)?.[1] ?? 'unknown';
const dump = run(['-dKall', '-q', '-c', '-f', '/dev/null']).stdout + run(['-dKall', '-q', '-c', '-f', '/dev/null']).stderr;
const doc = gunzipSync(readFileSync(values.doc)).toString('utf8');

// ---- -dKall sections
function dumpSection(title) {
  const start = dump.indexOf(`# List of registered ${title}`);
  if (start < 0) return [];
  const end = dump.indexOf('\n# List of registered', start + 10);
  return dump.slice(start, end < 0 ? undefined : end).split('\n').slice(1);
}
const configLines = dumpSection('configuration keywords');
const serverKeywords = {};
const bindKeywords = {};
const dumpKeywords = new Set();
for (const line of configLines) {
  let m;
  if ((m = /^\tserver <name> <addr> (\S+)(?: (\+-?1|\+\d+))?/.exec(line))) serverKeywords[m[1]] = m[2] ? (m[2] === '+-1' ? -1 : 1) : 0;
  else if ((m = /^\tbind <addr> (?:ssl )?(\S+)(?: (\+\d+))?/.exec(line))) bindKeywords[m[1]] = m[2] ? 1 : 0;
  else if ((m = /^\t(option|tcp-request \S+|tcp-response \S+|http-request|http-response|http-after-response) (\S+)/.exec(line))) {
    if (m[1] === 'option') dumpKeywords.add(`option ${m[2]}`);
  } else if ((m = /^\t(\S+)$/.exec(line))) dumpKeywords.add(m[1]);
}
const fetches = {};
for (const line of dumpSection('sample fetch functions')) {
  const m = /^\[[ Y.]+\] ([a-z0-9_.+-]+)(\(([^)]*)\))?: (\S+)/.exec(line);
  if (m) fetches[m[1]] = { args: m[3] ?? null, type: m[4] };
}
const converters = {};
for (const line of dumpSection('sample converter functions')) {
  const m = /^([a-z0-9_.-]+)(\(([^)]*)\))?: /.exec(line);
  if (m) converters[m[1]] = { args: m[3] ?? null };
}
const aclKeywords = {};
for (const line of dumpSection('ACL keywords')) {
  const m = /^(\S+) = (\S+) -m (\S+)/.exec(line);
  if (m) aclKeywords[m[1]] = { fetch: m[2], match: m[3] };
}
const actions = {};
for (const line of configLines) {
  const m = /^\t(tcp-request \S+|tcp-response \S+|http-request|http-response|http-after-response) (\S+?)(\*)?$/.exec(line);
  if (m) (actions[m[1]] ??= []).push(m[3] ? `${m[2]}*` : m[2]);
}
const filters = dumpSection('filter names').map((l) => /^(\S+)/.exec(l)?.[1]).filter(Boolean);
const services = dumpSection('service names').map((l) => /^(\S+)/.exec(l)?.[1]).filter(Boolean);

// ---- configuration.txt candidates: keyword headings at column 0 and the global keyword list.
const candidates = new Set(dumpKeywords);
for (const line of doc.split('\n')) {
  let m = /^ {3}- ([a-z0-9][a-z0-9_.-]*)/.exec(line);
  if (m) candidates.add(m[1]);
  m = /^([a-z][a-z0-9_.-]*)(?: +([a-z][a-z0-9_.-]*))?(?:[ (<[]|$)/.exec(line);
  if (m) {
    candidates.add(m[1]);
    if (TWO_WORD.has(m[1]) && m[2]) candidates.add(`${m[1]} ${m[2]}`);
    if (m[1] === 'no' && m[2] === 'option') {
      const o = /^no option ([a-z0-9_.-]+)/.exec(line);
      if (o) candidates.add(`option ${o[1]}`);
    }
  }
}
// Keywords of older versions, gone from the 2.6 documentation: probing tells how 2.6 refuses them.
for (const old of [
  'block', 'monitor-net', 'redisp', 'reqadd', 'reqallow', 'reqdel', 'reqdeny', 'reqiallow', 'reqidel', 'reqideny',
  'reqipass', 'reqirep', 'reqisetbe', 'reqitarpit', 'reqpass', 'reqrep', 'reqsetbe', 'reqtarpit', 'rspadd', 'rspdel',
  'rspdeny', 'rspidel', 'rspideny', 'rspirep', 'rsprep', 'nbproc', 'option independant-streams', 'tune.chksize',
]) candidates.add(old);
for (const s of SECTIONS) candidates.delete(s);
for (const t of TWO_WORD) candidates.add(t);
const candidateList = [...candidates].filter((c) => !c.startsWith('.') && c !== 'no').sort();
const optionNames = candidateList.filter((c) => c.startsWith('option ')).map((c) => c.slice(7));

// ---- probing
const workdir = mkdtempSync(path.join(tmpdir(), 'hd-keywords-'));
const SENTINEL = 'zz-probe-sentinel';

/** Runs haproxy -c on a section holding `lines`; returns messages per line number (1-based, header is line 1). */
function probe(section, lines) {
  const header = HEADERS[section] ?? `${section} probe`;
  const file = path.join(workdir, 'probe.cfg');
  writeFileSync(file, [header, ...lines.map((l) => `  ${l}`), `  ${SENTINEL}`, ''].join('\n'));
  const out = run(['-c', '-dr', '-f', file]);
  const byLine = new Map();
  for (const raw of `${out.stdout}\n${out.stderr}`.split('\n')) {
    // `parsing [probe.cfg:12] : msg` or `[probe.cfg:12] : 'server' not allowed ...` (2.6 uses both).
    const m = /^\[(ALERT|WARNING)\]\s+\(\d+\) : (?:config : )?(.*)$/.exec(raw);
    const at = m && /\[[^\]]*probe\.cfg:(\d+)\]/.exec(m[2]);
    if (!m || !at) continue;
    const n = Number(at[1]);
    const message = m[2].replace(/^(?:\[[^\]]*\]\s*:\s*)?(?:parsing \[[^\]]*\]\s*:?\s*)?/, '');
    if (!byLine.has(n)) byLine.set(n, []);
    byLine.get(n).push({ level: m[1], message });
  }
  return { byLine, sentinelSeen: (byLine.get(lines.length + 2) ?? []).some((x) => x.message.includes(SENTINEL)) };
}

function classify(messages, keyword) {
  const alerts = messages.filter((x) => x.level === 'ALERT');
  const warnings = messages.filter((x) => x.level === 'WARNING');
  const first = keyword.split(' ')[0];
  const second = keyword.split(' ')[1];
  if (alerts.some((x) => x.message.includes(`unknown keyword '${first}'`) || /^unknown (option|statement) '/.test(x.message))) return { status: 'unknown' };
  // `timeout mail` in a backend: "'timeout' supports 'client', ... (got 'mail')".
  if (second !== undefined && alerts.some((x) => (x.message.startsWith(`'${first}' `) && x.message.includes(`got '${second}'`)) || x.message.startsWith(`unknown ${first} parameter '${second}'`))) return { status: 'unknown' };
  const removed = alerts.find((x) => /not supported anymore|has been removed|no longer supported/i.test(x.message));
  if (removed) return { status: 'removed', message: removed.message };
  const refused = alerts.find((x) => /not allowed|has no (frontend|backend) capability|not supported in|only supported in|cannot be used|not permitted/i.test(x.message));
  if (refused) return { status: 'error', message: refused.message };
  const ignored = warnings.find((x) => /ignored|has no (frontend|backend) capability/i.test(x.message));
  if (ignored) return { status: 'ignored', message: ignored.message };
  return { status: 'ok' };
}

function probeAll(section, keywords) {
  const result = {};
  const chunk = (list) => {
    const { byLine, sentinelSeen } = probe(section, list);
    if (!sentinelSeen && list.length > 1) {
      // A keyword aborted the parse: split until each one runs on its own.
      const half = Math.ceil(list.length / 2);
      chunk(list.slice(0, half));
      chunk(list.slice(half));
      return;
    }
    list.forEach((kw, i) => {
      result[kw] = classify(byLine.get(i + 2) ?? [], kw);
    });
  };
  chunk(keywords);
  return result;
}

const placeholders = (message, section) =>
  message
    .replaceAll(`${section} 'probe'`, '{proxyType} \'{proxyName}\'')
    .replaceAll("defaults 'dflt'", "{proxyType} '{proxyName}'")
    .replace(/ \(declared at [^)]*\)/, '');

const sections = {};
for (const section of SECTIONS) {
  const probed = probeAll(section, candidateList);
  const entries = {};
  for (const [kw, r] of Object.entries(probed)) {
    if (r.status === 'unknown') continue;
    entries[kw] = r.status === 'ok' ? 'ok' : { status: r.status, message: placeholders(r.message, section) };
  }
  sections[section] = entries;
}

// `no option X`: which options take the negation.
const negatable = {};
for (const section of ['defaults', 'frontend', 'backend', 'listen']) {
  const names = optionNames.filter((o) => sections[section][`option ${o}`] !== undefined);
  const probed = probeAll(section, names.map((o) => `no option ${o}`));
  for (const o of names) {
    const r = probed[`no option ${o}`];
    const refused = r.status === 'error' || (r.status === 'ok' && false);
    if (!refused) negatable[o] = true;
  }
}
// Re-probe per option to catch "negation/default is not supported" (an ALERT classify() reads as 'ok').
const notNegatable = new Set();
{
  const names = optionNames.filter((o) => sections.listen[`option ${o}`] !== undefined);
  const { byLine } = probe('listen', names.map((o) => `no option ${o}`));
  names.forEach((o, i) => {
    if ((byLine.get(i + 2) ?? []).some((x) => x.level === 'ALERT' && /negation\/default is not supported/.test(x.message))) notNegatable.add(o);
  });
}
rmSync(workdir, { recursive: true, force: true });

const catalogue = {
  $comment:
    `Generated by scripts/generate-keywords.mjs from \`haproxy -dKall\` and configuration.txt of HAProxy ${version} ` +
    '(Debian), each keyword probed with `haproxy -c` in every section type. Do not edit: rerun `node scripts/generate-keywords.mjs`.',
  version,
  sections,
  options: Object.fromEntries(
    optionNames
      .filter((o) => ['defaults', 'frontend', 'backend', 'listen'].some((s) => sections[s][`option ${o}`] !== undefined))
      .map((o) => [o, { negatable: !notNegatable.has(o) }]),
  ),
  serverKeywords,
  bindKeywords,
  actions,
  fetches,
  converters,
  aclKeywords,
  filters,
  services,
};
mkdirSync(path.dirname(values.out), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(catalogue, null, 1)}\n`);
console.log(`wrote ${path.relative(process.cwd(), values.out)}: ${Object.values(sections).reduce((n, s) => n + Object.keys(s).length, 0)} section keywords, ${Object.keys(fetches).length} fetches, ${Object.keys(converters).length} converters`);
