import rule from '../../src/rules/firewall/firewall-drop.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: {
    bundle: 'firewall-drop',
    subjects: ['be_app/node2'],
    message: ['10.88.0.12:8080', 'dropped', 'nft-ruleset'],
    evidence: ['tcp dport 8080', 'Layer4 timeout', 'Flags [S]', 'timed out'],
  },
  falsePositives: ['healthy', 'firewall-reject', 'backend-stopped'],
});
