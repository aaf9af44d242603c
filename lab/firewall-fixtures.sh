#!/usr/bin/env bash
# haproxy-doctor lab: real outputs of iptables-save, iptables -L, nft, ufw, firewall-offline-cmd, sysctl and
# ip route for the firewall-side parsers. Everything runs inside one private network namespace (hd-fwfix);
# ufw and firewall-offline-cmd additionally run in a private mount namespace over a copy of /etc/ufw or
# /etc/firewalld, so neither the root namespace's rules nor its files change.
# Writes fixtures/parsers/{iptables,nft,ufw,firewalld,sysctl,ip-route}/<name>.txt + README.md (one line per file).
# Usage: sudo bash lab/firewall-fixtures.sh
set -euo pipefail

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$LAB_DIR/.." && pwd)"
PF="$REPO_DIR/fixtures/parsers"
NS=hd-fwfix
PEER=hd-fwfix-peer
RUN=/tmp/hd-lab/firewall-fixtures
KINDS=(iptables nft ufw firewalld sysctl ip-route)

log() { printf '[fw-fixtures %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ $EUID -eq 0 ]] || die "run as root"
for t in ip iptables iptables-save ip6tables-save iptables-restore nft ufw firewall-offline-cmd sysctl unshare setpriv; do
	command -v "$t" >/dev/null || die "missing tool: $t (apt-get install iptables nftables ufw firewalld)"
done

teardown() {
	local ns pid
	for ns in "$NS" "$PEER"; do
		if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
			for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
			ip netns del "$ns" 2>/dev/null || true
		fi
	done
}
teardown
trap teardown EXIT
trap 'exit 130' INT TERM
rm -rf "$RUN"; mkdir -p "$RUN"

ip netns add "$NS"
ip netns add "$PEER"
ip -n "$NS" link set lo up
ip -n "$NS" link add eth0 type veth peer name eth0 netns "$PEER"
ip -n "$NS" addr add 10.77.0.2/24 dev eth0
ip -n "$NS" -6 addr add fd77::2/64 dev eth0 nodad
ip -n "$NS" link set eth0 up
ip -n "$PEER" link set lo up
ip -n "$PEER" addr add 10.77.0.1/24 dev eth0
ip -n "$PEER" link set eth0 up
ip -n "$NS" link add dummy0 type veth peer name dummy0-peer
ip -n "$NS" addr add 192.168.50.2/24 dev dummy0
ip -n "$NS" link set dummy0 up
ip -n "$NS" route add default via 10.77.0.1 dev eth0
ip -n "$NS" route add 172.16.0.0/12 via 10.77.0.1 dev eth0 metric 50
ip -n "$NS" route add blackhole 203.0.113.0/24
ip -n "$NS" route add unreachable 198.51.100.0/24
ip -n "$NS" route add 10.200.0.0/16 table 100 via 192.168.50.1 dev dummy0
ip -n "$NS" -6 route add default via fd77::1 dev eth0

for k in "${KINDS[@]}"; do mkdir -p "$PF/$k"; : >"$RUN/readme-$k"; done
# iptables/ already holds the parser-fixtures.sh outputs: keep their README lines.
grep '^- ' "$PF/iptables/README.md" 2>/dev/null | grep -v 'firewall-fixtures' >"$RUN/readme-iptables-old" || true

# capture KIND NAME MODE "DESCRIPTION" CMD...: run CMD inside the namespace; MODE=out keeps stdout,
# merged keeps stdout+stderr (what a collector that merges streams stores).
# shellcheck disable=SC2016 # backquotes are markdown
capture() {
	local kind="$1" name="$2" mode="$3" what="$4" rc=0 out
	shift 4
	out="$PF/$kind/$name.txt"
	if [[ "$mode" == merged ]]; then
		ip netns exec "$NS" "$@" >"$out" 2>&1 </dev/null || rc=$?
	else
		ip netns exec "$NS" "$@" >"$out" 2>"$RUN/err" </dev/null || rc=$?
		[[ -s "$RUN/err" ]] && log "stderr of $*: $(head -c 200 "$RUN/err")"
	fi
	printf -- '- `%s.txt`: `%s`%s, exit %d (lab/firewall-fixtures.sh). %s\n' "$name" "${SHOWN_CMD:-$*}" \
		"$([[ $mode == merged ]] && echo ' (stdout+stderr)')" "$rc" "$what" >>"$RUN/readme-$kind"
	log "captured $kind/$name.txt (exit $rc)"
}

# ---- iptables: a rule set using every match the verdict engine reads
cat >"$RUN/rules.v4" <<'EOF'
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:APP - [0:0]
:MGMT - [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -m conntrack --ctstate INVALID -j DROP
-A INPUT -p icmp -j ACCEPT
-A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j MGMT
-A INPUT -s 10.77.0.0/24 -p tcp -m multiport --dports 80,443,8000:8010 -j APP
-A INPUT -p tcp -m iprange --src-range 10.77.0.100-10.77.0.199 --dport 9000 -j ACCEPT
-A INPUT ! -s 10.0.0.0/8 -p tcp --dport 9100 -j REJECT --reject-with tcp-reset
-A INPUT -i eth+ -p tcp --sport 1024:65535 --dport 9200 -j ACCEPT
-A INPUT -p udp --dport 53 -j ACCEPT
-A INPUT -p tcp --dport 3306 -j LOG --log-prefix "mysql: "
-A INPUT -p tcp ! --dport 3306 -m comment --comment "reject the rest of tcp" -j REJECT --reject-with icmp-port-unreachable
-A APP -p tcp --dport 8005 -j RETURN
-A APP -d 10.77.0.2/32 -j ACCEPT
-A MGMT -s 10.77.0.1/32 -j ACCEPT
-A MGMT -j REJECT --reject-with icmp-host-prohibited
COMMIT
EOF
cat >"$RUN/rules.v6" <<'EOF'
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i lo -j ACCEPT
-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A INPUT -p ipv6-icmp -j ACCEPT
-A INPUT -s fd77::/64 -p tcp -m tcp --dport 22 -j ACCEPT
-A INPUT -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp6-adm-prohibited
COMMIT
EOF
ip netns exec "$NS" iptables-restore <"$RUN/rules.v4"
ip netns exec "$NS" ip6tables-restore <"$RUN/rules.v6"
# counters: a few bounded connects from the peer namespace (drops time out after 1 s)
for port in 22 80 8005 9100 3306 1234; do ip netns exec "$PEER" timeout 2 bash -c "exec 3<>/dev/tcp/10.77.0.2/$port" 2>/dev/null || true; done
capture iptables iptables-save-matches out "filter table with policies DROP, user chains APP/MGMT, conntrack, state, multiport, iprange, negation, LOG, RETURN, REJECT variants." iptables-save
capture iptables iptables-save-counters out "same rule set with packet counters (-c)." iptables-save -c
capture iptables ip6tables-save-filter out "IPv6 filter table of the same namespace." ip6tables-save
capture iptables iptables_-vnxL-matches out "same IPv4 rule set as iptables-save-matches, as sosreport collects it." iptables -vnxL
capture iptables iptables_-L_-n_-v_--line-numbers-matches out "same rule set, counters not expanded (K/M suffixes when large), rule numbers." iptables -L -n -v --line-numbers
capture iptables iptables_-L_-n-matches out "same rule set without -v: no counters, no interface columns." iptables -L -n
capture iptables ip6tables_-vnxL-filter out "IPv6 filter table listing." ip6tables -vnxL
capture iptables iptables_-t_nat_-vnxL out "the empty nat table listing." iptables -t nat -vnxL
SHOWN_CMD="iptables-save (as user nobody)" capture iptables iptables-save-permission-denied merged "run without root: the tool's Permission denied message." setpriv --reuid=nobody --regid=nogroup --clear-groups iptables-save
SHOWN_CMD="iptables -vnxL (as user nobody)" capture iptables iptables_-vnxL-permission-denied merged "run without root." setpriv --reuid=nobody --regid=nogroup --clear-groups iptables -vnxL
SHOWN_CMD="sh -c iptables-save (PATH without iptables)" capture iptables iptables-save-command-not-found merged "the shell's message when iptables is not installed." env PATH=/nonexistent /bin/sh -c iptables-save
SHOWN_CMD="bash -c 'iptables -vnxL' (PATH without iptables)" capture iptables iptables_-vnxL-command-not-found merged "bash's message when iptables is not installed." env PATH=/nonexistent /bin/bash -c 'iptables -vnxL'
# iptables-legacy prints the same listing format with protocol names instead of numbers
ip netns exec "$NS" iptables-legacy-restore <"$RUN/rules.v4"
capture iptables iptables-legacy-save-matches out "the same rule set loaded with iptables-legacy-restore (legacy backend)." iptables-legacy-save
capture iptables iptables-legacy_-vnxL-matches out "legacy backend listing (1.8.9 prints protocol numbers here too)." iptables-legacy -vnxL
ip netns exec "$NS" iptables-legacy -F; ip netns exec "$NS" iptables-legacy -X
ip netns exec "$NS" iptables-legacy -P INPUT ACCEPT; ip netns exec "$NS" iptables-legacy -P FORWARD ACCEPT

# ---- nft: the iptables-nft rules above as nft sees them, then a native ruleset
capture nft nft_list_ruleset-iptables-nft out "the iptables rule set of iptables-save-matches as nft prints it (iptables-nft tables, xt matches)." nft list ruleset
ip netns exec "$NS" iptables -F; ip netns exec "$NS" iptables -X; ip netns exec "$NS" iptables -P INPUT ACCEPT; ip netns exec "$NS" iptables -P FORWARD ACCEPT
ip netns exec "$NS" ip6tables -F; ip netns exec "$NS" ip6tables -X; ip netns exec "$NS" ip6tables -P INPUT ACCEPT; ip netns exec "$NS" ip6tables -P FORWARD ACCEPT
ip netns exec "$NS" nft flush ruleset
cat >"$RUN/ruleset.nft" <<'EOF'
define web_ports = { 80, 443 }
table inet filter {
	set admins {
		type ipv4_addr
		flags interval
		elements = { 10.77.0.1, 192.168.50.0/24 }
	}
	chain input {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		ct state invalid drop
		iif "lo" accept
		meta l4proto icmp accept
		ip6 nexthdr ipv6-icmp accept
		tcp dport 22 ip saddr @admins accept
		tcp dport $web_ports accept
		tcp dport 8000-8010 jump app
		ip saddr 10.77.0.0/24 tcp dport { 9100, 9101 } reject with tcp reset
		iifname "eth*" tcp dport 9200 counter accept
		tcp dport 9300 log prefix "nft9300 " reject with icmp type host-prohibited
		meta l4proto tcp reject
	}
	chain app {
		tcp dport 8005 return
		ip daddr 10.77.0.2 accept
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
	}
	chain output {
		type filter hook output priority filter; policy accept;
	}
}
table ip early {
	chain pre {
		type filter hook input priority -10; policy accept;
		ip saddr 10.77.0.66 drop
		tcp dport 9400 accept
	}
}
table ip late {
	chain post {
		type filter hook input priority 10; policy accept;
		tcp dport 443 ip saddr != 10.77.0.0/24 drop
		tcp dport != 443 accept
	}
}
EOF
ip netns exec "$NS" nft -f "$RUN/ruleset.nft"
capture nft nft_list_ruleset-native out "native nft ruleset: inet table with a named interval set, anonymous sets, jump/return, reject variants, plus two more input base chains at priority -10 and 10." nft list ruleset
capture nft nft_-a_list_ruleset-native out "same ruleset with rule handles (-a)." nft -a list ruleset
ip netns exec "$NS" nft flush ruleset
capture nft nft_list_ruleset-empty out "no ruleset loaded: empty output." nft list ruleset
SHOWN_CMD="nft list ruleset (as user nobody)" capture nft nft_list_ruleset-permission-denied merged "run without root." setpriv --reuid=nobody --regid=nogroup --clear-groups nft list ruleset
SHOWN_CMD="sh -c 'nft list ruleset' (PATH without nft)" capture nft nft_list_ruleset-command-not-found merged "nft not installed." env PATH=/nonexistent /bin/sh -c 'nft list ruleset'

# ---- ufw in a private mount namespace over copies of /etc/ufw and /etc/default/ufw (ufw writes its config
# in both: rules and ufw.conf in /etc/ufw, the default policies in /etc/default/ufw; temp files in TMPDIR)
cp -a /etc/ufw "$RUN/etc-ufw"
cp -a /etc/default/ufw "$RUN/default-ufw"
mkdir -p "$RUN/ufw-tmp"
: >"$RUN/etc-ufw/sysctl.conf"   # keep ufw from touching sysctls
# ufw_run "SCRIPT": run a shell script inside the namespace with /etc/ufw and /etc/default/ufw replaced by the copies
# shellcheck disable=SC2016 # the inner sh expands its own "$0" "$1" "$2"
ufw_run() { ip netns exec "$NS" env TMPDIR="$RUN/ufw-tmp" unshare --mount sh -c 'mount --bind "$0" /etc/ufw && mount --bind "$1" /etc/default/ufw && eval "$2"' "$RUN/etc-ufw" "$RUN/default-ufw" "$1"; }
# shellcheck disable=SC2016 # backquotes are markdown
capture_ufw() { # NAME DESCRIPTION CMD
	local name="$1" what="$2" cmd="$3" rc=0
	ufw_run "$cmd" >"$PF/ufw/$name.txt" 2>&1 </dev/null || rc=$?
	printf -- '- `%s.txt`: `%s` (stdout+stderr), exit %d (lab/firewall-fixtures.sh, ufw 0.36 in a private mount namespace). %s\n' "$name" "$cmd" "$rc" "$what" >>"$RUN/readme-ufw"
	log "captured ufw/$name.txt (exit $rc)"
}
capture_ufw ufw_status-inactive "ufw installed, never enabled." "ufw status"
ufw_run 'ufw --force reset >/dev/null; ufw default deny incoming >/dev/null; ufw default allow outgoing >/dev/null
	ufw allow 22/tcp >/dev/null; ufw allow from 10.77.0.0/24 to any port 8080 proto tcp >/dev/null
	ufw deny 3306 >/dev/null; ufw reject 9100/tcp >/dev/null; ufw allow 80,443/tcp >/dev/null
	ufw allow 8000:8010/tcp >/dev/null; ufw allow in on eth0 to any port 9200 proto tcp >/dev/null
	ufw limit 2222/tcp >/dev/null; ufw deny from 10.77.0.66 >/dev/null
	ufw allow proto tcp from 192.168.50.0/24 to 10.77.0.2 port 5432 comment "postgres from lan" >/dev/null
	ufw deny out 25/tcp >/dev/null; ufw --force enable >/dev/null'
capture_ufw ufw_status-active "ufw enabled with allow/deny/reject/limit rules, a port range, a port list, an interface, a comment and an outgoing rule." "ufw status"
capture_ufw ufw_status_verbose-active "same rules with logging, default policies and directions." "ufw status verbose"
capture_ufw ufw_status_numbered-active "same rules, numbered." "ufw status numbered"
SHOWN_CMD="iptables-save (ufw active)" capture iptables iptables-save-ufw out "the iptables chains ufw generated for ufw_status-active (ufw-user-input, ufw-before-input, ...)." iptables-save
ufw_run 'ufw default reject incoming >/dev/null; ufw logging off >/dev/null'
capture_ufw ufw_status_verbose-default-reject "default incoming policy reject, logging off." "ufw status verbose"
ufw_run 'ufw --force disable >/dev/null'
capture_ufw ufw_status_verbose-inactive "rules defined but ufw disabled." "ufw status verbose"
SHOWN_CMD="ufw status (as user nobody)" capture ufw ufw_status-not-root merged "run without root." setpriv --reuid=nobody --regid=nogroup --clear-groups ufw status
ip netns exec "$NS" iptables -F; ip netns exec "$NS" iptables -X; ip netns exec "$NS" ip6tables -F; ip netns exec "$NS" ip6tables -X
ip netns exec "$NS" nft flush ruleset

# ---- firewalld: firewall-offline-cmd over a copy of /etc/firewalld (no daemon anywhere)
mkdir -p "$RUN/etc-firewalld"; cp -a /etc/firewalld/. "$RUN/etc-firewalld/"
# shellcheck disable=SC2016 # the inner sh expands its own "$0" "$1"
fwd_run() { ip netns exec "$NS" unshare --mount sh -c 'mount --bind "$0" /etc/firewalld && eval "$1"' "$RUN/etc-firewalld" "$1"; }
# shellcheck disable=SC2016 # backquotes are markdown
capture_fwd() { # NAME DESCRIPTION CMD
	local name="$1" what="$2" cmd="$3" rc=0
	fwd_run "$cmd" >"$PF/firewalld/$name.txt" 2>&1 </dev/null || rc=$?
	printf -- '- `%s.txt`: `%s` (stdout+stderr), exit %d (lab/firewall-fixtures.sh, firewalld 1.3 offline, private mount namespace). %s\n' "$name" "$cmd" "$rc" "$what" >>"$RUN/readme-firewalld"
	log "captured firewalld/$name.txt (exit $rc)"
}
capture_fwd firewall-offline-cmd_--list-all-default "fresh configuration: default zone public." "firewall-offline-cmd --list-all"
fwd_run 'set -e; c=firewall-offline-cmd
	$c --zone=public --add-interface=eth0 >/dev/null; $c --zone=public --add-service=http >/dev/null
	$c --zone=public --add-port=8080/tcp >/dev/null; $c --zone=public --add-port=9000-9010/tcp >/dev/null
	$c --zone=public --add-rich-rule="rule family=\"ipv4\" source address=\"10.77.0.0/24\" port port=\"5432\" protocol=\"tcp\" accept" >/dev/null
	$c --zone=public --add-rich-rule="rule family=\"ipv4\" source address=\"10.77.0.66\" reject" >/dev/null
	$c --zone=public --add-rich-rule="rule family=\"ipv4\" source address=\"10.77.0.67\" drop" >/dev/null
	$c --zone=public --add-rich-rule="rule family=\"ipv4\" port port=\"3306\" protocol=\"tcp\" reject type=\"tcp-reset\"" >/dev/null
	$c --zone=trusted --add-source=192.168.50.0/24 >/dev/null
	$c --zone=internal --add-interface=dummy0 >/dev/null
	$c --zone=drop --add-source=10.77.0.200 >/dev/null
	$c --zone=block --add-source=10.77.0.201/32 >/dev/null
	$c --new-zone=haproxy >/dev/null; $c --zone=haproxy --set-target=ACCEPT >/dev/null
	$c --zone=haproxy --add-source=10.77.0.202 >/dev/null
	$c --zone=haproxy --add-service=https >/dev/null'
capture_fwd firewall-offline-cmd_--list-all "public zone with an interface, a service, ports, a port range and rich rules (accept, reject, drop, reject type)." "firewall-offline-cmd --list-all"
capture_fwd firewall-offline-cmd_--list-all-zones "every zone: sources in trusted/drop/block/haproxy (target ACCEPT), dummy0 in internal." "firewall-offline-cmd --list-all-zones"
capture_fwd firewall-offline-cmd_--zone_internal_--list-all "one named zone." "firewall-offline-cmd --zone internal --list-all"
capture_fwd firewall-cmd_--list-all-not-running "firewall-cmd with no daemon running." "firewall-cmd --list-all"
capture_fwd firewall-cmd_--state-not-running "firewall-cmd --state with no daemon." "firewall-cmd --state"
capture_fwd firewall-cmd_--list-all-zones-not-running "firewall-cmd --list-all-zones with no daemon." "firewall-cmd --list-all-zones"

# ---- sysctl and ip route
ip netns exec "$NS" sysctl -qw net.ipv4.ip_local_port_range="20000 29999" net.ipv4.tcp_tw_reuse=1 net.core.somaxconn=1024
capture sysctl sysctl_-a out "all keys in the namespace, with ip_local_port_range 20000 29999, tcp_tw_reuse 1, somaxconn 1024 set; stderr dropped." sysctl -a
SHOWN_CMD="sysctl -a (as user nobody)" capture sysctl sysctl_-a-not-root merged "run without root: permission denied lines for the unreadable keys, interleaved." setpriv --reuid=nobody --regid=nogroup --clear-groups sysctl -a
capture sysctl sysctl_net.ipv4.ip_local_port_range out "one key." sysctl net.ipv4.ip_local_port_range
capture ip-route ip_route out "main table: default, kernel routes, a metric, blackhole and unreachable routes." ip route
capture ip-route ip_route_show_table_all out "every table (local, main, table 100), IPv4 and IPv6, as sosreport collects it." ip route show table all
capture ip-route ip_-6_route out "IPv6 main table." ip -6 route
capture ip-route ip_-d_route out "details (-d): route types spelled out." ip -d route

# shellcheck disable=SC2016 # backquotes are markdown
for k in "${KINDS[@]}"; do
	{
		printf '# Parser fixtures: %s\n\n' "$k"
		printf 'Real output produced by lab scripts (`sudo bash lab/firewall-fixtures.sh`, last run %s) inside the\n' "$(date -u +%Y-%m-%d)"
		printf 'network namespace hd-fwfix (eth0 10.77.0.2/24 + fd77::2/64 to a peer namespace at 10.77.0.1, dummy0 (veth) 192.168.50.2/24),\n'
		printf 'with iptables 1.8.9, nftables 1.0.6, ufw 0.36.2, firewalld 1.3.3 from Debian 12. Do not edit by hand: re-run the script.\n\n'
		if [[ "$k" == iptables ]]; then
			printf 'The four `*-node2`/`*-empty` files come from `sudo bash lab/parser-fixtures.sh` (lab hosts node1/node2).\n\n'
			cat "$RUN/readme-iptables-old"
		fi
		cat "$RUN/readme-$k"
	} >"$PF/$k/README.md"
done
log "done"
