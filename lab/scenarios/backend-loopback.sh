#!/usr/bin/env bash
# Scenario "backend-loopback": node2's service listens on 127.0.0.1:8080 only, so
# HAProxy (connecting to 10.88.0.12:8080) gets "Connection refused" and marks it DOWN.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init backend-loopback

NODE2_BIND=127.0.0.1 lab_up
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN, reason: Layer4 connection problem' 10
traffic 30
ip netns exec hd-node2 ss -Htln 'sport = :8080' | grep -q '127.0.0.1:8080' || die "node2 not on loopback"

collect_bundle "\`backend-bound-loopback\` on **node2**: the service on node2 listens on 127.0.0.1:8080 only
(see node2's \`ss -tulpn\`), so HAProxy's connections to 10.88.0.12:8080 are refused and node2 is DOWN
(\`Server be_app/node2 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\"\`).
All traffic goes to node1. Fix: bind the service on 10.88.0.12 (or 0.0.0.0) on node2."
