import rule from '../../src/rules/healthcheck/healthcheck-failing.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: {
    bundle: 'healthcheck-failing',
    subjects: ['be_app/node1', 'be_app/node2'],
    message: ['Layer7 wrong status', 'although TCP connects to 10.88.0.11:8080 succeed', 'GET /wrong'],
    evidence: ['is DOWN, reason: Layer7 wrong status', 'option httpchk GET /wrong', 'succeeded!'],
  },
  // healthcheck-aggressive: Layer7 timeouts of a flapping server are the aggressive rule's, not a wrong check.
  falsePositives: ['healthy', 'backend-stopped', 'healthcheck-aggressive'],
});
