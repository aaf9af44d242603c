#!/usr/bin/env bash
# Scenario "healthy-maintenance": healthy control with a server put into maintenance on purpose
# through the runtime API (stats socket: `set server be_app/node2 state maint`); node1 serves
# everything, node2's service still runs. No failure.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init healthy-maintenance
HAPROXY_CHECK_MODE=merged

lab_up
traffic 6
echo "set server be_app/node2 state maint" | in_host lb nc -U -N /run/haproxy/admin.sock
wait_for "$RUN/haproxy.log" 'be_app/node2 is going DOWN for maintenance' 5
traffic 20
! grep -qv '^200$' "$RUN/traffic.log" || die "unexpected non-200 responses"

scenario_collect() {
	collect_ps lb
	collect_cmd lb out "curl -s -m 3 http://10.88.0.10:8404/stats;csv"
}
collect_bundle "None: healthy control with a server in maintenance on purpose. An operator ran
\`set server be_app/node2 state maint\` on the stats socket; HAProxy logged \`Server be_app/node2 is going DOWN for
maintenance\`, the stats CSV shows node2 \`MAINT\`, node1 served every request (all 200). node2's service still
listens on 8080 and answers (\`nc\`/\`curl\` from lb). The analyzer should report no error finding (at most info about the
maintenance state)."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/var/log/haproxy.log 'maintenance' 1
readme_evidence 'lb/commands/curl_-s_-m_3_http:..10.88.0.10:8404.stats;csv' '^be_app,node2' 1
