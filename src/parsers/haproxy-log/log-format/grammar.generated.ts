// GENERATED FILE, DO NOT EDIT: compiled by scripts/compile-grammars.mjs (nearley 2.20.1) from grammars/log-format.ne.
// Edit the grammar and run `npm run build`; a test fails when this file is stale.
// @ts-nocheck
// Generated automatically by nearley, version 2.20.1
// http://github.com/Hardmath123/nearley
// Bypasses TS6133. Allow declared but unused functions.
// @ts-ignore
function id(d: any[]): any { return d[0]; }
declare var text: any;
declare var percent: any;
declare var percentChar: any;
declare var backslash: any;
declare var blanks: any;
declare var escapedBlank: any;
declare var variable: any;
declare var flagsOpen: any;
declare var flagsClose: any;
declare var flaggedVariable: any;
declare var exprOpen: any;
declare var exprClose: any;
declare var flaggedExprOpen: any;
declare var flagText: any;
declare var exprText: any;
declare var argsOpen: any;
declare var argsText: any;
declare var argsClose: any;

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

interface NearleyToken {
  value: any;
  [key: string]: any;
};

interface NearleyLexer {
  reset: (chunk: string, info: any) => void;
  next: () => NearleyToken | undefined;
  save: () => any;
  formatError: (token: never) => string;
  has: (tokenType: string) => boolean;
};

interface NearleyRule {
  name: string;
  symbols: NearleySymbol[];
  postprocess?: (d: any[], loc?: number, reject?: {}) => any;
};

type NearleySymbol = string | { literal: any } | { test: (token: any) => boolean };

interface Grammar {
  Lexer: NearleyLexer | undefined;
  ParserRules: NearleyRule[];
  ParserStart: string;
};

const grammar: Grammar = {
  Lexer: lexer,
  ParserRules: [
    {"name": "format$ebnf$1", "symbols": []},
    {"name": "format$ebnf$1", "symbols": ["format$ebnf$1", "item"], "postprocess": (d) => d[0].concat([d[1]])},
    {"name": "format", "symbols": ["format$ebnf$1"], "postprocess": ([items]) => items},
    {"name": "item", "symbols": ["literal"], "postprocess": id},
    {"name": "item", "symbols": ["separator"], "postprocess": id},
    {"name": "item", "symbols": ["variable"], "postprocess": id},
    {"name": "item", "symbols": ["expression"], "postprocess": id},
    {"name": "literal", "symbols": [(lexer.has("text") ? {type: "text"} : text)], "postprocess": ([t]) => ({ kind: 'text', text: t.value, offset: at(t) })},
    {"name": "literal", "symbols": [(lexer.has("percent") ? {type: "percent"} : percent)], "postprocess": ([t]) => ({ kind: 'text', text: '%', offset: at(t) })},
    {"name": "literal", "symbols": [(lexer.has("percentChar") ? {type: "percentChar"} : percentChar)], "postprocess": ([t]) => ({ kind: 'text', text: t.value, offset: at(t) })},
    {"name": "literal", "symbols": [(lexer.has("backslash") ? {type: "backslash"} : backslash)], "postprocess": ([t]) => ({ kind: 'text', text: '\\', offset: at(t) })},
    {"name": "separator", "symbols": [(lexer.has("blanks") ? {type: "blanks"} : blanks)], "postprocess": ([t]) => ({ kind: 'separator', offset: at(t) })},
    {"name": "separator", "symbols": [(lexer.has("escapedBlank") ? {type: "escapedBlank"} : escapedBlank)], "postprocess": ([t]) => ({ kind: 'separator', offset: at(t), escaped: true })},
    {"name": "variable", "symbols": [(lexer.has("variable") ? {type: "variable"} : variable)], "postprocess": ([t]) => ({ kind: 'variable', name: t.value, flags: '', offset: at(t) })},
    {"name": "variable", "symbols": [(lexer.has("flagsOpen") ? {type: "flagsOpen"} : flagsOpen), "flags", (lexer.has("flagsClose") ? {type: "flagsClose"} : flagsClose), (lexer.has("flaggedVariable") ? {type: "flaggedVariable"} : flaggedVariable)], "postprocess": ([o, f, , v]) => ({ kind: 'variable', name: v.value, flags: f, offset: at(o), nameOffset: at(v) })},
    {"name": "expression", "symbols": [(lexer.has("exprOpen") ? {type: "exprOpen"} : exprOpen), "exprBody", (lexer.has("exprClose") ? {type: "exprClose"} : exprClose)], "postprocess": ([o, body]) => ({ kind: 'expression', expr: body, flags: '', offset: at(o) })},
    {"name": "expression", "symbols": [(lexer.has("flagsOpen") ? {type: "flagsOpen"} : flagsOpen), "flags", (lexer.has("flagsClose") ? {type: "flagsClose"} : flagsClose), (lexer.has("flaggedExprOpen") ? {type: "flaggedExprOpen"} : flaggedExprOpen), "exprBody", (lexer.has("exprClose") ? {type: "exprClose"} : exprClose)], "postprocess": ([o, f, , , body]) => ({ kind: 'expression', expr: body, flags: f, offset: at(o) })},
    {"name": "flags", "symbols": [], "postprocess": () => ''},
    {"name": "flags", "symbols": [(lexer.has("flagText") ? {type: "flagText"} : flagText)], "postprocess": ([t]) => t.value},
    {"name": "exprBody$ebnf$1", "symbols": []},
    {"name": "exprBody$ebnf$1", "symbols": ["exprBody$ebnf$1", "exprPart"], "postprocess": (d) => d[0].concat([d[1]])},
    {"name": "exprBody", "symbols": ["exprBody$ebnf$1"], "postprocess": ([parts]) => parts.join('')},
    {"name": "exprPart", "symbols": [(lexer.has("exprText") ? {type: "exprText"} : exprText)], "postprocess": ([t]) => t.value},
    {"name": "exprPart$ebnf$1", "symbols": [(lexer.has("argsText") ? {type: "argsText"} : argsText)], "postprocess": id},
    {"name": "exprPart$ebnf$1", "symbols": [], "postprocess": () => null},
    {"name": "exprPart", "symbols": [(lexer.has("argsOpen") ? {type: "argsOpen"} : argsOpen), "exprPart$ebnf$1", (lexer.has("argsClose") ? {type: "argsClose"} : argsClose)], "postprocess": ([, a]) => `(${a ? a.value : ''})`}
  ],
  ParserStart: "format",
};

export default grammar;
