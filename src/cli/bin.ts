// The haproxy-doctor executable: runs the CLI and sets the exit code without cutting output short.
import { main, processIo } from './main.js';

process.exitCode = await main(process.argv.slice(2), processIo());
