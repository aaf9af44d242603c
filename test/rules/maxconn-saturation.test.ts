import rule from '../../src/rules/resources/maxconn-saturation.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: {
    bundle: 'maxconn-saturation',
    subjects: ['be_app'],
    message: ['sQ', 'node1 maxconn 1'],
    evidence: ['sQ--', 'maxconn 1', 'timeout queue 500ms'],
  },
  // all-backends-down: its <NOSRV> 503s end in SC (no server UP), not in a queue.
  falsePositives: ['healthy', 'all-backends-down'],
});
