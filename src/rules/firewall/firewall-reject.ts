// A firewall rule on the path rejects the LB's connects to a server: "Connection refused" with the service up.
import { createRule } from '../rule.js';
import { reportBlockedServers } from '../support/blocked-servers.js';

export default createRule({
  meta: {
    id: 'firewall-reject',
    cause: 'firewall-reject',
    severity: 'error',
    title: 'Firewall rejects connections to a server',
    description: "The firewall of the backend host (INPUT) or of the load balancer (OUTPUT) rejects a new TCP connection from the load balancer to a server (REJECT: RST or ICMP error), so connects are refused even when the service listens.",
    requires: ['haproxy-cfg'],
    messages: {
      blocked: 'Connections from the load balancer to server "{server}" of backend "{backend}" ({endpoint}) are rejected{rejectWith} by the {chain} firewall of "{firewallHost}" ({source}: "{rule}"{frontEnd}){corroboration}',
    },
  },
  check(context, report) {
    reportBlockedServers(context, { verdict: 'REJECT', agreeingProbes: ['refused', 'unreachable'], agreeingFlows: ['refused', 'icmp-unreachable'] }, report);
  },
});
