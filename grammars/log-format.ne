# HAProxy 2.6 log-format strings (configuration.txt 8.2.6 "Custom log format"), one format string per parse.
# Compiled by scripts/compile-grammars.mjs into src/parsers/haproxy-log/log-format/grammar.generated.ts.
# The lexer follows the state machine of parse_logformat_string() (HAProxy src/log.c): `%%` and `%<other char>`
# are literal text (HAProxy drops the `%` of the latter), `%` before a digit or a blank is an error, a variable
# name starts with a letter and goes on with letters and digits, `%{flags}` precedes a variable or `%[expr]`,
# and a sample expression ends at the first `]` outside converter arguments. Every space is a separator (HAProxy
# merges the separators of a format into single spaces; a tab is text); `\ ` is a blank as written in haproxy.cfg.

@preprocessor typescript

@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    percent: '%%',
    flagsOpen: { match: '%{', next: 'flags' },
    exprOpen: { match: '%[', next: 'expr' },
    variable: { match: /%[A-Za-z][A-Za-z0-9]*/, value: (s: string) => s.slice(1) },
    badVariable: { match: /%[0-9 \t]/, value: (s: string) => s.slice(1) },
    percentChar: { match: /%[^]/, lineBreaks: true, value: (s: string) => s.slice(1) },
    percentEnd: '%',
    blanks: / +/,
    escapedBlank: { match: '\\ ', value: () => ' ' },
    text: { match: /[^% \\]+/, lineBreaks: true },
    backslash: '\\',
  },
  flags: {
    flagText: { match: /[^}]+/, lineBreaks: true },
    flagsClose: { match: '}', next: 'afterFlags' },
  },
  afterFlags: {
    flaggedVariable: { match: /[A-Za-z0-9]+/, next: 'main' },
    flaggedExprOpen: { match: '[', next: 'expr' },
    badAfterFlags: { match: /[^]/, lineBreaks: true, next: 'main' },
  },
  expr: {
    exprText: { match: /[^\]()]+/, lineBreaks: true },
    argsOpen: { match: '(', next: 'exprArgs' },
    exprClose: { match: ']', next: 'main' },
  },
  exprArgs: {
    argsText: { match: /[^)]+/, lineBreaks: true },
    argsClose: { match: ')', next: 'expr' },
  },
});

const at = (t: any) => t.offset as number;
%}

@lexer lexer

format -> item:* {% ([items]) => items %}

item -> literal {% id %}
  | separator {% id %}
  | variable {% id %}
  | expression {% id %}

literal -> %text {% ([t]) => ({ kind: 'text', text: t.value, offset: at(t) }) %}
  | %percent {% ([t]) => ({ kind: 'text', text: '%', offset: at(t) }) %}
  | %percentChar {% ([t]) => ({ kind: 'text', text: t.value, offset: at(t) }) %}
  | %backslash {% ([t]) => ({ kind: 'text', text: '\\', offset: at(t) }) %}

separator -> %blanks {% ([t]) => ({ kind: 'separator', offset: at(t) }) %}
  | %escapedBlank {% ([t]) => ({ kind: 'separator', offset: at(t), escaped: true }) %}

variable -> %variable {% ([t]) => ({ kind: 'variable', name: t.value, flags: '', offset: at(t) }) %}
  | %flagsOpen flags %flagsClose %flaggedVariable
    {% ([o, f, , v]) => ({ kind: 'variable', name: v.value, flags: f, offset: at(o), nameOffset: at(v) }) %}

expression -> %exprOpen exprBody %exprClose
    {% ([o, body]) => ({ kind: 'expression', expr: body, flags: '', offset: at(o) }) %}
  | %flagsOpen flags %flagsClose %flaggedExprOpen exprBody %exprClose
    {% ([o, f, , , body]) => ({ kind: 'expression', expr: body, flags: f, offset: at(o) }) %}

flags -> null {% () => '' %}
  | %flagText {% ([t]) => t.value %}

exprBody -> exprPart:* {% ([parts]) => parts.join('') %}

exprPart -> %exprText {% ([t]) => t.value %}
  | %argsOpen %argsText:? %argsClose {% ([, a]) => `(${a ? a.value : ''})` %}
