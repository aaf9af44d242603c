#!/usr/bin/env bash
# Scenario "healthcheck-aggressive": checks every 100 ms with fall 1 rise 1 and `timeout check 50ms`;
# node2's /health is healthy but every third answer takes ~80 ms (a GC pause, a slow disk), so
# node2 flaps DOWN/UP many times a second while serving fine.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init healthcheck-aggressive
HAPROXY_CHECK_MODE=merged

sed -i -e 's/ check inter 1s fall 2 rise 2$/ check inter 100ms fall 1 rise 1/' \
	-e 's|^\toption httpchk GET /health$|\toption httpchk GET /health\n\ttimeout check 50ms|' "$RUN/haproxy.cfg"
[[ $(grep -cE 'check inter 100ms fall 1 rise 1|timeout check 50ms' "$RUN/haproxy.cfg") -eq 3 ]] || die "config change not applied"
export APP_ARGS_node2="--health-slow-every 3 --health-slow-ms 80"
lab_up
traffic 20
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is UP' 5
n_down="$(grep -c 'Server be_app/node2 is DOWN' "$RUN/haproxy.log")"
log "node2 went DOWN $n_down times"
[[ "$n_down" -ge 3 ]] || die "not enough flapping"

scenario_collect() {
	collect_ps lb
	collect_app_log node1
	collect_app_log node2
}
collect_bundle "\`healthcheck-aggressive\` on **lb** (config): \`be_app\` checks with \`inter 100ms fall 1 rise 1\` and
\`timeout check 50ms\`. node2's /health is healthy (always 200) but some answers take ~80 ms (node2's
\`var/log/backend-app.log\` shows every check answered 200), longer than the 50 ms check timeout, and one failed check is
enough to mark it DOWN, one success to mark it UP again: the log has $n_down \`Server be_app/node2 is DOWN, reason:
Layer7 timeout\` lines, each followed by \`is UP, reason: Layer7 check passed\` within a few hundred ms, while client
requests to node2 succeed. node1 answers fast and never flaps. Not \`healthcheck-failing\`: most checks pass.
Fix: relax the check timing (e.g. \`inter 2s fall 3 rise 2\`, \`timeout check 2s\`)."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/etc/haproxy/haproxy.cfg 'timeout check|check inter' 3
readme_evidence lb/var/log/haproxy.log 'Server be_app/node2 is (DOWN|UP)' 4
readme_evidence lb/var/log/haproxy.log 'be_app/node2 .* 200 ' 1
readme_evidence node2/var/log/backend-app.log 'GET /health' 2
