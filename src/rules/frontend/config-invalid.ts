// haproxy -c (or HAProxy's start) reported fatal configuration errors: HAProxy refuses to start.
import type { Artifact } from '../../engine/artifact.js';
import type { RuleContext } from '../../engine/context.js';
import type { HaproxyConfig } from '../../model/haproxy-config.js';
import type { LogFacts } from '../../model/haproxy-log.js';
import type { Provenance } from '../../model/provenance.js';
import type { HaproxyCheck } from '../../parsers/haproxy-check/index.js';
import { createRule } from '../rule.js';

const MAX_ALERTS_CITED = 5;
const CONFIG_LOCATION = /\[([^\]:]+):(\d+)\]/;

export default createRule({
  meta: {
    id: 'config-invalid',
    cause: 'config-invalid',
    severity: 'error',
    title: 'Configuration invalid',
    description: 'haproxy -c, or HAProxy at start-up, reported fatal errors in haproxy.cfg, so HAProxy refuses to start or reload.',
    requires: [],
    messages: {
      invalid: 'HAProxy reports {count} fatal error(s) in its configuration on {host}, first: "{first}"; HAProxy will not start (or reload) with it',
    },
  },
  check(context, report) {
    const hosts = new Set([...context.artifacts('haproxy-check'), ...context.artifacts('haproxy-log')].map((artifact) => artifact.host));
    for (const host of hosts) {
      const alerts: { message: string; provenance: Provenance }[] = [];
      for (const artifact of context.artifacts<HaproxyCheck>('haproxy-check', host)) {
        if (artifact.value?.verdict !== 'invalid') continue;
        for (const message of artifact.value.messages.filter((m) => m.level === 'ALERT')) {
          alerts.push({ message: message.message, provenance: { host, path: artifact.path, line: message.line } });
        }
      }
      for (const artifact of context.artifacts<LogFacts>('haproxy-log', host)) {
        const events = artifact.value?.events ?? [];
        if (!events.some((event) => event.type === 'alert' && /Fatal errors found in configuration|Error\(s\) found in configuration file/.test(event.message))) continue;
        for (const event of events) if (event.type === 'alert' && /^\s*(config : )?(parsing \[|Proxy '|Fatal|Error)/.test(event.message.replace(/^\S+\s*:\s*/, ''))) alerts.push({ message: event.message, provenance: { host, path: artifact.path, line: event.line } });
      }
      const fatal = alerts.filter((alert) => !/Fatal errors found|Error\(s\) found in configuration file/.test(alert.message));
      if (alerts.length === 0) continue;
      const cited = fatal.length > 0 ? fatal : alerts;
      const unique = dedupeByMessage(cited);
      report({
        messageId: 'invalid',
        data: { count: unique.length, host, first: (unique[0]?.message ?? '').replace(/^config : /, '').slice(0, 200) },
        subject: { host },
        hosts: [host],
        evidence: [
          ...unique.slice(0, MAX_ALERTS_CITED).map((alert) => alert.provenance),
          ...unique.slice(0, MAX_ALERTS_CITED).flatMap((alert) => configLineOf(context, host, alert.message)),
        ],
        remediation: [
          'Fix each error at the file and line HAProxy names, then check with `haproxy -c -f /etc/haproxy/haproxy.cfg` before reloading.',
          'Run `haproxy-doctor lint` on the config in CI so the next error never reaches the host.',
        ],
      });
    }
  },
});

function dedupeByMessage<T extends { message: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.message.replace(/^.*?config : /, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `parsing [/etc/haproxy/haproxy.cfg:12]` → the same file in the bundle (`etc/haproxy/haproxy.cfg`, line 12). */
function configLineOf(context: RuleContext, host: string, message: string): Provenance[] {
  const location = CONFIG_LOCATION.exec(message);
  if (!location) return [];
  const wanted = (location[1] ?? '').replace(/^\/+/, '');
  const configs: Artifact<HaproxyConfig>[] = context.artifacts<HaproxyConfig>('haproxy-cfg', host);
  const config = configs.find((artifact) => artifact.path === wanted || wanted.endsWith(`/${artifact.path}`) || artifact.path.endsWith(wanted.split('/').pop() ?? '\u0000'));
  return config ? [{ host, path: config.path, line: Number(location[2]) }] : [];
}
