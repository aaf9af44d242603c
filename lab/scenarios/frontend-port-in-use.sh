#!/usr/bin/env bash
# Scenario "frontend-port-in-use": another process (python3 -m http.server) already holds
# 10.88.0.10:80 on lb when HAProxy starts; HAProxy cannot bind fe_main and exits.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init frontend-port-in-use
HAPROXY_CHECK_MODE=merged

lab_up_backends
mkdir -p "$RUN/www"
bg squatter lb "$LAB_PY" -m http.server --bind 10.88.0.10 --directory "$RUN/www" 80
wait_listen lb 80
! start_haproxy_try || die "haproxy started although :80 is taken"
grep -q 'Address already in use' "$RUN/haproxy-stderr.log" || die "no 'Address already in use' in haproxy stderr"
traffic 5   # answered by the python server, not by HAProxy

scenario_collect() {
	collect_ps lb
	collect_cmd lb merged "curl -sv -m 3 -o /dev/null http://10.88.0.10/"
}
collect_bundle "\`frontend-port-in-use\` on **lb**: HAProxy could not bind its frontend \`fe_main\` on 10.88.0.10:80
because another process already listens there: lb's \`ss -tulpn\` names it (\`python3\`, a \`python3 -m http.server\`
in \`ps\`), HAProxy's stderr has \`Starting frontend fe_main: cannot bind socket (Address already in use) [10.88.0.10:80]\`
and HAProxy exited (no haproxy process in \`ps\`, nothing else of HAProxy's bound, e.g. 10.88.0.10:8404 is free).
The configuration itself is valid (\`haproxy -c\`). Clients reaching 10.88.0.10:80 got answers from the other
server (\`Server: SimpleHTTP/... Python/...\` in lb's \`curl -sv http://10.88.0.10/\`), not from HAProxy.
Fix: stop/disable the process holding :80 (or move one of the two to another address/port), then start HAProxy."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/var/log/haproxy-stderr.log 'Address already in use|failed to start' 2
readme_evidence lb/commands/ss_-tulpn ':80 ' 1
readme_evidence 'lb/commands/ps_-eo_pid,user,comm,args' 'http.server' 1
readme_evidence 'lb/commands/haproxy_-c_-f_.etc.haproxy.haproxy.cfg' 'valid' 1
readme_evidence 'lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.10.' 'Server:' 1
readme_evidence lb/etc/haproxy/haproxy.cfg 'bind 10.88.0.10:80' 1
