import rule from '../../src/rules/frontend/haproxy-not-running.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: { bundle: 'haproxy-not-running', subjects: ['lb'], message: ['10.88.0.10:80'], evidence: ['bind 10.88.0.10:80', 'Local Address:Port', 'Connection refused'] },
  // frontend-port-in-use: HAProxy is not listening either, but its own alert names the better cause.
  falsePositives: ['healthy', 'backend-stopped', 'frontend-port-in-use'],
});
