# shellcheck shell=bash
# shellcheck disable=SC2034 # REPO_DIR, SEED and OUT are for the scripts that source this file
# The plumbing the kernel-agreement scripts share (firewall-agreement.sh for iptables, firewall-agreement-nft.sh for
# nft): their arguments, PAIRS client/server namespace pairs named $NS_PREFIX-cN / -sN (after the script's PID, so
# concurrent runs never meet), one listener process per server namespace killed by PID at exit, and the teardown of
# everything they created. Each script sets NAME, NS_PREFIX and its defaults, sources this file, then builds its pairs.

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$LAB_DIR/.." && pwd)"
PY=/usr/bin/python3
LISTEN_PORTS=(22 80 443 3306 8080 8443 9000 9100)
PIDS=()

log() { printf '[%s %s] %s\n' "$NAME" "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# fw_pairs_args SEED CASES OUT PAIRS (each may be empty: the script's DEFAULT_* then) and the tools the script needs.
fw_pairs_args() {
	SEED="${1:-$DEFAULT_SEED}"
	CASES="${2:-200}"
	OUT="${3:-$DEFAULT_OUT}"
	PAIRS="${4:-4}"
	shift 4
	[[ $EUID -eq 0 ]] || die "run as root"
	local t
	for t in ip "$PY" "$@"; do command -v "$t" >/dev/null || die "missing tool: $t"; done
	[[ "$CASES" =~ ^[0-9]+$ && "$CASES" -le 2000 ]] || die "CASES must be a number <= 2000"
	[[ "$PAIRS" =~ ^[0-9]+$ && "$PAIRS" -ge 1 && "$PAIRS" -le 16 ]] || die "PAIRS must be 1..16"
}

fw_pairs_teardown() {
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

# fw_listen NS FAMILIES: accept-and-close listeners on LISTEN_PORTS in NS, for FAMILIES "4" or "4 6"
# (bounded to 30 minutes, killed by PID at exit).
fw_listen() {
	local ns="$1" families="$2"
	ip netns exec "$ns" timeout 1800 "$PY" -c '
import select, socket, sys
families = [socket.AF_INET if f == "4" else socket.AF_INET6 for f in sys.argv[1].split()]
socks = []
for p in map(int, sys.argv[2:]):
    for fam in families:
        s = socket.socket(fam); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if fam == socket.AF_INET6: s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind(("0.0.0.0" if fam == socket.AF_INET else "::", p)); s.listen(512); socks.append(s)
while True:
    for s in select.select(socks, [], [])[0]:
        c, _ = s.accept(); c.close()
' "$families" "${LISTEN_PORTS[@]}" &
	PIDS+=($!)
}

# fw_wait_listeners PER_NS: until each server namespace has PER_NS listening sockets (at most 10 s each).
fw_wait_listeners() {
	local i
	for ((i = 0; i < PAIRS; i++)); do
		for _ in $(seq 1 40); do
			[[ "$(ip netns exec "$NS_PREFIX-s$i" ss -Htln | wc -l)" -ge "$1" ]] && break
			sleep 0.25
		done
	done
}
