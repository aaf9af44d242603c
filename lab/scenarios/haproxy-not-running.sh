#!/usr/bin/env bash
# Scenario "haproxy-not-running": HAProxy served traffic, then was stopped (SIGUSR1, the
# graceful stop); clients get "connection refused" on 10.88.0.10:80, nothing listens there,
# no haproxy process.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init haproxy-not-running
HAPROXY_CHECK_MODE=merged

lab_up
traffic 10
pid="$(cat "$RUN/pids/haproxy")"
log "graceful stop of haproxy (SIGUSR1 to pid $pid)"
kill -USR1 "$pid"
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$pid" 2>/dev/null || die "haproxy did not stop"
rm -f "$RUN/pids/haproxy"
traffic 10
! grep -qv '^\(200\|000\)$' "$RUN/traffic.log" || die "unexpected status"

scenario_collect() {
	collect_ps lb
	collect_cmd lb merged "curl -sv -m 3 -o /dev/null http://10.88.0.10/"
	collect_cmd lb merged "nc -vz -w 2 10.88.0.10 80"
}
collect_bundle "\`haproxy-not-running\` on **lb**: HAProxy was stopped (a graceful stop: the log's last HAProxy lines are
\`Proxy fe_main stopped\` / \`Proxy be_app stopped\`); nothing listens on the frontend address 10.88.0.10:80
(lb's \`ss -tulpn\`), there is no haproxy process (\`ps\`), and connections to 10.88.0.10:80 are refused
(lb's \`curl\`/\`nc\`; the client's last 10 requests failed with status 000). The configuration is valid and the
backends are healthy (node1/node2 answer on 8080). Fix: start HAProxy (\`systemctl start haproxy\`) and find out
who/what stopped it."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/var/log/haproxy.log 'stopped|Stopping' 4
readme_evidence lb/commands/ss_-tulpn 'Netid|LISTEN' 3
readme_evidence 'lb/commands/ps_-eo_pid,user,comm,args' '.' 3
readme_evidence 'lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.10.' 'refused|Failed' 2
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.10_80 'refused' 1
