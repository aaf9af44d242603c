// Every analyze rule, causes first (their order breaks ties in ranking); one line per rule.
import backendBoundLoopback from './backend/backend-bound-loopback.js';
import backendNotListening from './backend/backend-not-listening.js';
import noServerAvailable from './symptoms/no-server-available.js';
import serverDown from './symptoms/server-down.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  backendBoundLoopback,
  backendNotListening,
  noServerAvailable,
  serverDown,
];
