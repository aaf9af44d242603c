// Every lab bundle: the expected causes, most probable first, each citing a line that proves it;
// the healthy controls have no error finding.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analyze.js';
import { bundlePath } from '../helpers/fixtures.js';

interface Expected {
  /** `cause(subject)` of the error findings, in rank order. */
  errors: string[];
  /** Text some evidence line of the first finding contains (host:path is checked too). */
  cites?: { at: string; text: string };
  /** Causes that must appear among warnings. */
  warnings?: string[];
}

const SCENARIOS: Record<string, Expected> = {
  'backend-stopped': { errors: ['backend-not-listening(node2)'], cites: { at: 'node2:commands/ss_-tulpn', text: 'Local Address:Port' } },
  'all-backends-down': { errors: ['backend-not-listening(node1)', 'backend-not-listening(node2)'], cites: { at: 'lb:var/log/haproxy.log', text: 'is DOWN' } },
  'backend-loopback': { errors: ['backend-bound-loopback(node2)'], cites: { at: 'node2:commands/ss_-tulpn', text: '127.0.0.1:8080' } },
  'backend-wrong-address': { errors: ['backend-wrong-address(node2)', 'backend-wrong-address(node3)'], cites: { at: 'lb:etc/haproxy/haproxy.cfg', text: 'server node2 10.88.0.12:8081' } },
  'collector-backend-stopped': { errors: ['backend-not-listening(node2)'], cites: { at: 'lb:var/log/haproxy.log', text: 'is DOWN' } },
  'config-invalid': { errors: ['config-invalid(lb)'], cites: { at: 'lb:etc/haproxy/haproxy.cfg', text: 'defualt_backend' } },
  'ephemeral-port-exhaustion': { errors: ['ephemeral-port-exhaustion(be_app)'], cites: { at: 'lb:commands/sysctl_-a', text: 'ip_local_port_range' } },
  'firewall-reject': { errors: ['firewall-reject(node2)'], cites: { at: 'node2:commands/iptables-save', text: '-j REJECT --reject-with tcp-reset' } },
  'firewall-drop': { errors: ['firewall-drop(node2)'], cites: { at: 'node2:commands/nft_list_ruleset', text: 'tcp dport 8080' } },
  // ufw's `default deny incoming` is the iptables INPUT policy DROP; ufw's own Default line is cited too.
  'firewall-ufw': { errors: ['firewall-drop(node2)'], cites: { at: 'node2:commands/ufw_status_verbose', text: 'Default: deny (incoming)' } },
  'two-causes': { errors: ['backend-not-listening(node1)', 'firewall-reject(node2)'], cites: { at: 'node1:commands/ss_-tulpn', text: 'Local Address:Port' } },
  'frontend-bind-address-missing': { errors: ['frontend-bind-address-missing(fe_main)'], cites: { at: 'lb:var/log/haproxy-stderr.log', text: 'Cannot assign requested address' } },
  'frontend-bind-denied': { errors: ['frontend-bind-denied(fe_main)'], cites: { at: 'lb:var/log/haproxy-stderr.log', text: 'Permission denied' } },
  'frontend-port-in-use': { errors: ['frontend-port-in-use(fe_main)'], cites: { at: 'lb:commands/ss_-tulpn', text: 'python3' } },
  'haproxy-not-running': { errors: ['haproxy-not-running(lb)'], cites: { at: 'lb:etc/haproxy/haproxy.cfg', text: 'bind 10.88.0.10:80' } },
  'healthcheck-aggressive': { errors: [], warnings: ['healthcheck-aggressive'] },
  'healthcheck-failing': { errors: ['healthcheck-failing(node1)', 'healthcheck-failing(node2)'], cites: { at: 'lb:etc/haproxy/haproxy.cfg', text: 'option httpchk GET /wrong' } },
  'maxconn-saturation': { errors: ['maxconn-saturation(be_app)'], cites: { at: 'lb:var/log/haproxy.log', text: 'sQ--' } },
  'selinux-denied': { errors: ['selinux-denied(node1)', 'selinux-denied(node2)'], cites: { at: 'lb:var/log/audit/audit.log', text: 'name_connect' } },
  healthy: { errors: [] },
  // DOWN lines of an HAProxy process that a restart replaced are history, not the current state.
  'down-before-restart': { errors: [], warnings: ['server-down'] },
  'healthy-maintenance': { errors: [] },
  'healthy-multi-backend': { errors: [] },
  'healthy-tcp-mode': { errors: [] },
};

describe.each(Object.entries(SCENARIOS))('%s', (bundle, expected) => {
  it('ranks the expected causes and cites their evidence', async () => {
    const { findings } = await analyze(bundlePath(bundle));
    const subject = (f: (typeof findings)[number]) => f.subject.server ?? f.subject.backend ?? f.subject.frontend ?? f.subject.host;
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.cause}(${subject(f)})`)).toEqual(expected.errors);
    // Errors come before everything else.
    expect(findings.slice(0, errors.length).every((f) => f.severity === 'error')).toBe(true);
    for (const cause of expected.warnings ?? []) expect(findings.map((f) => f.cause)).toContain(cause);
    if (expected.cites) {
      const [host, ...path] = expected.cites.at.split(':');
      const cited = findings[0]?.evidence.filter((e) => e.host === host && e.path === path.join(':')) ?? [];
      expect(cited.map((e) => e.text), expected.cites.at).toEqual(expect.arrayContaining([expect.stringContaining(expected.cites.text)]));
    }
  });
});
