#!/usr/bin/env bash
# Scenario "healthy": both backends up, ~30 requests, no failures.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init healthy

lab_up
traffic 30
grep -q '^200$' "$RUN/traffic.log" || die "no 200 seen"
! grep -qv '^200$' "$RUN/traffic.log" || die "unexpected non-200 responses"
wait_for "$RUN/haproxy.log" 'be_app/node2 .* 200 ' 5

collect_bundle "None: this is the healthy baseline. Both servers of \`be_app\` (node1 10.88.0.11:8080,
node2 10.88.0.12:8080) are UP, every request got a 200, and the analyzer should report no error finding."
