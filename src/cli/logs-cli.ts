// The CLI with its `logs` command only, bundled by scripts/build.mjs as dist/logs-cli.cjs: bin.ts runs `logs` from it,
// one script with a V8 code cache instead of a graph of modules to load and compile (src/cli/script-bundle.ts says why).
import { runLogs } from './commands/logs.js';
import type { CommandIo } from './io.js';
import { processIo, runCli, type Handlers } from './run-cli.js';

export { processIo };

const HANDLERS: Handlers = { logs: async () => runLogs };

export function main(argv: string[], io: CommandIo): Promise<number> {
  return runCli(argv, io, HANDLERS);
}
