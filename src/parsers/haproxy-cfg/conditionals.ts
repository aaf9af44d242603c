// HAProxy 2.6 conditional blocks (.if/.elif/.else/.endif) and status directives (.diag/.notice/.warning/.alert).
// Semantics of cfgparse.c/cfgcond.c in 2.6, checked with `haproxy -c` 2.6.12 (see the tests for each case).
import type { DiagnosticSeverity } from '../../model/diagnostic.js';

/** Features of Debian's haproxy 2.6.12 (`haproxy -vv`, the `+` entries): what `feature()` sees by default. */
export const DEFAULT_FEATURES: readonly string[] = [
  'ACCEPT4', 'BACKTRACE', 'CPU_AFFINITY', 'CRYPT_H', 'DL', 'EPOLL', 'GETADDRINFO', 'LIBCRYPT', 'LINUX_SPLICE',
  'LINUX_TPROXY', 'LUA', 'NETFILTER', 'NS', 'OPENSSL', 'OT', 'PCRE2', 'PCRE2_JIT', 'POLL', 'PRCTL', 'PROMEX', 'RT',
  'SLZ', 'SYSTEMD', 'TFO', 'THREAD', 'THREAD_DUMP', 'TPROXY',
];

/** The version `version_atleast()`/`version_before()` compare with when the caller gives none. */
export const DEFAULT_VERSION = '2.6.12';

/** HAProxy's MAXNESTEDCONDS. */
export const MAX_NESTED_CONDITIONS = 128;

export interface ConditionEnv {
  env: Readonly<Record<string, string>>;
  version: string;
  features: ReadonlySet<string>;
}

export interface ConditionResult {
  value: boolean;
  /** Offset in the condition text and message, when the expression is invalid. */
  error?: { offset: number; message: string };
}

/**
 * The version as HAProxy's split_version() orders it: numbers, then the release kind
 * (dev < pre < rc < release), then any `-N` after it. Garbage reads as zeros, as in HAProxy.
 */
function versionKey(version: string): number[] {
  const key: number[] = [];
  const m = /^(\d+)?(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(.*)$/s.exec(version);
  for (let i = 1; i <= 4; i++) key.push(Number(m?.[i] ?? 0) || 0);
  let rest = m?.[5] ?? '';
  let kind = 3;
  let kindNumber = 0;
  const suffix = /^-(dev|pre|rc)(\d*)/.exec(rest);
  if (suffix) {
    kind = suffix[1] === 'dev' ? 0 : suffix[1] === 'pre' ? 1 : 2;
    kindNumber = Number(suffix[2] || 0);
    rest = rest.slice(suffix[0].length);
  }
  key.push(kind, kindNumber);
  const extra = /^-(\d+)/.exec(rest);
  key.push(extra ? Number(extra[1]) : 0);
  return key;
}

export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  for (let i = 0; i < ka.length; i++) {
    const d = ka[i]! - kb[i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** OpenSSL as Debian 12 ships it, for the predicates of later HAProxy versions. */
const SSL_LIBRARY = { name: 'OpenSSL', version: '3.0.19' };

/** Predicates with their arity; those of later versions exist only when `version` is at least `since`. */
const PREDICATES: Record<string, { arity: number; since?: string }> = {
  defined: { arity: 1 },
  feature: { arity: 1 },
  streq: { arity: 2 },
  strneq: { arity: 2 },
  version_atleast: { arity: 1 },
  version_before: { arity: 1 },
  // Present in 2.6.12 (backported), unknown to the 2.6 documentation.
  openssl_version_atleast: { arity: 1 },
  openssl_version_before: { arity: 1 },
  ssllib_name_startswith: { arity: 1 },
};

class ConditionError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Recursive-descent parser over the condition text; every branch consumes input, so it ends on any text. */
class ConditionParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly ctx: ConditionEnv,
  ) {}

  evaluate(): boolean {
    const value = this.expr();
    if (this.pos < this.text.length) {
      throw new ConditionError(
        this.pos,
        `unexpected character '${this.text[this.pos]}' at the end of conditional expression '${this.text}'`,
      );
    }
    return value;
  }

  private skipBlanks(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  // OR binds weaker than AND; both sides are parsed even when the result is already known.
  private expr(): boolean {
    if (++this.depth > 256) throw new ConditionError(this.pos, 'conditional expression nested too deeply');
    let value = this.andExpr();
    this.skipBlanks();
    while (this.text.startsWith('||', this.pos)) {
      this.pos += 2;
      const right = this.andExpr();
      value = value || right;
      this.skipBlanks();
    }
    this.depth--;
    return value;
  }

  private andExpr(): boolean {
    let value = this.term();
    this.skipBlanks();
    while (this.text.startsWith('&&', this.pos)) {
      this.pos += 2;
      const right = this.term();
      value = value && right;
      this.skipBlanks();
    }
    return value;
  }

  private term(): boolean {
    this.skipBlanks();
    let negate = false;
    while (this.text[this.pos] === '!') {
      negate = !negate;
      this.pos++;
      this.skipBlanks();
    }
    const start = this.pos;
    const ch = this.text[this.pos];
    let value: boolean;
    if (ch === '(') {
      this.pos++;
      value = this.expr();
      this.skipBlanks();
      if (this.text[this.pos] !== ')') {
        throw new ConditionError(this.pos, `expected ')' to close the sub-expression started at position ${start + 1}`);
      }
      this.pos++;
    } else if (ch !== undefined && /[-+0-9]/.test(ch)) {
      // strtol(..., 0): decimal, 0x hexadecimal or 0 octal; any non-zero value is true.
      const m = /^[-+]?(?:0[xX][0-9a-fA-F]+|[0-9]+)/.exec(this.text.slice(this.pos, this.pos + 64));
      if (!m) throw new ConditionError(this.pos, `unparsable conditional sub-expression '${this.text.slice(this.pos)}'`);
      this.pos += m[0].length;
      value = !/^[-+]?0*$|^[-+]?0[xX]0+$/.test(m[0]);
    } else {
      const m = /^[a-z_]+/.exec(this.text.slice(this.pos, this.pos + 32));
      const name = m?.[0];
      const known = name === undefined ? undefined : PREDICATES[name];
      const arity =
        known && (known.since === undefined || compareVersions(this.ctx.version, known.since) >= 0) ? known.arity : undefined;
      if (name === undefined || arity === undefined || this.text[this.pos + name.length] !== '(') {
        const what = this.text.slice(this.pos);
        throw new ConditionError(
          this.pos,
          start === 0 ? `unparsable conditional expression '${what}'` : `unparsable conditional sub-expression '${what}'`,
        );
      }
      this.pos += name.length + 1;
      const args = this.arguments(name, arity);
      value = this.predicate(name, args);
    }
    return negate ? !value : value;
  }

  /** make_arg_list() for string arguments: `,` separates, `)` ends, quotes and `\` protect at this second level. */
  private arguments(name: string, arity: number): string[] {
    const args: string[] = [];
    let current = '';
    let squote = false;
    let dquote = false;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) {
        throw new ConditionError(this.pos, `missing closing ')' after arguments to predicate '${name}'`);
      }
      if (!squote && !dquote && (ch === ',' || ch === ')')) {
        args.push(current);
        current = '';
        if (ch === ')' || args.length >= arity) {
          if (ch !== ')') throw new ConditionError(this.pos, `expected ')' before '${this.text.slice(this.pos)}' in predicate '${name}'`);
          this.pos++;
          break;
        }
        this.pos++;
        continue;
      }
      if (ch === '"' && !squote) dquote = !dquote;
      else if (ch === "'" && !dquote) squote = !squote;
      else if (ch === '\\' && !squote && /["'\\]/.test(this.text[this.pos + 1] ?? '')) {
        current += this.text[this.pos + 1];
        this.pos++;
      } else current += ch;
      this.pos++;
    }
    if (args.length < arity) {
      throw new ConditionError(this.pos - 1, `missing arguments (got ${args.length}/${arity}) of predicate '${name}'`);
    }
    return args;
  }

  private predicate(name: string, args: string[]): boolean {
    const a = args[0] ?? '';
    switch (name) {
      case 'defined':
        return Object.prototype.hasOwnProperty.call(this.ctx.env, a);
      case 'feature':
        return this.ctx.features.has(a);
      case 'streq':
        return a === args[1];
      case 'strneq':
        return a !== args[1];
      case 'version_atleast':
        return compareVersions(this.ctx.version, a) >= 0;
      case 'version_before':
        return compareVersions(this.ctx.version, a) < 0;
      case 'openssl_version_atleast':
        return compareVersions(SSL_LIBRARY.version, a) >= 0;
      case 'openssl_version_before':
        return compareVersions(SSL_LIBRARY.version, a) < 0;
      case 'ssllib_name_startswith':
        return SSL_LIBRARY.name.startsWith(a);
      default:
        return false;
    }
  }
}

/** Evaluates the text of a `.if`/`.elif` condition; the empty string is false. Never throws. */
export function evaluateCondition(text: string, ctx: ConditionEnv): ConditionResult {
  if (text === '') return { value: false };
  try {
    return { value: new ConditionParser(text, ctx).evaluate() };
  } catch (e) {
    if (e instanceof ConditionError) return { value: false, error: { offset: e.offset, message: e.message } };
    return { value: false, error: { offset: 0, message: `invalid conditional expression '${text}'` } };
  }
}

/** State of one `.if` level, as in cfgparse.c. */
const enum Branch {
  /** A branch of this level is being taken. */
  Take,
  /** No branch taken yet: a later .elif/.else may be. */
  Drop,
  /** A branch was taken already, or the whole level sits in a dropped block. */
  Skip,
}

interface Level {
  state: Branch;
  seenElse: boolean;
  line: number;
}

export interface DirectiveMessage {
  line: number;
  column: number;
  severity: DiagnosticSeverity;
  message: string;
}

export const STATUS_DIRECTIVES: Record<string, DiagnosticSeverity> = {
  // .diag prints only with -dD; it is kept as info so the analysis can show it.
  '.diag': 'info',
  '.notice': 'info',
  '.warning': 'warning',
  '.alert': 'error',
};

/** Tracks nested conditional blocks line by line. */
export class ConditionalBlocks {
  private readonly levels: Level[] = [];

  constructor(private readonly ctx: ConditionEnv) {}

  /** True when lines at this point are part of the configuration. */
  get active(): boolean {
    const top = this.levels[this.levels.length - 1];
    return top === undefined || top.state === Branch.Take;
  }

  /**
   * Handles a line whose first word starts with `.`: returns the diagnostics it causes.
   * `conditionText` is the rest of the line as HAProxy 2.6 sees it (words joined by single blanks).
   */
  directive(keyword: string, args: string[], conditionText: string, line: number, column: number): DirectiveMessage[] {
    const out: DirectiveMessage[] = [];
    const error = (message: string): void => {
      out.push({ line, column, severity: 'error', message });
    };
    const top = this.levels[this.levels.length - 1];
    const evaluate = (): boolean => {
      const r = evaluateCondition(conditionText, this.ctx);
      if (r.error) error(`${r.error.message} in '${keyword}' at position ${r.error.offset + 1}`);
      return r.value;
    };
    switch (keyword) {
      case '.if': {
        if (this.levels.length >= MAX_NESTED_CONDITIONS) {
          error(`too many nested '.if', max is ${MAX_NESTED_CONDITIONS}`);
          // Count the level anyway so that its .endif matches; its content is dropped.
          this.levels.push({ state: Branch.Skip, seenElse: false, line });
          break;
        }
        const parentActive = this.active;
        const state = !parentActive ? Branch.Skip : evaluate() ? Branch.Take : Branch.Drop;
        this.levels.push({ state, seenElse: false, line });
        break;
      }
      case '.elif':
        if (!top) error("lone '.elif' with no matching '.if'");
        else if (top.seenElse) error("'.elif' after '.else' is not permitted");
        else if (top.state === Branch.Take) top.state = Branch.Skip;
        else if (top.state === Branch.Drop) top.state = evaluate() ? Branch.Take : Branch.Drop;
        break;
      case '.else':
        if (!top) error("lone '.else' with no matching '.if'");
        else if (top.seenElse) error("'.else' after '.else' is not permitted");
        else {
          top.seenElse = true;
          top.state = top.state === Branch.Drop ? Branch.Take : Branch.Skip;
        }
        break;
      case '.endif':
        if (!top) error("lone '.endif' with no matching '.if'");
        else this.levels.pop();
        break;
      default: {
        if (!this.active) break;
        const severity = STATUS_DIRECTIVES[keyword];
        if (severity === undefined) {
          error(`unknown directive '${keyword}'`);
        } else if (args.length > 1) {
          error(`Unexpected argument '${args[1]}' for '${keyword}'. Use quotes if the message should contain spaces.`);
        } else {
          out.push({ line, column, severity, message: `${keyword}: ${args[0] ?? ''}` });
        }
      }
    }
    return out;
  }

  /** At end of file: every still open `.if` is an error. */
  finish(): DirectiveMessage[] {
    return this.levels.map((level) => ({
      line: level.line,
      column: 1,
      severity: 'error' as const,
      message: "non-terminated '.if' block",
    }));
  }
}
