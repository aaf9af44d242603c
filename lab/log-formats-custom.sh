#!/bin/sh
# Produces the custom log-format fixtures (fixtures/parsers/haproxy-log/custom-*): HAProxy 2.6 with `log-format`
# strings (JSON-like; %ID + %[ssl_fc]; reordered with escaped spaces; TCP), each frontend paired with a twin in the
# default format that receives the same requests, inside a private network namespace (127.0.0.1 only).
# Usage (root): sh lab/log-formats-custom.sh
set -u
# shellcheck source=log-formats-lib.sh
. "$(dirname "$0")/log-formats-lib.sh"
run_in_log_namespace log-formats-custom-inner.sh hd-logtest hd-loglab-custom
