# shellcheck shell=bash
# haproxy-doctor lab: shared helpers for the scenario scripts.
#
# Topology (all inside network namespaces this lab creates; nothing is changed in
# the root namespace):
#
#   hd-sw     : a Linux bridge br0 (the "switch")
#   hd-lb     : 10.88.0.10/24  HAProxy + rsyslog (imudp on 127.0.0.1:514 only)
#   hd-node1  : 10.88.0.11/24  backend-app.py on :8080
#   hd-node2  : 10.88.0.12/24  backend-app.py on :8080
#   hd-client : 10.88.0.100/24 curl traffic (not part of the bundle)
#
# Each host's commands run in their own UTS namespace (hostname lb/node1/...), and the
# lb's in a private mount namespace where lab/haproxy.cfg is bind-mounted on
# /etc/haproxy/haproxy.cfg and the run dir's sock dir on /run/haproxy.
#
# Usage from a scenario script:
#   source "$(dirname "$0")/../lib.sh"; lab_init NAME; lab_up; ...; collect_bundle "root cause text"

set -euo pipefail

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$LAB_DIR/.." && pwd)"
LAB_PY=/usr/bin/python3
# LAB_NS_PREFIX (default "hd-") names the namespaces, so two labs can run at once (e.g. LAB_NS_PREFIX=hdc-).
NS_PFX="${LAB_NS_PREFIX:-hd-}"
LAB_NS_ALL=("${NS_PFX}client" "${NS_PFX}lb" "${NS_PFX}node1" "${NS_PFX}node2" "${NS_PFX}sw")
LAB_HOSTS=(lb node1 node2)
LB_IP=10.88.0.10
declare -A HOST_IP=([lb]=10.88.0.10 [node1]=10.88.0.11 [node2]=10.88.0.12 [client]=10.88.0.100)
declare -A HOST_IP6=([lb]=fd88::10 [node1]=fd88::11 [node2]=fd88::12 [client]=fd88::100)

log() { printf '[lab %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# lab_init NAME [RUNROOT]: fixed run dir (so outputs are stable between runs),
# clean up whatever a previous run of this lab left, install the EXIT trap.
lab_init() {
	SCENARIO="$1"
	RUN="${2:-/tmp/hd-lab}/$SCENARIO"
	[[ $EUID -eq 0 ]] || die "run as root (sudo bash $0)"
	for t in ip haproxy rsyslogd curl nc ss unshare "$LAB_PY"; do
		command -v "$t" >/dev/null || die "missing tool: $t"
	done
	lab_teardown quiet
	rm -rf "$RUN"
	mkdir -p "$RUN/pids" "$RUN/run-haproxy" "$RUN/rsyslog-work" "$RUN/logs"
	chown haproxy:haproxy "$RUN/run-haproxy" 2>/dev/null || true
	cp "$LAB_DIR/haproxy.cfg" "$RUN/haproxy.cfg"
	: >"$RUN/haproxy.log"
	trap 'lab_teardown' EXIT
	trap 'exit 130' INT TERM
}

# Kill the processes we recorded (by PID, and only if the PID still runs the
# command we started), then delete the namespaces we created.
lab_teardown() {
	local quiet="${1:-}" f pid name
	if [[ -n "${RUN:-}" && -d "$RUN/pids" ]]; then
		for f in "$RUN"/pids/*; do
			[[ -e "$f" ]] || continue
			pid="$(cat "$f")"; name="$(basename "$f")"
			if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
				[[ -n "$quiet" ]] || log "stopping $name (pid $pid)"
				kill "$pid" 2>/dev/null || true
			fi
		done
		for f in "$RUN"/pids/*; do
			[[ -e "$f" ]] || continue
			pid="$(cat "$f")"
			for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
			rm -f "$f"
		done
	fi
	local ns
	for ns in "${LAB_NS_ALL[@]}"; do
		if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
			# anything still running inside one of our namespaces was started by this lab
			for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
			ip netns del "$ns" 2>/dev/null || true
		fi
	done
	[[ -n "$quiet" ]] || log "teardown done"
}

# ---------------------------------------------------------------- network

lab_net_up() {
	local h ns
	ip netns add "${NS_PFX}sw"
	ip netns exec "${NS_PFX}sw" ip link set lo up
	ip netns exec "${NS_PFX}sw" ip link add br0 type bridge
	ip netns exec "${NS_PFX}sw" ip link set br0 up
	for h in lb node1 node2 client; do
		ns="${NS_PFX}$h"
		ip netns add "$ns"
		ip netns exec "$ns" ip link set lo up
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
		ip netns exec "$ns" ip link add eth0 type veth peer name "p-$h" netns "${NS_PFX}sw"
		ip netns exec "${NS_PFX}sw" ip link set "p-$h" master br0
		ip netns exec "${NS_PFX}sw" ip link set "p-$h" up
		ip netns exec "$ns" ip addr add "${HOST_IP[$h]}/24" dev eth0
		ip netns exec "$ns" ip -6 addr add "${HOST_IP6[$h]}/64" dev eth0 nodad
		ip netns exec "$ns" ip link set eth0 up
	done
	# bounded wait until every bridge port forwards (no STP: at once)
	for _ in $(seq 1 20); do
		[[ "$(ip netns exec "${NS_PFX}sw" bridge link show | grep -c 'state forwarding')" -eq 4 ]] && return 0
		sleep 0.25
	done
	die "bridge not forwarding"
}

# ---------------------------------------------------------------- running things

# host_prefix HOST: sets HOST_PFX to the argv prefix that runs a command inside HOST's
# netns with its own UTS name (and, for lb, the private mount namespace with
# /etc/haproxy/haproxy.cfg and /run/haproxy bound). Every step execs, so a background
# "${HOST_PFX[@]}" CMD & has $! == the PID of CMD itself.
# shellcheck disable=SC2016 # the sh -c scripts expand their own "$0" "$1" "$@"
host_prefix() {
	local h="$1"
	if [[ "$h" == lb ]]; then
		HOST_PFX=(ip netns exec "${NS_PFX}$h" unshare --uts --mount sh -c
			'hostname "$0"; mount --bind "$1/haproxy.cfg" /etc/haproxy/haproxy.cfg; mount --bind "$1/run-haproxy" /run/haproxy; shift; exec "$@"'
			"${UTS_NAME:-$h}" "$RUN")
	elif [[ -d "${RUN:-/nonexistent}/ufw-$h" ]]; then
		# ufw_prepare ran for this host: a private mount namespace with the run dir's copies of /etc/ufw and
		# /etc/default/ufw bound over the real ones (ufw writes both), so ufw never touches the root filesystem.
		HOST_PFX=(ip netns exec "${NS_PFX}$h" unshare --uts --mount --propagation private sh -c
			'hostname "$0"; mount --bind "$1/etc-ufw" /etc/ufw; mount --bind "$1/default-ufw" /etc/default/ufw; shift; exec "$@"'
			"${UTS_NAME:-$h}" "$RUN/ufw-$h")
	else
		HOST_PFX=(ip netns exec "${NS_PFX}$h" unshare --uts sh -c 'hostname "$0"; exec "$@"' "${UTS_NAME:-$h}")
	fi
}

# ufw_prepare HOST: give HOST a private ufw configuration (copies of /etc/ufw and /etc/default/ufw in
# $RUN/ufw-HOST, bind-mounted by host_prefix from then on). ufw's sysctl.conf is emptied in the copy so
# `ufw enable` changes no sysctl. Run ufw as `ufw_in HOST ARGS...` (its temp files go to the run dir too).
ufw_prepare() {
	local h="$1" d="$RUN/ufw-$1"
	command -v ufw >/dev/null || die "missing tool: ufw"
	mkdir -p "$d/tmp"
	cp -a /etc/ufw "$d/etc-ufw"
	cp -a /etc/default/ufw "$d/default-ufw"
	: >"$d/etc-ufw/sysctl.conf"
}
ufw_in() { local h="$1"; shift; in_host "$h" env TMPDIR="$RUN/ufw-$h/tmp" ufw "$@"; }

# ufw_files_sum: one checksum over every file ufw reads or writes in the root filesystem (to prove a
# scenario left them unchanged).
ufw_files_sum() {
	find /etc/ufw /etc/default/ufw /lib/ufw -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

# in_host HOST CMD...: run CMD in the foreground inside HOST.
in_host() {
	local h="$1"; shift
	host_prefix "$h"
	"${HOST_PFX[@]}" "$@"
}

# bg NAME HOST CMD...: start CMD in the background inside HOST, stdout+stderr to
# $RUN/logs/NAME.log, PID to $RUN/pids/NAME (the exec chain keeps the PID).
bg() {
	local name="$1" h="$2"; shift 2
	host_prefix "$h"
	"${HOST_PFX[@]}" "$@" >"$RUN/logs/$name.log" 2>&1 &
	echo $! >"$RUN/pids/$name"
	log "started $name on $h (pid $!)"
}

stop() {
	local name="$1" pid
	pid="$(cat "$RUN/pids/$name")"
	log "stopping $name (pid $pid)"
	kill "$pid"
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	rm -f "$RUN/pids/$name"
}

# wait_for FILE REGEX TIMEOUT_S: bounded wait for a line in a file.
wait_for() {
	local file="$1" re="$2" t="$3" i
	for i in $(seq 1 $((t * 4))); do
		grep -Eq -- "$re" "$file" 2>/dev/null && { log "seen /$re/ after ~$((i / 4))s"; return 0; }
		sleep 0.25
	done
	die "timed out after ${t}s waiting for /$re/ in $file"
}

# wait_port HOST ADDR PORT: bounded wait until something listens there.
wait_listen() {
	local h="$1" port="$2"
	for _ in $(seq 1 40); do
		ip netns exec "${NS_PFX}$h" ss -Htln "sport = :$port" | grep -q . && return 0
		sleep 0.25
	done
	die "nothing listening on :$port in $h"
}

start_backend() { # start_backend HOST [BIND_ADDR]; extra app options from APP_ARGS_<host> (word-split)
	local h="$1" addr="${2:-${HOST_IP[$1]}}" v="APP_ARGS_$1"
	local -a extra=()
	[[ -z "${!v:-}" ]] || read -r -a extra <<<"${!v}"
	bg "app-$h" "$h" "$LAB_PY" "$LAB_DIR/backend-app.py" --bind "$addr" --port 8080 --name "$h" "${extra[@]}"
	wait_listen "$h" 8080
}

start_rsyslog() {
	cat >"$RUN/rsyslog.conf" <<-EOF
		# haproxy-doctor lab: a private rsyslog for the lb namespace. UDP on loopback only.
		global(workDirectory="$RUN/rsyslog-work")
		module(load="imudp")
		input(type="imudp" address="127.0.0.1" port="514")
		local0.* action(type="omfile" file="$RUN/haproxy.log" template="RSYSLOG_TraditionalFileFormat")
	EOF
	bg rsyslog lb rsyslogd -n -f "$RUN/rsyslog.conf" -i "$RUN/rsyslog.pid"
	for _ in $(seq 1 40); do
		ip netns exec "${NS_PFX}lb" ss -Huln "sport = :514" | grep -q . && return 0
		sleep 0.25
	done
	die "rsyslog did not start (see $RUN/logs/rsyslog.log)"
}

start_haproxy() {
	in_host lb haproxy -c -f /etc/haproxy/haproxy.cfg >/dev/null 2>&1 || die "haproxy.cfg invalid"
	host_prefix lb
	"${HOST_PFX[@]}" haproxy -db -f /etc/haproxy/haproxy.cfg >"$RUN/haproxy-stderr.log" 2>&1 &
	echo $! >"$RUN/pids/haproxy"
	log "started haproxy on lb (pid $!)"
	wait_listen lb 80
}

# start_haproxy_try: start haproxy on lb without requiring it to start (no config check),
# optionally through the wrapper argv in the array HAPROXY_WRAP (e.g. setpriv ...); bounded
# wait (~3 s) for it to either listen on :80 or exit. Returns 0 if it runs, 1 if it exited.
start_haproxy_try() {
	local pid
	local -a wrap=()
	[[ -z "${HAPROXY_WRAP+x}" ]] || wrap=("${HAPROXY_WRAP[@]}")
	host_prefix lb
	"${HOST_PFX[@]}" "${wrap[@]}" haproxy -db -f /etc/haproxy/haproxy.cfg >"$RUN/haproxy-stderr.log" 2>&1 &
	pid=$!
	echo "$pid" >"$RUN/pids/haproxy"
	log "started haproxy on lb (pid $pid)${wrap[0]:+ via ${wrap[*]}}"
	for _ in $(seq 1 12); do
		kill -0 "$pid" 2>/dev/null || { wait "$pid" || true; log "haproxy exited"; rm -f "$RUN/pids/haproxy"; return 1; }
		ip netns exec "${NS_PFX}lb" ss -Htlnp 'sport = :80' | grep -q '"haproxy"' && return 0
		sleep 0.25
	done
	kill -0 "$pid" 2>/dev/null
}

# lab_up_backends: network, rsyslog and both backends (no haproxy).
lab_up_backends() {
	lab_net_up
	start_rsyslog
	start_backend node1 "${NODE1_BIND:-}"
	start_backend node2 "${NODE2_BIND:-}"
}

# lab_up: network, rsyslog, haproxy, both backends; waits until both servers are UP.
lab_up() {
	lab_up_backends
	start_haproxy
	sleep 2.5   # a few health checks (inter 1s)
}

# traffic N [PATH]: N bounded curl requests from the client namespace to the frontend
# (TRAFFIC_HOST overrides the address, TRAFFIC_MAX_TIME the 5 s curl limit).
# Appends one "HTTP_CODE" per request to $RUN/traffic.log; prints a summary.
traffic() {
	local n="$1" path="${2:-/}" i
	for i in $(seq 1 "$n"); do
		ip netns exec "${NS_PFX}client" curl -s -m "${TRAFFIC_MAX_TIME:-5}" -o /dev/null -w '%{http_code}\n' "http://${TRAFFIC_HOST:-$LB_IP}$path" >>"$RUN/traffic.log" || true
		sleep 0.05
	done
	log "traffic: $(sort "$RUN/traffic.log" | uniq -c | tr -s ' \n' ' ')"
}

# ---------------------------------------------------------------- collecting

# file name of a command in the collector layout: spaces -> _, / -> .
cmd_file() { local c="${1// /_}"; printf '%s' "${c//\//.}"; }

# collect_cmd HOST MODE "COMMAND": run COMMAND (word-split, no shell) inside HOST.
# MODE=out: stdout to the file, stderr to the manifest; MODE=merged: stdout+stderr to the file.
collect_cmd() {
	local h="$1" mode="$2" cmd="$3" f rc=0 dir="$BUNDLE/$1"
	f="commands/$(cmd_file "$cmd")"
	mkdir -p "$dir/commands" "$RUN/manifest/$h"
	local -a argv
	read -r -a argv <<<"$cmd"
	if [[ "$mode" == merged ]]; then
		in_host "$h" "${argv[@]}" >"$dir/$f" 2>&1 </dev/null || rc=$?
		: >"$RUN/manifest/$h/$(cmd_file "$cmd").stderr"
	else
		in_host "$h" "${argv[@]}" >"$dir/$f" 2>"$RUN/manifest/$h/$(cmd_file "$cmd").stderr" </dev/null || rc=$?
	fi
	printf '%s\t%s\t%s\t%s\n' "$cmd" "$f" "$rc" "$mode" >>"$RUN/manifest/$h/index.tsv"
}

write_manifest() { # write_manifest HOST
	local h="$1"
	"$LAB_PY" - "$h" "$RUN/manifest/$h" "$BUNDLE/$h/manifest.json" <<-'EOF'
		import datetime, json, os, sys
		host, mdir, out = sys.argv[1:4]
		cmds = []
		with open(os.path.join(mdir, "index.tsv"), encoding="utf-8") as fh:
		    for line in fh:
		        cmd, f, rc, mode = line.rstrip("\n").split("\t")
		        with open(os.path.join(mdir, os.path.basename(f) + ".stderr"), encoding="utf-8", errors="replace") as e:
		            err = e.read()
		        entry = {"command": cmd, "file": f, "exitCode": int(rc), "stderr": err}
		        if mode == "merged":
		            entry["stderrInFile"] = True
		        if mode == "handbuilt":
		            entry["handBuilt"] = True
		        cmds.append(entry)
		doc = {
		    "collector": "haproxy-doctor-lab",
		    "host": host,
		    "collectedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
		    "commands": cmds,
		}
		with open(out, "w", encoding="utf-8") as fh:
		    json.dump(doc, fh, indent=2)
		    fh.write("\n")
	EOF
}

# collect_bundle "EXPECTED ROOT CAUSE (markdown)": write fixtures/bundles/$SCENARIO.
collect_bundle() {
	local expected="$1" h
	BUNDLE="$REPO_DIR/fixtures/bundles/$SCENARIO"
	rm -rf "$BUNDLE" "$RUN/manifest"
	mkdir -p "$BUNDLE"
	log "collecting bundle into ${BUNDLE#"$REPO_DIR"/}"
	for h in "${LAB_HOSTS[@]}"; do
		collect_cmd "$h" out "hostname"
		collect_cmd "$h" out "ip addr"
		collect_cmd "$h" out "ip route"
		collect_cmd "$h" out "ss -tulpn"
		collect_cmd "$h" out "ss -tan"
		collect_cmd "$h" out "iptables-save"
	done
	collect_cmd lb "${HAPROXY_CHECK_MODE:-out}" "haproxy -c -f /etc/haproxy/haproxy.cfg"
	for h in node1 node2; do
		collect_cmd lb merged "nc -vz -w 2 ${HOST_IP[$h]} 8080"
		collect_cmd lb merged "curl -sv -m 3 -o /dev/null http://${HOST_IP[$h]}:8080/"
	done
	mkdir -p "$BUNDLE/lb/etc/haproxy" "$BUNDLE/lb/var/log"
	cp "$RUN/haproxy.cfg" "$BUNDLE/lb/etc/haproxy/haproxy.cfg"
	cp "$RUN/haproxy.log" "$BUNDLE/lb/var/log/haproxy.log"
	cp "$RUN/haproxy-stderr.log" "$BUNDLE/lb/var/log/haproxy-stderr.log"
	# optional per-scenario extra collection (defined by the scenario script)
	if declare -F scenario_collect >/dev/null; then scenario_collect; fi
	for h in "${LAB_HOSTS[@]}"; do write_manifest "$h"; done
	cat >"$BUNDLE/README.md" <<-EOF
		# Scenario bundle: $SCENARIO

		Generated by \`lab/scenarios/$SCENARIO.sh\` (run: \`sudo bash lab/run-all.sh\`) on $(date -u +%Y-%m-%dT%H:%M:%SZ)
		with $(haproxy -v 2>/dev/null | head -1 | cut -d' ' -f1-3), real rsyslog, python3 backends and curl traffic
		in Linux network namespaces (lb 10.88.0.10, node1 10.88.0.11, node2 10.88.0.12, client 10.88.0.100).
		Layout: the project's collector layout (\`<host>/commands/*\`, \`<host>/manifest.json\`,
		\`lb/etc/haproxy/haproxy.cfg\`, \`lb/var/log/haproxy.log\` from rsyslog, \`lb/var/log/haproxy-stderr.log\`
		= HAProxy's own stderr in foreground mode). Do not edit by hand: re-run the script.

		Client traffic (HTTP status: count): $(sort "$RUN/traffic.log" 2>/dev/null | uniq -c | awk '{printf "%s%s: %s", (NR>1?", ":""), $2, $1}')

		## Expected root cause

		$expected
	EOF
	log "bundle: $(find "$BUNDLE" -type f | wc -l) files, $(du -sk --apparent-size "$BUNDLE" | cut -f1) KB"
}

# ---------------------------------------------------------------- parser-fixture labs
# (parser-fixtures-2.sh, parser-fixtures-3.sh: their own namespaces FIXTURE_NS, run dir RUN, fixture folders KINDS)

# fixture_lab_teardown: stops the processes recorded in $RUN/pids (TERM, then KILL after 3 s) and deletes the
# namespaces FIXTURE_NS with whatever still runs in them.
fixture_lab_teardown() {
	local f pid ns
	for f in "$RUN"/pids/*; do
		[[ -e "$f" ]] || continue
		pid="$(cat "$f")"
		if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
		for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
		rm -f "$f"
	done
	for ns in "${FIXTURE_NS[@]}"; do
		if ip netns list | awk '{print $1}' | grep -qx "$ns"; then
			for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
			ip netns del "$ns" 2>/dev/null || true
		fi
	done
}

# fixture_lab_start: clears what an earlier run left, starts from an empty $RUN, tears down at exit, and empties
# the fixture folders $PF/<KINDS> of everything but their hand-built files.
fixture_lab_start() {
	local k
	fixture_lab_teardown
	rm -rf "$RUN"
	mkdir -p "$RUN/pids" "$RUN/logs"
	trap 'fixture_lab_teardown; log "teardown done"' EXIT
	trap 'exit 130' INT TERM
	for k in "${KINDS[@]}"; do
		mkdir -p "$PF/$k"
		find "$PF/$k" -maxdepth 1 -type f ! -iname '*hand-built*' -delete
		: >"$RUN/readme-$k"
	done
}

# ---------------------------------------------------------------- extra collection helpers
# (used by the scenarios' scenario_collect hooks; BUNDLE is set by collect_bundle)

# collect_firewall HOST: iptables -vnxL, nft list ruleset, ufw status verbose (iptables-save is always collected).
collect_firewall() {
	local h="$1"
	collect_cmd "$h" out "iptables -vnxL"
	collect_cmd "$h" out "nft list ruleset"
	collect_cmd "$h" out "ufw status verbose"
}

# collect_firewall_incident: the firewall scenarios' extra collection: every host's firewall state, lb's processes
# and both ends' captures of the blocked traffic to node2 (for their scenario_collect hooks).
collect_firewall_incident() {
	local h
	for h in lb node1 node2; do collect_firewall "$h"; done
	collect_ps lb
	collect_capture lb
	collect_capture node2
}

# observe_node2_dropped: after a firewall on node2 starts dropping lb's SYNs, capture both ends while HAProxy's
# checks time out and requests already sent to node2 end in 503 sC (connect timeouts), then some steady traffic.
observe_node2_dropped() {
	capture_start lb 80 tcp port 8080 and host 10.88.0.12
	capture_start node2 80 tcp port 8080
	TRAFFIC_MAX_TIME=12 traffic_parallel 4   # two of them go to node2 and wait for the connect timeouts
	wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN, reason: Layer4 timeout' 10
	wait_for "$RUN/haproxy.log" 'be_app/node2 .* 503 .* sC--' 5
	traffic 10
	capture_stop lb
	capture_stop node2
	ip netns exec "${NS_PFX}node2" ss -Htln 'sport = :8080' | grep -q . || die "node2 must still listen on 8080"
}

# collect_ps HOST: `ps -eo pid,user,comm,args`, filtered to the processes of HOST's network
# namespace (the lab has no PID namespace; the rest of the machine is not part of the host).
collect_ps() {
	local h="$1" cmd="ps -eo pid,user,comm,args" f pids rc=0
	f="commands/$(cmd_file "$cmd")"
	mkdir -p "$BUNDLE/$h/commands" "$RUN/manifest/$h"
	pids=" $(ip netns pids "${NS_PFX}$h" | tr '\n' ' ') "
	in_host "$h" ps -eo pid,user,comm,args >"$RUN/ps-$h.txt" 2>"$RUN/manifest/$h/$(cmd_file "$cmd").stderr" </dev/null || rc=$?
	awk -v p="$pids" 'NR == 1 || index(p, " " $1 " ")' "$RUN/ps-$h.txt" >"$BUNDLE/$h/$f"
	printf '%s\t%s\t%s\t%s\n' "$cmd" "$f" "$rc" out >>"$RUN/manifest/$h/index.tsv"
}

# collect_saved HOST "COMMAND" FILE [RC] [MODE]: record output that was captured earlier (during the
# incident, e.g. the stats CSV under load) as COMMAND's output in HOST's commands/. MODE=handbuilt
# marks content the lab could not produce for real ("handBuilt": true in manifest.json).
collect_saved() {
	local h="$1" cmd="$2" src="$3" rc="${4:-0}" mode="${5:-out}" f
	f="commands/$(cmd_file "$cmd")"
	mkdir -p "$BUNDLE/$h/commands" "$RUN/manifest/$h"
	cp "$src" "$BUNDLE/$h/$f"
	: >"$RUN/manifest/$h/$(cmd_file "$cmd").stderr"
	printf '%s\t%s\t%s\t%s\n' "$cmd" "$f" "$rc" "$mode" >>"$RUN/manifest/$h/index.tsv"
}

# capture_start HOST COUNT FILTER...: tcpdump on HOST's eth0 into $RUN/cap-HOST/capture.pcap,
# at most COUNT packets and 90 s; waits until tcpdump listens.
capture_start() {
	local h="$1" count="$2"; shift 2
	mkdir -p "$RUN/cap-$h"
	bg "tcpdump-$h" "$h" timeout 90 tcpdump -i eth0 -nn -U -Z root -c "$count" -w "$RUN/cap-$h/capture.pcap" "$@"
	wait_for "$RUN/logs/tcpdump-$h.log" 'listening on eth0' 5
}

capture_stop() { # capture_stop HOST
	local h="$1"
	sleep 0.5
	if kill -0 "$(cat "$RUN/pids/tcpdump-$h")" 2>/dev/null; then stop "tcpdump-$h"; else rm -f "$RUN/pids/tcpdump-$h"; fi
	log "capture on $h: $(tail -n 3 "$RUN/logs/tcpdump-$h.log" | tr '\n' ' ')"
}

# collect_capture HOST: the text of HOST's capture, as `tcpdump -nn -tttt -r capture.pcap`.
collect_capture() {
	local h="$1"
	(cd "$RUN/cap-$h" && collect_cmd "$h" out "tcpdump -nn -tttt -r capture.pcap")
}

# collect_app_log HOST: the backend app's own request log (stderr) as HOST/var/log/backend-app.log.
collect_app_log() {
	local h="$1"
	mkdir -p "$BUNDLE/$h/var/log"
	cp "$RUN/logs/app-$h.log" "$BUNDLE/$h/var/log/backend-app.log"
}

# readme_append TEXT: append a section to the bundle's README.md (after collect_bundle).
readme_append() { printf '\n%s\n' "$1" >>"$BUNDLE/README.md"; }

# readme_evidence REL_PATH ERE [MAX]: list the first MAX (default 3) lines of the bundle file
# REL_PATH (e.g. lb/var/log/haproxy.log) matching ERE, as "- `path:line`: `text`", in README.md.
# Dies if nothing matches (the scenario did not produce its evidence).
readme_evidence() {
	local rel="$1" re="$2" max="${3:-3}" out
	out="$({ grep -nE -- "$re" "$BUNDLE/$rel" || true; } | sed -n "1,${max}p" | while IFS= read -r l; do
		# shellcheck disable=SC2016 # backticks are markdown
		printf -- '- `%s:%s`: `%s`\n' "$rel" "${l%%:*}" "${l#*:}"
	done)"
	[[ -n "$out" ]] || die "no evidence /$re/ in $rel"
	printf '%s\n' "$out" >>"$BUNDLE/README.md"
}

# traffic_parallel N [PATH]: N concurrent curl requests (each bounded by TRAFFIC_MAX_TIME, default 5 s),
# waits for all of them; codes appended to $RUN/traffic.log.
traffic_parallel() {
	local n="$1" path="${2:-/}" i
	local -a pids=()
	for i in $(seq 1 "$n"); do
		ip netns exec "${NS_PFX}client" curl -s -m "${TRAFFIC_MAX_TIME:-5}" -o /dev/null -w '%{http_code}\n' "http://${TRAFFIC_HOST:-$LB_IP}$path" >>"$RUN/traffic.log" &
		pids+=("$!")
	done
	for i in "${pids[@]}"; do wait "$i" || true; done
	log "traffic: $(sort "$RUN/traffic.log" | uniq -c | tr -s ' \n' ' ')"
}
