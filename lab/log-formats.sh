#!/bin/sh
# Produces the real HAProxy log fixtures of this folder: runs HAProxy 2.6, rsyslogd, python backends and curl
# inside a private network namespace (127.0.0.1 only), then splits the captured output by scenario.
# Usage (root): sh lab/log-formats.sh   -- rewrites the *.log files of fixtures/parsers/haproxy-log/.
set -u
# shellcheck source=log-formats-lib.sh
. "$(dirname "$0")/log-formats-lib.sh"
run_in_log_namespace log-formats-inner.sh hd-logtest hd-loglab
