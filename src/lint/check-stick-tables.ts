// Stick tables as HAProxy 2.6 checks them: the arguments of `stick-table` (and of `table` in a peers section), and
// every reference to a table: `track-scN ... [table T]`, `stick on|match|store-* ... [table T]`, and the table
// argument of the sc_*/scN_*/src_*/table_* fetches and converters. Messages follow haproxy -c.
import type { CfgLine } from '../model/haproxy-config.js';
import { parseTime } from './check-keywords.js';
import type { SourcedSection } from './check-references.js';
import type { Finding } from './lint-result.js';
import { RULE_SETS } from './keyword-sets.js';

type Report = (finding: Finding) => void;

/** 2.6 has three tracked counters (MAX_SESS_STKCTR): track-sc0 to track-sc2. */
const MAX_TRACK_SC = 2;
const TABLE_TYPES = new Set(['ip', 'ipv6', 'integer', 'string', 'binary']);

/** Store data types of 2.6 and what their parentheses take: nothing, a period, an array size, or both. */
type StoreArgs = 'none' | 'period' | 'array' | 'array-period';
const STORE_TYPES: Record<string, StoreArgs> = Object.assign(Object.create(null) as Record<string, StoreArgs>, {
  server_id: 'none', server_key: 'none', server_name: 'none', gpt0: 'none', gpc0: 'none', gpc1: 'none',
  conn_cnt: 'none', conn_cur: 'none', sess_cnt: 'none', http_req_cnt: 'none', http_err_cnt: 'none', http_fail_cnt: 'none',
  bytes_in_cnt: 'none', bytes_out_cnt: 'none',
  gpc0_rate: 'period', gpc1_rate: 'period', conn_rate: 'period', sess_rate: 'period', http_req_rate: 'period',
  http_err_rate: 'period', http_fail_rate: 'period', bytes_in_rate: 'period', bytes_out_rate: 'period',
  gpt: 'array', gpc: 'array', gpc_rate: 'array-period',
} satisfies Record<string, StoreArgs>);

/** The array store types replace the numbered ones: a table may not have both. */
const ARRAY_OVERRIDES: [string, string[], string][] = [
  ['gpc', ['gpc0', 'gpc1'], 'gpc[0/1]'],
  ['gpc_rate', ['gpc0_rate', 'gpc1_rate'], 'gpc[0/1]_rate'],
  ['gpt', ['gpt0'], 'gpt0'],
];

/** Fetches and converters whose table is not their first argument: the array forms take an index first. */
const SC_ARRAY = /^sc_(?:get_gpc|get_gpt|gpc_rate|inc_gpc|clr_gpc)$/;
const SRC_ARRAY = /^(?:src_(?:get_gpc|get_gpt|gpc_rate|inc_gpc|clr_gpc)|table_(?:gpc|gpc_rate|gpt))$/;
/** src_* fetches that read no table. */
const SRC_NOT_TABLE = new Set(['src_port', 'src_is_local']);
const TABLE_CALL = /(?<![\w.-])(sc_[a-z0-9_]+|sc[0-9]_[a-z0-9_]+|src_[a-z0-9_]+|table_[a-z0-9_]+|in_table)\(([^()]*)\)/g;

/** Which argument (1-based) of a table fetch or converter names the table; undefined when it reads no table. */
export function tableArgumentIndex(name: string): number | undefined {
  if (name.startsWith('sc_')) return SC_ARRAY.test(name) ? 3 : 2;
  if (/^sc[0-9]_/.test(name)) return 1;
  if (name.startsWith('src_')) return SRC_NOT_TABLE.has(name) ? undefined : SRC_ARRAY.test(name) ? 2 : 1;
  if (name.startsWith('table_') || name === 'in_table') return SRC_ARRAY.test(name) ? 2 : 1;
  return undefined;
}

/**
 * `arguments: false` (a target newer than 2.6) checks the table references only: later versions take more counters
 * (`tune.stick-counters`), store types and table arguments (`write-to`).
 */
export function checkStickTables(sections: SourcedSection[], report: Report, { arguments: checkArguments = true } = {}): void {
  const tables = new Set<string>();
  for (const { section } of sections) {
    if (section.type === 'peers' && section.name !== undefined) {
      for (const line of section.lines) if (line.keyword === 'table' && line.args[0] !== undefined) tables.add(`${section.name}/${line.args[0]}`);
    } else if (section.name !== undefined && section.lines.some((l) => l.keyword === 'stick-table')) tables.add(section.name);
  }

  for (const { file, section } of sections) {
    const at = (line: CfgLine) => ({ file, line: line.line, column: line.column });
    const invalid = (line: CfgLine, message: string) => report({ ...at(line), ruleId: 'invalid-argument', severity: 'error', message });
    const missingTable = (line: CfgLine, message: string) => report({ ...at(line), ruleId: 'unknown-reference', severity: 'error', message });
    const isProxy = section.type === 'frontend' || section.type === 'backend' || section.type === 'listen';
    let declared: CfgLine | undefined;

    for (const line of section.lines) {
      if (line.keyword === 'stick-table' && isProxy) {
        if (declared) invalid(line, `stick-table name '${section.name}' conflicts with table declared in ${section.type} '${section.name}' at ${file}:${declared.line}.`);
        declared ??= line;
        if (checkArguments) checkTableArguments(line.args, 'stick-table', line, report, file);
      } else if (line.keyword === 'table' && section.type === 'peers' && checkArguments) {
        checkTableArguments(line.args.slice(1), 'table', line, report, file);
      }
      if (!isProxy) continue;

      if (RULE_SETS.has(line.keyword)) {
        const i = line.args.findIndex((a) => /^track-sc\d+$/.test(a));
        if (i >= 0) {
          const action = line.args[i]!;
          const n = Number(action.slice('track-sc'.length));
          const tail = conditionFree(line.args.slice(i + 1));
          if (n > MAX_TRACK_SC && checkArguments) invalid(line, `error detected in ${section.type} '${section.name}' while parsing '${line.keyword} ${action}' rule : ${n} track-sc number exceeding ${MAX_TRACK_SC} (MAX_SESS_STKCTR-1) value.`);
          else if (tail.length === 0) invalid(line, `error detected in ${section.type} '${section.name}' while parsing '${line.keyword} ${action}' rule : missing fetch method.`);
          else if (tail[1] === 'table' && tail[2] === undefined) invalid(line, `error detected in ${section.type} '${section.name}' while parsing '${line.keyword} ${action}' rule : missing table name.`);
          else {
            const table = tail[1] === 'table' ? tail[2]! : section.name!;
            if (!tables.has(table)) missingTable(line, `Proxy '${section.name}': unable to find table '${table}' referenced by ${action}.`);
          }
        }
      }
      if (line.keyword === 'stick' && ['on', 'match', 'store-request', 'store-response'].includes(line.args[0] ?? '')) {
        const tail = conditionFree(line.args.slice(1));
        const table = tail[1] === 'table' && tail[2] !== undefined ? tail[2] : section.name!;
        if (!tables.has(table)) missingTable(line, `Proxy '${section.name}': unable to find stick-table '${table}'.`);
      }
      checkTableCalls(line, section.name!, tables, (message) => missingTable(line, message));
    }
  }
}

/** The words of a rule before its `if`/`unless` condition. */
function conditionFree(words: string[]): string[] {
  const end = words.findIndex((w) => w === 'if' || w === 'unless');
  return end < 0 ? words : words.slice(0, end);
}

/** Table arguments of fetches and converters, and the bare src_* fetch of an ACL (it reads the proxy's own table). */
function checkTableCalls(line: CfgLine, proxy: string, tables: Set<string>, report: (message: string) => void): void {
  for (let w = 0; w < line.args.length; w++) {
    const word = line.args[w]!;
    if (!word.includes('(')) continue;
    // how haproxy -c names the keyword: after a comma a converter; an acl's or `{ ... }`'s fetch an ACL keyword
    const inAcl = line.keyword === 'acl' || line.args[w - 1] === '{';
    const kind = (at: number) => (word[at - 1] === ',' ? 'conversion keyword' : inAcl ? 'ACL keyword' : 'sample fetch keyword');
    for (const m of word.matchAll(TABLE_CALL)) {
      const name = m[1]!;
      const index = tableArgumentIndex(name);
      if (index === undefined) continue;
      const table = m[2]!.split(',')[index - 1]?.trim();
      if (table && !tables.has(table)) report(`unable to find table '${table}' referenced in arg ${index} of ${kind(m.index)} '${name}' in proxy '${proxy}'.`);
    }
  }
  // A bare src_* fetch in ACL position (an acl's fetch, or the first word of `{ ... }`) reads the proxy's own table.
  if (tables.has(proxy)) return;
  const args = line.args;
  for (let i = 0; i < args.length; i++) {
    const fetch = line.keyword === 'acl' && i === 1 ? args[1] : args[i - 1] === '{' ? args[i] : undefined;
    if (fetch === undefined || !fetch.startsWith('src_') || fetch.includes('(') || tableArgumentIndex(fetch) !== 1) continue;
    report(`unable to find table '${proxy}' referenced in arg 1 of ACL keyword '${fetch}' in proxy '${proxy}'.`);
  }
}

/** stktable_parse_fields() of 2.6: `type`, `size`, `expire`, `peers`, `nopurge`, `srvkey`, `store`, in any order. */
function checkTableArguments(args: string[], label: string, line: CfgLine, report: Report, file: string): void {
  const fail = (message: string) => report({ file, line: line.line, column: line.column, ruleId: 'invalid-argument', severity: 'error', message: `${label}: ${message}` });
  const warn = (message: string) => report({ file, line: line.line, column: line.column, ruleId: 'suspicious-value', severity: 'warning', message: `${label}: ${message}` });
  let type: string | undefined;
  let size = 0;
  const stored = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (arg === 'size') {
      const m = /^(\d+)([kmgKMG]?)(.*)$/s.exec(value ?? '');
      if (!m) return fail(value === undefined ? 'missing size.' : `unexpected character '${value[0]}' in argument of 'size'.`);
      if (m[3] !== '') return fail(`unexpected character '${m[3]![0]}' in argument of 'size'.`);
      size = Number(m[1]);
      i++;
    } else if (arg === 'peers') {
      if (value === undefined) return fail(`missing argument after 'peers'.`);
      i++;
    } else if (arg === 'expire') {
      const time = parseTime(value ?? '', 'expire');
      if (value === undefined || time.error) return fail(`unexpected character '${(value ?? '').replace(/^\d+/, '')[0] ?? ''}' in argument of 'expire'.`);
      i++;
    } else if (arg === 'nopurge') {
      continue;
    } else if (arg === 'type') {
      if (value === undefined || !TABLE_TYPES.has(value)) return fail(`unknown type '${value ?? ''}'.`);
      type = value;
      i++;
      if ((type === 'string' || type === 'binary') && args[i + 1] === 'len') {
        if (!/^\d/.test(args[i + 2] ?? '') || Number.parseInt(args[i + 2]!, 10) === 0) return fail(`unknown type '${args[i + 2] ?? ''}'.`);
        i += 2;
      }
    } else if (arg === 'srvkey') {
      if (value !== 'name' && value !== 'addr') return report({ file, line: line.line, column: line.column, ruleId: 'invalid-argument', severity: 'error', message: `${label} : unknown server key type '${value ?? ''}'.` });
      i++;
    } else if (arg === 'store') {
      for (const option of (value ?? '').split(/,(?![^(]*\))/)) {
        const problem = storeOptionProblem(option);
        if (problem) return fail(problem);
        const name = option.replace(/\(.*$/s, '');
        if (stored.has(name)) warn(`store option '${name}' already enabled, ignored.`);
        stored.add(name);
      }
      i++;
    } else {
      return fail(`unknown argument '${arg}'.`);
    }
  }
  for (const [array, legacy, label] of ARRAY_OVERRIDES) {
    if (stored.has(array) && legacy.some((l) => stored.has(l))) {
      return fail(`simultaneous usage of '${array}' and '${label}' in a same table is not permitted as '${array}' overrides '${label}'.`);
    }
  }
  if (size === 0) return fail('missing size.');
  if (type === undefined) return fail('missing type.');
}

/** Why one `store` item is refused, or undefined when 2.6 takes it. */
export function storeOptionProblem(option: string): string | undefined {
  const m = /^([^(]*)(?:\(([^)]*)\))?/s.exec(option)!;
  const name = m[1]!;
  const kind = STORE_TYPES[name];
  if (kind === undefined) return `unknown store option '${name}'.`;
  const args = m[2] === undefined ? [] : m[2].split(',');
  if (kind === 'none') return args.length > 0 ? `unexpected argument to store option '${name}'.` : undefined;
  const needed = kind === 'array-period' ? 2 : 1;
  if (args.length < needed || args.some((a) => a === '')) return `missing argument to store option '${name}'.`;
  if (kind === 'array' || kind === 'array-period') {
    const n = Number.parseInt(args[0]!, 10);
    if (!(n >= 1 && n <= 100)) return `array size is out of allowed range (1-100) for store option '${name}'.`;
  }
  if (kind === 'period' || kind === 'array-period') {
    const period = args[needed - 1]!;
    if (parseTime(period, name).error) return `error when processing store option '${name}'.`;
  }
  return undefined;
}
