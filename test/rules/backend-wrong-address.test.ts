import rule from '../../src/rules/backend/backend-wrong-address.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: {
    bundle: 'backend-wrong-address',
    subjects: ['be_app/node2', 'be_app/node3'],
    message: ['10.88.0.12:8081', 'server node2 10.88.0.12:8080'],
    evidence: ['server node2 10.88.0.12:8081', '10.88.0.12:8080', 'Server be_app/node2 is DOWN'],
  },
  falsePositives: ['healthy', 'backend-stopped', 'backend-loopback'],
});
