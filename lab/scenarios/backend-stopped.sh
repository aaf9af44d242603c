#!/usr/bin/env bash
# Scenario "backend-stopped": both backends up, traffic, then node2's service is
# killed; HAProxy's checks mark node2 DOWN (Layer4 connection refused); more traffic.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init backend-stopped

lab_up
traffic 10
stop app-node2
traffic 4   # requests in the detection window (retries on node2, may end in 503 SC)
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN, reason: Layer4 connection problem' 10
traffic 16
! ip netns exec hd-node2 ss -Htln 'sport = :8080' | grep -q . || die "node2 still listens on 8080"

collect_bundle "\`backend-not-listening\` on **node2**: the backend service on node2 (10.88.0.12:8080) was stopped.
HAProxy's health checks got \"Connection refused\" and logged
\`Server be_app/node2 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\"\`;
node2's \`ss -tulpn\` shows nothing listening on 8080, and \`nc\`/\`curl\` from lb to 10.88.0.12:8080 are refused.
Traffic kept flowing through node1 (a few requests sent before the DOWN may have failed).
Fix: start the service on node2 (and find why it stopped)."
