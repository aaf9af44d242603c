#!/usr/bin/env python3
"""haproxy-doctor lab backend: a tiny HTTP app (stdlib only).

Answers 200 on / and /health, 404 elsewhere. Usage:
    backend-app.py --bind 10.88.0.11 --port 8080 --name node1
Options for the lab's scenarios (all off by default):
    --delay-ms MS          answer every non-/health request after MS milliseconds (a slow app)
    --health-slow-every N  answer every Nth /health request after --health-slow-ms (default 80) ms
    --http11               speak HTTP/1.1 (keep-alive) instead of HTTP/1.0 (close after each answer)
    --ok-prefix PREFIX     also answer 200 on every path starting with PREFIX (e.g. /api/)
"""
import argparse
import itertools
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bind", default="0.0.0.0")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--name", default="app")
    ap.add_argument("--delay-ms", type=int, default=0)
    ap.add_argument("--health-slow-every", type=int, default=0)
    ap.add_argument("--health-slow-ms", type=int, default=80)
    ap.add_argument("--http11", action="store_true")
    ap.add_argument("--ok-prefix", default="")
    args = ap.parse_args()
    health_count = itertools.count(1)
    health_lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        server_version = "lab-app/1.0"
        protocol_version = "HTTP/1.1" if args.http11 else "HTTP/1.0"

        def _answer(self, with_body: bool) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/health" and args.health_slow_every > 0:
                with health_lock:
                    n = next(health_count)
                if n % args.health_slow_every == 0:
                    time.sleep(args.health_slow_ms / 1000)
            elif path != "/health" and args.delay_ms > 0:
                time.sleep(args.delay_ms / 1000)
            if path in ("/", "/health") or (args.ok_prefix and path.startswith(args.ok_prefix)):
                body = f"ok from {args.name}\n".encode()
                self.send_response(200)
            else:
                body = b"not found\n"
                self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                try:
                    self.wfile.write(body)
                except (ConnectionResetError, BrokenPipeError):
                    # HAProxy's HTTP check closes (RST) once it has the status line
                    self.close_connection = True

        def do_GET(self) -> None:  # noqa: N802
            self._answer(True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(False)

        def log_message(self, fmt: str, *a: object) -> None:
            sys.stderr.write("%s %s - %s\n" % (args.name, self.address_string(), fmt % a))
            sys.stderr.flush()

    srv = ThreadingHTTPServer((args.bind, args.port), Handler)
    srv.daemon_threads = True
    sys.stderr.write(f"{args.name} listening on {args.bind}:{args.port}\n")
    sys.stderr.flush()
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
