#!/bin/sh
# Produces the real HAProxy log fixtures of this folder: runs HAProxy 2.6, rsyslogd, python backends and curl
# inside a private network namespace (127.0.0.1 only), then splits the captured output by scenario.
# Usage (root): sh lab/log-formats.sh   -- rewrites the *.log files of fixtures/parsers/haproxy-log/.
set -u
LAB=$(cd "$(dirname "$0")" && pwd)
OUT=$(cd "$LAB/../fixtures/parsers/haproxy-log" && pwd)
NS=hd-logtest
W=$(mktemp -d /tmp/hd-loglab.XXXXXX)
ip netns add $NS || exit 1
cleanup() { ip netns del $NS 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
ip netns exec $NS ip link set lo up
ip netns exec $NS unshare --uts sh "$LAB/log-formats-inner.sh" "$W" "$OUT"
