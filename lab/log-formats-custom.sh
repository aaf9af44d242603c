#!/bin/sh
# Produces the custom log-format fixtures (fixtures/parsers/haproxy-log/custom-*): HAProxy 2.6 with `log-format`
# strings (JSON-like; %ID + %[ssl_fc]; reordered with escaped spaces; TCP), each frontend paired with a twin in the
# default format that receives the same requests, inside a private network namespace (127.0.0.1 only).
# Usage (root): sh lab/log-formats-custom.sh
set -u
LAB=$(cd "$(dirname "$0")" && pwd)
OUT=$(cd "$LAB/../fixtures/parsers/haproxy-log" && pwd)
NS=hd-logtest
W=$(mktemp -d /tmp/hd-loglab-custom.XXXXXX)
ip netns add $NS || exit 1
cleanup() { ip netns del $NS 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
ip netns exec $NS ip link set lo up
ip netns exec $NS unshare --uts sh "$LAB/log-formats-custom-inner.sh" "$W" "$OUT"
