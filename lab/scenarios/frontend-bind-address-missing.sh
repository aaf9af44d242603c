#!/usr/bin/env bash
# Scenario "frontend-bind-address-missing": fe_main binds 10.88.0.50:80 (a "VIP" lb does not
# have); HAProxy cannot bind ("Cannot assign requested address") and exits.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init frontend-bind-address-missing
HAPROXY_CHECK_MODE=merged

sed -i 's/^\tbind 10\.88\.0\.10:80$/\tbind 10.88.0.50:80/' "$RUN/haproxy.cfg"
grep -q 'bind 10.88.0.50:80' "$RUN/haproxy.cfg" || die "bind change not applied"
lab_up_backends
! start_haproxy_try || die "haproxy started although 10.88.0.50 is not on lb"
TRAFFIC_HOST=10.88.0.50 TRAFFIC_MAX_TIME=3 traffic 3   # nobody owns the VIP: ARP fails, curl times out

scenario_collect() {
	collect_ps lb
	collect_cmd lb out "ip neigh"
}
collect_bundle "\`frontend-bind-address-missing\` on **lb**: \`fe_main\` binds \`10.88.0.50:80\` (haproxy.cfg line 24) but
no interface of lb has 10.88.0.50 (lb's \`ip addr\`: only 10.88.0.10/24 and fd88::10/64 on eth0), so HAProxy's
stderr has \`cannot bind socket (Cannot assign requested address) for [10.88.0.50:80]\` and HAProxy exited
(no process in \`ps\`, nothing listening in \`ss -tulpn\`). Clients sending to 10.88.0.50 time out (status 000).
Fix: add the address to lb (or the VIP manager, e.g. keepalived, must hold it), or bind an address lb has;
\`net.ipv4.ip_nonlocal_bind=1\` lets HAProxy start before a VIP arrives."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/etc/haproxy/haproxy.cfg 'bind 10.88.0.50:80' 1
readme_evidence lb/var/log/haproxy-stderr.log 'Cannot assign|failed to start' 2
readme_evidence lb/commands/ip_addr 'inet ' 3
