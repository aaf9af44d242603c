// Maps a connect error's wording (errno text, curl and ncat phrasings) to a probe outcome.
import type { ProbeOutcome } from '../../model/network.js';

export function outcomeOfError(detail: string): ProbeOutcome {
  const text = detail.toLowerCase();
  if (text.includes('refused')) return 'refused';
  if (text.includes('timed out') || text.includes('timeout') || text.includes('operation now in progress')) return 'timeout';
  if (text.includes('no route to host') || text.includes('unreachable') || text.includes('prohibited')) return 'unreachable';
  if (text.includes('resolve') || text.includes('name or service not known') || text.includes('not known')) return 'dns-failure';
  return 'error';
}
