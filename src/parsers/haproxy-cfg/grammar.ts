// The haproxy.cfg grammar: `line := keyword args* EOL`; sections and keywords are interpreted after parsing.
import { CstParser, type CstNode, type IToken } from 'chevrotain';
import { Newline, Word, cfgTokens } from './lexer.js';

class CfgGrammar extends CstParser {
  constructor() {
    super(cfgTokens, { recoveryEnabled: true });
    this.performSelfAnalysis();
  }

  public config = this.RULE('config', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.line) }, { ALT: () => this.CONSUME(Newline) }]);
    });
  });

  // A line ends at its newline or at the end of the input (a missing final LF is reported by the caller).
  public line = this.RULE('line', () => {
    this.CONSUME(Word, { LABEL: 'keyword' });
    this.MANY(() => this.CONSUME2(Word, { LABEL: 'args' }));
    this.OPTION(() => this.CONSUME2(Newline));
  });
}

/** The one parser of the process, reset per input with `parser.input = tokens`. */
export const cfgGrammar = new CfgGrammar();

export interface GrammarLine {
  /** keyword followed by its argument tokens, raw (still quoted). */
  tokens: IToken[];
}

/** Parses a token vector into raw lines; grammar errors (none expected: every token sequence is valid) are returned. */
export function parseLines(tokens: IToken[]): { lines: GrammarLine[]; errors: { token: IToken; message: string }[] } {
  cfgGrammar.input = tokens;
  const cst = cfgGrammar.config();
  const lines: GrammarLine[] = [];
  const lineNodes = (cst.children['line'] ?? []) as CstNode[];
  for (const node of lineNodes) {
    const keyword = (node.children['keyword'] ?? []) as IToken[];
    const args = (node.children['args'] ?? []) as IToken[];
    if (keyword.length === 0 || keyword[0]!.image === '') continue;
    lines.push({ tokens: args.length ? [...keyword, ...args] : keyword });
  }
  const errors = cfgGrammar.errors.map((e) => ({ token: e.token, message: e.message }));
  return { lines, errors };
}
