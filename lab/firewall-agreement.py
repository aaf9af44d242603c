#!/usr/bin/env python3
"""haproxy-doctor lab: kernel agreement cases for the iptables verdict engine.

Generates seeded random iptables rule sets and TCP SYN packets, loads each rule set with the real
iptables-restore into a server namespace, connects for real from a client namespace (bounded 1 s), and
records what the kernel did: ACCEPT (connect ok, a listener answers), REJECT (refused / ICMP error) or
DROP (timeout). Run through lab/firewall-agreement.sh, which creates and deletes the namespaces.

Usage: firewall-agreement.py SEED CASES OUT.json PAIRS NS_PREFIX
"""
import concurrent.futures
import errno
import json
import random
import subprocess
import sys
import time

SERVER = "10.66.0.2"
CLIENT_ADDRS = ["10.66.0.1", "10.66.0.3", "10.66.0.5", "10.66.0.130"]
LISTEN_PORTS = [22, 80, 443, 3306, 8080, 8443, 9000, 9100]
SOURCE_CIDRS = ["10.66.0.0/24", "10.66.0.0/30", "10.66.0.1/32", "10.66.0.128/25", "192.168.0.0/16", "10.0.0.0/8", "10.66.0.4/31"]
DEST_CIDRS = ["10.66.0.2/32", "10.66.0.0/24", "10.66.0.99/32"]
INTERFACES = ["eth0", "eth+", "lo", "veth+", "et+"]
REJECTS = ["icmp-port-unreachable", "tcp-reset", "icmp-host-prohibited", "icmp-host-unreachable",
           "icmp-net-unreachable", "icmp-admin-prohibited", "icmp-net-prohibited"]
STATES = ["NEW", "ESTABLISHED", "RELATED", "INVALID", "NEW,ESTABLISHED", "RELATED,ESTABLISHED"]
PACKETS_PER_RULESET = 4
PROBE_TIMEOUT_S = 1.0
NS_PREFIX = "hd-fwa"


def neg(rng):
    return "! " if rng.random() < 0.2 else ""


def port_spec(rng):
    kind = rng.random()
    if kind < 0.6:
        return str(rng.choice(LISTEN_PORTS))
    low = rng.choice([1, 22, 80, 443, 1024, 3000, 8000])
    return f"{low}:{low + rng.choice([0, 10, 100, 1000, 9000])}"


def condition(rng):
    """One random match; returns (text, needs_tcp)."""
    pick = rng.randrange(10)
    if pick == 0:
        return f"{neg(rng)}-s {rng.choice(SOURCE_CIDRS)}", False
    if pick == 1:
        return f"{neg(rng)}-d {rng.choice(DEST_CIDRS)}", False
    if pick == 2:
        return f"{neg(rng)}-i {rng.choice(INTERFACES)}", False
    if pick == 3:
        return f"-m tcp {neg(rng)}--dport {port_spec(rng)}", True
    if pick == 4:
        ports = ",".join(rng.sample([str(p) for p in LISTEN_PORTS] + ["8000:8100", "1:100"], rng.randint(1, 4)))
        return f"-m multiport {neg(rng)}--dports {ports}", True
    if pick == 5:
        low = rng.choice([1024, 20000, 30000, 40000])
        return f"-m tcp {neg(rng)}--sport {low}:{min(65535, low + rng.choice([5000, 15000, 30000]))}", True
    if pick == 6:
        return f"-m conntrack {neg(rng)}--ctstate {rng.choice(STATES)}", False
    if pick == 7:
        return f"-m state {neg(rng)}--state {rng.choice(STATES)}", False
    if pick == 8:
        a = rng.randint(0, 200)
        return f"-m iprange {neg(rng)}--src-range 10.66.0.{a}-10.66.0.{min(254, a + rng.randint(0, 60))}", False
    return f"-m comment --comment \"case note {rng.randint(1, 99)}\"", False


def target(rng, chain_index, chains):
    roll = rng.random()
    later = chains[chain_index + 1:]
    if roll < 0.22:
        return "-j ACCEPT"
    if roll < 0.42:
        return "-j DROP"
    if roll < 0.62:
        return f"-j REJECT --reject-with {rng.choice(REJECTS)}" if rng.random() < 0.8 else "-j REJECT"
    if roll < 0.72 and chain_index > 0:
        return "-j RETURN"
    if roll < 0.78:
        return "-j LOG --log-prefix \"agreement \""
    if roll < 0.95 and later:
        return f"{'-g' if rng.random() < 0.25 else '-j'} {rng.choice(later)}"
    return ""


def ruleset(rng):
    chains = ["INPUT"] + [f"USER{i}" for i in range(rng.randint(0, 3))]
    lines = ["*filter", f":INPUT {rng.choice(['ACCEPT', 'DROP'])} [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]"]
    lines += [f":{c} - [0:0]" for c in chains[1:]]
    for index, chain in enumerate(chains):
        for _ in range(rng.randint(1, 7)):
            parts, needs_tcp, used = [], False, set()
            for _ in range(rng.randint(0, 3)):
                text, tcp = condition(rng)
                flag = next(w for w in reversed(text.split()) if w.startswith("-"))
                if flag in used:  # iptables allows each option once per rule
                    continue
                used.add(flag)
                parts.append(text)
                needs_tcp = needs_tcp or tcp
            jump = target(rng, index, chains)
            proto = "-p tcp" if needs_tcp else rng.choice(["", "", "-p tcp", "-p udp", "! -p udp"])
            if "tcp-reset" in jump:  # the kernel refuses a TCP reset for a rule that is not -p tcp
                proto = "-p tcp"
            rule = " ".join(x for x in [f"-A {chain}", proto, *parts, jump] if x)
            lines.append(rule)
    lines.append("COMMIT")
    return "\n".join(lines) + "\n"


def run(argv, stdin=None):
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=20, check=False)


PROBE = r"""
import errno, socket, sys
saddr, sport, daddr, dport, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind((saddr, sport))
except OSError as e:
    print("ERROR bind-" + errno.errorcode.get(e.errno, str(e.errno))); sys.exit(0)
s.settimeout(timeout)
try:
    s.connect((daddr, dport)); print("ACCEPT ok")
except socket.timeout:
    print("DROP timeout")
except ConnectionResetError:
    # A reset after the handshake (a rule rejecting the ESTABLISHED ACK): the SYN itself was accepted.
    print("ACCEPT reset-after-handshake")
except OSError as e:
    print("REJECT " + (errno.errorcode.get(e.errno, str(e.errno))))
finally:
    s.close()
"""


def probe(pair, packet):
    out = run(["ip", "netns", "exec", f"{NS_PREFIX}-c{pair}", sys.executable, "-c", PROBE, packet["saddr"], str(packet["sport"]),
               packet["daddr"], str(packet["dport"]), str(PROBE_TIMEOUT_S)])
    words = out.stdout.split()
    if len(words) != 2:
        return {"verdict": "ERROR", "detail": f"exit {out.returncode}: {(out.stderr or out.stdout).strip()[:200]}"}
    return {"verdict": words[0], "detail": words[1]}


def run_pair(pair, jobs):
    results = []
    for job in jobs:
        server = f"{NS_PREFIX}-s{pair}"
        loaded = run(["ip", "netns", "exec", server, "iptables-restore"], stdin=job["rules"])
        if loaded.returncode != 0:
            print(f"{job['id']}: iptables-restore refused the rule set, skipped: {loaded.stderr.strip()[:200]}", file=sys.stderr)
            continue
        save = run(["ip", "netns", "exec", server, "iptables-save"]).stdout
        listing = run(["ip", "netns", "exec", server, "iptables", "-vnxL"]).stdout
        for packet in job["packets"]:
            observed = probe(pair, packet)
            results.append({"id": f"{job['id']}-{packet['sport']}", "iptablesSave": save, "iptablesList": listing,
                            "packet": packet, "observed": observed})
    return results


def main():
    global NS_PREFIX
    seed, cases, out_path, pairs, NS_PREFIX = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
    rng = random.Random(seed)
    jobs = []
    sport = 21000
    # a few spare rule sets in case iptables-restore refuses one
    for index in range((cases + PACKETS_PER_RULESET - 1) // PACKETS_PER_RULESET + 3):
        packets = []
        for _ in range(PACKETS_PER_RULESET):
            sport += rng.randint(1, 400)
            packets.append({"protocol": "tcp", "saddr": rng.choice(CLIENT_ADDRS), "daddr": SERVER, "sport": sport,
                            "dport": rng.choice(LISTEN_PORTS), "direction": "input", "inInterface": "eth0"})
        jobs.append({"id": f"s{seed}-r{index}", "rules": ruleset(rng), "packets": packets})
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=pairs) as pool:
        futures = [pool.submit(run_pair, pair, jobs[pair::pairs]) for pair in range(pairs)]
        results = [r for f in futures for r in f.result()]
    results.sort(key=lambda r: r["id"])
    results = results[:cases]
    doc = {
        "generator": "lab/firewall-agreement.sh (lab/firewall-agreement.py)",
        "seed": seed,
        "kernel": run(["uname", "-r"]).stdout.strip(),
        "iptables": run(["iptables", "-V"]).stdout.strip(),
        "probeTimeoutSeconds": PROBE_TIMEOUT_S,
        "listeningPorts": LISTEN_PORTS,
        "cases": results,
    }
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    counts = {}
    for r in results:
        v = r.get("observed", {}).get("verdict", "LOAD-ERROR")
        counts[v] = counts.get(v, 0) + 1
    print(f"{len(results)} cases in {time.time() - started:.1f}s: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
