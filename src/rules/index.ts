// Every analyze rule, causes first (their order breaks ties in ranking); one line per rule.
import backendBoundLoopback from './backend/backend-bound-loopback.js';
import backendNotListening from './backend/backend-not-listening.js';
import backendWrongAddress from './backend/backend-wrong-address.js';
import configInvalid from './frontend/config-invalid.js';
import firewallDrop from './firewall/firewall-drop.js';
import firewallReject from './firewall/firewall-reject.js';
import frontendBindAddressMissing from './frontend/frontend-bind-address-missing.js';
import frontendBindDenied from './frontend/frontend-bind-denied.js';
import frontendPortInUse from './frontend/frontend-port-in-use.js';
import haproxyNotRunning from './frontend/haproxy-not-running.js';
import healthcheckAggressive from './healthcheck/healthcheck-aggressive.js';
import healthcheckFailing from './healthcheck/healthcheck-failing.js';
import ephemeralPortExhaustion from './resources/ephemeral-port-exhaustion.js';
import maxconnSaturation from './resources/maxconn-saturation.js';
import selinuxDenied from './security/selinux-denied.js';
import noServerAvailable from './symptoms/no-server-available.js';
import serverDown from './symptoms/server-down.js';
import type { Rule } from './rule.js';

export const RULES: readonly Rule[] = [
  configInvalid,
  selinuxDenied,
  frontendPortInUse,
  frontendBindDenied,
  frontendBindAddressMissing,
  haproxyNotRunning,
  backendWrongAddress,
  backendBoundLoopback,
  backendNotListening,
  firewallReject,
  firewallDrop,
  healthcheckFailing,
  healthcheckAggressive,
  maxconnSaturation,
  ephemeralPortExhaustion,
  noServerAvailable,
  serverDown,
];
