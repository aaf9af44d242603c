// Every rule has a docs page, a test file, an index entry, and an id equal to its file name.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/model/cause.js';
import { LINT_RULES } from '../../src/lint/lint-rules.js';
import { RULES } from '../../src/rules/index.js';
import { PROJECT_ROOT } from '../helpers/fixtures.js';

const areas = readdirSync(path.join(PROJECT_ROOT, 'src/rules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'support')
  .map((entry) => entry.name);
const ruleFiles = areas.flatMap((area) =>
  readdirSync(path.join(PROJECT_ROOT, 'src/rules', area)).filter((name) => name.endsWith('.ts')).map((name) => ({ area, id: name.slice(0, -3) })),
);

describe('rule catalogue', () => {
  it('registers every rule file exactly once', () => {
    expect(RULES.map((rule) => rule.meta.id).sort()).toEqual(ruleFiles.map((file) => file.id).sort());
  });

  it.each(RULES.map((rule) => [rule.meta.id, rule] as const))('%s has a docs page, a test, a known cause and messages', (id, rule) => {
    const docs = path.join(PROJECT_ROOT, 'docs/rules', `${id}.md`);
    expect(existsSync(docs)).toBe(true);
    expect(readFileSync(docs, 'utf8').startsWith(`# ${id}\n`)).toBe(true);
    expect(existsSync(path.join(PROJECT_ROOT, 'test/rules', `${id}.test.ts`))).toBe(true);
    expect(Object.keys(CAUSES)).toContain(rule.meta.cause);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
  });
});

describe('lint rule catalogue', () => {
  it.each(LINT_RULES.map((rule) => [rule.id] as const))('%s has a docs page', (id) => {
    const docs = path.join(PROJECT_ROOT, 'docs/rules', `${id}.md`);
    expect(readFileSync(docs, 'utf8').startsWith(`# ${id}\n`)).toBe(true);
  });

  it('shares no id with an analyze rule', () => {
    const analyzeIds = new Set(RULES.map((rule) => rule.meta.id));
    expect(LINT_RULES.filter((rule) => analyzeIds.has(rule.id))).toEqual([]);
  });
});
