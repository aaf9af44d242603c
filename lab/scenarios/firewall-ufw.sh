#!/usr/bin/env bash
# Scenario "firewall-ufw": node2's service keeps listening on 8080, but node2 enables ufw with
# `default deny incoming` and only `allow 22/tcp`. ufw's deny is a DROP (iptables INPUT policy DROP after
# ufw's chains), so lb's SYNs to 10.88.0.12:8080 are never answered: HAProxy marks node2 DOWN
# ("Layer4 timeout"), requests sent to node2 before that end in 503 sC.
# ufw runs inside hd-node2 only, in a private mount namespace over copies of /etc/ufw and /etc/default/ufw
# (lib.sh ufw_prepare); the script checks that the root filesystem's ufw files and the root namespace's
# iptables rules are the same before and after.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init firewall-ufw
HAPROXY_CHECK_MODE=merged

root_rules_sum() { { iptables -S; ip6tables -S; } 2>/dev/null | sha256sum | cut -d' ' -f1; }
ufw_sum_before="$(ufw_files_sum)"
rules_sum_before="$(root_rules_sum)"
ufw_prepare node2

lab_up
traffic 6
ufw_in node2 default deny incoming
ufw_in node2 default allow outgoing
ufw_in node2 allow 22/tcp
ufw_in node2 --force enable
[[ "$(ufw_in node2 status verbose)" == *"Status: active"* ]] || die "ufw is not active on node2"
log "node2: ufw default deny incoming, allow 22/tcp, enabled"
observe_node2_dropped

scenario_collect() { collect_firewall_incident; }
collect_bundle "\`firewall-drop\` on **node2**, by **ufw**: node2's service still listens on 10.88.0.12:8080 (node2's \`ss -tulpn\`),
but node2 runs ufw with \`Default: deny (incoming)\` and only \`22/tcp ALLOW IN Anywhere\` (\`ufw status verbose\`).
ufw's deny is a drop: in \`iptables-save\` ufw's chains (\`ufw-before-input\`, \`ufw-user-input\`, ...) let only port 22
through and the packet ends at \`:INPUT DROP\` (the same in \`iptables -vnxL\` and, as iptables-nft tables, in
\`nft list ruleset\`). lb's SYNs to 10.88.0.12:8080 reach node2 and are never answered (tcpdump on lb and node2),
so HAProxy's checks time out (\`Server be_app/node2 is DOWN, reason: Layer4 timeout\`), requests that were sent to
node2 waited for \`timeout connect\` on every retry and ended in \`503\` with termination state \`sC\`, and
\`nc\`/\`curl\` from lb to 10.88.0.12:8080 time out. Fix on node2: \`ufw allow from 10.88.0.10 to any port 8080 proto tcp\`."

readme_append "## Evidence (file:line: text)"
readme_evidence node2/commands/ufw_status_verbose '^Status: active' 1
readme_evidence node2/commands/ufw_status_verbose '^Default: deny \(incoming\)' 1
readme_evidence node2/commands/ufw_status_verbose '^22/tcp ' 1
readme_evidence node2/commands/iptables-save '^:INPUT DROP' 1
readme_evidence node2/commands/iptables-save '^-A ufw-user-input .*--dport 22 -j ACCEPT' 1
readme_evidence node2/commands/iptables_-vnxL '^Chain INPUT \(policy DROP' 1
readme_evidence node2/commands/ss_-tulpn '10.88.0.12:8080' 1
readme_evidence lb/var/log/haproxy.log 'Server be_app/node2 is DOWN' 1
readme_evidence lb/var/log/haproxy.log 'be_app/node2 .* 503 .* sC--' 2
readme_evidence lb/var/log/haproxy-stderr.log 'node2 is DOWN' 1
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.12_8080 '.' 1
readme_evidence 'lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.12:8080.' 'timed out|Timeout' 1
readme_evidence lb/commands/tcpdump_-nn_-tttt_-r_capture.pcap '.' 4
readme_evidence node2/commands/tcpdump_-nn_-tttt_-r_capture.pcap '.' 2

# Lab safety: ufw changed only node2's namespace and the run dir's copies of its configuration.
[[ "$(ufw_files_sum)" == "$ufw_sum_before" ]] || die "the root filesystem's ufw files changed"
[[ "$(root_rules_sum)" == "$rules_sum_before" ]] || die "the root namespace's iptables rules changed"
log "root /etc/ufw, /etc/default/ufw, /lib/ufw unchanged (sha256 $ufw_sum_before); root namespace rules unchanged"
