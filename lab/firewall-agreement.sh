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

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$LAB_DIR/.." && pwd)"
SEED="${1:-5}"
CASES="${2:-200}"
OUT="${3:-$REPO_DIR/fixtures/firewall-cases/iptables-kernel.json}"
PAIRS="${4:-4}"
PY=/usr/bin/python3
LISTEN_PORTS=(22 80 443 3306 8080 8443 9000 9100)
PIDS=()
NS_PREFIX="hd-fwa-$$"

log() { printf '[fw-agreement %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $EUID -eq 0 ]] || die "run as root"
for t in ip iptables iptables-restore iptables-save "$PY"; do command -v "$t" >/dev/null || die "missing tool: $t"; done
[[ "$CASES" =~ ^[0-9]+$ && "$CASES" -le 2000 ]] || die "CASES must be a number <= 2000"
[[ "$PAIRS" =~ ^[0-9]+$ && "$PAIRS" -ge 1 && "$PAIRS" -le 16 ]] || die "PAIRS must be 1..16"

teardown() {
	local pid ns i
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for ((i = 0; i < PAIRS; i++)); do
		for ns in "$NS_PREFIX-c$i" "$NS_PREFIX-s$i"; do
			ip netns list | awk '{print $1}' | grep -qx "$ns" || continue
			for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
			ip netns del "$ns" 2>/dev/null || true
		done
	done
}
trap teardown EXIT
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
	# listeners: one python process per server namespace, killed by PID at exit (and bounded to 30 minutes)
	ip netns exec "$s" timeout 1800 "$PY" -c '
import select, socket, sys
socks = []
for p in map(int, sys.argv[1:]):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("0.0.0.0", p)); s.listen(512); socks.append(s)
while True:
    for s in select.select(socks, [], [])[0]:
        c, _ = s.accept(); c.close()
' "${LISTEN_PORTS[@]}" &
	PIDS+=($!)
done
for ((i = 0; i < PAIRS; i++)); do
	for _ in $(seq 1 40); do
		[[ "$(ip netns exec "$NS_PREFIX-s$i" ss -Htln | wc -l)" -ge "${#LISTEN_PORTS[@]}" ]] && break
		sleep 0.25
	done
done
mkdir -p "$(dirname "$OUT")"
log "seed $SEED, $CASES cases, $PAIRS namespace pairs -> ${OUT#"$REPO_DIR"/}"
"$PY" "$LAB_DIR/firewall-agreement.py" "$SEED" "$CASES" "$OUT" "$PAIRS" "$NS_PREFIX"
