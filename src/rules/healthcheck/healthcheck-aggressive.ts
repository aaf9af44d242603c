// Servers flap DOWN/UP under check settings so tight that a healthy but slowish server fails them.
import type { CfgServer } from '../../model/haproxy-config.js';
import { createRule } from '../rule.js';
import { configsOf, sectionLines } from '../support/config-lines.js';
import { firstAndLast, logHosts, stateChanges } from '../support/log-events.js';

/** Flapping: at least this many DOWN transitions, each followed by UP. */
const MIN_FLAPS = 2;

export default createRule({
  meta: {
    id: 'healthcheck-aggressive',
    cause: 'healthcheck-aggressive',
    severity: 'warning',
    title: 'Health checks so tight that servers flap',
    description: 'A server goes DOWN and UP repeatedly while its check settings leave no margin (inter under 1 s, fall 1, timeout check under 100 ms).',
    requires: ['haproxy-log', 'haproxy-cfg'],
    messages: {
      flapping: 'Server "{server}" of backend "{backend}" flapped {flaps} times (DOWN then UP) with check settings {settings}; expected margins that a healthy server meets (e.g. inter 2s, fall 3, timeout check of several times the normal response time)',
    },
  },
  check(context, report) {
    for (const host of logHosts(context)) {
      for (const target of context.topology.servers.filter((candidate) => candidate.lbHost === host)) {
        const { backend, server } = target;
        const changes = stateChanges(context, host, { backend, server: server.name });
        let flaps = 0;
        for (let i = 1; i < changes.length; i++) if (changes[i - 1]?.event.state === 'DOWN' && changes[i]?.event.state === 'UP') flaps++;
        if (flaps < MIN_FLAPS) continue;
        const config = configsOf(context, host).find((artifact) => artifact.path === target.configPath);
        const timeoutCheck = config ? sectionLines(config, backend, 'timeout', 'check') : [];
        const tight = tightSettings(server, timeoutCheck[0]?.args[1]);
        if (tight.length === 0) continue;
        report({
          messageId: 'flapping',
          data: { server: server.name, backend, flaps, settings: tight.join(', ') },
          subject: { host, backend, server: server.name },
          hosts: [host],
          evidence: [
            target.provenance,
            ...(config ? timeoutCheck.map((line) => ({ host, path: config.path, line: line.line })) : []),
            ...firstAndLast(changes.filter((change) => change.event.state === 'DOWN').map((change) => change.provenance)),
          ],
          remediation: [
            `Loosen the checks of ${backend}/${server.name}: e.g. \`inter 2s fall 3 rise 2\` on the server line and \`timeout check\` well above the slowest normal answer of the health endpoint.`,
            'Measure the health endpoint\'s latency under load (the `check duration` in the DOWN lines shows it) before choosing the values.',
          ],
        });
      }
    }
  },
});

function tightSettings(server: CfgServer, timeoutCheck: string | undefined): string[] {
  const option = (name: string) => {
    const index = server.options.indexOf(name);
    return index === -1 ? undefined : server.options[index + 1];
  };
  const tight: string[] = [];
  const inter = milliseconds(option('inter'));
  if (inter !== undefined && inter < 1000) tight.push(`inter ${option('inter')}`);
  if (option('fall') === '1') tight.push('fall 1');
  const checkTimeout = milliseconds(timeoutCheck);
  if (checkTimeout !== undefined && checkTimeout < 100) tight.push(`timeout check ${timeoutCheck}`);
  return tight;
}

/** HAProxy time value (`100ms`, `2s`, `1m`, bare number = ms). */
function milliseconds(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+)(us|ms|s|m|h|d)?$/.exec(value);
  if (!match) return undefined;
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms'] ?? 1;
  return Number(match[1]) * factor;
}
