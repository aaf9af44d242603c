// Compiles the nearley grammars of grammars/ into committed TypeScript modules (run by scripts/build.mjs, and by
// test/parsers/haproxy-log/log-format-grammar.test.ts to check the committed output is current).
// Same steps as nearley's `nearleyc` (bin/nearleyc.js): parse the .ne with nearley's own grammar, compile, generate.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const nearley = require('nearley');
const compile = require('nearley/lib/compile.js');
const generate = require('nearley/lib/generate.js');
const bootstrapped = require('nearley/lib/nearley-language-bootstrapped.js');
const { version } = require('nearley/package.json');

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const GRAMMARS = [
  { source: 'grammars/log-format.ne', output: 'src/parsers/haproxy-log/log-format/grammar.generated.ts' },
];

/** The generated module for one grammar source (text in, text out). */
export function compileGrammar(sourceText, sourcePath) {
  const parser = new nearley.Parser(nearley.Grammar.fromCompiled(bootstrapped));
  parser.feed(sourceText);
  parser.feed('\n');
  if (parser.results.length !== 1) throw new Error(`${sourcePath}: ${parser.results.length} parses of the grammar file`);
  const compiled = compile(parser.results[0], { version, args: [sourcePath], export: 'grammar' });
  const body = generate(compiled, 'grammar');
  return (
    `// GENERATED FILE, DO NOT EDIT: compiled by scripts/compile-grammars.mjs (nearley ${version}) from ${sourcePath}.\n` +
    '// Edit the grammar and run `npm run build`; a test fails when this file is stale.\n' +
    '// @ts-nocheck\n' +
    body
  );
}

/** Compiles every grammar; returns the outputs that changed. */
export function compileAll({ write = true } = {}) {
  const changed = [];
  for (const { source, output } of GRAMMARS) {
    const text = compileGrammar(readFileSync(ROOT + source, 'utf8'), source);
    let current = '';
    try {
      current = readFileSync(ROOT + output, 'utf8');
    } catch {
      // not generated yet
    }
    if (current !== text) {
      changed.push(output);
      if (write) writeFileSync(ROOT + output, text);
    }
  }
  return changed;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const output of compileAll()) console.log(`wrote ${output}`);
}
