#!/usr/bin/env bash
# Scenario "all-backends-down": both services are stopped after start; HAProxy marks
# both DOWN, logs "backend be_app has no server available!", and answers 503
# (<NOSRV>, termination state SC) to the client.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init all-backends-down

lab_up
traffic 6
stop app-node1
stop app-node2
wait_for "$RUN/haproxy.log" 'backend be_app has no server available!' 10
wait_for "$RUN/haproxy.log" 'Server be_app/node1 is DOWN' 1
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN' 1
traffic 20
wait_for "$RUN/haproxy.log" 'be_app/<NOSRV> .* 503 .* SC--' 5

collect_bundle "\`backend-not-listening\` on **node1 and node2**: both backend services were stopped; nothing listens
on 8080 on either node (\`ss -tulpn\`), HAProxy marked both servers DOWN (Layer4 connection problem,
\"Connection refused\") and logged \`backend be_app has no server available!\`; clients then got 503
logged as \`be_app/<NOSRV>\` with termination state \`SC\`. The 503s / NOSRV are the symptom
(\`no-server-available\`), explained by the backends not listening. Fix: start the services on both nodes."
