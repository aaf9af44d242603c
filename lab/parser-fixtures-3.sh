#!/usr/bin/env bash
# haproxy-doctor lab: real outputs of `ss -s`, `ss -peaonmi` (sosreport's two-line records), `ps` listings,
# HAProxy's own /proc/<pid>/limits and `journalctl -u haproxy` in four output modes, for the parser tests.
# Runs in its own namespace pair (hd-p3-cli 10.98.0.1 / hd-p3-srv 10.98.0.2, one veth); processes are started
# inside hd-p3-srv (ps fixtures: inside a private PID namespace too), recorded by PID and stopped by PID.
# Nothing changes in the root namespace.
#
# The journal: this machine has no systemd as PID 1, so no journald. HAProxy's real stderr lines are stamped
# as they arrive and written as a journal export stream (the fields journald gives a unit's stdout); the
# lab adds systemd's own Starting/Started/Stopping lines for the unit in systemd 252's wording; the real
# systemd-journal-remote turns the stream into a journal file and the real journalctl prints it with
# `-u haproxy`. The output formats are journalctl's own; the systemd lines' wording is the lab's.
#
# Writes fixtures/parsers/{ss-extra,process-list,journal}/ and a README.md per folder.
# Usage: sudo bash lab/parser-fixtures-3.sh
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"

[[ $EUID -eq 0 ]] || die "run as root (sudo bash $0)"
for t in ip ss ps haproxy curl unshare journalctl "$LAB_PY"; do
	command -v "$t" >/dev/null || die "missing tool: $t"
done
JREMOTE=/usr/lib/systemd/systemd-journal-remote
[[ -x "$JREMOTE" ]] || die "missing $JREMOTE (apt-get install systemd-journal-remote)"

FIXTURE_NS=(hd-p3-cli hd-p3-srv)
RUN=/tmp/hd-lab/parser-fixtures-3
PF="$REPO_DIR/fixtures/parsers"
KINDS=(ss-extra process-list journal)

fixture_lab_start

srv() { ip netns exec hd-p3-srv "$@"; }
p3bg() { # p3bg NAME CMD...: background CMD inside hd-p3-srv, PID recorded for teardown
	local name="$1"; shift
	ip netns exec hd-p3-srv "$@" >"$RUN/logs/$name.log" 2>&1 &
	echo $! >"$RUN/pids/$name"
	log "started $name (pid $!)"
}
p3stop() {
	local pid; pid="$(cat "$RUN/pids/$1")"
	kill "-${2:-TERM}" "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	rm -f "$RUN/pids/$1"
}
wait_listen() { for _ in $(seq 1 40); do srv ss -Htln "sport = :$1" | grep -q . && return 0; sleep 0.25; done; die "nothing on :$1"; }
# shellcheck disable=SC2016 # backquotes are markdown
note() { printf -- '- `%s`: `%s` on host `%s`, exit %s. %s\n' "$2" "$3" "$4" "$5" "$6" >>"$RUN/readme-$1"; }

# ---------------------------------------------------------------- network
ip netns add hd-p3-cli
ip netns add hd-p3-srv
for ns in "${FIXTURE_NS[@]}"; do ip netns exec "$ns" ip link set lo up; done
ip netns exec hd-p3-cli ip link add eth0 type veth peer name eth0 netns hd-p3-srv
ip netns exec hd-p3-cli ip addr add 10.98.0.1/24 dev eth0
srv ip addr add 10.98.0.2/24 dev eth0
ip netns exec hd-p3-cli ip link set eth0 up
srv ip link set eth0 up

cat >"$RUN/haproxy.cfg" <<-EOF
	# haproxy-doctor lab (parser-fixtures-3): one server up, one refused, an httpchk that gets 404.
	global
	    maxconn 4000
	defaults
	    mode http
	    timeout connect 1s
	    timeout client 5s
	    timeout server 5s
	    timeout check 1s
	frontend fe_app
	    bind 10.98.0.2:80
	    default_backend be_app
	backend be_app
	    server s_up 10.98.0.2:8080 check inter 1s fall 2 rise 2
	    server s_refused 10.98.0.2:8081 check inter 1s fall 2 rise 2
	backend be_http_check
	    option httpchk GET /missing
	    server s_404 10.98.0.2:8080 check inter 1s fall 2 rise 2
EOF
srv haproxy -c -f "$RUN/haproxy.cfg" >/dev/null 2>&1 || die "haproxy.cfg invalid"

p3bg app "$LAB_PY" "$LAB_DIR/backend-app.py" --bind 10.98.0.2 --port 8080 --name srv
wait_listen 8080

# ---------------------------------------------------------------- 1. journal: HAProxy's stderr, stamped as it arrives
cat >"$RUN/stamp.py" <<'PY'
import os, sys, time, uuid
# journal export stream of a unit's stdout/stderr, one entry per line read from stdin (bounded: 500 lines)
boot, host, pid, unit = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
out = open(sys.argv[5], "a", encoding="utf-8")
t0 = time.monotonic()
def entry(fields):
    now = time.time()
    base = {"__REALTIME_TIMESTAMP": str(int(now * 1e6)), "__MONOTONIC_TIMESTAMP": str(int((time.monotonic() - t0 + 100) * 1e6)), "_BOOT_ID": boot, "_HOSTNAME": host}
    base.update(fields)
    out.write("".join(f"{k}={v}\n" for k, v in base.items()) + "\n"); out.flush()
if pid == "systemd":
    for message in sys.argv[6:]:
        entry({"_PID": "1", "_COMM": "systemd", "SYSLOG_IDENTIFIER": "systemd", "UNIT": unit, "PRIORITY": "6", "_TRANSPORT": "journal", "MESSAGE": message})
    sys.exit(0)
for n, line in enumerate(sys.stdin):
    if n >= 500: break
    entry({"_PID": pid, "_COMM": "haproxy", "SYSLOG_IDENTIFIER": "haproxy", "_SYSTEMD_UNIT": unit, "PRIORITY": "6", "_TRANSPORT": "stdout", "MESSAGE": line.rstrip("\n")})
PY
BOOT=3f1c2e0a9b8d4c7e8f6a5b4c3d2e1f00
EXPORT="$RUN/haproxy.export"
: >"$EXPORT"
"$LAB_PY" "$RUN/stamp.py" "$BOOT" lb systemd haproxy.service "$EXPORT" "Starting haproxy.service - HAProxy Load Balancer..."
# HAProxy's stderr through a pipe into stamp.py (which ends when HAProxy does); both PIDs recorded for teardown
ip netns exec hd-p3-srv sh -c "exec haproxy -db -f '$RUN/haproxy.cfg' 2>&1" | "$LAB_PY" "$RUN/stamp.py" "$BOOT" lb PIDPLACEHOLDER haproxy.service "$EXPORT" &
echo $! >"$RUN/pids/stamp"
sleep 0.5
HAPID="$(ip netns pids hd-p3-srv | while read -r p; do [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == haproxy ]] && echo "$p"; done | head -1)"
[[ -n "$HAPID" ]] || die "haproxy did not start"
echo "$HAPID" >"$RUN/pids/haproxy-journal"
"$LAB_PY" "$RUN/stamp.py" "$BOOT" lb systemd haproxy.service "$EXPORT" "Started haproxy.service - HAProxy Load Balancer."
wait_listen 80
for i in 1 2 3 4 5 6; do ip netns exec hd-p3-cli curl -s -m 2 -o /dev/null "http://10.98.0.2/r$i" || true; done
sleep 4
"$LAB_PY" "$RUN/stamp.py" "$BOOT" lb systemd haproxy.service "$EXPORT" "Stopping haproxy.service - HAProxy Load Balancer..."

# ---------------------------------------------------------------- 2. ss -s and ss -peaonmi with HAProxy, checks and TIME-WAIT
srv ss -s >"$PF/ss-extra/ss_-s-haproxy.txt"
note ss-extra ss_-s-haproxy.txt "ss -s" srv 0 "HAProxy on 10.98.0.2:80 with health checks every second and 6 proxied requests: TIME-WAIT and closed sockets."
srv ss -peaonmi >"$PF/ss-extra/ss_-peaonmi-haproxy.txt" 2>&1 || true
note ss-extra ss_-peaonmi-haproxy.txt "ss -peaonmi" srv 0 "(stdout+stderr, as sosreport captures it) same moment: two-line records (skmem, timers on the indented line), unix and netlink sockets."
ip netns exec hd-p3-cli ss -s >"$PF/ss-extra/ss_-s-client.txt"
note ss-extra ss_-s-client.txt "ss -s" cli 0 "the client side after its 6 curl requests."

p3stop haproxy-journal
sleep 0.5
"$LAB_PY" "$RUN/stamp.py" "$BOOT" lb systemd haproxy.service "$EXPORT" "haproxy.service: Deactivated successfully." "Stopped haproxy.service - HAProxy Load Balancer."
sed -i "s/^_PID=PIDPLACEHOLDER$/_PID=$HAPID/" "$EXPORT"
"$JREMOTE" --output="$RUN/haproxy.journal" "$EXPORT" 2>"$RUN/logs/journal-remote.log" || die "systemd-journal-remote failed: $(cat "$RUN/logs/journal-remote.log")"
for mode in short short-iso short-precise cat; do
	TZ=UTC journalctl --file "$RUN/haproxy.journal" -u haproxy --no-pager -o "$mode" >"$PF/journal/journalctl_-u_haproxy_-o_$mode.txt"
	note journal "journalctl_-u_haproxy_-o_$mode.txt" "journalctl -u haproxy --no-pager -o $mode" srv 0 \
		"journal file written by systemd-journal-remote from the export stream (see above): HAProxy $(haproxy -v | head -1 | cut -d' ' -f3) stderr (s_refused DOWN L4CON, s_404 DOWN L7STS, be_http_check no server), systemd's Starting/Started/Stopping lines."
done
TZ=UTC journalctl --file "$RUN/haproxy.journal" -u nothing-here --no-pager >"$PF/journal/journalctl_-u_nothing-here.txt" 2>&1 || true
note journal journalctl_-u_nothing-here.txt "journalctl -u nothing-here --no-pager" srv 0 "(stdout+stderr) a unit with no entries in the journal."

# ---------------------------------------------------------------- 3. ps and /proc/<haproxy pid>/limits in a private PID namespace
cat >"$RUN/ps-scene.sh" <<EOF
set -e
cd /
haproxy -db -f "$RUN/haproxy.cfg" >/dev/null 2>&1 &
hp=\$!
sleep 300 &
sl=\$!
sleep 1
ps -eo pid,user,comm,args >"$RUN/ps_-eo"
ps aux >"$RUN/ps_aux"
ps -ef >"$RUN/ps_-ef"
cat /proc/\$hp/limits >"$RUN/haproxy-limits"
kill \$hp \$sl
wait 2>/dev/null || true
EOF
# haproxy in the scene binds 10.98.0.2:80 again: the journal run above is stopped by now
srv timeout 60 unshare --pid --fork --mount-proc sh "$RUN/ps-scene.sh" || die "ps scene failed"
cp "$RUN/ps_-eo" "$PF/process-list/ps_-eo_pid,user,comm,args.txt"
note process-list "ps_-eo_pid,user,comm,args.txt" "ps -eo pid,user,comm,args" srv 0 "a private PID namespace: sh (PID 1), haproxy -db, sleep, ps."
cp "$RUN/ps_aux" "$PF/process-list/ps_aux.txt"
note process-list ps_aux.txt "ps aux" srv 0 "same scene."
cp "$RUN/ps_-ef" "$PF/process-list/ps_-ef.txt"
note process-list ps_-ef.txt "ps -ef" srv 0 "same scene."
cp "$RUN/haproxy-limits" "$PF/process-list/proc_haproxy_limits.txt"
note process-list proc_haproxy_limits.txt "cat /proc/<haproxy pid>/limits" srv 0 "same scene: HAProxy $(haproxy -v | head -1 | cut -d' ' -f3) maxconn 4000 needs fewer files than the inherited 20000, so HAProxy keeps that open-files limit."
TZ=UTC sh -c 'ulimit -a' >"$PF/process-list/sh_-c_ulimit_-a.txt"
note process-list sh_-c_ulimit_-a.txt "sh -c 'ulimit -a'" srv 0 "dash's wording of every limit (bash's is fixtures/parsers/limits/ulimit_-a.txt)."

# shellcheck disable=SC2016 # backquotes are markdown
for k in "${KINDS[@]}"; do
	{
		printf '# Parser fixtures: %s\n\n' "$k"
		printf 'Real output produced by `lab/parser-fixtures-3.sh` (`sudo bash lab/parser-fixtures-3.sh`) on %s,\n' "$(date -u +%Y-%m-%d)"
		printf 'inside the namespace pair hd-p3-cli (10.98.0.1) / hd-p3-srv (10.98.0.2). Do not edit those by hand: re-run the script.\n'
		[[ "$k" == journal ]] && printf '\nNo systemd as PID 1 here: HAProxy'"'"'s real stderr lines, stamped as they arrived, plus systemd'"'"'s Starting/Started/Stopping\nlines for the unit in systemd 252'"'"'s wording (written by the lab), make a journal export stream that the real\n`systemd-journal-remote` turns into a journal file, printed by the real `journalctl --file ... -u haproxy`.\n'
		printf '\n'
		cat "$RUN/readme-$k"
		[[ -f "$PF/$k/HAND-BUILT.md" ]] && { printf '\n'; cat "$PF/$k/HAND-BUILT.md"; }
	} >"$PF/$k/README.md"
done
log "parser fixtures 3: done"
