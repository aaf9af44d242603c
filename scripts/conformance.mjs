#!/usr/bin/env node
// Conformance of `lint` with the real `haproxy -c -dr`: generates variants of realistic configs (typos, wrong
// sections, missing references, bad values, quoting, harmless edits), runs both, and compares verdicts and the line of
// haproxy's first error. Also runs over ../shared/corpus/haproxy-regtests/ when that folder exists.
//
// Usage: node scripts/conformance.mjs [--variants N] [--seed S] [--json] [--show-disagreements]
// The functions are exported for test/lint/conformance.test.ts, which runs a bounded sample.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = path.resolve(root, '../shared/corpus/haproxy-regtests');

/** Builds src/lint into one temporary ESM module (esbuild, a dev dependency), so no build step is needed first. */
export async function loadLinter() {
  const { build } = await import('esbuild');
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'hd-conformance-')), 'lint.mjs');
  await build({
    entryPoints: [path.join(root, 'src/lint/lint-files.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    // keyword-catalogue.ts finds data/ upward from its own file: keep the bundle able to find the project's.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(root, 'src/lint/keyword-catalogue.ts')).href) },
  });
  return import(pathToFileURL(out).href);
}

export function haproxyAvailable() {
  return spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).status === 0;
}

/** Real configs: the lab, the parser fixtures, the scenario bundles. */
export function baseConfigs() {
  const files = [path.join(root, 'lab/haproxy.cfg')];
  const fixtureDir = path.join(root, 'fixtures/parsers/haproxy-cfg');
  for (const name of readdirSync(fixtureDir).sort()) if (name.endsWith('.cfg')) files.push(path.join(fixtureDir, name));
  const bundles = path.join(root, 'fixtures/bundles');
  for (const name of readdirSync(bundles).sort()) {
    const cfg = path.join(bundles, name, 'lb/etc/haproxy/haproxy.cfg');
    if (existsSync(cfg)) files.push(cfg);
  }
  return files.map((file) => ({ name: path.relative(root, file), text: readFileSync(file, 'utf8') }));
}

/** Small deterministic PRNG (mulberry32). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const keywordLine = (l) => /^\s+[a-z]/.test(l) && !/^\s*#/.test(l);
const headerLine = (l) => /^(global|defaults|frontend|backend|listen|userlist|peers|resolvers|mailers|cache|program|http-errors|ring)\b/.test(l);

/** Each mutation returns new text or undefined when it does not apply to this config. */
const MUTATIONS = {
  typo(lines, rnd) {
    const idx = lines.map((l, i) => (keywordLine(l) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) return undefined;
    const i = idx[Math.floor(rnd() * idx.length)];
    const m = /^(\s+)(\S+)(.*)$/.exec(lines[i]);
    if (!m || m[2].length < 3) return undefined;
    const k = 1 + Math.floor(rnd() * (m[2].length - 2));
    const word = rnd() < 0.5 ? m[2].slice(0, k) + m[2].slice(k + 1) : m[2].slice(0, k) + m[2][k + 1] + m[2][k] + m[2].slice(k + 2);
    if (word === m[2]) return undefined;
    lines[i] = `${m[1]}${word}${m[3]}`;
    return lines;
  },
  wrongSection(lines, rnd) {
    const idx = lines.map((l, i) => (keywordLine(l) ? i : -1)).filter((i) => i >= 0);
    const headers = lines.map((l, i) => (headerLine(l) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length || headers.length < 2) return undefined;
    const from = idx[Math.floor(rnd() * idx.length)];
    const to = headers[Math.floor(rnd() * headers.length)];
    lines.splice(to + 1, 0, lines[from]);
    return lines;
  },
  missingReference(lines, rnd) {
    const idx = lines.map((l, i) => (/^\s+(default_backend|use_backend|use-server)\s/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) return undefined;
    const i = idx[Math.floor(rnd() * idx.length)];
    lines[i] = lines[i].replace(/^(\s+\S+\s+)(\S+)/, '$1$2_missing');
    return lines;
  },
  badValue(lines, rnd) {
    const edits = [
      [/^(\s+timeout\s+\S+\s+)\S+/, ['5x', 'x5s', '10mn', '', '1h2m', '-1']],
      [/^(\s+mode\s+)\S+/, ['htp', 'health', 'TCP']],
      [/^(\s+balance\s+)\S+/, ['round-robin', 'leastconnections', 'random(2)']],
      [/^(\s+log\s+\S+\s+)\S+/, ['local9', 'daemon', 'foo']],
      [/^(\s+bind\s+[^:\s]*:)\d+/, ['99999', '0', '8080-80', 'abc']],
      [/^(\s+server\s+\S+\s+\S+.*\sweight\s+)\S+/, ['heavy', '300']],
      [/^(\s+server\s+\S+\s+\S+.*\sinter\s+)\S+/, ['2x', '100ms', '2']],
      [/^(\s+maxconn\s+)\S+/, ['10x', 'abc', '-1']],
      [/^(\s+option\s+)\S+/, ['httplogs', 'forwardfor', 'bogus']],
      [/^(\s+retries\s+)\S+/, ['3x', 'abc']],
      [/^(\s+hash-type\s+)\S+/, ['consistent', 'bogus']],
    ];
    const [re, values] = edits[Math.floor(rnd() * edits.length)];
    const idx = lines.map((l, i) => (re.test(l) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) return undefined;
    const i = idx[Math.floor(rnd() * idx.length)];
    const value = values[Math.floor(rnd() * values.length)];
    lines[i] = lines[i].replace(re, (_all, p1) => `${p1}${value}`);
    return lines;
  },
  quoting(lines, rnd) {
    const idx = lines.map((l, i) => (keywordLine(l) && !/["'\\]/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) return undefined;
    const i = idx[Math.floor(rnd() * idx.length)];
    const choice = Math.floor(rnd() * 4);
    if (choice === 0) lines[i] = lines[i].replace(/(\s)(\S+)$/, '$1"$2"');
    else if (choice === 1) lines[i] = lines[i].replace(/(\s)(\S+)$/, "$1'$2");
    else if (choice === 2) lines[i] = lines[i].replace(/(\s)(\S+)$/, '$1"$2');
    else lines[i] = lines[i].replace(/(\s)(\S+)$/, '$1\\$2');
    return lines;
  },
  harmless(lines, rnd) {
    const choice = Math.floor(rnd() * 5);
    const idx = lines.map((l, i) => (keywordLine(l) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) return undefined;
    const i = idx[Math.floor(rnd() * idx.length)];
    if (choice === 0) lines.splice(i, 0, '    # a comment added by the conformance script');
    else if (choice === 1) lines.splice(i, 0, '');
    else if (choice === 2) lines[i] = lines[i].replace(/^\s+/, '\t');
    else if (choice === 3) lines[i] = `${lines[i]}   # trailing comment`;
    else lines[i] = lines[i].replace(/\s+/g, (s, off) => (off === 0 ? s : '  '));
    return lines;
  },
  removeLine(lines, rnd) {
    const idx = lines.map((l, i) => (keywordLine(l) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) return undefined;
    lines.splice(idx[Math.floor(rnd() * idx.length)], 1);
    return lines;
  },
  duplicate(lines, rnd) {
    const idx = lines.map((l, i) => (/^\s+server\s/.test(l) || /^(frontend|backend|listen)\s/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) return undefined;
    const i = idx[Math.floor(rnd() * idx.length)];
    if (/^\s/.test(lines[i])) lines.splice(i + 1, 0, lines[i]);
    else lines.push(lines[i], ...(/^frontend|^listen/.test(lines[i]) ? ['    bind :65000'] : []));
    return lines;
  },
  removedKeyword(lines, rnd) {
    const headers = lines.map((l, i) => (/^(frontend|backend|listen)\s/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (!headers.length) return undefined;
    const kw = ['reqadd X-Foo:\\ bar', 'rspadd X-Foo:\\ bar', 'reqrep ^Host:\\ x Host:\\ y', 'block if TRUE', 'reqdel ^X-Foo:.*'][Math.floor(rnd() * 5)];
    lines.splice(headers[Math.floor(rnd() * headers.length)] + 1, 0, `    ${kw}`);
    return lines;
  },
  undefinedAcl(lines, rnd) {
    const headers = lines.map((l, i) => (/^(frontend|listen)\s/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (!headers.length) return undefined;
    const rule = ['http-request deny if is_bad', 'http-request deny if { path_beg /admin } !is_internal', 'http-request deny if { path_bogus /x }', 'acl is_bad path_beg /bad\n    http-request deny if is_bad'][Math.floor(rnd() * 4)];
    lines.splice(headers[Math.floor(rnd() * headers.length)] + 1, 0, ...rule.split('\n').map((l) => (l.startsWith(' ') ? l : `    ${l}`)));
    return lines;
  },
};

export function generateVariants(bases, count, seed = 1) {
  const rnd = prng(seed);
  const names = Object.keys(MUTATIONS);
  const variants = bases.map((b) => ({ name: `${b.name}#original`, kind: 'original', text: b.text }));
  let attempts = 0;
  while (variants.length < count && attempts < count * 20) {
    attempts++;
    const base = bases[Math.floor(rnd() * bases.length)];
    const kind = names[Math.floor(rnd() * names.length)];
    const out = MUTATIONS[kind](base.text.split('\n'), rnd);
    if (!out) continue;
    const text = out.join('\n');
    if (text !== base.text) variants.push({ name: `${base.name}#${kind}-${variants.length}`, kind, text });
  }
  return variants;
}

/** haproxy -c -dr on one file: exit code, the line of the first ALERT naming a line of this file. */
export function runHaproxy(file) {
  const run = spawnSync('haproxy', ['-c', '-dr', '-f', file], { encoding: 'utf8' });
  const out = `${run.stdout}\n${run.stderr}`;
  let firstErrorLine;
  let firstAlert;
  for (const line of out.split('\n')) {
    if (!line.startsWith('[ALERT]')) continue;
    firstAlert ??= line.replace(/^\[ALERT\]\s+\(\d+\) : /, '');
    const m = /\[[^\]]*?:(\d+)\]/.exec(line);
    if (m) {
      firstErrorLine = Number(m[1]);
      break;
    }
  }
  return { rc: run.status ?? 1, firstErrorLine, firstAlert };
}

/**
 * Compares lint with haproxy on every variant. Verdict: haproxy exit 0 = valid, else invalid; lint invalid = at least
 * one error. Error line: among variants both reject where haproxy names a line, lint has an error on that line.
 */
export function compare(lint, variants, { host } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hd-conf-'));
  const stats = { environment: 0, environmentDisagree: 0, total: 0, verdictAgree: 0, lineTotal: 0, lineAgree: 0, falseErrors: 0, missedErrors: 0, disagreements: [] };
  try {
    for (const v of variants) {
      const file = v.file ?? path.join(dir, 'haproxy.cfg');
      if (!v.file) writeFileSync(file, v.text);
      const hap = v.expected ?? runHaproxy(file);
      const results = lint.lintSources([{ file, text: v.text }], host ? { host } : {});
      const errors = results.filter((r) => r.severity === 'error');
      const hapInvalid = hap.rc !== 0;
      // A missing certificate, error page or system user is a fact of the host haproxy ran on, not of the text: such
      // variants are counted apart too, as they measure the host checks rather than the language.
      const environment = /unable to stat|error opening file|cannot find (group|user) id|unable to load|No such file or directory|cannot open/.test(hap.firstAlert ?? '');
      const lintInvalid = errors.length > 0;
      stats.total++;
      if (hapInvalid === lintInvalid) stats.verdictAgree++;
      else {
        if (environment) stats.environmentDisagree++;
        if (lintInvalid) stats.falseErrors++;
        else stats.missedErrors++;
        stats.disagreements.push({ name: v.name, haproxy: hap.firstAlert ?? `rc ${hap.rc}`, lint: errors.slice(0, 2).map((e) => `${e.line}: ${e.message}`) });
      }
      if (environment) stats.environment++;
      // Lines of host-dependent rejections count only when lint looked at the same host.
      if (hapInvalid && lintInvalid && hap.firstErrorLine !== undefined && (!environment || host)) {
        stats.lineTotal++;
        if (errors.some((e) => e.line === hap.firstErrorLine)) stats.lineAgree++;
        else stats.disagreements.push({ name: v.name, line: hap.firstErrorLine, haproxy: hap.firstAlert, lint: errors.slice(0, 2).map((e) => `${e.line}: ${e.message}`) });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return stats;
}

/** The corpus configs with their recorded 2.6.12 verdicts; lines come from running haproxy when it is installed. */
export function corpusVariants(set) {
  const tsv = path.join(CORPUS, `${set}.verdicts.tsv`);
  if (!existsSync(tsv)) return [];
  const withHaproxy = haproxyAvailable();
  return readFileSync(tsv, 'utf8').split('\n').filter(Boolean).map((row) => {
    const [rc, name, alert] = row.split('\t');
    const file = path.join(CORPUS, set, name);
    const expected = withHaproxy ? runHaproxy(file) : { rc: Number(rc), firstAlert: alert };
    expected.rc = Number(rc);
    return { name: `${set}/${name}`, kind: 'corpus', file, text: readFileSync(file, 'utf8'), expected };
  });
}

const pct = (a, b) => (b === 0 ? 100 : (100 * a) / b);

export function summary(label, s) {
  return `${label}: ${s.total} configs, verdict agreement ${pct(s.verdictAgree, s.total).toFixed(2)}% (${s.verdictAgree}/${s.total}), ` +
    `verdict agreement where the verdict does not depend on this host's files ${pct(s.verdictAgree, s.total - s.environmentDisagree).toFixed(2)}%, ` +
    `error-line agreement ${pct(s.lineAgree, s.lineTotal).toFixed(2)}% (${s.lineAgree}/${s.lineTotal}), ` +
    `errors on accepted configs ${s.falseErrors}, missed rejections ${s.missedErrors}` +
    ` (${s.environment} rejected for a file or user missing on this host)`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { variants: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' }, json: { type: 'boolean' }, 'show-disagreements': { type: 'boolean' } } });
  if (!haproxyAvailable()) {
    console.error('conformance: haproxy is not installed (apt-get install haproxy); nothing to compare with');
    process.exit(2);
  }
  const lint = await loadLinter();
  const variants = generateVariants(baseConfigs(), Number(values.variants), Number(values.seed));
  // As `lint --check-host`: haproxy -c here checks files and users on this host, so lint looks at the same host. The
  // corpus verdicts were recorded on another host (one with the regtests' files), so lint does not look there.
  const generated = compare(lint, variants, { host: lint.localHost() });
  const report = { generated };
  console.log(summary('generated variants', generated));
  if (existsSync(CORPUS)) {
    report.corpus26 = compare(lint, corpusVariants('v2.6.0'));
    console.log(summary('corpus v2.6.0', report.corpus26));
    report.corpusMain = compare(lint, corpusVariants('main'));
    console.log(summary('corpus main (3.x configs, 2.6 verdicts)', report.corpusMain));
  } else console.log(`corpus: ${CORPUS} not present, skipped`);
  if (values['show-disagreements']) {
    for (const [label, s] of Object.entries(report)) for (const d of s.disagreements) console.log(label, JSON.stringify(d));
  }
  if (values.json) console.log(JSON.stringify(report, null, 1));
}
