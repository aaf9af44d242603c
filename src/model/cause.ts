// The closed cause vocabulary of DESIGN.md; a new cause is added there first, then here.

export const CAUSES = {
  'config-invalid': 'haproxy.cfg has errors that stop HAProxy from starting',
  'haproxy-not-running': 'no HAProxy process / nothing bound on the frontend address',
  'frontend-port-in-use': 'bind failed: another process holds the address:port',
  'frontend-bind-denied': 'bind failed: permission (port < 1024 without privilege, SELinux name_bind)',
  'frontend-bind-address-missing': 'bind failed: the address is not configured on the host',
  'backend-not-listening': "nothing listens on the server's port on the backend host (service down)",
  'backend-bound-loopback': 'the backend service listens on 127.0.0.1 / ::1 only',
  'backend-wrong-address': 'the config points the server at an address:port where the service is not',
  'firewall-reject': 'a firewall rule on the path rejects (RST / ICMP): connection refused',
  'firewall-drop': 'a firewall rule on the path drops: connect timeouts',
  'selinux-denied': 'SELinux denies HAProxy the connect or bind (AVC records)',
  'healthcheck-failing': 'TCP works but the health check fails (wrong path, status, Host header)',
  'healthcheck-aggressive': 'check timing so tight that healthy servers flap',
  'maxconn-saturation': 'frontend/global/server maxconn reached: queueing, queue timeouts, refusals',
  'ephemeral-port-exhaustion': 'no free local ports towards the backends (TIME_WAIT pile-up vs port range)',
  'no-server-available': 'symptom: 503 / <NOSRV> / "has no server available!" with no explained cause',
  'server-down': 'symptom: a server marked DOWN with no explained cause',
} as const;

export type CauseId = keyof typeof CAUSES;

/** Causes that only describe what was seen; a root cause found for the same subject explains them. */
export const SYMPTOM_CAUSES: ReadonlySet<CauseId> = new Set(['no-server-available', 'server-down']);
