import rule from '../../src/rules/firewall/firewall-reject.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: {
    bundle: 'firewall-reject',
    subjects: ['be_app/node2'],
    message: ['10.88.0.12:8080', 'tcp-reset', 'incoming firewall of "node2"'],
    evidence: ['-A INPUT -p tcp -m tcp --dport 8080 -j REJECT --reject-with tcp-reset', 'Flags [R.]', 'Connection refused'],
  },
  falsePositives: ['healthy', 'firewall-drop', 'firewall-ufw', 'backend-stopped'],
});
