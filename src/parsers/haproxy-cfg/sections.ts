// Grouping keyword lines into sections: which keywords open a section and what their header line says.
import type { CfgLine, CfgSection, SectionType } from '../../model/haproxy-config.js';
import { compareVersions, DEFAULT_VERSION } from './conditionals.js';

export interface SectionRule {
  /** Whether the section takes a name: `required` ones are refused by HAProxy without it. */
  name: 'none' | 'optional' | 'required';
  /** `defaults`, `frontend`, `backend`, `listen` accept `from <defaults>` after the name. */
  from: boolean;
  /** The first version with this section (its documentation); before it, the word is an unknown keyword. */
  since?: string;
}

/** Every section keyword of HAProxy 2.6 and later; a new section type is one entry here (and in SectionType). */
export const SECTION_RULES: Readonly<Record<SectionType, SectionRule>> = {
  global: { name: 'none', from: false },
  defaults: { name: 'optional', from: true },
  frontend: { name: 'required', from: true },
  backend: { name: 'required', from: true },
  listen: { name: 'required', from: true },
  userlist: { name: 'required', from: false },
  peers: { name: 'required', from: false },
  resolvers: { name: 'required', from: false },
  mailers: { name: 'required', from: false },
  cache: { name: 'required', from: false },
  program: { name: 'required', from: false },
  'http-errors': { name: 'required', from: false },
  ring: { name: 'required', from: false },
  'log-forward': { name: 'required', from: false },
  'fcgi-app': { name: 'required', from: false },
  // configuration.txt of v3.0.0 (12.7 Certificate Storage), v3.1 (8.3.5 Log profiles), v3.2.0 (12.1 Traces, 12.8 ACME)
  'crt-store': { name: 'optional', from: false, since: '3.0' },
  'log-profile': { name: 'required', from: false, since: '3.1' },
  traces: { name: 'none', from: false, since: '3.2' },
  acme: { name: 'required', from: false, since: '3.2' },
};

/** Whether `keyword` opens a section in HAProxy `version` (2.6.12 when not given). */
export function isSectionKeyword(keyword: string, version = DEFAULT_VERSION): keyword is SectionType {
  if (!Object.prototype.hasOwnProperty.call(SECTION_RULES, keyword)) return false;
  const since = SECTION_RULES[keyword as SectionType].since;
  return since === undefined || compareVersions(version, since) >= 0;
}

export interface HeaderProblem {
  column: number;
  message: string;
}

/** Builds the section a header line opens; structural problems of the header come back as messages. */
export function openSection(header: CfgLine): { section: CfgSection; problems: HeaderProblem[] } {
  const type = header.keyword as SectionType;
  const rule = SECTION_RULES[type];
  const section: CfgSection = { type, line: header.line, lines: [] };
  const problems: HeaderProblem[] = [];
  const words = header.words;
  const name = rule.name === 'none' ? undefined : words[1]?.value;
  if (name !== undefined && name !== '') section.name = name;
  else if (rule.name === 'required') {
    problems.push({ column: header.column, message: `'${type}' expects an <id> argument` });
  }
  // `from` is only recognised after a name: `defaults from base` is a defaults section named "from" (2.6.12).
  if (rule.from && words[2]?.value === 'from') {
    const from = words[3]?.value;
    if (from) section.from = from;
    else problems.push({ column: words[2].column, message: `'${type}' expects a <defaults> name after 'from'` });
  }
  return { section, problems };
}
