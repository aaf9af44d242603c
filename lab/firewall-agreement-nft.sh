#!/usr/bin/env bash
# haproxy-doctor lab: kernel agreement for the nftables verdict engine (the nft twin of firewall-agreement.sh).
# Creates PAIRS client/server network namespace pairs (hd-p3-fwn-<pid>-cN / -sN, named after this script's PID
# so concurrent runs never touch each other's namespaces; veth 10.67.0.0/24 + fd67::/64, client addresses
# .1 .3 .5 .130 / fd67::1 ::3 ::81, server .2 / fd67::2 with listeners on the probed ports, IPv4 and IPv6),
# runs lab/firewall-agreement-nft.py (real `nft -f`, real SYNs), and deletes everything it created.
# Nothing changes in the root namespace; ICMP rate limiting is turned off inside the server namespaces only.
# Usage: sudo bash lab/firewall-agreement-nft.sh [SEED] [CASES] [OUT.json] [PAIRS]
#   default: seed 7, 200 cases, fixtures/firewall-cases/nft-kernel.json, 4 pairs
set -euo pipefail

NAME=nft-agreement
NS_PREFIX="hd-p3-fwn-$$"
DEFAULT_SEED=7
# shellcheck source=SCRIPTDIR/fw-pairs.sh
source "$(dirname "${BASH_SOURCE[0]}")/fw-pairs.sh"
DEFAULT_OUT="$REPO_DIR/fixtures/firewall-cases/nft-kernel.json"
fw_pairs_args "${1:-}" "${2:-}" "${3:-}" "${4:-}" nft iptables
trap fw_pairs_teardown EXIT
trap 'exit 130' INT TERM

for ((i = 0; i < PAIRS; i++)); do
	c="$NS_PREFIX-c$i"; s="$NS_PREFIX-s$i"
	ip netns add "$c"; ip netns add "$s"
	for ns in "$c" "$s"; do
		ip -n "$ns" link set lo up
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
	done
	ip -n "$c" link add eth0 type veth peer name eth0 netns "$s"
	for a in 10.67.0.1 10.67.0.3 10.67.0.5 10.67.0.130; do ip -n "$c" addr add "$a/24" dev eth0; done
	for a in fd67::1 fd67::3 fd67::81; do ip -n "$c" -6 addr add "$a/64" dev eth0 nodad; done
	ip -n "$s" addr add 10.67.0.2/24 dev eth0
	ip -n "$s" -6 addr add fd67::2/64 dev eth0 nodad
	ip -n "$c" link set eth0 up; ip -n "$s" link set eth0 up
	# Static neighbours: a rule set that drops ICMPv6 would otherwise block neighbour discovery, and a SYN the
	# server's rules accept would time out for want of a MAC address (ARP is not filtered by ip/ip6/inet tables).
	cmac="$(ip netns exec "$c" cat /sys/class/net/eth0/address)"; smac="$(ip netns exec "$s" cat /sys/class/net/eth0/address)"
	for a in 10.67.0.2 fd67::2; do ip -n "$c" neigh replace "$a" lladdr "$smac" dev eth0 nud permanent; done
	for a in 10.67.0.1 10.67.0.3 10.67.0.5 10.67.0.130 fd67::1 fd67::3 fd67::81; do ip -n "$s" neigh replace "$a" lladdr "$cmac" dev eth0 nud permanent; done
	# The question is the fate of the SYN alone: the client sends nothing after it (its own nft table, client side only).
	printf 'table inet client_only_syn {\n chain out {\n  type filter hook output priority 0; policy accept;\n  tcp flags & (syn | ack) != syn drop\n }\n}\n' \
		| ip netns exec "$c" nft -f -
	ip netns exec "$s" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
	ip netns exec "$s" sysctl -qw net.ipv4.icmp_msgs_per_sec=100000 net.ipv4.icmp_msgs_burst=100000 2>/dev/null || true
	fw_listen "$s" "4 6"
done
fw_wait_listeners $((2 * ${#LISTEN_PORTS[@]}))
mkdir -p "$(dirname "$OUT")"
log "seed $SEED, $CASES cases, $PAIRS namespace pairs -> ${OUT#"$REPO_DIR"/}"
"$PY" "$LAB_DIR/firewall-agreement-nft.py" "$SEED" "$CASES" "$OUT" "$PAIRS" "$NS_PREFIX"
