#!/usr/bin/env bash
# Run every lab scenario in turn (each builds its namespaces, produces
# fixtures/bundles/<name>/ and tears everything down). Usage: sudo bash lab/run-all.sh [NAME...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
names=("$@")
[[ ${#names[@]} -gt 0 ]] || names=(healthy backend-stopped backend-loopback all-backends-down
	firewall-reject firewall-drop firewall-ufw frontend-port-in-use backend-wrong-address healthcheck-failing
	healthcheck-aggressive maxconn-saturation ephemeral-port-exhaustion haproxy-not-running config-invalid
	frontend-bind-address-missing frontend-bind-denied selinux-denied two-causes
	healthy-tcp-mode healthy-multi-backend healthy-maintenance down-before-restart)
failed=()
for n in "${names[@]}"; do
	echo "=== scenario $n" >&2
	timeout 180 bash "$here/scenarios/$n.sh" || failed+=("$n")
done
if [[ ${#failed[@]} -gt 0 ]]; then
	echo "FAILED: ${failed[*]}" >&2
	exit 1
fi
echo "all scenarios OK: ${names[*]}" >&2
