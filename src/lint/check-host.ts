// With --check-host: what `haproxy -c` checks against the machine it runs on. Certificates, CA and CRL files, error
// pages, Lua files, ACL pattern files and maps must exist (certificates must hold a certificate and a key); global
// `user`/`group` must name an existing user and group. Relative paths resolve as in HAProxy 2.6: `crt-base`/`ca-base`
// first, then `default-path` (current directory by default). Messages follow haproxy -c.
import path from 'node:path';
import type { CfgLine, CfgSection } from '../model/haproxy-config.js';
import type { SourcedSection } from './check-references.js';
import type { HostView } from './host-view.js';
import type { Finding } from './lint-result.js';

type Report = (finding: Finding) => void;

const CERTIFICATE = /-----BEGIN (?:TRUSTED )?CERTIFICATE-----/;
const PRIVATE_KEY = /-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----/;
const HTTP_RULE_SETS = new Set(['http-request', 'http-response', 'http-after-response']);
/** map, map_str, map_beg_int...: the converter's first argument is the map file. */
const MAP_CALL = /(?<![\w.-])map(?:_[a-z0-9_]+)?\(([^,)]+)/g;

interface Bases {
  /** `default-path`: where relative paths start. */
  root: string;
  crt?: string;
  ca?: string;
}

export function checkHost(sections: SourcedSection[], host: HostView, report: Report): void {
  const bases: Bases = { root: host.cwd };
  for (const { file, section } of sections) {
    const missing = (line: CfgLine, word: number, message: string) =>
      report({ file, line: line.line, column: line.words[word]?.column ?? line.column, ruleId: 'missing-file', severity: 'error', message });
    // The path as haproxy prints it (base prefixed), and where to look for it.
    const resolve = (value: string, base?: string) => {
      const shown = base !== undefined && !path.isAbsolute(value) ? `${base}/${value}` : value;
      return { shown, at: path.resolve(bases.root, shown) };
    };

    for (const line of section.lines) {
      const args = line.args;
      if (section.type === 'global') {
        if (line.keyword === 'default-path') bases.root = defaultPath(args, file, host.cwd) ?? bases.root;
        else if (line.keyword === 'crt-base' && args[0]) bases.crt = args[0];
        else if (line.keyword === 'ca-base' && args[0]) bases.ca = args[0];
        else if ((line.keyword === 'user' || line.keyword === 'group') && args[0] !== undefined) {
          const exists = line.keyword === 'user' ? host.hasUser(args[0]) : host.hasGroup(args[0]);
          if (exists === false) report({ file, line: line.line, column: line.words[1]?.column ?? line.column, ruleId: 'unknown-user', severity: 'error', message: `cannot find ${line.keyword} id for '${args[0]}' (0:Success)` });
        } else if (line.keyword === 'lua-load' && args[0] !== undefined) {
          const f = resolve(args[0]);
          if (host.kind(f.at) !== 'file') missing(line, 1, `error in Lua file '${f.shown}': cannot open ${f.shown}: No such file or directory`);
        } else if (line.keyword === 'ssl-dh-param-file' && args[0] !== undefined) {
          const f = resolve(args[0]);
          if (host.kind(f.at) !== 'file') missing(line, 1, `'ssl-dh-param-file': unable to load DH parameters from file <${f.shown}>.`);
        }
        continue;
      }

      if (line.keyword === 'bind' && (section.type === 'frontend' || section.type === 'listen')) {
        const where = `'bind ${args[0] ?? ''}' in section '${section.type}'`;
        for (let i = 1; i < args.length - 1; i++) {
          const option = args[i]!;
          const value = args[i + 1]!;
          if (option === 'crt') {
            const f = resolve(value, bases.crt);
            const problem = certificateProblem(host, f.at, f.shown);
            if (problem) missing(line, i + 2, `${where} : ${problem}`);
          } else if (option === 'crt-list') {
            const f = resolve(value, bases.crt);
            if (host.kind(f.at) !== 'file') missing(line, i + 2, `${where} : 'crt-list' : cannot open file '${f.shown}' : No such file or directory`);
          } else if (option === 'ca-file' || option === 'crl-file' || option === 'ca-verify-file') {
            const f = resolve(value, bases.ca);
            if (host.kind(f.at) === undefined) missing(line, i + 2, `${where} : '${option}' : unable to load ${f.shown}`);
          }
        }
      }

      if ((line.keyword === 'server' || line.keyword === 'default-server') && section.type !== 'peers') {
        const where = line.keyword === 'server' ? `'server ${section.name ?? ''}/${args[0] ?? ''}'` : `'default-server'`;
        for (let i = 1; i < args.length - 1; i++) {
          const option = args[i]!;
          const value = args[i + 1]!;
          if (option === 'crt') {
            const f = resolve(value, bases.crt);
            if (host.kind(f.at) === undefined) missing(line, i + 2, `${where} : unable to stat SSL certificate from file '${f.shown}' : No such file or directory.`);
          } else if (option === 'ca-file' || option === 'crl-file') {
            const f = resolve(value, bases.ca);
            if (host.kind(f.at) === undefined) missing(line, i + 2, `${where} : Couldn't open the ca-file '${f.shown}' (No such file or directory).`);
          }
        }
      }

      if (line.keyword === 'errorfile' && args[1] !== undefined) {
        const f = resolve(args[1]);
        if (host.kind(f.at) !== 'file') missing(line, 2, `errorfile : error opening file '${f.shown}'.`);
      }

      if (HTTP_RULE_SETS.has(line.keyword)) {
        const action = args.findIndex((a) => a === 'return' || a === 'deny' || a === 'tarpit');
        for (let i = action + 1; action >= 0 && i < args.length - 1 && args[i] !== 'if' && args[i] !== 'unless'; i++) {
          if (args[i] !== 'file' && args[i] !== 'lf-file' && args[i] !== 'errorfile') continue;
          const f = resolve(args[i + 1]!);
          if (host.kind(f.at) !== 'file') missing(line, i + 2, `error detected in ${section.type} '${section.name ?? ''}' while parsing '${line.keyword} ${args[action]}' rule : error opening file '${f.shown}'.`);
        }
      }

      checkPatternFiles(line, section, (word, file) => {
        const f = resolve(file);
        if (host.kind(f.at) !== 'file') missing(line, word, `failed to open pattern file <${f.shown}>.`);
      });
    }
  }
}

/** `default-path current|config|parent|origin <dir>`: the directory relative paths start from. */
function defaultPath(args: string[], configFile: string, cwd: string): string | undefined {
  const configDir = path.resolve(cwd, path.dirname(configFile));
  if (args[0] === 'current') return cwd;
  if (args[0] === 'config') return configDir;
  if (args[0] === 'parent') return path.dirname(configDir);
  if (args[0] === 'origin' && args[1] !== undefined) return path.resolve(cwd, args[1]);
  return undefined;
}

/** `-f FILE` of an ACL (named or anonymous) and the file of a map converter; `word` is the 1-based word index. */
function checkPatternFiles(line: CfgLine, section: CfgSection, check: (word: number, file: string) => void): void {
  if (section.type === 'global') return;
  const args = line.args;
  const inAcl = line.keyword === 'acl';
  let braces = 0;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '{') braces++;
    else if (word === '}') braces = Math.max(0, braces - 1);
    else if (word === '-f' && (inAcl || braces > 0) && args[i + 1] !== undefined) check(i + 2, args[i + 1]!);
    if (word.includes('map')) for (const m of word.matchAll(MAP_CALL)) check(i + 1, m[1]!);
  }
}

/** What haproxy says of a `crt` of a bind: missing, no certificate in it, or no private key in it nor in FILE.key. */
function certificateProblem(host: HostView, at: string, shown: string): string | undefined {
  const kind = host.kind(at);
  if (kind === undefined) return `unable to stat SSL certificate from file '${shown}' : No such file or directory.`;
  if (kind === 'dir') return undefined;
  const text = host.read(at) ?? '';
  if (!CERTIFICATE.test(text)) return `unable to load certificate from file '${shown}'.`;
  if (!PRIVATE_KEY.test(text) && !PRIVATE_KEY.test(host.read(`${at}.key`) ?? '')) return `No Private Key found in '${shown}.key'.`;
  return undefined;
}
