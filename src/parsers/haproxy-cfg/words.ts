// Turning the raw Word tokens of one line into HAProxy words: unquoting, backslash escapes, ${VAR} expansion.
// Follows parse_line() of HAProxy 2.6 (src/tools.c); each quirk below was checked with `haproxy -c` 2.6.12.
import type { IToken } from 'chevrotain';
import type { CfgWord } from '../../model/haproxy-config.js';

/** HAProxy 2.6 MAX_LINE_ARGS: the 64th word separator of a line is an error ("too many words"). */
export const MAX_LINE_ARGS = 64;

export interface ExpansionContext {
  env: Readonly<Record<string, string>>;
  /** Value of the `.FILE` pseudo-variable. */
  file: string;
  /** Value of the `.SECTION` pseudo-variable: the current section's name, or its type when it has none. */
  section: string;
}

export interface WordError {
  line: number;
  column: number;
  message: string;
}

export interface LineWords {
  words: CfgWord[];
  /** First tokenization error: HAProxy refuses the whole line (fatal), so callers skip it. */
  error?: WordError;
  /** Variables that were neither in the environment nor given a `-default` (HAProxy expands them to nothing). */
  unsetVariables: string[];
  /** True when blanks follow the last word (HAProxy then sees one more, empty, argument). */
  trailingSeparator: boolean;
}

const isSpaceCode = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

const SIMPLE_ESCAPES: Record<string, string> = { ' ': ' ', '\\': '\\', t: '\t', n: '\n', r: '\r', '#': '#', "'": "'", '"': '"' };

/**
 * Unquotes the Word tokens of one line. `lineText` is the whole source line (to see blanks after the last word),
 * `lineStart` its offset in the text the tokens came from.
 */
export function lineWords(tokens: IToken[], lineText: string, lineStart: number, ctx: ExpansionContext): LineWords {
  const words: CfgWord[] = [];
  const unsetVariables: string[] = [];
  let error: WordError | undefined;
  let separators = 0;

  for (let t = 0; t < tokens.length && !error; t++) {
    const token = tokens[t]!;
    if (t > 0) separators++;
    const line = token.startLine ?? 1;
    const column = token.startColumn ?? 1;
    const image = token.image;
    const fail = (at: number, message: string): void => {
      error ??= { line, column: column + at, message };
    };

    let current = '';
    let squote = false;
    let dquote = false;
    let quoteAt = -1;
    let i = 0;
    const n = image.length;
    while (i < n && !error) {
      // Copy runs of ordinary characters in one slice.
      let j = i;
      while (j < n) {
        const c = image.charCodeAt(j);
        if ((c === 34 && !squote) || (c === 39 && !dquote) || (c === 92 && !squote) || (c === 36 && dquote)) break;
        j++;
      }
      if (j > i) {
        current += image.slice(i, j);
        i = j;
        continue;
      }
      const ch = image[i]!;
      if (ch === '"' && !squote) {
        dquote = !dquote;
        quoteAt = dquote ? i : -1;
        i++;
      } else if (ch === "'" && !dquote) {
        squote = !squote;
        quoteAt = squote ? i : -1;
        i++;
      } else if (ch === '\\') {
        const next = image[i + 1];
        if (next === undefined) {
          current += '\\';
          i++;
        } else if (next === '$') {
          // `\$` is an escape only inside double quotes, where `$` would start a variable.
          if (dquote) {
            current += '$';
            i += 2;
          } else {
            current += '\\';
            i++;
          }
        } else if (next === 'x') {
          const h1 = image.charCodeAt(i + 2);
          const h2 = image.charCodeAt(i + 3);
          if (!isHex(h1) || !isHex(h2)) {
            fail(i, 'truncated or invalid hexadecimal sequence');
            break;
          }
          current += String.fromCharCode(parseInt(image.slice(i + 2, i + 4), 16));
          i += 4;
        } else {
          const simple = SIMPLE_ESCAPES[next];
          if (simple !== undefined) {
            current += simple;
            i += 2;
          } else {
            // Any other pair (`\1`, `\.`) is not an escape: both characters stay.
            current += '\\';
            i++;
          }
        }
      } else if (ch === '$') {
        // Inside double quotes only: $NAME, ${NAME}, ${NAME-default}, ${NAME[*]}.
        const braceAt = image[i + 1] === '{' ? i + 1 : -1;
        let k = braceAt >= 0 ? i + 2 : i + 1;
        const first = image.charCodeAt(k);
        if (!(isAlpha(first) || first === 95 || first === 46)) {
          fail(k, 'forbidden first char in environment variable name');
          break;
        }
        const nameStart = k;
        if (first === 46) k++;
        while (k < n) {
          const c = image.charCodeAt(k);
          if (!(isAlpha(c) || isDigit(c) || c === 95)) break;
          k++;
        }
        const name = image.slice(nameStart, k);
        let value: string | undefined;
        if (name.startsWith('.')) {
          if (name === '.LINE') value = String(line);
          else if (name === '.FILE') value = ctx.file;
          else if (name === '.SECTION') value = ctx.section;
          else {
            fail(nameStart, 'forbidden first char in environment variable name');
            break;
          }
        } else if (Object.prototype.hasOwnProperty.call(ctx.env, name)) {
          value = ctx.env[name];
        }
        let expandWords = false;
        if (braceAt >= 0 && image[k] === '[') {
          if (image[k + 1] !== '*' || image[k + 2] !== ']') {
            fail(k, "invalid word expansion sequence, only '[*]' is supported");
            break;
          }
          expandWords = true;
          k += 3;
        }
        if (braceAt >= 0) {
          if (image[k] === '-') {
            // The default runs raw (no unescaping) up to the closing brace, and replaces unset variables only.
            const close = image.indexOf('}', k);
            if (close < 0) {
              fail(braceAt, 'unmatched brace in environment variable name');
              break;
            }
            if (value === undefined) value = image.slice(k + 1, close);
            k = close;
          } else if (image[k] !== '}') {
            fail(braceAt, 'unmatched brace in environment variable name');
            break;
          }
          k++;
        }
        if (value === undefined) {
          if (!name.startsWith('.')) unsetVariables.push(name);
        } else if (expandWords) {
          // `${VAR[*]}`: each blank-separated part of the value becomes a word of its own.
          let p = 0;
          while (p < value.length) {
            if (isSpaceCode(value.charCodeAt(p))) {
              words.push({ value: current, line, column });
              current = '';
              separators++;
              while (p < value.length && isSpaceCode(value.charCodeAt(p))) p++;
            } else {
              current += value[p];
              p++;
            }
          }
        } else {
          current += value;
        }
        i = k;
      } else {
        current += ch;
        i++;
      }
    }
    if (!error && quoteAt >= 0) fail(quoteAt, 'unmatched quote');
    words.push({ value: current, line, column });
  }

  const last = tokens[tokens.length - 1];
  let trailingSeparator = false;
  if (last) {
    const after = last.endOffset! + 1 - lineStart;
    trailingSeparator = after < lineText.length && isSpaceCode(lineText.charCodeAt(after));
  }
  if (trailingSeparator) separators++;
  if (!error && separators >= MAX_LINE_ARGS) {
    const word = words[MAX_LINE_ARGS - 1] ?? words[words.length - 1]!;
    error = {
      line: word.line,
      column: word.column,
      message: `too many words, truncating after word ${MAX_LINE_ARGS}: <${word.value}>`,
    };
  }
  return { words, error, unsetVariables, trailingSeparator };
}
