// Splits an iptables-save rule line into words, honouring the double quotes iptables-save puts around
// `--comment` and `--log-prefix` values (with `\"` escapes). Linear, total.

export interface RuleWord {
  text: string;
  /** Quoted words are always values, even when they start with `-` or `!`. */
  quoted: boolean;
}

export function splitRuleWords(line: string): RuleWord[] {
  const words: RuleWord[] = [];
  let index = 0;
  const length = line.length;
  while (index < length) {
    while (index < length && (line[index] === ' ' || line[index] === '\t')) index++;
    if (index >= length) break;
    let text = '';
    let quoted = false;
    while (index < length && line[index] !== ' ' && line[index] !== '\t') {
      if (line[index] === '"') {
        quoted = true;
        index++;
        while (index < length && line[index] !== '"') {
          if (line[index] === '\\' && index + 1 < length) index++;
          text += line[index];
          index++;
        }
        index++; // closing quote (or end of line when unterminated)
      } else {
        text += line[index];
        index++;
      }
    }
    words.push({ text, quoted });
  }
  return words;
}
