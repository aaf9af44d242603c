// The haproxy-doctor executable: runs the CLI and sets the exit code without cutting output short.
import { loadScriptBundle } from './script-bundle.js';

type Cli = typeof import('./main.js');

/**
 * Commands run from a script bundle with a V8 code cache when the build made it (dist/<bundle>.cjs: the CLI with that
 * command only; src/cli/script-bundle.ts says why). They are the ones whose runs are often short, where loading and
 * compiling the modules is a good part of the time: `lint` in CI, `logs` on a day of logs.
 */
const SCRIPT_BUNDLES: ReadonlyMap<string, string> = new Map([
  ['lint', 'lint-cli'],
  ['logs', 'logs-cli'],
]);

const argv = process.argv.slice(2);
const bundle = SCRIPT_BUNDLES.get(argv[0] ?? '');
// anything else, or no such bundle (running from src/), from the modules
const cli: Cli = (bundle === undefined ? undefined : loadScriptBundle<Cli>(bundle)) ?? (await import('./main.js'));
process.exitCode = await cli.main(argv, cli.processIo());
