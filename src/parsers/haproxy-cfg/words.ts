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
  unsetVariables: readonly string[];
  /** True when blanks follow the last word (HAProxy then sees one more, empty, argument). */
  trailingSeparator: boolean;
}

const isSpaceCode = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** No quote, backslash or `$`: nothing to unquote or expand. */
function isPlain(image: string): boolean {
  for (let i = 0; i < image.length; i++) {
    const c = image.charCodeAt(i);
    if (c === 34 || c === 39 || c === 92 || c === 36) return false;
  }
  return true;
}

const SIMPLE_ESCAPES: Record<string, string> = { ' ': ' ', '\\': '\\', t: '\t', n: '\n', r: '\r', '#': '#', "'": "'", '"': '"' };

const NO_NAMES: readonly string[] = Object.freeze([]);

/** One line's raw words: Word tokens (offsets only) and where the line lies in the text they came from. */
export interface RawLine {
  keyword: IToken;
  args: readonly IToken[];
  /** 1-based line number. */
  line: number;
  /** Offsets of the line's first character and of its end (its LF, or a CR just before the LF). */
  start: number;
  end: number;
  /** The whole text the tokens came from (to see blanks after the last word). */
  text: string;
}

/** Unquotes the Word tokens of one line. */
export function lineWords(raw: RawLine, ctx: ExpansionContext): LineWords {
  const words: CfgWord[] = [];
  let unsetVariables: string[] | undefined;
  let error: WordError | undefined;
  let separators = 0;
  const line = raw.line;
  const count = raw.args.length + 1;

  for (let t = 0; t < count && !error; t++) {
    const token = t === 0 ? raw.keyword : raw.args[t - 1]!;
    if (t > 0) separators++;
    const column = token.startOffset - raw.start + 1;
    const image = token.image;
    // Most words have nothing to unquote: the image is the word.
    if (isPlain(image)) {
      words.push({ value: image, line, column });
      continue;
    }
    let failedAt = -1;
    let failure = '';

    let current = '';
    let squote = false;
    let dquote = false;
    let quoteAt = -1;
    let i = 0;
    const n = image.length;
    while (i < n && failedAt < 0) {
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
            failedAt = i;
            failure = 'truncated or invalid hexadecimal sequence';
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
          failedAt = k;
          failure = 'forbidden first char in environment variable name';
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
            failedAt = nameStart;
            failure = 'forbidden first char in environment variable name';
            break;
          }
        } else if (Object.prototype.hasOwnProperty.call(ctx.env, name)) {
          value = ctx.env[name];
        }
        let expandWords = false;
        if (braceAt >= 0 && image[k] === '[') {
          if (image[k + 1] !== '*' || image[k + 2] !== ']') {
            failedAt = k;
            failure = "invalid word expansion sequence, only '[*]' is supported";
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
              failedAt = braceAt;
              failure = 'unmatched brace in environment variable name';
              break;
            }
            if (value === undefined) value = image.slice(k + 1, close);
            k = close;
          } else if (image[k] !== '}') {
            failedAt = braceAt;
            failure = 'unmatched brace in environment variable name';
            break;
          }
          k++;
        }
        if (value === undefined) {
          if (!name.startsWith('.')) (unsetVariables ??= []).push(name);
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
    if (failedAt < 0 && quoteAt >= 0) {
      failedAt = quoteAt;
      failure = 'unmatched quote';
    }
    if (failedAt >= 0) error = { line, column: column + failedAt, message: failure };
    words.push({ value: current, line, column });
  }

  const last = count > 1 ? raw.args[count - 2]! : raw.keyword;
  const after = last.startOffset + last.image.length;
  const trailingSeparator = after < raw.end && isSpaceCode(raw.text.charCodeAt(after));
  if (trailingSeparator) separators++;
  if (!error && separators >= MAX_LINE_ARGS) {
    const word = words[MAX_LINE_ARGS - 1] ?? words[words.length - 1]!;
    error = {
      line: word.line,
      column: word.column,
      message: `too many words, truncating after word ${MAX_LINE_ARGS}: <${word.value}>`,
    };
  }
  return { words, error, unsetVariables: unsetVariables ?? NO_NAMES, trailingSeparator };
}
