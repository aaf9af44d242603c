#!/usr/bin/env bash
# Scenario "healthy-multi-backend": healthy control with two backends chosen by path
# (use_backend be_api if { path_beg /api/ }, default be_app); all requests 200.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init healthy-multi-backend
HAPROXY_CHECK_MODE=merged

"$LAB_PY" - "$RUN/haproxy.cfg" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("\tdefault_backend be_app\n", "\tuse_backend be_api if { path_beg /api/ }\n\tdefault_backend be_app\n", 1)
s = s.replace("\nlisten stats\n", """
backend be_api
	balance leastconn
	option httpchk GET /health
	http-check expect status 200
	server api1 10.88.0.11:8080 check inter 2s fall 3 rise 2
	server api2 10.88.0.12:8080 check inter 2s fall 3 rise 2

listen stats
""", 1)
open(p, "w").write(s)
PY
grep -q 'backend be_api' "$RUN/haproxy.cfg" || die "config change not applied"
export APP_ARGS_node1="--ok-prefix /api/" APP_ARGS_node2="--ok-prefix /api/"
lab_up
traffic 15
traffic 15 /api/v1/items
! grep -qv '^200$' "$RUN/traffic.log" || die "unexpected non-200 responses"
wait_for "$RUN/haproxy.log" 'be_api/api[12] ' 5

scenario_collect() { collect_ps lb; }
collect_bundle "None: healthy control with several backends. \`fe_main\` sends \`/api/...\` to \`be_api\` (servers api1/api2 on the same
hosts as node1/node2, \`http-check expect status 200\`) and the rest to \`be_app\`; all four servers are UP, every
request got a 200. The analyzer should report no error finding."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/etc/haproxy/haproxy.cfg 'use_backend|^backend' 3
readme_evidence lb/var/log/haproxy.log 'be_api/api[12] ' 1
readme_evidence lb/var/log/haproxy.log 'be_app/node[12] ' 1
