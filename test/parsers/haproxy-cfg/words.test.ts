import { describe, expect, it } from 'vitest';
import { errors, parse, wordsOf } from './helpers.js';

describe('quoting and escaping (configuration.txt 2.2, parse_line of 2.6)', () => {
  it.each([
    ['plain words and blanks', '  log 127.0.0.1\tlocal0  notice', ['log', '127.0.0.1', 'local0', 'notice']],
    ['double quotes keep blanks and #', '  x "a b # c"', ['x', 'a b # c']],
    ['single quotes keep everything', "  x 'a \\n $HOME \"q\"'", ['x', 'a \\n $HOME "q"']],
    ['words join across quote boundaries', `  x foo"bar"'baz'`, ['x', 'foobarbaz']],
    ['backslash escapes outside quotes', '  x a\\ b \\#c \\\\ \\" \\\'', ['x', 'a b', '#c', '\\', '"', "'"]],
    ['C escapes', '  x \\t\\n\\r\\x41"\\x42"', ['x', '\t\n\rAB']],
    // 2.6.12 prints '\1A\$$' for `\1\x41\$"\$"`: `\$` is an escape only inside double quotes.
    ['unknown escapes keep the backslash', '  x \\1\\x41\\$"\\$"', ['x', '\\1A\\$$']],
    // 2.6.12: `"a\<TAB>b"` stays 'a\<TAB>b' and unquoted `a\<TAB>b` is two words (the doc table says otherwise).
    ['backslash-tab is not an escape', '  x "a\\\tb" a\\\tb', ['x', 'a\\\tb', 'a\\', 'b']],
    ['comment after a word', '  x a#comment', ['x', 'a']],
    ['escaped and quoted hash', '  x a\\#b "c#d"', ['x', 'a#b', 'c#d']],
    ['empty quoted words stay words', '  x "" y', ['x', '', 'y']],
    ['the documentation example', "  log-format \"%{+Q}o %t\"' %s'\\ %{-Q}r", ['log-format', '%{+Q}o %t %s %{-Q}r']],
  ])('%s', (_name, line, expected) => {
    expect(wordsOf(line)).toEqual(expected);
  });

  it('all five documented log-format spellings give the same word', () => {
    const spellings = [
      '%{+Q}o\\ %t\\ %s\\ %{-Q}r',
      '"%{+Q}o %t %s %{-Q}r"',
      "'%{+Q}o %t %s %{-Q}r'",
      `"%{+Q}o %t"' %s %{-Q}r'`,
      `"%{+Q}o %t"' %s'\\ %{-Q}r`,
    ];
    for (const s of spellings) expect(wordsOf(`  log-format ${s}`)[1]).toBe('%{+Q}o %t %s %{-Q}r');
  });

  it('a lone CR ends the line for HAProxy (2.6.12 prints only "a" for `.notice a<CR>b`)', () => {
    const r = parse('global\n  x a\rb c\n  y\n');
    expect(r.value.sections[0]!.lines.map((l) => l.words.map((w) => w.value))).toEqual([['x', 'a'], ['y']]);
    expect(r.diagnostics.some((d) => d.severity === 'warning' && d.line === 2)).toBe(true);
  });

  it('CRLF line ends are plain line ends', () => {
    const r = parse('global\r\n  maxconn 10\r\nfrontend fe\r\n  bind :80\r\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.value.sections[0]!.lines[0]!.args).toEqual(['10']);
    expect(r.value.sections[0]!.lines[0]!.text).toBe('  maxconn 10');
    expect(r.value.proxies[0]!.binds[0]!.port).toBe(80);
  });
});

describe('tokenization errors: HAProxy refuses the line (fatal)', () => {
  it.each([
    ['unmatched double quote', '  x "abc', 'unmatched quote', 5],
    ['unmatched single quote', "  x 'abc", 'unmatched quote', 5],
    ['invalid hex escape', '  x \\x4g', 'hexadecimal', 5],
    // Columns are where 2.6.12 puts its caret: the offending character, the `.` of a pseudo-variable, the `{`.
    ['variable name starting with a digit', '  x "${1x}"', 'forbidden first char', 8],
    ['unknown pseudo-variable', '  x "${.FOO}"', 'forbidden first char', 8],
    ['unmatched brace', '  x "${X"', 'unmatched brace', 7],
    ['bad word expansion', '  x "${X[1]}"', 'word expansion', 9],
  ])('%s', (_name, line, message, column) => {
    const r = parse(`global\n${line}\n  y\n`);
    const errs = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ line: 2, column });
    expect(errs[0]!.message).toContain(message);
    // The faulty line is dropped, the next one is kept.
    expect(r.value.sections[0]!.lines.map((l) => l.keyword)).toEqual(['y']);
  });

  it('64 words are fine; the 64th separator is "too many words" (a trailing blank counts, as in 2.6.12)', () => {
    const words63 = Array.from({ length: 63 }, () => 'a').join(' ');
    expect(errors(`global\n x ${words63}\n`)).toEqual([]);
    expect(errors(`global\n x ${words63} \n`)[0]!.message).toContain('too many words');
    expect(errors(`global\n x ${words63} b\n`)[0]!.message).toContain('too many words');
    expect(errors(`global\n x ${words63} # comment\n`)[0]!.message).toContain('too many words');
  });
});

describe('environment variables (configuration.txt 2.3)', () => {
  const env = { HOST: '10.0.0.1', LIST: 'a  b\tc', EMPTY: '' };
  it.each([
    ['only inside double quotes', '  x $HOST "$HOST" \'$HOST\'', ['x', '$HOST', '10.0.0.1', '$HOST']],
    ['braces and concatenation', '  x "${HOST}:80"', ['x', '10.0.0.1:80']],
    ['default for unset variables', '  x "${NOPE-127.0.0.1}:514"', ['x', '127.0.0.1:514']],
    ['default does not replace empty ones', '  x "${EMPTY-dflt}"', ['x', '']],
    ['default is raw text up to the brace', '  x "${NOPE-a b\\n}"', ['x', 'a b\\n']],
    ['[*] splits on blanks', '  x "${LIST[*]}" y', ['x', 'a', 'b', 'c', 'y']],
    ['unset expands to nothing', '  x "a${NOPE}b"', ['x', 'ab']],
    ['escaped dollar', '  x "\\$HOST"', ['x', '$HOST']],
  ])('%s', (_name, line, expected) => {
    expect(wordsOf(line, { env })).toEqual(expected);
  });

  it('pseudo-variables .LINE, .FILE and .SECTION (2.6.12 prints "2globalt.cfg")', () => {
    const r = parse('global\n  x "${.LINE}${.SECTION}${.FILE}"\nfrontend fe\n  y "${.SECTION}"\n', { file: 't.cfg' });
    expect(r.value.sections[0]!.lines[0]!.args).toEqual(['2globalt.cfg']);
    expect(r.value.sections[1]!.lines[0]!.args).toEqual(['fe']);
  });

  it('an unset variable is reported as info, not as an error', () => {
    const r = parse('global\n  x "${NOPE}"\n');
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 2, severity: 'info' })]);
  });

  it('the process environment is never read', () => {
    process.env['HAPROXY_DOCTOR_TEST_VAR'] = 'leak';
    expect(wordsOf('  x "${HAPROXY_DOCTOR_TEST_VAR}"')).toEqual(['x', '']);
    delete process.env['HAPROXY_DOCTOR_TEST_VAR'];
  });
});

describe('positions', () => {
  it('keyword and words carry 1-based line and column of their first character', () => {
    const r = parse('# head\nglobal\n\tlog  "/dev/log" local0\n');
    const line = r.value.sections[0]!.lines[0]!;
    expect(line).toMatchObject({ line: 3, column: 2, keyword: 'log', text: '\tlog  "/dev/log" local0' });
    expect(line.words.map((w) => [w.value, w.line, w.column])).toEqual([
      ['log', 3, 2],
      ['/dev/log', 3, 7],
      ['local0', 3, 18],
    ]);
    expect(r.value.sections[0]!.line).toBe(2);
  });

  it('non-ASCII text does not shift lines', () => {
    const r = parse('global\n  x "é😀" y\n  z\n');
    expect(r.value.sections[0]!.lines.map((l) => [l.line, l.args])).toEqual([
      [2, ['é😀', 'y']],
      [3, []],
    ]);
  });
});
