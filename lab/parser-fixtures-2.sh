#!/usr/bin/env bash
# haproxy-doctor lab: real outputs of tcpdump, netstat, /proc/net/tcp*, HAProxy's stats socket,
# /proc/<pid>/limits, ausearch/SELinux tools and systemctl/journalctl, for the parser tests.
# Runs in its own namespace pair (hd-p2-cli 10.99.0.1 / fd99::1, hd-p2-srv 10.99.0.2 / fd99::2,
# joined by one veth), so it never touches the lab's hd-* namespaces or the root namespace;
# iptables rules are added only inside hd-p2-srv.
# Writes fixtures/parsers/{tcpdump,netstat,proc-net-tcp,haproxy-stats,limits,audit,selinux,systemd}/
# and a README.md per folder (one line per file: exact command, host, exit code, scenario).
# Usage: sudo bash lab/parser-fixtures-2.sh
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"

[[ $EUID -eq 0 ]] || die "run as root (sudo bash $0)"
for t in ip iptables ip6tables tcpdump netstat haproxy socat nc curl ausearch "$LAB_PY"; do
	command -v "$t" >/dev/null || die "missing tool: $t"
done

FIXTURE_NS=(hd-p2-cli hd-p2-srv)
RUN=/tmp/hd-lab/parser-fixtures-2
PF="$REPO_DIR/fixtures/parsers"
KINDS=(tcpdump netstat proc-net-tcp haproxy-stats limits audit selinux systemd)

fixture_lab_start

cli() { ip netns exec hd-p2-cli "$@"; }
srv() { ip netns exec hd-p2-srv "$@"; }
# p2bg NAME NS CMD...: background CMD inside NS, PID recorded for teardown (ip netns exec execs).
p2bg() {
	local name="$1" ns="$2"; shift 2
	ip netns exec "$ns" "$@" >"$RUN/logs/$name.log" 2>&1 &
	echo $! >"$RUN/pids/$name"
	log "started $name in $ns (pid $!)"
}
p2stop() { # p2stop NAME [SIGNAL]
	local pid; pid="$(cat "$RUN/pids/$1")"
	kill "-${2:-TERM}" "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	rm -f "$RUN/pids/$1"
}
wait_listen_ns() { # wait_listen_ns NS PORT
	for _ in $(seq 1 40); do
		ip netns exec "$1" ss -Htln "sport = :$2" | grep -q . && return 0
		sleep 0.25
	done
	die "nothing listening on :$2 in $1"
}
# note KIND NAME "COMMAND" HOST RC "SCENARIO"
# shellcheck disable=SC2016 # backquotes are markdown
note() { printf -- '- `%s`: `%s` on host `%s`, exit %s. %s\n' "$2" "$3" "$4" "$5" "$6" >>"$RUN/readme-$1"; }
# capture KIND NAME NS MODE "COMMAND" "SCENARIO": COMMAND word-split, no shell; MODE out|merged.
capture() {
	local kind="$1" name="$2" ns="$3" mode="$4" cmd="$5" what="$6" rc=0 out
	out="$PF/$kind/$name"
	local -a argv
	read -r -a argv <<<"$cmd"
	if [[ "$mode" == merged ]]; then
		ip netns exec "$ns" "${argv[@]}" >"$out" 2>&1 </dev/null || rc=$?
		what="(stdout+stderr) $what"
	else
		ip netns exec "$ns" "${argv[@]}" >"$out" 2>"$RUN/capture.err" </dev/null || rc=$?
		[[ -s "$RUN/capture.err" ]] && log "stderr of $cmd: $(head -c 300 "$RUN/capture.err")"
	fi
	note "$kind" "$name" "$cmd" "${ns#hd-p2-}" "$rc" "$what"
	log "captured $kind/$name (exit $rc)"
}

# ---------------------------------------------------------------- network
ip netns add hd-p2-cli
ip netns add hd-p2-srv
for ns in "${FIXTURE_NS[@]}"; do
	ip netns exec "$ns" ip link set lo up
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
done
ip netns exec hd-p2-cli ip link add eth0 type veth peer name eth0 netns hd-p2-srv
cli ip addr add 10.99.0.1/24 dev eth0
cli ip -6 addr add fd99::1/64 dev eth0 nodad
srv ip addr add 10.99.0.2/24 dev eth0
srv ip -6 addr add fd99::2/64 dev eth0 nodad
cli ip link set eth0 up
srv ip link set eth0 up
sleep 1

# firewall rules, only inside hd-p2-srv
srv iptables -A INPUT -p tcp --dport 8082 -j DROP
srv iptables -A INPUT -p tcp --dport 8083 -j REJECT --reject-with icmp-port-unreachable
srv iptables -A INPUT -p tcp --dport 8084 -j REJECT --reject-with icmp-host-prohibited
srv ip6tables -A INPUT -p tcp --dport 8082 -j DROP
srv ip6tables -A INPUT -p tcp --dport 8083 -j REJECT --reject-with icmp6-port-unreachable
srv ip6tables -A INPUT -p tcp --dport 8084 -j REJECT --reject-with icmp6-adm-prohibited

p2bg app hd-p2-srv "$LAB_PY" "$LAB_DIR/backend-app.py" --bind 10.99.0.2 --port 8080 --name srv
p2bg holder-srv hd-p2-srv "$LAB_PY" "$LAB_DIR/socket-holder.py" 120 \
	"tcp-listen:[::]:9000" "tcp6only-listen:[::1]:9001" "tcp-listen:127.0.0.1:9003" "udp:0.0.0.0:9514" "udp:[::]:9515"
wait_listen_ns hd-p2-srv 8080
wait_listen_ns hd-p2-srv 9000

# ---------------------------------------------------------------- 1. tcpdump
p2bg tcpdump-eth0 hd-p2-cli tcpdump -i eth0 -U -w "$RUN/eth0.pcap" tcp or icmp or icmp6
p2bg tcpdump-srv hd-p2-srv tcpdump -i eth0 -U -w "$RUN/srv.pcap" tcp or icmp or icmp6
# `-i any` is captured as text, live: read back from a pcap, tcpdump would name the interfaces of the reading host
ip netns exec hd-p2-cli tcpdump -l -i any -nn tcp or icmp or icmp6 >"$PF/tcpdump/live_-i_any_-nn.txt" 2>"$RUN/logs/any1.err" &
echo $! >"$RUN/pids/tcpdump-any1"
ip netns exec hd-p2-cli tcpdump -l -i any -nn -tttt -vv -S tcp or icmp or icmp6 >"$PF/tcpdump/live_-i_any_-nn_-tttt_-vv_-S.txt" 2>"$RUN/logs/any2.err" &
echo $! >"$RUN/pids/tcpdump-any2"
# a live text capture, stdout and stderr kept together as a collector running `tcpdump ... 2>&1` would
ip netns exec hd-p2-cli tcpdump -l -n -i eth0 tcp or icmp >"$PF/tcpdump/live_-n_-i_eth0.txt" 2>&1 &
echo $! >"$RUN/pids/tcpdump-live"
sleep 1.5
probe() { echo "+ $*" >>"$RUN/logs/probes.log"; cli "$@" >>"$RUN/logs/probes.log" 2>&1 </dev/null || true; sleep 0.3; }
probe curl -s -m 3 -o /dev/null http://10.99.0.2:8080/      # answered: SYN, SYN-ACK, HTTP, FIN
probe nc -vz -w 2 10.99.0.2 8081                            # refused: RST-ACK from the kernel
probe nc -vz -w 3 10.99.0.2 8082                            # unanswered: DROP, retransmitted SYNs
probe nc -vz -w 2 10.99.0.2 8083                            # ICMP port unreachable (REJECT)
probe nc -vz -w 2 10.99.0.2 8084                            # ICMP host prohibited (REJECT)
probe nc -vz -w 2 fd99::2 9000                              # IPv6 answered
probe nc -vz -w 2 fd99::2 8081                              # IPv6 refused
probe nc -vz -w 3 fd99::2 8082                              # IPv6 unanswered
probe nc -vz -w 2 fd99::2 8083                              # ICMPv6 port unreachable
probe nc -vz -w 2 fd99::2 8084                              # ICMPv6 administratively prohibited
sleep 1
p2stop tcpdump-live INT
p2stop tcpdump-eth0 INT
p2stop tcpdump-srv INT
p2stop tcpdump-any1 INT
p2stop tcpdump-any2 INT
note tcpdump live_-n_-i_eth0.txt "tcpdump -l -n -i eth0 tcp or icmp" cli 0 \
	"(stdout+stderr, stopped with SIGINT) live capture on the client while it probes 10.99.0.2: 8080 curl (answered), 8081 nothing listening (RST), 8082 iptables DROP (SYN retransmitted), 8083 REJECT icmp-port-unreachable, 8084 REJECT icmp-host-prohibited; the IPv6 probes are not in the filter."
SCEN="client 10.99.0.1/fd99::1 probes 10.99.0.2/fd99::2: :8080 (v4) and :9000 (v6) answered, :8081 nothing listening (RST), :8082 iptables/ip6tables DROP (SYN retransmitted), :8083 REJECT icmp-port-unreachable / icmp6-port-unreachable, :8084 REJECT icmp-host-prohibited / icmp6-adm-prohibited."
render() { # render NAME PCAP FLAGS...
	local name="$1" pcap="$2"; shift 2
	local rc=0
	tcpdump -r "$RUN/$pcap" "$@" >"$PF/tcpdump/$name" 2>"$RUN/capture.err" || rc=$?
	local host=cli; [[ $pcap == srv.pcap ]] && host=srv
	note tcpdump "$name" "tcpdump -r $pcap $*" "$host" "$rc" "$pcap: \`tcpdump -i eth0 -U -w $pcap tcp or icmp or icmp6\` run in $host during the probes; $SCEN"
}
render r_-n.txt eth0.pcap -n
render r_-nn_-S.txt eth0.pcap -nn -S
render r_-nn_-v.txt eth0.pcap -nn -v
render r_-nn_-vv_-S.txt eth0.pcap -nn -vv -S
render r_-nn_-tttt.txt eth0.pcap -nn -tttt
render r_-tttt_-vvv.txt eth0.pcap -n -tttt -vvv
note tcpdump live_-i_any_-nn.txt "tcpdump -l -i any -nn tcp or icmp or icmp6" cli 0 "(stdout, stopped with SIGINT) live on every interface of the client, same moment; $SCEN"
note tcpdump live_-i_any_-nn_-tttt_-vv_-S.txt "tcpdump -l -i any -nn -tttt -vv -S tcp or icmp or icmp6" cli 0 "(stdout, stopped with SIGINT) live on every interface of the client, same moment; $SCEN"
render r_srv_-nn.txt srv.pcap -nn

# ---------------------------------------------------------------- 2. sockets: netstat, /proc/net/tcp*
p2bg holder-cli hd-p2-cli "$LAB_PY" "$LAB_DIR/socket-holder.py" 60 "tcp-connect:10.99.0.2:8080" "tcp-connect:[fd99::2]:9000"
p2bg holder-srv-local hd-p2-srv "$LAB_PY" "$LAB_DIR/socket-holder.py" 60 "tcp-connect:127.0.0.1:9003" "tcp-connect-close:[::1]:9001"
for _ in $(seq 1 3); do cli curl -s -m 2 -o /dev/null http://10.99.0.2:8080/ || true; done
cli iptables -A INPUT -p tcp --dport 8082 -j DROP   # client namespace only: the srv's connect hangs in SYN-SENT
ip netns exec hd-p2-srv nc -w 8 10.99.0.1 8082 </dev/null >/dev/null 2>&1 &
echo $! >"$RUN/pids/nc-synsent2"
sleep 1
NSCEN="srv: python3 backend 10.99.0.2:8080, listeners [::]:9000, [::1]:9001 (v6only), 127.0.0.1:9003, UDP 0.0.0.0:9514 and [::]:9515; ESTABLISHED from the client (v4 and v6) and on loopback, TIME_WAIT after 3 curl requests, CLOSE_WAIT/FIN_WAIT2 on [::1]:9001, SYN_SENT towards a DROPped 10.99.0.1:8082."
capture netstat netstat_-an.txt hd-p2-srv out "netstat -an" "$NSCEN"
capture netstat netstat_-tulpn.txt hd-p2-srv out "netstat -tulpn" "$NSCEN"
capture netstat netstat_-neopa.txt hd-p2-srv out "netstat -neopa" "$NSCEN"
capture netstat netstat_-antW.txt hd-p2-srv out "netstat -antW" "$NSCEN"
capture proc-net-tcp proc_net_tcp.txt hd-p2-srv out "cat /proc/net/tcp" "$NSCEN"
capture proc-net-tcp proc_net_tcp6.txt hd-p2-srv out "cat /proc/net/tcp6" "$NSCEN"
capture proc-net-tcp proc_net_udp.txt hd-p2-srv out "cat /proc/net/udp" "$NSCEN"
capture netstat netstat_-tulpn-empty.txt hd-p2-cli out "netstat -tulpn" "client namespace: nothing listens (header lines only)."

# ---------------------------------------------------------------- 3. HAProxy stats socket
cat >"$RUN/haproxy.cfg" <<-EOF
	# haproxy-doctor lab (parser-fixtures-2): one frontend, servers in every state for the stats socket.
	global
	    stats socket $RUN/haproxy.sock mode 600 level admin
	    maxconn 2000
	defaults
	    mode http
	    timeout connect 1s
	    timeout client 5s
	    timeout server 5s
	    timeout check 1s
	frontend fe_app
	    bind 10.99.0.2:80
	    maxconn 500
	    default_backend be_app
	backend be_app
	    option httpchk GET /health
	    server s_up 10.99.0.2:8080 check inter 1s fall 2 rise 2 maxconn 50
	    server s_refused 10.99.0.2:8081 check inter 1s fall 2 rise 2
	    server s_drop 10.99.0.2:8082 check inter 1s fall 2 rise 2
	    server s_maint 10.99.0.2:8080 check inter 1s disabled
	backend be_http_check
	    option httpchk GET /missing
	    server s_404 10.99.0.2:8080 check inter 1s fall 2 rise 2
	backend be_empty
	listen stats
	    bind 127.0.0.1:8404
	    stats enable
	    stats uri /stats
EOF
srv haproxy -c -f "$RUN/haproxy.cfg" >/dev/null 2>&1 || die "haproxy.cfg invalid"
p2bg haproxy hd-p2-srv haproxy -db -f "$RUN/haproxy.cfg"
wait_listen_ns hd-p2-srv 80
sleep 4
for _ in $(seq 1 5); do cli curl -s -m 3 -o /dev/null http://10.99.0.2/ || true; done
sock() { # sock NAME "COMMAND" SCENARIO
	local rc=0
	echo "$2" | srv socat stdio "UNIX-CONNECT:$RUN/haproxy.sock" >"$PF/haproxy-stats/$1" 2>&1 || rc=$?
	note haproxy-stats "$1" "echo \"$2\" | socat stdio UNIX-CONNECT:/run/haproxy/admin.sock" srv "$rc" "$3"
}
HSCEN="$(haproxy -v | head -1 | cut -d' ' -f1-3) in hd-p2-srv, after 4 s of checks and 5 requests: be_app/s_up UP, s_refused DOWN (L4CON), s_drop DOWN (L4TOUT, iptables DROP), s_maint MAINT (disabled); be_http_check/s_404 DOWN (L7STS 404); be_empty no server; listen stats."
sock show_stat.txt "show stat" "$HSCEN"
sock show_info.txt "show info" "$HSCEN"
sock show_servers_state.txt "show servers state" "$HSCEN"
sock show_stat_be_app.txt "show stat be_app 4 -1" "$HSCEN Only be_app's servers (type 4)."
p2stop haproxy
cp "$RUN/logs/haproxy.log" "$PF/systemd/haproxy-foreground-stderr.txt"
note systemd haproxy-foreground-stderr.txt "haproxy -db -f haproxy.cfg" srv "143 (SIGTERM)" \
	"(stdout+stderr) HAProxy's own messages in the foreground with no log target, the raw text journald would store for the unit; $HSCEN"

# ---------------------------------------------------------------- 4. limits
p2bg sleeper hd-p2-srv sh -c 'ulimit -n 4096; exec sleep 30'
sleep 0.3
ip netns exec hd-p2-srv cat "/proc/$(cat "$RUN/pids/sleeper")/limits" >"$PF/limits/proc_pid_limits.txt"
note limits proc_pid_limits.txt "cat /proc/PID/limits" srv 0 "PID: a \`sleep\` started under \`ulimit -n 4096\`."
ip netns exec hd-p2-srv sh -c 'ulimit -n' >"$PF/limits/ulimit_-n.txt"
note limits ulimit_-n.txt "sh -c 'ulimit -n'" srv 0 "the lab's default open-files limit."
ip netns exec hd-p2-srv bash -c 'ulimit -a' >"$PF/limits/ulimit_-a.txt"
note limits ulimit_-a.txt "bash -c 'ulimit -a'" srv 0 "every limit of a bash shell."

# ---------------------------------------------------------------- 5. SELinux/audit tools on a host without SELinux
for c in "getsebool -a" "sestatus" "sestatus -b"; do  # semanage (policycoreutils-python-utils) is not installed: its fixtures are hand-built
	capture selinux "$(cmd_file "$c")-disabled.txt" hd-p2-srv merged "$c" "this lab host runs no SELinux: the tool's real answer on such a host."
done
if [[ -f "$PF/audit/audit.log-hand-built" ]]; then
	capture audit ausearch_-i-from-hand-built.txt hd-p2-srv out "ausearch -i -if $PF/audit/audit.log-hand-built" \
		"ausearch (real) interpreting the hand-built raw log audit.log-hand-built (no SELinux here to produce AVCs)."
	sed -i "s#-if $PF/audit/#-if #" "$RUN/readme-audit"
	capture audit ausearch_-m_avc-from-hand-built.txt hd-p2-srv out "ausearch -m avc -if $PF/audit/audit.log-hand-built" \
		"ausearch (real, raw records) selecting the AVC events of the hand-built raw log."
	sed -i "s#-if $PF/audit/#-if #" "$RUN/readme-audit"
fi

# ---------------------------------------------------------------- 6. systemd tools where systemd is not PID 1
capture systemd systemctl_status_haproxy-no-systemd.txt hd-p2-srv merged "systemctl status haproxy" "this lab machine's PID 1 is not systemd."
capture systemd journalctl_-u_haproxy-no-journal.txt hd-p2-srv merged "journalctl -u haproxy --no-pager" "this lab machine keeps no journal."

# shellcheck disable=SC2016 # backquotes are markdown
for k in "${KINDS[@]}"; do
	{
		printf '# Parser fixtures: %s\n\n' "$k"
		printf 'Real output produced by `lab/parser-fixtures-2.sh` (`sudo bash lab/parser-fixtures-2.sh`) on %s,\n' "$(date -u +%Y-%m-%d)"
		printf 'inside the namespace pair hd-p2-cli (10.99.0.1, fd99::1) / hd-p2-srv (10.99.0.2, fd99::2).\n'
		printf 'Do not edit those by hand: re-run the script. Files named `*hand-built*` are not tool output:\n'
		printf 'they are written from the documented format where this machine cannot produce it (see below).\n\n'
		cat "$RUN/readme-$k"
		[[ -f "$PF/$k/HAND-BUILT.md" ]] && { printf '\n'; cat "$PF/$k/HAND-BUILT.md"; }
	} >"$PF/$k/README.md"
done
log "parser fixtures 2: done"
