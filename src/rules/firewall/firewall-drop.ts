// A firewall rule on the path silently drops the LB's connects to a server: Layer4 timeouts, sC, 504s.
import { createRule } from '../rule.js';
import { reportBlockedServers } from '../support/blocked-servers.js';

export default createRule({
  meta: {
    id: 'firewall-drop',
    cause: 'firewall-drop',
    severity: 'error',
    title: 'Firewall drops connections to a server',
    description: 'The firewall of the backend host (INPUT) or of the load balancer (OUTPUT) drops a new TCP connection from the load balancer to a server, so connects time out (Layer4 timeout, termination state sC).',
    requires: ['haproxy-cfg'],
    messages: {
      blocked: 'Connections from the load balancer to server "{server}" of backend "{backend}" ({endpoint}) are dropped by the {chain} firewall of "{firewallHost}" ({source}: "{rule}"{frontEnd}){corroboration}',
    },
  },
  check(context, report) {
    reportBlockedServers(context, { verdict: 'DROP', agreeingProbes: ['timeout'], agreeingFlows: ['unanswered'] }, report);
  },
});
