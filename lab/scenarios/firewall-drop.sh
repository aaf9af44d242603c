#!/usr/bin/env bash
# Scenario "firewall-drop": node2's service keeps listening on 8080, but an nftables rule on
# node2 (table inet filter, chain input: tcp dport 8080 counter drop) silently drops lb's SYNs.
# HAProxy marks node2 DOWN ("Layer4 timeout"); requests sent to node2 before that wait for the
# connect timeout (2 s x 4 attempts) and end in 503 sC; tcpdump shows SYNs never answered.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init firewall-drop
HAPROXY_CHECK_MODE=merged

lab_up
traffic 6
ip netns exec "${NS_PFX}node2" nft add table inet filter
ip netns exec "${NS_PFX}node2" nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
ip netns exec "${NS_PFX}node2" nft add rule inet filter input tcp dport 8080 counter drop
log "node2: nft inet filter input tcp dport 8080 drop"
observe_node2_dropped

scenario_collect() { collect_firewall_incident; }
collect_bundle "\`firewall-drop\` on **node2**: node2's service still listens on 10.88.0.12:8080 (node2's \`ss -tulpn\`),
but node2's nftables ruleset has \`table inet filter { chain input { ... tcp dport 8080 counter ... drop } }\`
(\`nft list ruleset\`; \`iptables-save\` is empty because the rule is native nft). lb's SYNs to 10.88.0.12:8080
reach node2 and are never answered (tcpdump on lb and node2: repeated SYNs / retransmissions, no SYN-ACK, no RST),
so HAProxy's checks time out (\`Server be_app/node2 is DOWN, reason: Layer4 timeout\`), requests that were sent
to node2 waited for \`timeout connect\` on every retry and ended in \`503\` with termination state \`sC\`,
and \`nc\`/\`curl\` from lb to 10.88.0.12:8080 time out. Fix: accept 8080 from the load balancer on node2
(\`nft insert rule inet filter input ip saddr 10.88.0.10 tcp dport 8080 accept\`, or delete the drop rule)."

readme_append "## Evidence (file:line: text)"
readme_evidence node2/commands/nft_list_ruleset 'dport 8080.*drop' 1
readme_evidence node2/commands/ss_-tulpn '10.88.0.12:8080' 1
readme_evidence lb/var/log/haproxy.log 'Server be_app/node2 is DOWN' 1
readme_evidence lb/var/log/haproxy.log 'be_app/node2 .* 503 .* sC--' 2
readme_evidence lb/var/log/haproxy-stderr.log 'node2 is DOWN' 1
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.12_8080 '.' 1
readme_evidence 'lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.12:8080.' 'timed out|Timeout' 1
readme_evidence lb/commands/tcpdump_-nn_-tttt_-r_capture.pcap '.' 4
readme_evidence node2/commands/tcpdump_-nn_-tttt_-r_capture.pcap '.' 2
