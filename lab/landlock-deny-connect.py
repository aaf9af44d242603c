#!/usr/bin/env python3
"""haproxy-doctor lab: run a command that may not open outgoing TCP connections (Landlock).

    landlock-deny-connect.py COMMAND [ARGS...]

Restricts itself with a Landlock ruleset that handles LANDLOCK_ACCESS_NET_CONNECT_TCP and allows no
port, then execs COMMAND: every connect() to a TCP port fails with EACCES ("Permission denied"), as an
SELinux name_connect denial does. Needs Linux >= 6.7 (Landlock ABI >= 4). The lab uses it for the
selinux-denied scenario, where SELinux itself is not available. Stdlib only (ctypes).
"""
import ctypes
import os
import struct
import sys

SYS_LANDLOCK_CREATE_RULESET = 444  # x86_64 and aarch64 (generic table) alike
SYS_LANDLOCK_RESTRICT_SELF = 446
LANDLOCK_CREATE_RULESET_VERSION = 1
LANDLOCK_ACCESS_NET_CONNECT_TCP = 1 << 1
PR_SET_NO_NEW_PRIVS = 38


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    abi = libc.syscall(SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(LANDLOCK_CREATE_RULESET_VERSION))
    if abi < 4:
        sys.exit(f"landlock-deny-connect: Landlock network rules unavailable (ABI {abi}, need >= 4)")
    # struct landlock_ruleset_attr { __u64 handled_access_fs; __u64 handled_access_net; }
    attr = ctypes.create_string_buffer(struct.pack("=QQ", 0, LANDLOCK_ACCESS_NET_CONNECT_TCP))
    fd = libc.syscall(SYS_LANDLOCK_CREATE_RULESET, attr, ctypes.c_size_t(16), ctypes.c_uint32(0))
    if fd < 0:
        sys.exit(f"landlock-deny-connect: create_ruleset: {os.strerror(ctypes.get_errno())}")
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        sys.exit(f"landlock-deny-connect: prctl: {os.strerror(ctypes.get_errno())}")
    if libc.syscall(SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(fd), ctypes.c_uint32(0)) != 0:
        sys.exit(f"landlock-deny-connect: restrict_self: {os.strerror(ctypes.get_errno())}")
    os.close(fd)
    os.execvp(sys.argv[1], sys.argv[1:])


if __name__ == "__main__":
    main()
