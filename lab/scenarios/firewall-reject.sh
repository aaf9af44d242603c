#!/usr/bin/env bash
# Scenario "firewall-reject": node2's service keeps listening on 8080, but an iptables rule on
# node2 (INPUT -p tcp --dport 8080 -j REJECT --reject-with tcp-reset) answers every SYN from
# lb with a RST. HAProxy marks node2 DOWN ("Connection refused"); tcpdump shows SYN -> RST.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init firewall-reject
HAPROXY_CHECK_MODE=merged

lab_up
traffic 6
ip netns exec hd-node2 iptables -A INPUT -p tcp --dport 8080 -j REJECT --reject-with tcp-reset
log "node2: iptables INPUT REJECT tcp-reset on 8080"
capture_start lb 60 tcp port 8080 and host 10.88.0.12
capture_start node2 60 tcp port 8080
traffic 4
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN, reason: Layer4 connection problem' 10
traffic 16
capture_stop lb
capture_stop node2
ip netns exec hd-node2 ss -Htln 'sport = :8080' | grep -q . || die "node2 must still listen on 8080"

scenario_collect() { collect_firewall_incident; }
collect_bundle "\`firewall-reject\` on **node2**: node2's service still listens on 10.88.0.12:8080 (node2's \`ss -tulpn\`),
but node2's firewall has \`-A INPUT -p tcp -m tcp --dport 8080 -j REJECT --reject-with tcp-reset\`
(\`iptables-save\`, with packet counters in \`iptables -vnxL\` and the same rule in \`nft list ruleset\`).
Every SYN from lb is answered by a RST (tcpdump on lb and node2), so HAProxy's checks get \"Connection refused\"
and node2 is DOWN; \`nc\`/\`curl\` from lb to 10.88.0.12:8080 are refused while node1 works. Not
\`backend-not-listening\`: the listener exists. Fix: allow 8080 from the load balancer on node2
(\`iptables -I INPUT -p tcp -s 10.88.0.10 --dport 8080 -j ACCEPT\`, or delete the REJECT rule)."

readme_append "## Evidence (file:line: text)"
readme_evidence node2/commands/iptables-save 'dport 8080 -j REJECT' 1
readme_evidence node2/commands/iptables_-vnxL 'REJECT' 1
readme_evidence node2/commands/nft_list_ruleset 'dport 8080' 1
readme_evidence node2/commands/ss_-tulpn '10.88.0.12:8080' 1
readme_evidence lb/var/log/haproxy.log 'Server be_app/node2 is DOWN' 1
readme_evidence lb/var/log/haproxy-stderr.log 'node2 is DOWN' 1
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.12_8080 'refused' 1
readme_evidence lb/commands/tcpdump_-nn_-tttt_-r_capture.pcap '.' 2
readme_evidence node2/commands/tcpdump_-nn_-tttt_-r_capture.pcap '.' 2
