#!/usr/bin/env python3
"""haproxy-doctor lab: HAND-BUILT SELinux artifacts for the selinux-denied scenario.

SELinux cannot run on the lab machine, so this writes, from the real run's facts (HAProxy's PID and
uid/gid, the check start/end times, the server ports), what an enforcing RHEL host would have recorded:
  OUT/var/log/audit/audit.log   AVC + SYSCALL + PROCTITLE records (raw auditd format), one denial per
                                check attempt (every 1 s per server, as `inter 1s`)
  OUT/sestatus.txt              `sestatus` output (enforcing, targeted)
  OUT/getsebool_-a.txt          an excerpt of `getsebool -a` with haproxy_connect_any --> off
  OUT/semanage_port_-l.txt      an excerpt of `semanage port -l` (8080 is http_cache_port_t)
Formats follow auditd's raw log format (audit.log(5) / ausearch -i input), the kernel AVC message
("avc:  denied  { perm } for  pid=... comm=... dest=... scontext=... tcontext=... tclass=... permissive=0")
and the policycoreutils tools' output layout.
Usage: selinux-records.py OUT PID UID GID START_EPOCH END_EPOCH PORT [PORT...]
"""
import os
import sys


def main() -> None:
    out, pid, uid, gid, start, end, *ports = sys.argv[1:]
    pid_i, uid_i, gid_i = int(pid), int(uid), int(gid)
    t0, t1 = float(start), float(end)
    proctitle = b"\0".join([b"haproxy", b"-db", b"-f", b"/etc/haproxy/haproxy.cfg"]).hex().upper()
    os.makedirs(os.path.join(out, "var/log/audit"), exist_ok=True)
    serial = 4102
    lines = []
    t = t0 + 0.004
    fd = 17
    while t < t1:
        for i, port in enumerate(ports):
            ts = f"{t + i * 0.0007:.3f}"
            serial += 1
            stamp = f"audit({ts}:{serial})"
            lines.append(
                f"type=AVC msg={stamp}: avc:  denied  {{ name_connect }} for  pid={pid_i} comm=\"haproxy\" dest={port} "
                "scontext=system_u:system_r:haproxy_t:s0 tcontext=system_u:object_r:http_cache_port_t:s0 tclass=tcp_socket permissive=0")
            lines.append(
                f"type=SYSCALL msg={stamp}: arch=c000003e syscall=42 success=no exit=-13 a0={fd:x} a1=7ffc3a1e5c70 a2=10 a3=0 "
                f"items=0 ppid=1 pid={pid_i} auid=4294967295 uid={uid_i} gid={gid_i} euid={uid_i} suid={uid_i} fsuid={uid_i} "
                f"egid={gid_i} sgid={gid_i} fsgid={gid_i} tty=(none) ses=4294967295 comm=\"haproxy\" exe=\"/usr/sbin/haproxy\" "
                "subj=system_u:system_r:haproxy_t:s0 key=(null)")
            lines.append(f"type=PROCTITLE msg={stamp}: proctitle={proctitle}")
        t += 1.0
    with open(os.path.join(out, "var/log/audit/audit.log"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "sestatus.txt"), "w", encoding="utf-8") as fh:
        fh.write(
            "SELinux status:                 enabled\n"
            "SELinuxfs mount:                /sys/fs/selinux\n"
            "SELinux root directory:         /etc/selinux\n"
            "Loaded policy name:             targeted\n"
            "Current mode:                   enforcing\n"
            "Mode from config file:          enforcing\n"
            "Policy MLS status:              enabled\n"
            "Policy deny_unknown status:     allowed\n"
            "Memory protection checking:     actual (secure)\n"
            "Max kernel policy version:      33\n")
    booleans = ["abrt_anon_write", "antivirus_can_scan_system", "authlogin_nsswitch_use_ldap", "daemons_dump_core",
                "daemons_enable_cluster_mode", "daemons_use_tcp_wrapper", "daemons_use_tty", "domain_can_mmap_files",
                "domain_kernel_load_modules", "haproxy_connect_any", "httpd_can_network_connect",
                "httpd_can_network_relay", "nis_enabled", "selinuxuser_execmod"]
    on = {"domain_can_mmap_files", "selinuxuser_execmod"}
    with open(os.path.join(out, "getsebool_-a.txt"), "w", encoding="utf-8") as fh:
        for b in booleans:
            fh.write(f"{b} --> {'on' if b in on else 'off'}\n")
    with open(os.path.join(out, "semanage_port_-l.txt"), "w", encoding="utf-8") as fh:
        fh.write(
            "SELinux Port Type              Proto    Port Number\n\n"
            "http_cache_port_t              tcp      8080, 8118, 8123, 10001-10010\n"
            "http_cache_port_t              udp      3130\n"
            "http_port_t                    tcp      80, 81, 443, 488, 8008, 8009, 8443, 9000\n")


if __name__ == "__main__":
    main()
