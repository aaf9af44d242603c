#!/usr/bin/env bash
# haproxy-doctor lab: real outputs of ss, ip addr, hostname, nc, curl and iptables,
# run inside the lab's network namespaces, for the parser tests.
# Writes fixtures/parsers/{ss,ip-addr,hostname,nc,curl,iptables}/<name>.txt and a README.md
# per folder (one line per file: exact command, host, exit code, scenario).
# Usage: sudo bash lab/parser-fixtures.sh
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
lab_init parser-fixtures

PF="$REPO_DIR/fixtures/parsers"
KINDS=(ss ip-addr hostname nc curl iptables)
for k in "${KINDS[@]}"; do rm -rf "${PF:?}/$k"; mkdir -p "$PF/$k"; : >"$RUN/readme-$k"; done

# capture KIND NAME HOST MODE "COMMAND" "SCENARIO": run COMMAND (word-split) inside HOST;
# MODE=out keeps stdout only, MODE=merged keeps stdout+stderr (nc and curl -v talk on stderr).
# shellcheck disable=SC2016 # backquotes are markdown
capture() {
	local kind="$1" name="$2" h="$3" mode="$4" cmd="$5" what="$6" rc=0 out
	out="$PF/$kind/$name.txt"
	local -a argv
	read -r -a argv <<<"$cmd"
	if [[ "$mode" == merged ]]; then
		in_host "$h" "${argv[@]}" >"$out" 2>&1 </dev/null || rc=$?
	else
		in_host "$h" "${argv[@]}" >"$out" 2>"$RUN/capture.err" </dev/null || rc=$?
		[[ -s "$RUN/capture.err" ]] && log "stderr of $cmd: $(head -c 300 "$RUN/capture.err")"
	fi
	printf -- '- `%s.txt`: `%s` on host `%s`%s, exit %d. %s\n' "$name" "$cmd" "${UTS_NAME:-$h}" \
		"$([[ $mode == merged ]] && echo ' (stdout+stderr)')" "$rc" "$what" >>"$RUN/readme-$kind"
	log "captured $kind/$name.txt (exit $rc)"
}

lab_net_up
start_rsyslog

# ---- 1. HAProxy with no backend running: both servers DOWN, the frontend answers 503
start_haproxy
wait_for "$RUN/haproxy.log" 'backend be_app has no server available!' 10
capture curl 503-haproxy-no-server client merged "curl -sv -m 5 http://10.88.0.10/" \
	"HAProxy 2.6 on lb, both servers of be_app DOWN (nothing listening on the nodes): 503 Service Unavailable from HAProxy."

# ---- 2. firewall rules inside node2 (only in the hd-node2 namespace)
ipt() { ip netns exec hd-node2 iptables "$@"; }
ipt -A INPUT -p tcp --dport 8082 -j DROP
ipt -A INPUT -p tcp --dport 8083 -j REJECT --reject-with icmp-port-unreachable
ipt -A INPUT -p tcp --dport 8084 -j REJECT --reject-with icmp-host-prohibited
ipt -A INPUT -p tcp --dport 8085 -j REJECT --reject-with icmp-host-unreachable
ipt -A INPUT -p tcp --dport 8086 -j REJECT --reject-with tcp-reset
ipt -A INPUT -s 10.88.0.10/32 -p tcp --dport 9090 -j ACCEPT

# ---- 3. backends up
start_backend node1
start_backend node2
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is UP' 10

# ---- 4. a mix of sockets on node1 for ss
ll6="$(ip netns exec hd-node1 ip -6 -o addr show dev eth0 scope link | awk '{print $4}' | cut -d/ -f1)"
[[ -n "$ll6" ]] || die "no link-local address on node1"
bg holder-node1 node1 "$LAB_PY" "$LAB_DIR/socket-holder.py" 90 \
	"tcp-listen:[::]:9000" "tcp6only-listen:[::1]:9001" "tcp-listen:0.0.0.0:9002" \
	"tcp-listen:127.0.0.1:9003" "tcp6only-listen:[$ll6%eth0]:9004" "tcp6only-listen:[fd88::11]:9005" \
	"udp:0.0.0.0:9514" "udp:[::]:9515" "udp:127.0.0.1:9516"
wait_listen node1 9005
bg holder-client client "$LAB_PY" "$LAB_DIR/socket-holder.py" 90 \
	"tcp-connect:10.88.0.11:9002" "tcp-connect:10.88.0.11:9002" "tcp-connect:[fd88::11]:9000" "tcp-connect:[fd88::11]:9005"
bg holder-node1-local node1 "$LAB_PY" "$LAB_DIR/socket-holder.py" 90 \
	"tcp-connect:127.0.0.1:9003" "tcp-connect-close:[::1]:9001"
# short connections: the python server closes first, node1 keeps them in TIME-WAIT
for _ in $(seq 1 5); do ip netns exec hd-client curl -s -m 2 -o /dev/null http://10.88.0.11:8080/ || true; done
# a connect that hangs (DROP on node2:8082): SYN-SENT on node1 (nc gives up after 8 s)
bg nc-synsent node1 nc -w 8 10.88.0.12 8082
sleep 1
capture ss tulpn-mixed node1 out "ss -tulpn" \
	"node1: python3 backend on 10.88.0.11:8080, listeners on [::]:9000 (dual-stack), [::1]:9001, 0.0.0.0:9002, 127.0.0.1:9003, [$ll6%eth0]:9004 (link-local, scoped), [fd88::11]:9005, UDP 0.0.0.0:9514, [::]:9515, 127.0.0.1:9516."
capture ss tlnp-mixed node1 out "ss -tlnp" "node1, same moment as tulpn-mixed."
capture ss tan-mixed node1 out "ss -tan" \
	"node1, same moment: LISTEN, ESTAB (IPv4 from client 10.88.0.100, IPv6 from fd88::100, loopback 127.0.0.1), TIME-WAIT (5 short HTTP requests), SYN-SENT (to DROPped 10.88.0.12:8082), CLOSE-WAIT/FIN-WAIT-2 on [::1]:9001."
capture ss tunap-mixed node1 out "ss -tunap" "node1, same moment, TCP+UDP, all states, with processes."
capture ss tulpn-haproxy-lb lb out "ss -tulpn" \
	"lb: haproxy on 10.88.0.10:80 and :8404 (plus its UDP log sockets), rsyslogd on UDP 127.0.0.1:514."
capture ss tan-haproxy-lb lb out "ss -tan" "lb: HAProxy after health checks and proxied requests."
capture ss tulpn-backend-only node2 out "ss -tulpn" "node2: only the python3 backend on 10.88.0.12:8080."
capture ss tulpn-empty sw out "ss -tulpn" "a host with nothing listening: header line only."

# ---- 5. ip addr (IPv6 on the veths, a secondary address, an interface that is DOWN)
ip netns exec hd-node1 ip addr add 10.88.0.21/24 dev eth0
ip netns exec hd-node1 ip link add br1 type bridge
ip netns exec hd-node1 ip addr add 192.168.77.1/24 dev br1
capture ip-addr ip_addr-node1 node1 out "ip addr" \
	"node1: lo; eth0 (veth, 10.88.0.11/24 + secondary 10.88.0.21/24, fd88::11/64, fe80:: link-local); br1 (empty bridge, DOWN) with 192.168.77.1/24."
capture ip-addr ip_-o_addr-node1 node1 out "ip -o addr" "node1, same state as ip_addr-node1, one line per address."
capture ip-addr ip_addr-lb lb out "ip addr" "lb: lo; eth0 10.88.0.10/24, fd88::10/64, link-local."
capture ip-addr ip_-o_addr-lb lb out "ip -o addr" "lb, one line per address."

# ---- 6. hostname
capture hostname hostname-short lb out "hostname" "UTS name set to 'lb'."
UTS_NAME=lb01.prod.example.internal capture hostname hostname-fqdn lb out "hostname" "UTS name set to a FQDN."

# ---- 7. nc outcomes from lb to node2 (10.88.0.12)
capture nc succeeded lb merged "nc -vz -w 2 10.88.0.12 8080" "python3 backend listening on node2:8080."
capture nc refused-not-listening lb merged "nc -vz -w 2 10.88.0.12 8081" "nothing listens on node2:8081: RST."
capture nc timed-out-drop lb merged "nc -vz -w 2 10.88.0.12 8082" "node2: iptables -A INPUT -p tcp --dport 8082 -j DROP."
capture nc refused-reject-port-unreachable lb merged "nc -vz -w 2 10.88.0.12 8083" \
	"node2: iptables -A INPUT -p tcp --dport 8083 -j REJECT --reject-with icmp-port-unreachable."
capture nc no-route-reject-host-prohibited lb merged "nc -vz -w 2 10.88.0.12 8084" \
	"node2: iptables -A INPUT -p tcp --dport 8084 -j REJECT --reject-with icmp-host-prohibited."
capture nc no-route-reject-host-unreachable lb merged "nc -vz -w 2 10.88.0.12 8085" \
	"node2: iptables -A INPUT -p tcp --dport 8085 -j REJECT --reject-with icmp-host-unreachable."
capture nc refused-reject-tcp-reset lb merged "nc -vz -w 2 10.88.0.12 8086" \
	"node2: iptables -A INPUT -p tcp --dport 8086 -j REJECT --reject-with tcp-reset."
capture nc dns-failure lb merged "nc -vz -w 2 nonexistent.invalid 80" "name does not resolve: the resolver (from /etc/resolv.conf) is unreachable from the namespace, so getaddrinfo says Temporary failure in name resolution."

# ---- 8. curl -v outcomes
capture curl 200-backend lb merged "curl -sv -m 5 http://10.88.0.12:8080/" "python3 backend on node2 answers 200 (HTTP/1.0)."
capture curl 200-via-haproxy client merged "curl -sv -m 5 http://10.88.0.10/" "through HAProxy on lb, both servers UP: 200."
capture curl 200-progress-meter lb merged "curl -v -m 5 -o /dev/null http://10.88.0.11:8080/" \
	"200 without -s: the progress meter is interleaved with the -v lines (stderr not a tty)."
capture curl refused lb merged "curl -sv -m 5 http://10.88.0.12:8081/" "nothing listens on node2:8081: Connection refused, exit 7."
capture curl connect-timeout-drop lb merged "curl -sv --connect-timeout 2 -m 5 http://10.88.0.12:8082/" \
	"node2 DROPs tcp/8082: connect timeout, exit 28."
capture curl max-time-drop lb merged "curl -sv -m 2 http://10.88.0.12:8082/" "node2 DROPs tcp/8082, only -m 2: exit 28."
capture curl no-route-reject-host-unreachable lb merged "curl -sv -m 5 http://10.88.0.12:8085/" \
	"node2 REJECTs tcp/8085 with icmp-host-unreachable: No route to host, exit 7."
capture curl no-route-reject-host-prohibited lb merged "curl -sv -m 5 http://10.88.0.12:8084/" \
	"node2 REJECTs tcp/8084 with icmp-host-prohibited: No route to host, exit 7."
capture curl refused-reject-port-unreachable lb merged "curl -sv -m 5 http://10.88.0.12:8083/" \
	"node2 REJECTs tcp/8083 with icmp-port-unreachable: Connection refused, exit 7."
capture curl read-timeout lb merged "curl -sv -m 2 http://10.88.0.11:9002/" \
	"node1:9002 accepts but never answers: Operation timed out with 0 bytes received, exit 28."
capture curl dns-failure lb merged "curl -sv -m 5 http://nonexistent.invalid/" "Could not resolve host (resolver unreachable from the namespace), exit 6."

# ---- 9. the firewall rules above, as the tools print them (node2)
capture iptables iptables-save-node2 node2 out "iptables-save" "node2 with the DROP/REJECT/ACCEPT rules used by the nc and curl fixtures."
capture iptables iptables_-vnxL-node2 node2 out "iptables -vnxL" "node2, same rules, with packet counters after the nc/curl runs."
capture iptables nft_list_ruleset-node2 node2 out "nft list ruleset" "node2, same rules as seen by nft (iptables-nft backend)."
capture iptables iptables-save-empty node1 out "iptables-save" "node1: no rules loaded (fresh namespace): empty output."

# shellcheck disable=SC2016 # backquotes are markdown
for k in "${KINDS[@]}"; do
	{
		printf '# Parser fixtures: %s\n\n' "$k"
		printf 'Real output produced by `lab/parser-fixtures.sh` (`sudo bash lab/parser-fixtures.sh`) on %s,\n' "$(date -u +%Y-%m-%d)"
		printf 'inside the lab network namespaces (lb 10.88.0.10, node1 10.88.0.11, node2 10.88.0.12, client 10.88.0.100;\n'
		printf 'IPv6 fd88::/64 on the same veths). Do not edit by hand: re-run the script.\n\n'
		cat "$RUN/readme-$k"
	} >"$PF/$k/README.md"
done
log "parser fixtures: $(find "$PF" -path "$PF/haproxy-log" -prune -o -type f -print | wc -l) files"
