// The syslog level each kind of HAProxy message is sent at, and the highest level a `log` line lets through.
// Levels as HAProxy 2.6 sends them, read from the <pri> of the lab's RFC 5424 log (fixtures/parsers/haproxy-log/
// rsyslog-rfc5424.log, facility local0): traffic 134 (info), health checks and UP 133 (notice), DOWN 129 (alert).

export const LOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

/** What an incident analysis loses below each level, most important first. */
export const EVIDENCE_LEVELS: { level: number; what: string; side: 'frontend' | 'backend' }[] = [
  { level: 6, what: 'traffic logs (info)', side: 'frontend' },
  { level: 5, what: 'health-check results and servers coming UP (notice)', side: 'backend' },
  { level: 1, what: 'servers going DOWN (alert)', side: 'backend' },
];

/**
 * The highest level a `log` line sends (0 emerg .. 7 debug): `log <target> [len N] [format F] [sample R:S]
 * <facility> [<level> [<minlevel>]]`; no level means everything. Undefined for `log global` and `no log`.
 */
export function maxLogLevel(args: string[]): number | undefined {
  if (args[0] !== 'log' || args[1] === undefined || args[1] === 'global') return undefined;
  let i = 2;
  while (args[i] === 'len' || args[i] === 'format' || args[i] === 'sample') i += 2;
  const level = args[i + 1];
  const rank = level === undefined ? -1 : LOG_LEVELS.indexOf(level as (typeof LOG_LEVELS)[number]);
  return rank < 0 ? 7 : rank;
}
