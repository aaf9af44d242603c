// The shape of a rule: metadata (id, cause, what it needs, messages) and a check over the facts.
import type { CauseId } from '../model/cause.js';
import type { FindingDraft, Severity } from '../model/finding.js';
import type { RuleContext } from '../engine/context.js';

export interface RuleMeta {
  /** Stable id; equals the file name under src/rules/<area>/ and the docs page docs/rules/<id>.md. */
  id: string;
  cause: CauseId;
  severity: Severity;
  /** Short, for lists: `Backend service not listening`. */
  title: string;
  /** One sentence for `rules` and SARIF. */
  description: string;
  /** Artifact kinds the rule reads; without all of them it is skipped with a reason. */
  requires: string[];
  /** Message templates with `{name}` placeholders filled from the finding's data. */
  messages: Record<string, string>;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Typed factory so every rule file reads the same and message ids are checked against its messages. */
export function createRule<MessageIds extends string>(rule: {
  meta: RuleMeta & { messages: Record<MessageIds, string> };
  check(context: RuleContext, report: (draft: FindingDraft & { messageId: MessageIds }) => void): void;
}): Rule {
  return {
    meta: rule.meta,
    check: (context) => rule.check(context, (draft) => context.report(draft)),
  };
}

export function renderMessage(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
