#!/usr/bin/env python3
"""haproxy-doctor lab backend: a tiny HTTP app (stdlib only).

Answers 200 on / and /health, 404 elsewhere. Usage:
    backend-app.py --bind 10.88.0.11 --port 8080 --name node1
"""
import argparse
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bind", default="0.0.0.0")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--name", default="app")
    args = ap.parse_args()

    class Handler(BaseHTTPRequestHandler):
        server_version = "lab-app/1.0"

        def _answer(self, with_body: bool) -> None:
            if self.path.split("?", 1)[0] in ("/", "/health"):
                body = f"ok from {args.name}\n".encode()
                self.send_response(200)
            else:
                body = b"not found\n"
                self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

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
