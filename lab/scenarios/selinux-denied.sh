#!/usr/bin/env bash
# Scenario "selinux-denied" (PARTLY HAND-BUILT): SELinux cannot run here. The run is real: HAProxy is
# started under a Landlock ruleset that denies every outgoing TCP connect with EACCES (what an
# SELinux name_connect denial returns), so its checks fail, both servers go DOWN and clients get 503,
# while nc/curl from a shell on lb (not confined) reach the backends. The SELinux artifacts
# (audit.log AVCs, sestatus, getsebool -a, semanage port -l) are then written by
# lab/selinux-records.py from the run's PID, uid and times, in the real record formats.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init selinux-denied
HAPROXY_CHECK_MODE=merged

lab_up_backends
t_start="$(date +%s.%N)"
HAPROXY_WRAP=("$LAB_PY" "$LAB_DIR/landlock-deny-connect.py")
start_haproxy_try || die "haproxy did not start under landlock"
hpid="$(cat "$RUN/pids/haproxy")"
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN' 10
wait_for "$RUN/haproxy.log" 'Server be_app/node1 is DOWN' 10
traffic 10
t_end="$(date +%s.%N)"
"$LAB_PY" "$LAB_DIR/selinux-records.py" "$RUN/selinux" "$hpid" "$(id -u haproxy)" "$(id -g haproxy)" "$t_start" "$t_end" 8080 8080

scenario_collect() {
	collect_ps lb
	mkdir -p "$BUNDLE/lb/var/log/audit"
	cp "$RUN/selinux/var/log/audit/audit.log" "$BUNDLE/lb/var/log/audit/audit.log"
	collect_saved lb "sestatus" "$RUN/selinux/sestatus.txt" 0 handbuilt
	collect_saved lb "getsebool -a" "$RUN/selinux/getsebool_-a.txt" 0 handbuilt
	collect_saved lb "semanage port -l" "$RUN/selinux/semanage_port_-l.txt" 0 handbuilt
}
collect_bundle "\`selinux-denied\` on **lb**: SELinux (enforcing, \`sestatus\`) denies HAProxy (domain \`haproxy_t\`) the
\`name_connect\` to TCP port 8080, labelled \`http_cache_port_t\` (\`semanage port -l\`), because the boolean
\`haproxy_connect_any\` is off (\`getsebool -a\`): \`var/log/audit/audit.log\` has \`avc:  denied  { name_connect } for
pid=$hpid comm=\"haproxy\" dest=8080 ... tclass=tcp_socket permissive=0\` with \`SYSCALL ... syscall=42 success=no exit=-13\`
(connect, EACCES). HAProxy's checks fail at once with a socket error, both servers are DOWN, \`backend be_app has no
server available!\`, clients get 503 \`<NOSRV>\`; yet \`nc\`/\`curl\` from lb to 10.88.0.11/12:8080 succeed (a shell is not
confined), node1/node2 listen on 8080 and no firewall rule exists. Fix: \`setsebool -P haproxy_connect_any 1\`, or
label the port for HAProxy: \`semanage port -m -t http_port_t -p tcp 8080\`.

**Hand-built parts** (SELinux is not available on the lab machine): \`lb/var/log/audit/audit.log\`,
\`lb/commands/sestatus\`, \`lb/commands/getsebool_-a\` (an excerpt), \`lb/commands/semanage_port_-l\` (an excerpt),
written by \`lab/selinux-records.py\` in the real formats (auditd raw records: AVC, SYSCALL, PROCTITLE; the
policycoreutils tools' layouts), using the real run's HAProxy PID $hpid, uid/gid of \`haproxy\` and the run's time
span (one denial per server per check interval); \`manifest.json\` marks those commands \`\"handBuilt\": true\`.
**Real parts**: everything else. HAProxy really got EACCES on connect(): the lab ran it under a Landlock ruleset
(\`lab/landlock-deny-connect.py\`, Linux Landlock network rules) that denies outgoing TCP connects exactly where SELinux
would, so \`haproxy.log\`, HAProxy's stderr, \`ss\`, \`ps\`, \`nc\`, \`curl\` and the 503s are the tools' own output."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/var/log/audit/audit.log 'type=AVC' 1
readme_evidence lb/var/log/audit/audit.log 'type=SYSCALL' 1
readme_evidence lb/commands/getsebool_-a 'haproxy_connect_any' 1
readme_evidence lb/commands/sestatus 'Current mode' 1
readme_evidence lb/commands/semanage_port_-l 'http_cache_port_t +tcp' 1
readme_evidence lb/var/log/haproxy.log 'is DOWN|no server available' 3
readme_evidence lb/var/log/haproxy.log '<NOSRV>' 1
readme_evidence lb/commands/nc_-vz_-w_2_10.88.0.12_8080 'succeeded' 1
