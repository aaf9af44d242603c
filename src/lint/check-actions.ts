// The action of every http-request/http-response/http-after-response/tcp-request/tcp-response rule, checked against the
// target version's catalogue (the actions HAProxy registers) plus the ones its rule parsers hard-code. Messages follow
// haproxy -c 2.6; the list HAProxy prints is shortened to a suggestion.
import type { CfgSection } from '../model/haproxy-config.js';
import { bestMatch, keywordCatalogue } from './keyword-catalogue.js';
import type { Finding } from './lint-result.js';
import { PROXY_TYPES } from './keyword-sets.js';

type Report = (finding: Omit<Finding, 'file'>) => void;

/** Actions the tcp rule parsers know without registering them (tcp_parse_request_rule() of 2.6). */
const TCP_REQUEST_BUILTINS = ['accept', 'reject', 'capture', 'expect-proxy', 'expect-netscaler-cip', 'track-sc*'];
const BUILTINS: Record<string, string[]> = {
  'tcp-request connection': TCP_REQUEST_BUILTINS,
  'tcp-request session': TCP_REQUEST_BUILTINS,
  'tcp-request content': TCP_REQUEST_BUILTINS,
  'tcp-response content': ['accept', 'close', 'reject'],
};
const TCP_STAGES: Record<string, string[]> = {
  'tcp-request': ['inspect-delay', 'connection', 'session', 'content'],
  'tcp-response': ['inspect-delay', 'content'],
};
const STAGE_MESSAGE: Record<string, string> = {
  'tcp-request': "'inspect-delay', 'connection', or 'content'",
  'tcp-response': "'inspect-delay' or 'content'",
};

/** A catalogue entry ending in `*` takes arguments in parentheses: `set-var*` matches `set-var(txn.x)`. */
export function actionMatches(entry: string, word: string): boolean {
  return entry.endsWith('*') ? word.startsWith(entry.slice(0, -1)) : word === entry;
}

export function checkActions(section: CfgSection, report: Report): void {
  if (!PROXY_TYPES.has(section.type)) return;
  const catalogue = keywordCatalogue();
  for (const line of section.lines) {
    const stages = TCP_STAGES[line.keyword];
    if (stages === undefined && !line.keyword.startsWith('http-')) continue;
    const proxy = `proxy '${section.name ?? ''}'`;
    const fail = (message: string, word = 0) => report({ line: line.line, column: line.words[word]?.column ?? line.column, ruleId: 'invalid-argument', severity: 'error', message });

    let ruleSet = line.keyword;
    let at = 0;
    if (stages !== undefined) {
      const stage = line.args[0];
      if (stage === undefined) {
        fail(`missing argument for '${line.keyword}' in ${proxy}`);
        continue;
      }
      if (!stages.includes(stage)) {
        fail(`'${line.keyword}' expects ${STAGE_MESSAGE[line.keyword]} in ${proxy} (got '${stage}')`, 1);
        continue;
      }
      if (stage === 'inspect-delay') continue;
      ruleSet = `${line.keyword} ${stage}`;
      at = 1;
    }
    const registered = catalogue.actions[ruleSet];
    if (registered === undefined) continue;
    const known = [...(BUILTINS[ruleSet] ?? []), ...registered];
    const action = line.args[at];
    // lua.NAME: an action a lua-load script registers; lint cannot read the script, so it takes any.
    if (action !== undefined && (action.startsWith('lua.') || known.some((entry) => actionMatches(entry, action)))) continue;
    const names = known.map((k) => k.replace(/\*$/, ''));
    const suggestion = action === undefined ? undefined : bestMatch(action.replace(/\(.*$/s, ''), names);
    fail(`'${ruleSet}' expects an action HAProxy ${/^\d+\.\d+/.exec(catalogue.version)?.[0] ?? catalogue.version} knows${action === undefined ? '' : ` (got '${action}')`}${suggestion ? `; did you mean '${suggestion}' maybe ?` : ''}`, at + 1);
  }
}
