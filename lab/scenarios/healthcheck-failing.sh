#!/usr/bin/env bash
# Scenario "healthcheck-failing": `option httpchk GET /wrong`; the app answers 404 there, so both
# servers are DOWN ("Layer7 wrong status") although TCP and GET / work; clients get 503 <NOSRV>.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init healthcheck-failing
HAPROXY_CHECK_MODE=merged

sed -i 's|^\toption httpchk GET /health$|\toption httpchk GET /wrong|' "$RUN/haproxy.cfg"
grep -q 'httpchk GET /wrong' "$RUN/haproxy.cfg" || die "config change not applied"
lab_up
wait_for "$RUN/haproxy.log" 'Server be_app/node1 is DOWN, reason: Layer7 wrong status' 10
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN, reason: Layer7 wrong status' 10
capture_start lb 40 tcp port 8080 and host 10.88.0.12
traffic 10
sleep 2.2   # at least two checks (inter 1s) in the capture
capture_stop lb

scenario_collect() {
	collect_ps lb
	collect_capture lb
	collect_app_log node1
	collect_app_log node2
}
collect_bundle "\`healthcheck-failing\` on **lb** (config): the health check is \`option httpchk GET /wrong\` (haproxy.cfg), a path the
application answers with **404** (node1's/node2's \`var/log/backend-app.log\`: \`\"GET /wrong HTTP/1.0\" 404\`), so HAProxy
marks both servers DOWN with \`reason: Layer7 wrong status, code: 404, info: \"Not Found\"\` and then logs
\`backend be_app has no server available!\`; clients get 503 (\`be_app/<NOSRV>\`). The servers are healthy: TCP connects
work (\`nc\` from lb succeeded; tcpdump shows SYN / SYN-ACK and an HTTP 404 answer to the check) and \`curl\` of / from lb
gets 200. Not a network or listener problem. Fix: check a path that returns 2xx/3xx (\`option httpchk GET /health\`)
or accept the status with \`http-check expect status 404\` if intended."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/etc/haproxy/haproxy.cfg 'httpchk' 1
readme_evidence lb/var/log/haproxy.log 'is DOWN|no server available' 3
readme_evidence lb/var/log/haproxy.log '<NOSRV>' 1
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.12_8080 'succeeded' 1
readme_evidence 'lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.12:8080.' '< HTTP/' 1
readme_evidence lb/commands/tcpdump_-nn_-tttt_-r_capture.pcap 'Flags \[S\.\]|HTTP/1.0 404' 2
readme_evidence node2/var/log/backend-app.log 'GET /wrong' 2
