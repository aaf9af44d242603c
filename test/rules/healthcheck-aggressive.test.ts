import rule from '../../src/rules/healthcheck/healthcheck-aggressive.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: {
    bundle: 'healthcheck-aggressive',
    subjects: ['be_app/node2'],
    message: ['inter 100ms', 'fall 1', 'timeout check 50ms'],
    evidence: ['server node2 10.88.0.12:8080 check inter 100ms fall 1', 'timeout check 50ms', 'Layer7 timeout'],
  },
  falsePositives: ['healthy', 'backend-stopped', 'healthcheck-failing'],
});
