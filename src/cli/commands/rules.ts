// `rules`: every rule with its id, cause, default severity and title.
import Table from 'cli-table3';
import { LINT_RULES } from '../../lint/lint-rules.js';
import { RULES } from '../../rules/index.js';
import { EXIT_OK } from '../errors.js';
import { formatOption } from '../fail-threshold.js';
import type { CommandIo, CommandValues } from '../io.js';

export async function runRules(_positionals: string[], values: CommandValues, io: CommandIo): Promise<number> {
  const format = formatOption(values.format, ['table', 'json']);
  const metas = [
    ...RULES.map(({ meta }) => ({ id: meta.id, scope: 'analyze', cause: meta.cause, severity: meta.severity, title: meta.title, description: meta.description, requires: meta.requires })),
    ...LINT_RULES.map((meta) => ({ id: meta.id, scope: 'lint', cause: undefined, severity: meta.severity, title: meta.title, description: meta.description, requires: ['haproxy-cfg'] })),
  ];
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ rules: metas }, null, 2)}\n`);
    return EXIT_OK;
  }
  const table = new Table({ head: ['id', 'scope', 'cause', 'severity', 'needs', 'title'], style: { head: [], border: [] } });
  for (const meta of metas) table.push([meta.id, meta.scope, meta.cause ?? '', meta.severity, meta.requires.join(', '), meta.title]);
  io.stdout(`${table.toString()}\n`);
  return EXIT_OK;
}
