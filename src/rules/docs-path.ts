// Where a rule's docs page lives, found from this module upward (works from src/ and from the bundled dist/).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let docsRoot: string | undefined;

export function docsPath(ruleId: string): string {
  if (!docsRoot) {
    let directory = path.dirname(fileURLToPath(import.meta.url));
    for (let depth = 0; depth < 6 && !existsSync(path.join(directory, 'docs', 'rules')); depth++) directory = path.dirname(directory);
    docsRoot = path.join(directory, 'docs', 'rules');
  }
  return path.join(docsRoot, `${ruleId}.md`);
}
