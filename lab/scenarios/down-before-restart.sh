#!/usr/bin/env bash
# Scenario "down-before-restart": node2's service dies and HAProxy marks it DOWN; then the service is
# started again and HAProxy itself is restarted (new PID). At collection time everything is healthy:
# the DOWN lines belong to the old HAProxy process and must not be read as the current state.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init down-before-restart

lab_up
traffic 6
stop app-node2
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN' 10
traffic 6
start_backend node2
stop haproxy
start_haproxy
sleep 2.5   # a few health checks of the new process (inter 1s)
traffic 10

collect_bundle "No error: a healthy control with history. node2's service was stopped and HAProxy (pid of the first
process) logged \`Server be_app/node2 is DOWN\`; then the service was started again and HAProxy was restarted
(a new pid in the log prefix). At collection time node2 listens on 10.88.0.12:8080 (node2's \`ss -tulpn\`), the new
HAProxy process serves from both servers (200s through node2 after the restart) and logged no state change.
A diagnosis may mention the past DOWN (warning: it happened before the restart), but no error finding."
