// Splits one nft statement line into words: quoted strings stay whole, `{ a, b }` becomes one set word,
// a trailing `# handle N` (nft -a) is dropped. Linear, total; unbalanced braces close at end of line.

export type NftWord = { kind: 'word'; text: string; quoted: boolean } | { kind: 'set'; items: string[] };

export function stripHandle(line: string): string {
  return line.replace(/\s+# handle \d+\s*$/, '');
}

export function splitNftWords(line: string): NftWord[] {
  const words: NftWord[] = [];
  let index = 0;
  const length = line.length;
  while (index < length) {
    const c = line[index];
    if (c === ' ' || c === '\t') {
      index++;
      continue;
    }
    if (c === '{') {
      let depth = 1;
      let text = '';
      index++;
      while (index < length && depth > 0) {
        const d = line[index];
        if (d === '{') depth++;
        else if (d === '}') depth--;
        if (depth > 0) text += d;
        index++;
      }
      words.push({ kind: 'set', items: text.split(',').map((item) => item.trim()).filter((item) => item !== '') });
      continue;
    }
    if (c === '"') {
      let text = '';
      index++;
      while (index < length && line[index] !== '"') {
        if (line[index] === '\\' && index + 1 < length) index++;
        text += line[index];
        index++;
      }
      index++;
      words.push({ kind: 'word', text, quoted: true });
      continue;
    }
    let text = '';
    while (index < length && line[index] !== ' ' && line[index] !== '\t' && line[index] !== '{') {
      text += line[index];
      index++;
    }
    words.push({ kind: 'word', text, quoted: false });
  }
  return words;
}
