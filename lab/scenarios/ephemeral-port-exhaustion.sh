#!/usr/bin/env bash
# Scenario "ephemeral-port-exhaustion": lb's net.ipv4.ip_local_port_range is "40000 40010"
# (11 ports). HAProxy runs in TCP mode (mode tcp, option tcplog) in front of keep-alive (HTTP/1.1)
# apps: the client closes first, HAProxy passes the close on to the server, so every server
# connection ends in TIME-WAIT on lb, holding its port for 60 s. After ~22 connections (11 ports x 2
# servers) connect() fails: "Connect() failed for backend be_app: no free ports."
# (In HTTP mode HAProxy 2.6 closes idle server connections with a RST, leaving no TIME-WAIT.)
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init ephemeral-port-exhaustion
HAPROXY_CHECK_MODE=merged

sed -i -e 's|^\tmode\thttp$|\tmode\ttcp|' -e 's|^\toption\thttplog$|\toption\ttcplog|' \
	-e 's|^listen stats$|listen stats\n\tmode http|' "$RUN/haproxy.cfg"
[[ $(grep -cE '^.mode.tcp$|^.option.tcplog$|^.mode http$' "$RUN/haproxy.cfg") -eq 3 ]] || die "config change not applied"
export APP_ARGS_node1="--http11" APP_ARGS_node2="--http11"
lab_up
ip netns exec hd-lb sysctl -w net.ipv4.ip_local_port_range="40000 40010"
traffic 40
wait_for "$RUN/haproxy.log" 'no free ports' 5

scenario_collect() {
	collect_ps lb
	collect_cmd lb out "sysctl -a"
}
collect_bundle "\`ephemeral-port-exhaustion\` on **lb**: lb's \`net.ipv4.ip_local_port_range = 40000 40010\` (lb's \`sysctl -a\`)
gives HAProxy 11 local ports per server address. HAProxy proxies in \`mode tcp\`: each client closes first, HAProxy
closes the server side before the server does, so every server connection leaves a TIME-WAIT socket on lb holding its
port for 60 s (lb's \`ss -tan\`: TIME-WAIT
from 10.88.0.10:400xx to 10.88.0.11:8080 / 10.88.0.12:8080, all ports of the range used). Once they are all taken,
connect() fails: HAProxy logs \`Connect() failed for backend be_app: no free ports.\` (syslog and stderr), the client
connections fail (tcplog lines with termination state \`SC\`, clients get no answer), and the checks fail the same way.
Backends are healthy. Fix: widen the range (\`sysctl -w net.ipv4.ip_local_port_range=\"1024 65000\"\`),
\`net.ipv4.tcp_tw_reuse=1\`, reuse server connections (HTTP mode), or add source addresses (\`source\`)."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/commands/sysctl_-a 'ip_local_port_range' 1
readme_evidence lb/var/log/haproxy.log 'no free ports|Out of local source ports' 4
readme_evidence lb/var/log/haproxy-stderr.log 'no free ports' 1
readme_evidence lb/var/log/haproxy.log ' SC ' 2
readme_evidence lb/commands/ss_-tan 'TIME-WAIT .* 10\.88\.0\.10:400[0-9]{2} +10\.88\.0\.1[12]:8080' 3
readme_evidence lb/etc/haproxy/haproxy.cfg 'mode.tcp' 1
