// Shared helpers for the haproxy-cfg parser tests. Inline configs in the tests are hand-written on purpose:
// each one isolates one HAProxy 2.6 behaviour, checked with `haproxy -c -dr -f` 2.6.12 as noted beside it.
import { parseHaproxyConfig, type ParseHaproxyConfigOptions } from '../../../src/parsers/haproxy-cfg/index.js';
import type { CfgLine } from '../../../src/model/haproxy-config.js';

export const parse = (text: string, options?: ParseHaproxyConfigOptions) => parseHaproxyConfig(text, options);

/** The words of the first keyword line of the first section, for `global\n  <line>\n` inputs. */
export function wordsOf(line: string, options?: ParseHaproxyConfigOptions): string[] {
  const r = parse(`global\n${line}\n`, options);
  const first: CfgLine | undefined = r.value.sections[0]?.lines[0];
  return first ? first.words.map((w) => w.value) : [];
}

export const errors = (text: string, options?: ParseHaproxyConfigOptions) =>
  parse(text, options).diagnostics.filter((d) => d.severity === 'error');
