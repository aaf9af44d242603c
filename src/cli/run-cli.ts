// The CLI proper: parses the command line, dispatches to a command handler, maps outcomes to exit codes 0/1/2.
import { parseArgs } from 'node:util';
import { BundleInputError } from '../bundle/bundle-input-error.js';
import { TOOL_VERSION } from '../version.js';
import { colorsEnabledByDefault, createColors } from '../report/colors.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './errors.js';
import { COMMANDS, commandHelp, mainHelp, parseArgsConfig } from './options.js';
import type { CommandIo, CommandValues } from './io.js';

export type Handler = (positionals: string[], values: CommandValues, io: CommandIo) => Promise<number>;

/** Command name -> its handler, loaded when the command runs. */
export type Handlers = Readonly<Record<string, () => Promise<Handler>>>;

/** Runs one command line with the given command handlers; the exit code is the result, never an exception. */
export async function runCli(argv: string[], io: CommandIo, handlers: Handlers): Promise<number> {
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
    const loadHandler = handlers[commandName];
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

/** A reader that stopped reading (`| head`): the rest of the output is dropped quietly; the exit code still says what was found. */
function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}

export function processIo(): CommandIo {
  process.stdout.on('error', ignoreClosedPipe);
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
