#!/usr/bin/env python3
"""haproxy-doctor lab: kernel agreement cases for the nftables verdict engine.

Generates seeded random nft rule sets (ip/ip6/inet tables, base chains on prerouting/input with distinct
priorities and accept/drop policies, regular chains reached by jump/goto, return, accept/drop/reject with
icmp/icmpv6/icmpx types and tcp reset, anonymous and named sets, ct state, iifname, l4proto) and TCP SYNs
(IPv4 and IPv6), loads each rule set with the real `nft -f` into a server namespace, connects for real from a
client namespace (bounded 1 s), and records what the kernel did next to what `nft list ruleset` printed:
ACCEPT (connect ok), REJECT (the connect() errno) or DROP (timeout). Run through lab/firewall-agreement-nft.sh,
which creates and deletes the namespaces.

Usage: firewall-agreement-nft.py SEED CASES OUT.json PAIRS NS_PREFIX
"""
import concurrent.futures
import json
import random
import subprocess
import sys
import time

SERVER4, SERVER6 = "10.67.0.2", "fd67::2"
CLIENT4 = ["10.67.0.1", "10.67.0.3", "10.67.0.5", "10.67.0.130"]
CLIENT6 = ["fd67::1", "fd67::3", "fd67::81"]
LISTEN_PORTS = [22, 80, 443, 3306, 8080, 8443, 9000, 9100]
SADDR4 = ["10.67.0.0/24", "10.67.0.0/30", "10.67.0.1", "10.67.0.128/25", "192.168.0.0/16", "10.0.0.0/8", "10.67.0.4/31",
          "10.67.0.1-10.67.0.4", "10.67.0.100-10.67.0.200"]
DADDR4 = ["10.67.0.2", "10.67.0.0/24", "10.67.0.99"]
SADDR6 = ["fd67::/64", "fd67::1", "fd67::/126", "fd67::80/121", "fe80::/10", "fd67::1-fd67::3"]
DADDR6 = ["fd67::2", "fd67::/64", "fd67::99"]
IFNAMES = ['"eth0"', '"eth*"', '"lo"', '"veth*"', '"et*"']
CT_STATES = ["new", "established", "related", "invalid", "new,established", "established,related", "untracked"]
ICMP4 = ["port-unreachable", "host-unreachable", "net-unreachable", "host-prohibited", "net-prohibited", "admin-prohibited"]
ICMP6 = ["port-unreachable", "admin-prohibited", "no-route", "addr-unreachable"]
ICMPX = ["port-unreachable", "admin-prohibited", "host-unreachable", "no-route"]
PACKETS_PER_RULESET = 4
PROBE_TIMEOUT_S = 1.0
NS_PREFIX = "hd-p3-fwn"


def neg(rng):
    return "!= " if rng.random() < 0.2 else ""


def port_value(rng):
    roll = rng.random()
    if roll < 0.45:
        return str(rng.choice(LISTEN_PORTS))
    if roll < 0.7:
        low = rng.choice([1, 22, 80, 443, 1024, 3000, 8000])
        return f"{low}-{low + rng.choice([1, 10, 100, 1000, 9000])}"
    items = rng.sample([str(p) for p in LISTEN_PORTS] + ["8000-8100", "1-100"], rng.randint(1, 4))
    return "{ " + ", ".join(items) + " }"


def addr_value(rng, pool):
    if rng.random() < 0.7:
        return rng.choice(pool)
    return "{ " + ", ".join(rng.sample(pool, rng.randint(1, 3))) + " }"


def condition(rng, family, fam, sets):
    """One random match for a table of `family`, in a rule about IP family `fam`; returns (text, needs_tcp)."""
    pick = rng.randrange(12)
    if pick in (0, 1):
        pool = (SADDR4 if pick == 0 else DADDR4) if fam == "ip" else (SADDR6 if pick == 0 else DADDR6)
        return f"{fam} {'saddr' if pick == 0 else 'daddr'} {neg(rng)}{addr_value(rng, pool)}", False
    if pick == 2:
        return f"iifname {neg(rng)}{rng.choice(IFNAMES)}", False
    if pick in (3, 4):
        return f"tcp dport {neg(rng)}{port_value(rng)}", True
    if pick == 5:
        low = rng.choice([1024, 20000, 30000, 40000])
        return f"tcp sport {neg(rng)}{low}-{min(65535, low + rng.choice([5000, 15000, 30000]))}", True
    if pick == 6:
        states = rng.choice(CT_STATES)
        return f"ct state {neg(rng)}{'{ ' + states.replace(',', ', ') + ' }' if ',' in states else states}", False
    if pick == 7:
        return f"meta l4proto {neg(rng)}{rng.choice(['tcp', 'udp', '{ tcp, udp }'])}", False
    if pick == 8 and sets:
        name, kind = rng.choice(sets)
        if kind == "port":
            return f"tcp dport {neg(rng)}@{name}", True
        if kind != fam:
            return "counter", False
        return f"{kind} saddr {neg(rng)}@{name}", False
    if pick == 9 and family != "inet":
        return (f"ip protocol {rng.choice(['tcp', 'udp'])}" if family == "ip" else f"ip6 nexthdr {rng.choice(['tcp', 'udp'])}"), False
    if pick == 10:
        return "counter", False
    return f'log prefix "agreement "', False


def verdict(rng, family, fam, chain_index, chains):
    roll = rng.random()
    later = chains[chain_index + 1:]
    if roll < 0.18:
        return "accept", False
    if roll < 0.36:
        return "drop", False
    if roll < 0.66:
        # reject is valid from input (and chains called from it); prerouting rule sets are refused by nft
        flavour = rng.random()
        if flavour < 0.2:
            return "reject", False
        if flavour < 0.4:
            return "reject with tcp reset", True
        if family == "inet" and rng.random() < 0.6:
            return f"reject with icmpx type {rng.choice(ICMPX)}", False
        if fam == "ip":
            return f"reject with icmp type {rng.choice(ICMP4)}", False
        return f"reject with icmpv6 type {rng.choice(ICMP6)}", False
    if roll < 0.72 and chain_index > 0:
        return "return", False
    if roll < 0.92 and later:
        return f"{'goto' if rng.random() < 0.25 else 'jump'} {rng.choice(later)}", False
    return "", False


def table(rng, family, name, used_priorities):
    lines = [f"table {family} {name} {{"]
    sets = []
    if rng.random() < 0.5:
        kind = rng.choice(["port", "ip" if family != "ip6" else "ip6", "ip6" if family != "ip" else "ip"])
        sname = f"s_{name}"
        if kind == "port":
            elems = rng.sample([str(p) for p in LISTEN_PORTS], rng.randint(1, 4))
            lines += [f"\tset {sname} {{", "\t\ttype inet_service", f"\t\telements = {{ {', '.join(elems)} }}", "\t}"]
        elif kind == "ip":
            elems = rng.sample(["10.67.0.1", "10.67.0.3", "10.67.0.5", "10.67.0.130", "10.67.0.200"], rng.randint(1, 3))
            lines += [f"\tset {sname} {{", "\t\ttype ipv4_addr", f"\t\telements = {{ {', '.join(elems)} }}", "\t}"]
        else:
            elems = rng.sample(["fd67::1", "fd67::3", "fd67::81", "fd67::99"], rng.randint(1, 3))
            lines += [f"\tset {sname} {{", "\t\ttype ipv6_addr", f"\t\telements = {{ {', '.join(elems)} }}", "\t}"]
        sets.append((sname, kind))
    bases = []
    for _ in range(rng.randint(1, 2)):
        hook = "input" if rng.random() < 0.8 else "prerouting"
        # distinct priorities: two base chains at one hook and priority run in an order the dump does not show
        while True:
            prio = rng.choice([-150, -100, -10, 0, 5, 10, 100] if hook == "prerouting" else [-10, 0, 5, 10, 100, 200])
            if (hook, prio) not in used_priorities:
                break
        used_priorities.add((hook, prio))
        bases.append((f"{hook}_{len(bases)}", hook, prio))
    regular = [f"c{i}" for i in range(rng.randint(0, 3))]
    chains = [b[0] for b in bases] + regular
    for index, chain in enumerate(chains):
        base = next((b for b in bases if b[0] == chain), None)
        lines.append(f"\tchain {chain} {{")
        if base:
            prio_text = str(base[2]) if rng.random() < 0.6 or base[2] not in (-150, 0, 5, 10) else {-150: "mangle", 0: "filter", 5: "filter + 5", 10: "filter + 10"}[base[2]]
            lines.append(f"\t\ttype filter hook {base[1]} priority {prio_text}; policy {rng.choice(['accept', 'accept', 'accept', 'drop'])};")
        hook = base[1] if base else "input"
        # regular chains are only reached from later-declared... jumps go to chains after this one (no loops)
        own_index = len(bases) + regular.index(chain) if not base else 0
        targets_from = own_index if not base else len(bases) - 1
        for _ in range(rng.randint(1, 6)):
            parts, needs_tcp = [], False
            fam = rng.choice(["ip", "ip6"]) if family == "inet" else family
            for _ in range(rng.randint(0, 3)):
                text, tcp = condition(rng, family, fam, sets)
                parts.append(text)
                needs_tcp = needs_tcp or tcp
            jump, tcp = verdict(rng, family, fam, targets_from, chains)
            if needs_tcp or tcp:  # nft refuses a rule asking for udp and tcp at once
                parts = [p for p in parts if not (("l4proto" in p or "protocol" in p or "nexthdr" in p) and "!=" not in p)]
            if hook == "prerouting" and jump.startswith(("reject", "jump", "goto")):
                jump = rng.choice(["accept", "drop", ""])
            if tcp and not needs_tcp:
                parts.insert(0, "meta l4proto tcp")
            rule = " ".join(x for x in [*parts, jump] if x)
            if rule:
                lines.append(f"\t\t{rule}")
        lines.append("\t}")
    lines.append("}")
    return lines


def ruleset(rng):
    used = set()
    lines = ["flush ruleset"]
    for index in range(rng.randint(1, 2)):
        family = rng.choice(["inet", "inet", "ip", "ip6"])
        lines += table(rng, family, f"t{index}", used)
    return "\n".join(lines) + "\n"


def run(argv, stdin=None):
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=20, check=False)


# connect() alone is not enough in IPv6: the ICMPv6 error comes back through veth while the connecting socket is
# still owned by the connect() call, and the kernel keeps it as a soft error (TcpExtLockDroppedIcmps), so the
# connect times out. The probe therefore also captures the client's eth0 (AF_PACKET) and reads the answer on
# the wire: SYN-ACK, RST, or an ICMP/ICMPv6 error quoting our SYN, converted to the errno connect() reports for
# it (icmp_err_convert / icmpv6_err_convert). `via` says which of the two gave the verdict.
PROBE = r"""
import errno, select, socket, struct, sys
saddr, sport, daddr, dport, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
v6 = ":" in daddr
cap = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
cap.bind(("eth0", 0))
cap.setblocking(False)
s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind((saddr, sport))
except OSError as e:
    print("ERROR bind-" + errno.errorcode.get(e.errno, str(e.errno)) + " -"); sys.exit(0)
s.settimeout(timeout)
try:
    s.connect((daddr, dport)); result = ("ACCEPT", "ok")
except socket.timeout:
    result = ("DROP", "timeout")
except ConnectionResetError:
    result = ("ACCEPT", "reset-after-handshake")
except OSError as e:
    result = ("REJECT", errno.errorcode.get(e.errno, str(e.errno)))
finally:
    s.close()
V4 = {0: "ENETUNREACH", 1: "EHOSTUNREACH", 3: "ECONNREFUSED", 9: "ENETUNREACH", 10: "EHOSTUNREACH", 13: "EHOSTUNREACH"}
V6 = {0: "ENETUNREACH", 1: "EACCES", 2: "EHOSTUNREACH", 3: "EHOSTUNREACH", 4: "ECONNREFUSED", 5: "EACCES", 6: "EACCES"}
wire = None
while wire is None:
    r, _, _ = select.select([cap], [], [], 0.05)
    if not r:
        break
    frame = cap.recv(4096)
    eth = struct.unpack("!H", frame[12:14])[0]
    if eth == 0x86DD and len(frame) >= 54:
        nh, l4 = frame[20], frame[54:]
        if nh == 6 and struct.unpack("!HH", l4[:4]) == (dport, sport):
            flags = l4[13]
            wire = ("REJECT", "ECONNREFUSED", "tcp-rst") if flags & 4 else ("ACCEPT", "ok", "syn-ack") if flags & 0x12 == 0x12 else None
        elif nh == 58 and l4[0] == 1 and len(l4) >= 8 + 40 + 4 and struct.unpack("!H", l4[48:50])[0] == sport:
            wire = ("REJECT", V6.get(l4[1], "code%d" % l4[1]), "icmp6-unreach-code-%d" % l4[1])
    elif eth == 0x0800 and len(frame) >= 34:
        ihl, proto, l4 = (frame[14] & 15) * 4, frame[23], frame[14 + (frame[14] & 15) * 4:]
        if proto == 6 and struct.unpack("!HH", l4[:4]) == (dport, sport):
            flags = l4[13]
            wire = ("REJECT", "ECONNREFUSED", "tcp-rst") if flags & 4 else ("ACCEPT", "ok", "syn-ack") if flags & 0x12 == 0x12 else None
        elif proto == 1 and l4[0] == 3 and len(l4) >= 8 + 20:
            inner = l4[8 + (l4[8] & 15) * 4:]
            if len(inner) >= 2 and struct.unpack("!H", inner[:2])[0] == sport:
                wire = ("REJECT", V4.get(l4[1], "code%d" % l4[1]), "icmp-unreach-code-%d" % l4[1])
if result[0] == "DROP" and wire is not None:
    print(wire[0], wire[1], "wire:" + wire[2])
else:
    print(result[0], result[1], "connect" + ("" if wire is None else ",wire:" + wire[2]))
"""


def probe(pair, packet):
    out = run(["ip", "netns", "exec", f"{NS_PREFIX}-c{pair}", sys.executable, "-c", PROBE, packet["saddr"], str(packet["sport"]),
               packet["daddr"], str(packet["dport"]), str(PROBE_TIMEOUT_S)])
    words = out.stdout.split()
    if len(words) != 3:
        return {"verdict": "ERROR", "detail": f"exit {out.returncode}: {(out.stderr or out.stdout).strip()[:200]}"}
    return {"verdict": words[0], "detail": words[1], "via": words[2]}


def run_pair(pair, jobs):
    results, refused = [], 0
    server = f"{NS_PREFIX}-s{pair}"
    for job in jobs:
        loaded = run(["ip", "netns", "exec", server, "nft", "-f", "-"], stdin=job["rules"])
        if loaded.returncode != 0:
            refused += 1
            print(f"{job['id']}: nft -f refused the rule set, skipped: {loaded.stderr.strip()[:300]}", file=sys.stderr)
            continue
        listing = run(["ip", "netns", "exec", server, "nft", "list", "ruleset"]).stdout
        for packet in job["packets"]:
            observed = probe(pair, packet)
            results.append({"id": f"{job['id']}-{packet['sport']}", "nftInput": job["rules"], "nftRuleset": listing,
                            "packet": packet, "observed": observed})
    run(["ip", "netns", "exec", server, "nft", "flush", "ruleset"])
    return results, refused


def main():
    global NS_PREFIX
    seed, cases, out_path, pairs, NS_PREFIX = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
    rng = random.Random(seed)
    jobs = []
    sport = 21000
    # spare rule sets in case nft refuses some
    for index in range((cases + PACKETS_PER_RULESET - 1) // PACKETS_PER_RULESET + 20):
        packets = []
        for _ in range(PACKETS_PER_RULESET):
            sport = 21000 + (sport - 21000 + rng.randint(1, 400)) % 40000
            v6 = rng.random() < 0.3
            packets.append({"protocol": "tcp", "saddr": rng.choice(CLIENT6 if v6 else CLIENT4), "daddr": SERVER6 if v6 else SERVER4,
                            "sport": sport, "dport": rng.choice(LISTEN_PORTS), "direction": "input", "inInterface": "eth0"})
        jobs.append({"id": f"s{seed}-r{index:03d}", "rules": ruleset(rng), "packets": packets})
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=pairs) as pool:
        futures = [pool.submit(run_pair, pair, jobs[pair::pairs]) for pair in range(pairs)]
        outs = [f.result() for f in futures]
    results = sorted((r for rs, _ in outs for r in rs), key=lambda r: r["id"])[:cases]
    refused = sum(n for _, n in outs)
    doc = {
        "generator": "lab/firewall-agreement-nft.sh (lab/firewall-agreement-nft.py)",
        "seed": seed,
        "kernel": run(["uname", "-r"]).stdout.strip(),
        "nft": run(["nft", "--version"]).stdout.strip(),
        "probeTimeoutSeconds": PROBE_TIMEOUT_S,
        "listeningPorts": LISTEN_PORTS,
        "ruleSetsRefusedByNft": refused,
        "cases": results,
    }
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    counts = {}
    for r in results:
        v = r["observed"]["verdict"] + ("" if r["observed"]["verdict"] != "REJECT" else " " + r["observed"]["detail"])
        counts[v] = counts.get(v, 0) + 1
    print(f"{len(results)} cases in {time.time() - started:.1f}s ({refused} rule sets refused by nft): {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
