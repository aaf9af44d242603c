import rule from '../../src/rules/frontend/frontend-bind-address-missing.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: { bundle: 'frontend-bind-address-missing', subjects: ['fe_main'], message: ['10.88.0.50'], evidence: ['Cannot assign requested address', 'bind 10.88.0.50:80'] },
  falsePositives: ['healthy', 'frontend-port-in-use'],
});
