// The haproxy.cfg grammar: `line := keyword args* EOL | EOL`; sections and keywords are interpreted after parsing.
import { CstParser, type CstNode, type IParserConfig, type IToken } from 'chevrotain';
import { Newline, Word, cfgTokens } from './lexer.js';

/**
 * No error recovery: every sequence of Word and Newline tokens is a valid config, so there is nothing to recover
 * from, and Chevrotain's recovery bookkeeping costs at every repetition. No validations when built for use: the
 * grammar is checked by test/parsers/haproxy-cfg/grammar.test.ts, which builds it with validations on.
 */
export const grammarConfig: IParserConfig = { recoveryEnabled: false, skipValidations: true };

// The closures, alternatives and options below are built once, not at every line (Chevrotain's performance guide:
// an inline `OR([...])` allocates its alternatives on each call).
export class CfgGrammar extends CstParser {
  private readonly keywordLabel = { LABEL: 'keyword' };
  private readonly argsLabel = { LABEL: 'args' };
  private readonly eolLabel = { LABEL: 'eol' };
  private readonly arg = (): void => {
    this.CONSUME2(Word, this.argsLabel);
  };
  private readonly eol = (): void => {
    this.CONSUME(Newline, this.eolLabel);
  };
  private readonly lineAlternatives = [
    {
      ALT: (): void => {
        this.CONSUME(Word, this.keywordLabel);
        this.MANY(this.arg);
        this.OPTION(this.eol);
      },
    },
    { ALT: (): void => void this.CONSUME2(Newline, this.eolLabel) },
  ];
  private readonly anotherLine = (): void => void this.SUBRULE(this.line);

  constructor(config: IParserConfig = grammarConfig) {
    super(cfgTokens, config);
    this.performSelfAnalysis();
  }

  public config = this.RULE('config', () => {
    this.MANY(this.anotherLine);
  });

  // Every physical line is one `line` node, a blank or comment line too (its LF alone): the n-th node is line n.
  // A line ends at its newline or at the end of the input (a missing final LF is reported by the caller).
  public line = this.RULE('line', () => {
    this.OR(this.lineAlternatives);
  });
}

/** The one parser of the process, reset per input with `parser.input = tokens`. */
export const cfgGrammar = new CfgGrammar();

export type LineVisitor = (keyword: IToken | undefined, args: readonly IToken[], eol: IToken | undefined) => void;

const NO_TOKENS: readonly IToken[] = Object.freeze([]);

/**
 * Parses a token vector and calls `onLine` for each physical line, in order (the n-th call is line n, up to the
 * last LF or word) with its first word (undefined on a line without words), the other words (raw, still quoted) and
 * its LF (with the CR before it; undefined on a last line without one). Returns the grammar errors: none expected,
 * every token sequence is valid.
 */
export function parseLines(tokens: IToken[], onLine: LineVisitor): { token: IToken; message: string }[] {
  cfgGrammar.input = tokens;
  const cst = cfgGrammar.config();
  const lineNodes = (cst.children['line'] ?? NO_TOKENS) as CstNode[];
  for (let i = 0; i < lineNodes.length; i++) {
    const children = lineNodes[i]!.children;
    onLine((children['keyword'] as IToken[] | undefined)?.[0], (children['args'] as IToken[] | undefined) ?? NO_TOKENS, (children['eol'] as IToken[] | undefined)?.[0]);
  }
  return cfgGrammar.errors.map((e) => ({ token: e.token, message: e.message }));
}
