#!/usr/bin/env python3
"""haproxy-doctor lab: open and hold sockets so `ss` has something real to show.

Usage: socket-holder.py SECONDS SPEC...   (exits by itself after SECONDS)
SPEC:
  tcp-listen:ADDR:PORT       listen, accept and hold connections open without answering
                             (IPv6 ADDR in brackets: [::], [::1], [fe80::1%eth0])
  tcp6only-listen:ADDR:PORT  same, with IPV6_V6ONLY=1
  udp:ADDR:PORT              bind a UDP socket
  tcp-connect:ADDR:PORT      connect and hold the connection (ESTABLISHED)
  tcp-connect-close:ADDR:PORT connect and close at once (peer left in CLOSE-WAIT)
"""
import socket
import sys
import threading
import time


def parse(addrport: str):
    if addrport.startswith("["):
        host, _, port = addrport[1:].partition("]:")
    else:
        host, _, port = addrport.rpartition(":")
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    info = socket.getaddrinfo(host, int(port), fam, socket.SOCK_STREAM)[0]
    return fam, info[4]


held = []


def accept_loop(s: socket.socket) -> None:
    while True:
        try:
            c, _ = s.accept()
        except OSError:
            return
        held.append(c)


def main() -> None:
    secs = float(sys.argv[1])
    for spec in sys.argv[2:]:
        kind, _, rest = spec.partition(":")
        fam, sa = parse(rest)
        if kind in ("tcp-listen", "tcp6only-listen"):
            s = socket.socket(fam, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if fam == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if kind == "tcp6only-listen" else 0)
            s.bind(sa)
            s.listen(16)
            held.append(s)
            threading.Thread(target=accept_loop, args=(s,), daemon=True).start()
        elif kind == "udp":
            s = socket.socket(fam, socket.SOCK_DGRAM)
            s.bind(sa)
            held.append(s)
        elif kind in ("tcp-connect", "tcp-connect-close"):
            s = socket.socket(fam, socket.SOCK_STREAM)
            s.settimeout(3)
            s.connect(sa)
            if kind == "tcp-connect-close":
                s.close()
            else:
                held.append(s)
        else:
            sys.exit(f"bad spec {spec}")
        print(f"ok {spec}", flush=True)
    time.sleep(secs)


if __name__ == "__main__":
    main()
