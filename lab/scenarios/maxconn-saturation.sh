#!/usr/bin/env bash
# Scenario "maxconn-saturation": every server has `maxconn 1`, the app takes ~1 s per request and
# `timeout queue 500ms`; 10 concurrent requests: 2 are served, the rest queue and fail with
# 503 sQ after 500 ms. The stats CSV taken during the burst shows scur = slim and the queue.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init maxconn-saturation
HAPROXY_CHECK_MODE=merged

sed -i -e 's/ check inter 1s fall 2 rise 2$/ check inter 1s fall 2 rise 2 maxconn 1/' \
	-e 's|^\toption httpchk GET /health$|\toption httpchk GET /health\n\ttimeout queue 500ms|' "$RUN/haproxy.cfg"
[[ $(grep -cE 'rise 2 maxconn 1$|timeout queue 500ms' "$RUN/haproxy.cfg") -eq 3 ]] || die "config change not applied"
export APP_ARGS_node1="--delay-ms 1000" APP_ARGS_node2="--delay-ms 1000"
lab_up
traffic 2
stats_cmd="curl -s -m 3 http://10.88.0.10:8404/stats;csv"
( sleep 0.3; ip netns exec hd-lb curl -s -m 3 'http://10.88.0.10:8404/stats;csv' >"$RUN/stats-during.csv" ) &
stats_pid=$!
TRAFFIC_MAX_TIME=5 traffic_parallel 10
wait "$stats_pid" || die "stats CSV not fetched"
wait_for "$RUN/haproxy.log" ' 503 .* sQ-- ' 5
traffic 2

scenario_collect() {
	collect_ps lb
	collect_saved lb "$stats_cmd" "$RUN/stats-during.csv"
}
collect_bundle "\`maxconn-saturation\` on **lb** (config): each server of \`be_app\` allows \`maxconn 1\` concurrent connection and
the backend has \`timeout queue 500ms\`; the application needs ~1 s per request. A burst of 10 concurrent requests:
2 were served (200 after ~1 s), the others waited in the queue and got \`503\` with termination state \`sQ\` after
~500 ms (\`Tw\` ≈ 500, queue counters \`srv_queue/backend_queue\` > 0 in the log lines). The stats CSV captured during
the burst (\`$stats_cmd\`, taken ~0.3 s into it) shows each server at \`scur\` = \`slim\` = 1 and the
requests waiting in the backend's queue (\`qcur\` of the \`be_app,BACKEND\` line). Servers stay UP: nothing is broken, capacity is. Fix: raise the server maxconn to what the backend can
handle, lengthen \`timeout queue\`, or add servers."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/etc/haproxy/haproxy.cfg 'maxconn 1|timeout queue' 3
readme_evidence lb/var/log/haproxy.log ' 503 .* sQ-- ' 3
readme_evidence lb/var/log/haproxy.log 'be_app/node[12] .* 200 .* ----' 1
readme_evidence 'lb/commands/curl_-s_-m_3_http:..10.88.0.10:8404.stats;csv' '^# pxname|^be_app,' 4
