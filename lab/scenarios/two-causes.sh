#!/usr/bin/env bash
# Scenario "two-causes": two independent failures at once: node1's service is stopped, and node2's
# firewall rejects 8080 (iptables REJECT tcp-reset) while its service listens. Both servers DOWN,
# clients get 503 <NOSRV>.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init two-causes
HAPROXY_CHECK_MODE=merged

lab_up
traffic 6
stop app-node1
ip netns exec hd-node2 iptables -A INPUT -p tcp --dport 8080 -j REJECT --reject-with tcp-reset
log "node1: service stopped; node2: iptables INPUT REJECT tcp-reset on 8080"
capture_start lb 60 tcp port 8080
wait_for "$RUN/haproxy.log" 'Server be_app/node1 is DOWN' 10
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN' 10
wait_for "$RUN/haproxy.log" 'no server available' 5
traffic 10
capture_stop lb

scenario_collect() {
	local h
	for h in lb node1 node2; do collect_firewall "$h"; done
	collect_ps lb
	collect_capture lb
}
collect_bundle "Two causes, both \`error\`, to be reported separately (neither explains the other):
1. \`backend-not-listening\` on **node1**: its service was stopped; node1's \`ss -tulpn\` shows nothing on 8080, no firewall
   rule on node1; HAProxy: \`Server be_app/node1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\"\`.
2. \`firewall-reject\` on **node2**: the service listens on 10.88.0.12:8080 (node2's \`ss -tulpn\`) but node2's
   \`iptables-save\` has \`-A INPUT -p tcp -m tcp --dport 8080 -j REJECT --reject-with tcp-reset\`; HAProxy:
   \`Server be_app/node2 is DOWN ... \"Connection refused\"\`.
tcpdump on lb shows SYN -> RST from both (the refusals look the same on the wire; the host artifacts tell them apart).
Together they empty the backend: \`backend be_app has no server available!\` and 503 \`be_app/<NOSRV>\` (the symptom,
\`no-server-available\`, attached to both causes). Fix: start the service on node1; allow 8080 from lb on node2."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/var/log/haproxy.log 'is DOWN|no server available' 3
readme_evidence lb/var/log/haproxy.log '<NOSRV>' 1
readme_evidence node1/commands/ss_-tulpn '.' 3
readme_evidence node2/commands/ss_-tulpn '10.88.0.12:8080' 1
readme_evidence node2/commands/iptables-save 'REJECT' 1
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.11_8080 '.' 1
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.12_8080 '.' 1
