// One typed option table per command: it feeds parseArgs and --help alike.
import type { ParseArgsConfig } from 'node:util';
import { ANALYSIS_FORMATS } from '../report/analysis-format.js';

export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  value?: string;
  description: string;
  default?: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  options: OptionSpec[];
  /** Positional argument count bounds. */
  positionals: { min: number; max: number };
}

export const COMMON_OPTIONS: OptionSpec[] = [
  { name: 'help', short: 'h', type: 'boolean', description: 'show help for the command' },
  { name: 'no-color', type: 'boolean', description: 'never colour the output (NO_COLOR is honoured too)' },
  { name: 'debug', type: 'boolean', description: 'show stack traces of unexpected errors' },
];

const FORMAT = (formats: string[]): OptionSpec => ({ name: 'format', short: 'f', type: 'string', value: formats.join('|'), default: formats[0], description: 'output format' });
const FAIL_ON: OptionSpec = { name: 'fail-on', type: 'string', value: 'error|warning|info|none', default: 'error', description: 'exit 1 when a finding is at or above this severity' };

export const COMMANDS: CommandSpec[] = [
  {
    name: 'analyze',
    usage: 'haproxy-doctor analyze PATH [options]',
    summary: 'root causes of an HAProxy incident from a support bundle (directory, .tar/.tar.gz/.tar.xz/.zip, sosreport, single file)',
    options: [
      { ...FORMAT([...ANALYSIS_FORMATS]), description: 'output format (markdown, html: a report for a ticket; sarif, github: for CI)' },
      FAIL_ON,
      { name: 'redact-addresses', type: 'boolean', description: 'replace IP addresses and host names with consistent pseudonyms (for sharing)' },
    ],
    positionals: { min: 1, max: 1 },
  },
  {
    name: 'lint',
    usage: 'haproxy-doctor lint FILE... [options]',
    summary: 'check haproxy.cfg files without an haproxy binary',
    options: [
      FORMAT(['table', 'json', 'sarif', 'github', 'gcc']),
      FAIL_ON,
      { name: 'max-warnings', type: 'string', value: 'N', description: 'also exit 1 when there are more than N warnings' },
      { name: 'haproxy-version', type: 'string', value: '2.6|2.8|3.0|3.2', description: 'target HAProxy version (default: .haproxy-doctor.json, else 2.6)' },
      { name: 'config', type: 'string', value: 'FILE', description: 'lint configuration (default: .haproxy-doctor.json searched upward)' },
      { name: 'haproxy-bin', type: 'string', value: 'PATH', description: 'also run PATH -c -dr on the files and merge its messages (runs a program)' },
      { name: 'check-host', type: 'boolean', description: 'also check that certificates, files, users and groups the config names exist on this machine, as haproxy -c does' },
    ],
    positionals: { min: 1, max: Infinity },
  },
  {
    name: 'logs',
    usage: 'haproxy-doctor logs FILE... [options]   (FILE may be - for stdin, or .gz)',
    summary: 'halog-style summary of HAProxy logs: status codes, termination states, per server, timeline, events',
    options: [
      FORMAT(['table', 'json']),
      { name: 'since', type: 'string', value: 'TIME', description: 'only lines at or after TIME (2026-11-28T08:00[:ss], as the log writes it)' },
      { name: 'until', type: 'string', value: 'TIME', description: 'only lines before TIME' },
      { name: 'frontend', type: 'string', multiple: true, value: 'NAME', description: 'only these frontends (repeat or comma-separate)' },
      { name: 'backend', type: 'string', multiple: true, value: 'NAME', description: 'only these backends' },
      { name: 'server', type: 'string', multiple: true, value: 'NAME', description: 'only these servers (name or backend/name)' },
      { name: 'status', type: 'string', multiple: true, value: 'CODE', description: 'only these statuses (503, 5xx)' },
      { name: 'termination', type: 'string', multiple: true, value: 'STATE', description: 'only termination states starting so (SC, s, --)' },
      { name: 'threads', type: 'string', value: 'N', description: 'threads for large files (default: CPUs, 1 = none)' },
      { name: 'config', type: 'string', value: 'FILE', description: "also read lines in the custom log-format strings of this haproxy.cfg's proxies" },
    ],
    positionals: { min: 1, max: Infinity },
  },
  {
    name: 'parse',
    usage: 'haproxy-doctor parse [--kind KIND] FILE',
    summary: 'print what a parser makes of one artifact, as JSON (kind sniffed when not given)',
    options: [{ name: 'kind', short: 'k', type: 'string', value: 'KIND', description: 'artifact kind (see --help for the list)' }],
    positionals: { min: 1, max: 1 },
  },
  { name: 'rules', usage: 'haproxy-doctor rules [--format table|json]', summary: 'list the rules', options: [FORMAT(['table', 'json'])], positionals: { min: 0, max: 0 } },
  { name: 'explain', usage: 'haproxy-doctor explain RULE_ID', summary: "show a rule's documentation", options: [], positionals: { min: 1, max: 1 } },
];

export function parseArgsConfig(command: CommandSpec): ParseArgsConfig['options'] {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const option of [...command.options, ...COMMON_OPTIONS]) {
    options[option.name] = { type: option.type, ...(option.short && { short: option.short }), ...(option.multiple && { multiple: true }) };
  }
  return options;
}

export function commandHelp(command: CommandSpec): string {
  const rows = [...command.options, ...COMMON_OPTIONS].map((option) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${option.name}${option.value ? ` ${option.value}` : ''}`;
    return `  ${flag.padEnd(38)} ${option.description}${option.default ? ` (default: ${option.default})` : ''}`;
  });
  return `Usage: ${command.usage}\n\n${command.summary}\n\nOptions:\n${rows.join('\n')}\n`;
}

export function mainHelp(version: string): string {
  const rows = COMMANDS.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`);
  return `haproxy-doctor ${version}: offline root-cause analysis for HAProxy\n\nUsage: haproxy-doctor COMMAND [options]\n\nCommands:\n${rows.join('\n')}\n\nRun 'haproxy-doctor COMMAND --help' for a command's options.\nExit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error or unreadable input.\n`;
}
