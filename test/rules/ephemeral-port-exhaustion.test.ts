import rule from '../../src/rules/resources/ephemeral-port-exhaustion.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: {
    bundle: 'ephemeral-port-exhaustion',
    subjects: ['be_app'],
    message: ['no free ports', '40000-40010 (11 ports)', 'TIME-WAIT'],
    evidence: ['no free ports', 'net.ipv4.ip_local_port_range', 'TIME-WAIT'],
  },
  falsePositives: ['healthy', 'maxconn-saturation'],
});
