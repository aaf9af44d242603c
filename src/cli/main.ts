// CLI entry: parses the command line, dispatches, maps outcomes to exit codes 0/1/2.
import { parseArgs } from 'node:util';
import { BundleInputError } from '../bundle/bundle-input-error.js';
import { TOOL_VERSION } from '../version.js';
import { colorsEnabledByDefault, createColors } from '../report/colors.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { COMMANDS, commandHelp, mainHelp, parseArgsConfig } from './options.js';
import type { CommandIo, CommandValues } from './io.js';

type Handler = (positionals: string[], values: CommandValues, io: CommandIo) => Promise<number>;

// Loaded on demand: `--help` and `rules` must not pay for Chevrotain and the parsers.
const HANDLERS: Record<string, () => Promise<Handler>> = {
  analyze: async () => (await import('./commands/analyze.js')).runAnalyze,
  lint: async () => (await import('./commands/lint.js')).runLint,
  logs: async () => (await import('./commands/logs.js')).runLogs,
  parse: async () => (await import('./commands/parse.js')).runParse,
  rules: async () => (await import('./commands/rules.js')).runRules,
  explain: async () => (await import('./commands/explain.js')).runExplain,
};

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const [commandName, ...rest] = argv;
    if (commandName === undefined || commandName === '--help' || commandName === '-h' || commandName === 'help') {
      io.stdout(mainHelp(TOOL_VERSION));
      return commandName === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (commandName === '--version' || commandName === '-v') {
      io.stdout(`${TOOL_VERSION}\n`);
      return EXIT_OK;
    }
    const command = COMMANDS.find((spec) => spec.name === commandName);
    const loadHandler = HANDLERS[commandName];
    if (!command || !loadHandler) throw new UsageError(`unknown command "${commandName}"; run haproxy-doctor --help`);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: parseArgsConfig(command), allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(`${(error as Error).message.split('\n')[0]}; run haproxy-doctor ${command.name} --help`);
    }
    const values = parsed.values as CommandValues;
    if (values.help) {
      io.stdout(commandHelp(command));
      return EXIT_OK;
    }
    const { min, max } = command.positionals;
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      throw new UsageError(`usage: ${command.usage}`);
    }
    const colorOn = !values['no-color'] && io.colorDefault;
    const handler = await loadHandler();
    // Descriptors, not a spread: a spread would call the lazy getters of processIo() (stdin, stderrIsTty).
    const commandIo = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(io), colors: { value: createColors(colorOn), enumerable: true } }) as CommandIo;
    return await handler(parsed.positionals, values, commandIo);
  } catch (error) {
    if (error instanceof UsageError || error instanceof BundleInputError) {
      io.stderr(`haproxy-doctor: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`haproxy-doctor: internal error: ${(error as Error)?.message ?? String(error)}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT_USAGE;
  }
}

export function processIo(): CommandIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    colorDefault: colorsEnabledByDefault(),
    colors: createColors(false),
    // Getters: touching process.stdin or process.stderr builds a stream, start-up time most commands do not need.
    get stdin() {
      return process.stdin;
    },
    get stderrIsTty() {
      return process.stderr.isTTY === true;
    },
  };
}
