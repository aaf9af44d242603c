#!/usr/bin/env bash
# Scenario "healthy-tcp-mode": healthy control in TCP mode (mode tcp, option tcplog, plain
# layer-4 checks); ~30 connections, all answered 200 by the backends.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init healthy-tcp-mode
HAPROXY_CHECK_MODE=merged

sed -i -e 's|^\tmode\thttp$|\tmode\ttcp|' -e 's|^\toption\thttplog$|\toption\ttcplog|' \
	-e '/^\toption httpchk GET \/health$/d' -e 's|^listen stats$|listen stats\n\tmode http|' "$RUN/haproxy.cfg"
[[ $(grep -cE '^.mode.tcp$|^.option.tcplog$|^.mode http$' "$RUN/haproxy.cfg") -eq 3 ]] || die "config change not applied"
! grep -q httpchk "$RUN/haproxy.cfg" || die "httpchk still there"
lab_up
traffic 30
! grep -qv '^200$' "$RUN/traffic.log" || die "unexpected non-200 responses"
wait_for "$RUN/haproxy.log" 'be_app/node2 ' 5

scenario_collect() { collect_ps lb; }
collect_bundle "None: healthy control in TCP mode. \`defaults\` has \`mode tcp\` and \`option tcplog\` (the \`stats\` listener
stays \`mode http\`), \`be_app\` uses plain layer-4 checks (\`check\` without \`option httpchk\`); both servers are UP and
every client request got a 200 (the tcplog lines have termination state \`--\`). The analyzer should report no error finding."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/etc/haproxy/haproxy.cfg 'mode.tcp|tcplog' 2
readme_evidence lb/var/log/haproxy.log 'be_app/node[12] ' 2
