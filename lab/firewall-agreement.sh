#!/usr/bin/env bash
# haproxy-doctor lab: kernel agreement for the iptables verdict engine. Creates PAIRS client/server network
# namespace pairs (hd-fwa-<pid>-cN / hd-fwa-<pid>-sN: named after this script's PID so that concurrent runs,
# e.g. two people running the test suite, never touch each other's namespaces; veth 10.66.0.0/24, client addresses .1 .3 .5 .130, server .2 with
# listeners on the probed ports), runs lab/firewall-agreement.py, and deletes everything it created.
# Nothing changes in the root namespace; ICMP rate limiting is turned off inside the server namespaces only
# (otherwise a burst of REJECTs would look like DROPs).
# Usage: sudo bash lab/firewall-agreement.sh [SEED] [CASES] [OUT.json] [PAIRS]
#   default: seed 5, 200 cases, fixtures/firewall-cases/iptables-kernel.json, 4 pairs
set -euo pipefail

NAME=fw-agreement
NS_PREFIX="hd-fwa-$$"
DEFAULT_SEED=5
# shellcheck source=SCRIPTDIR/fw-pairs.sh
source "$(dirname "${BASH_SOURCE[0]}")/fw-pairs.sh"
DEFAULT_OUT="$REPO_DIR/fixtures/firewall-cases/iptables-kernel.json"
fw_pairs_args "${1:-}" "${2:-}" "${3:-}" "${4:-}" iptables iptables-restore iptables-save
trap fw_pairs_teardown EXIT
trap 'exit 130' INT TERM

for ((i = 0; i < PAIRS; i++)); do
	c="$NS_PREFIX-c$i"; s="$NS_PREFIX-s$i"
	ip netns add "$c"; ip netns add "$s"
	ip -n "$c" link set lo up; ip -n "$s" link set lo up
	ip -n "$c" link add eth0 type veth peer name eth0 netns "$s"
	for a in 10.66.0.1 10.66.0.3 10.66.0.5 10.66.0.130; do ip -n "$c" addr add "$a/24" dev eth0; done
	ip -n "$s" addr add 10.66.0.2/24 dev eth0
	ip -n "$c" link set eth0 up; ip -n "$s" link set eth0 up
	# The question is the fate of the SYN alone: the client sends nothing after it (its ACK would meet the
	# server's ESTABLISHED rules, whose REJECT reaches connect() as a late soft error).
	ip netns exec "$c" iptables -A OUTPUT -p tcp ! --syn -j DROP
	ip netns exec "$s" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000 net.ipv4.icmp_msgs_burst=100000 2>/dev/null \
		|| ip netns exec "$s" sysctl -qw net.ipv4.icmp_ratelimit=0
	fw_listen "$s" 4
done
fw_wait_listeners "${#LISTEN_PORTS[@]}"
mkdir -p "$(dirname "$OUT")"
log "seed $SEED, $CASES cases, $PAIRS namespace pairs -> ${OUT#"$REPO_DIR"/}"
"$PY" "$LAB_DIR/firewall-agreement.py" "$SEED" "$CASES" "$OUT" "$PAIRS" "$NS_PREFIX"
