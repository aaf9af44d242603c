#!/usr/bin/env bash
# Scenario "config-invalid": a typo in haproxy.cfg (`defualt_backend be_app` in fe_main) makes
# HAProxy refuse to start; `haproxy -c` reports it; clients are refused on :80.
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "$0")/../lib.sh"
lab_init config-invalid
HAPROXY_CHECK_MODE=merged

sed -i 's/^\tdefault_backend be_app$/\tdefualt_backend be_app/' "$RUN/haproxy.cfg"
grep -q defualt_backend "$RUN/haproxy.cfg" || die "typo not applied"
lab_up_backends
! start_haproxy_try || die "haproxy started with an invalid config"
traffic 5

scenario_collect() {
	collect_ps lb
	collect_cmd lb merged "curl -sv -m 3 -o /dev/null http://10.88.0.10/"
}
collect_bundle "\`config-invalid\` on **lb**: line 25 of haproxy.cfg reads \`defualt_backend be_app\` (a typo of
\`default_backend\`). HAProxy refuses the file: \`haproxy -c\` and HAProxy's stderr both report
\`parsing [/etc/haproxy/haproxy.cfg:25] : unknown keyword 'defualt_backend' in 'frontend' section\` (with a
did-you-mean) and a fatal error, so HAProxy never started: no haproxy process (\`ps\`), nothing on
10.88.0.10:80 (\`ss -tulpn\`), clients refused (status 000). Backends are healthy. Fix: correct the keyword,
check with \`haproxy -c -f /etc/haproxy/haproxy.cfg\`, start HAProxy."

readme_append "## Evidence (file:line: text)"
readme_evidence lb/etc/haproxy/haproxy.cfg 'defualt_backend' 1
readme_evidence 'lb/commands/haproxy_-c_-f_.etc.haproxy.haproxy.cfg' 'ALERT' 3
readme_evidence lb/var/log/haproxy-stderr.log 'ALERT' 3
readme_evidence 'lb/commands/curl_-sv_-m_3_-o_.dev.null_http:..10.88.0.10.' 'refused' 1
