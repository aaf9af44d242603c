// The haproxy-cfg artifact parser: haproxy.cfg read as HAProxy 2.6 reads it, into sections and proxies.
//
// Positions: lines and columns are 1-based, columns count UTF-16 code units (a tab is one column) and point at the
// first character of a word as written (its opening quote, if quoted). `CfgProxy.logs[].args` hold the whole
// line's words (`['log', 'global']`, `['no', 'log']`), because `no log` clears what came before it.
import type { ArtifactParser } from '../parser.js';
import type { HaproxyConfig } from '../../model/haproxy-config.js';
import { looksBinary } from '../../model/text-lines.js';
import { SECTION_RULES } from './sections.js';
import { parseHaproxyConfig } from './parse.js';

export { parseHaproxyConfig, type ParseHaproxyConfigOptions } from './parse.js';
export { SECTION_RULES, isSectionKeyword } from './sections.js';
export { evaluateCondition, compareVersions, DEFAULT_FEATURES, DEFAULT_VERSION } from './conditionals.js';
export { parseAddress, type ParsedAddress } from './addresses.js';
export { BUILTIN_LOG_FORMATS } from './interpret.js';

// Sniffing knows every version's sections: a 3.x config is a config too.
const SECTION_KEYWORDS = new Set(Object.keys(SECTION_RULES));
const SNIFF_MAX_LINES = 200;
const SNIFF_MAX_LINE = 1024;

/**
 * A config head has a section keyword at the start of a line (`frontend fe`, `global`), followed by an indented
 * keyword line, with no `{`, `=` or `key:` after the keyword (which would be nginx, INI, YAML).
 */
export function sniffHaproxyConfig(head: string): boolean {
  if (head.length === 0 || looksBinary(head)) return false;
  const lines = head.split('\n', SNIFF_MAX_LINES);
  let openedAt = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').slice(0, SNIFF_MAX_LINE).replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indented = line.startsWith(' ') || line.startsWith('\t');
    if (!indented) {
      const m = /^([a-z-]+)(?:[ \t]+([^\s{}=#]+))?(?:[ \t]+from[ \t]+[^\s{}=#]+)?[ \t]*(?:#.*)?$/.exec(line);
      openedAt = m && SECTION_KEYWORDS.has(m[1]!) && !(m[1] !== 'global' && m[1] !== 'defaults' && !m[2]) ? i : -1;
      continue;
    }
    if (openedAt >= 0 && /^[ \t]+[a-z][a-z0-9_.-]*(?:\([^)\s]*\))?(?:[ \t]|$)/.test(line) && !/^[ \t]+[^\s:={]+(?:[ \t]*[={]|:(?:[ \t]|$))/.test(line)) {
      return true;
    }
    openedAt = -1;
  }
  return false;
}

export const haproxyCfgParser: ArtifactParser<HaproxyConfig> = {
  kind: 'haproxy-cfg',
  description: 'HAProxy configuration (haproxy.cfg), read as HAProxy 2.6 reads it',
  pathPatterns: ['etc/haproxy/*.cfg', 'etc/haproxy/**/*.cfg', '**/haproxy*.cfg'],
  sniff: sniffHaproxyConfig,
  parse: (text) => parseHaproxyConfig(text),
};
