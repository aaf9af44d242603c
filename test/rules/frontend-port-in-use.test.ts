import rule from '../../src/rules/frontend/frontend-port-in-use.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: { bundle: 'frontend-port-in-use', subjects: ['fe_main'], message: ['10.88.0.10:80', '"python3"'], evidence: ['Address already in use', 'bind 10.88.0.10:80', 'users:(("python3"'] },
  falsePositives: ['healthy', 'frontend-bind-denied'],
});
