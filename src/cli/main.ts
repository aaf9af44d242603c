// CLI entry: every command, each loaded on demand (bin.ts runs `lint` and `logs` from their script bundles,
// dist/lint-cli.cjs and dist/logs-cli.cjs, when they are built).
import type { CommandIo } from './io.js';
import { processIo, runCli, type Handlers } from './run-cli.js';

export { processIo };

// Loaded on demand: `--help` and `rules` must not pay for Chevrotain and the parsers.
const HANDLERS: Handlers = {
  analyze: async () => (await import('./commands/analyze.js')).runAnalyze,
  lint: async () => (await import('./commands/lint.js')).runLint,
  logs: async () => (await import('./commands/logs.js')).runLogs,
  parse: async () => (await import('./commands/parse.js')).runParse,
  rules: async () => (await import('./commands/rules.js')).runRules,
  explain: async () => (await import('./commands/explain.js')).runExplain,
};

export function main(argv: string[], io: CommandIo): Promise<number> {
  return runCli(argv, io, HANDLERS);
}
