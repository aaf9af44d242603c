import rule from '../../src/rules/security/selinux-denied.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: {
    bundle: 'selinux-denied',
    subjects: ['be_app/node1', 'be_app/node2'],
    message: ['port 8080', 'http_cache_port_t', 'haproxy_connect_any is off'],
    evidence: ['denied  { name_connect }', 'haproxy_connect_any --> off', 'enforcing', 'General socket error (Permission denied)'],
  },
  falsePositives: ['healthy', 'firewall-reject'],
});
