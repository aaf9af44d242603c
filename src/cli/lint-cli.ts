// The CLI with its `lint` command only, bundled by scripts/build.mjs as dist/lint-cli.cjs: bin.ts runs `lint` from it,
// one script with a V8 code cache instead of a graph of modules to load and compile (src/cli/script-bundle.ts says why).
import { runLint } from './commands/lint.js';
import type { CommandIo } from './io.js';
import { processIo, runCli, type Handlers } from './run-cli.js';

export { processIo };

const HANDLERS: Handlers = { lint: async () => runLint };

export function main(argv: string[], io: CommandIo): Promise<number> {
  return runCli(argv, io, HANDLERS);
}
