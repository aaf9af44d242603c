#!/usr/bin/env bash
# Scenario "backend-wrong-address": the config points server node2 at 10.88.0.12:8081 while
# node2's service listens on 8080, and lists a server node3 at 10.88.0.13:8080, an address no
# host owns. Both are DOWN (refused / timeout); traffic flows through node1 only.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init backend-wrong-address
HAPROXY_CHECK_MODE=merged

sed -i -e 's/^\tserver node2 10\.88\.0\.12:8080 \(.*\)$/\tserver node2 10.88.0.12:8081 \1\n\tserver node3 10.88.0.13:8080 \1/' "$RUN/haproxy.cfg"
[[ $(grep -cE 'server node2 10.88.0.12:8081|server node3 10.88.0.13:8080' "$RUN/haproxy.cfg") -eq 2 ]] || die "config change not applied"
lab_up
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN' 10
wait_for "$RUN/haproxy.log" 'Server be_app/node3 is DOWN' 10
traffic 20

scenario_collect() {
	collect_ps lb
	collect_cmd lb out "ip neigh"
	collect_cmd lb merged "nc -vz -w 2 10.88.0.12 8081"
	collect_cmd lb merged "nc -vz -w 2 10.88.0.13 8080"
}
collect_bundle "\`backend-wrong-address\` on **lb** (config): two servers of \`be_app\` point where no service is.
(1) \`server node2 10.88.0.12:8081\`: host node2 owns 10.88.0.12 (node2's \`ip addr\`) but its service listens on
**8080** (node2's \`ss -tulpn\`), nothing on 8081; HAProxy: \`Server be_app/node2 is DOWN, reason: Layer4 connection
problem, info: \"Connection refused\"\`; \`nc\` from lb to 10.88.0.12:8081 refused while 10.88.0.12:8080 succeeds.
(2) \`server node3 10.88.0.13:8080\`: no host of the bundle owns 10.88.0.13 (no \`ip addr\` has it) and lb's
\`ip neigh\` has no MAC for it (FAILED/INCOMPLETE); HAProxy: \`Server be_app/node3 is DOWN, reason: Layer4 timeout\`;
\`nc\` from lb to 10.88.0.13:8080 fails. Only node1 serves. Not \`backend-not-listening\`: node2's service is up,
on the other port. Fix: point node2 at 10.88.0.12:8080 and node3 at the right address (or remove it)."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/etc/haproxy/haproxy.cfg 'server node[23]' 2
readme_evidence node2/commands/ss_-tulpn '10.88.0.12:8080' 1
readme_evidence lb/var/log/haproxy.log 'Server be_app/node[23] is DOWN' 2
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.12_8081 '.' 1
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.12_8080 '.' 1
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.13_8080 '.' 1
readme_evidence lb/commands/ip_neigh '10.88.0.13' 1
