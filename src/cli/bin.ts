// The haproxy-doctor executable: runs the CLI and sets the exit code without cutting output short.
import { loadScriptBundle } from './script-bundle.js';

type Cli = typeof import('./main.js');

const argv = process.argv.slice(2);
// `lint` runs from dist/lint-cli.cjs when the build made it (a CI lint run is short: loading and compiling the modules
// was a good part of it; src/cli/script-bundle.ts says more); anything else, or no such bundle, from the modules.
const cli: Cli = (argv[0] === 'lint' ? loadScriptBundle<Cli>('lint-cli') : undefined) ?? (await import('./main.js'));
process.exitCode = await cli.main(argv, cli.processIo());
