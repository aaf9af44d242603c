// `parse [--kind KIND] FILE`: one parser's records and diagnostics as JSON.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BundleInputError } from '../../bundle/bundle-input-error.js';
import { discoverKinds } from '../../bundle/discover.js';
import { diskFile } from '../../bundle/file-source.js';
import { redactDeep } from '../../model/redact.js';
import { PARSERS, parserForKind } from '../../parsers/registry.js';
import { EXIT_OK, UsageError } from '../errors.js';
import type { CommandIo, CommandValues } from '../io.js';

export async function runParse([file]: string[], values: CommandValues, io: CommandIo): Promise<number> {
  const target = file ?? '';
  let kind = typeof values.kind === 'string' ? values.kind : undefined;
  if (kind !== undefined && !parserForKind(kind)) {
    throw new UsageError(`unknown kind "${kind}"; kinds: ${PARSERS.map((parser) => parser.kind).join(', ')}`);
  }
  const size = (await stat(target).catch(() => undefined))?.size;
  if (size === undefined) throw new BundleInputError(`cannot read "${target}"`);
  if (!kind) {
    const [found] = await discoverKinds([diskFile('local', path.basename(target), path.resolve(target), size)], PARSERS);
    kind = found?.kind;
    if (!kind) throw new UsageError(`cannot tell the kind of "${target}"; pass --kind (${PARSERS.map((parser) => parser.kind).join(', ')})`);
  }
  const parser = parserForKind(kind);
  if (!parser) throw new UsageError(`unknown kind "${kind}"`);
  const output = parser.parse(await readFile(target, 'utf8'));
  io.stdout(`${JSON.stringify(redactDeep({ kind, ok: output.ok, value: output.value, diagnostics: output.diagnostics }), null, 2)}\n`);
  return EXIT_OK;
}
