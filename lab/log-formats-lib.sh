# shellcheck shell=sh
# What the two log-fixture labs share (log-formats.sh: the built-in formats; log-formats-custom.sh: custom
# log-format strings). Outside: a private network namespace (127.0.0.1 only) and a scratch dir, removed at exit.
# Inside (the *-inner.sh scripts, in that namespace): the python backend they route to, and stopping what they started.

# run_in_log_namespace INNER NS SCRATCH_PREFIX: runs lab/INNER inside a new namespace NS with its own hostname.
run_in_log_namespace() {
	LAB=$(cd "$(dirname "$0")" && pwd)
	OUT=$(cd "$LAB/../fixtures/parsers/haproxy-log" && pwd)
	NS=$2
	W=$(mktemp -d "/tmp/$3.XXXXXX")
	ip netns add "$NS" || exit 1
	trap 'ip netns del "$NS" 2>/dev/null; rm -rf "$W"' EXIT
	ip netns exec "$NS" ip link set lo up
	ip netns exec "$NS" unshare --uts sh "$LAB/$1" "$W" "$OUT"
}

# stop_all: kills the processes whose PIDs the inner script collected in PIDS (TERM, then KILL).
stop_all() { for p in $PIDS; do kill "$p" 2>/dev/null; done; sleep 0.3; for p in $PIDS; do kill -9 "$p" 2>/dev/null; done; }

# write_backend DIR: DIR/backend.py, a threaded HTTP server on 127.0.0.1:PORT (its argument) answering
# /slow after 2 s, /missing with 404, /boom with 500, anything else with 200 "hello from PORT".
write_backend() {
	cat > "$1/backend.py" <<'PY'
import sys, time, http.server, socketserver
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith('/slow'):
            time.sleep(2)
        code = 404 if self.path.startswith('/missing') else (500 if self.path.startswith('/boom') else 200)
        body = b'hello from ' + sys.argv[1].encode() + b'\n'
        self.send_response(code)
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
    def handle(self):
        try:
            super().handle()
        except (ConnectionError, BrokenPipeError):
            pass
class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
S(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
PY
}
