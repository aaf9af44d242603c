import rule from '../../src/rules/frontend/config-invalid.js';
import { describeRule } from '../helpers/rule-cases.js';

describeRule(rule, {
  positive: { bundle: 'config-invalid', subjects: ['lb'], message: ["unknown keyword 'defualt_backend'"], evidence: ['[ALERT]', 'defualt_backend be_app'] },
  falsePositives: ['healthy', 'backend-stopped'],
});
