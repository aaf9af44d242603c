#!/usr/bin/env bash
# Scenario "frontend-bind-denied": HAProxy is started as the unprivileged user haproxy
# (setpriv, as a systemd unit with User=haproxy and no CAP_NET_BIND_SERVICE would), so it
# cannot bind port 80 (< net.ipv4.ip_unprivileged_port_start = 1024): "Permission denied".
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init frontend-bind-denied
HAPROXY_CHECK_MODE=merged

lab_up_backends
HAPROXY_WRAP=(setpriv --reuid=haproxy --regid=haproxy --init-groups)
! start_haproxy_try || die "haproxy started as haproxy user on :80"
grep -q 'Permission denied' "$RUN/haproxy-stderr.log" || die "no 'Permission denied' in haproxy stderr"
traffic 5

scenario_collect() {
	collect_ps lb
	collect_cmd lb out "sysctl -a"
	collect_cmd lb merged "curl -sv -m 3 -o /dev/null http://10.88.0.10/"
}
collect_bundle "\`frontend-bind-denied\` on **lb**: HAProxy was started as the unprivileged user \`haproxy\` (the lab used
\`setpriv --reuid=haproxy --regid=haproxy --init-groups haproxy -db -f /etc/haproxy/haproxy.cfg\`, as a systemd unit
with \`User=haproxy\` and no \`AmbientCapabilities=CAP_NET_BIND_SERVICE\` would). Port 80 is below
\`net.ipv4.ip_unprivileged_port_start = 1024\` (lb's \`sysctl -a\`), so binding fe_main failed with
\`cannot bind socket (Permission denied) for [10.88.0.10:80]\` (HAProxy's stderr) and HAProxy exited; nothing listens on
10.88.0.10:80, clients are refused. Fix: start HAProxy as root (it drops to \`user haproxy\` itself after binding)
or give it CAP_NET_BIND_SERVICE."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/var/log/haproxy-stderr.log 'Permission denied|failed to start|ALERT' 4
readme_evidence lb/commands/sysctl_-a 'ip_unprivileged_port_start' 1
readme_evidence lb/etc/haproxy/haproxy.cfg 'bind 10.88.0.10:80' 1
readme_evidence 'lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.10.' 'refused' 1
