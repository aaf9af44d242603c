import rule from '../../src/rules/frontend/frontend-bind-denied.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: { bundle: 'frontend-bind-denied', subjects: ['fe_main'], message: ['10.88.0.10:80', 'below 1024'], evidence: ['Permission denied', 'bind 10.88.0.10:80'] },
  falsePositives: ['healthy', 'frontend-port-in-use'],
});
