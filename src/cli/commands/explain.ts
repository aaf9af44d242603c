// `explain ID`: the rule's docs page as shipped in docs/rules/.
import { readFile } from 'node:fs/promises';
import { LINT_RULES } from '../../lint/lint-rules.js';
import { RULES } from '../../rules/index.js';
import { docsPath } from '../../rules/docs-path.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { CommandIo, CommandValues } from '../io.js';

export async function runExplain([id]: string[], _values: CommandValues, io: CommandIo): Promise<number> {
  const meta = RULES.find((candidate) => candidate.meta.id === id)?.meta ?? LINT_RULES.find((candidate) => candidate.id === id);
  if (!meta) throw new UsageError(`no rule "${id}"; run haproxy-doctor rules for the list`);
  const page = await readFile(docsPath(meta.id), 'utf8').catch(() => undefined);
  io.stdout(page ?? `${meta.id}: ${meta.title}\n\n${meta.description}\n`);
  return EXIT_OK;
}
