#!/usr/bin/env bash
# Lab check of bin/haproxy-doctor-collect: builds the backend-stopped scenario (node2's service
# stopped) with lib.sh, runs the collector inside the lb (with --probe), node1 and node2
# namespaces, assembles the three tarballs into one bundle folder, analyzes it and checks that the
# first error finding is the same root cause as fixtures/bundles/backend-stopped
# (backend-not-listening on node2).
#
# Usage: sudo bash lab/collector-check.sh [--write-fixture] [--sosreport]
#   --write-fixture  also replace fixtures/bundles/collector-backend-stopped/ with the bundle
#                    (and, with --sosreport, fixtures/bundles/sosreport-backend-stopped/).
#   --sosreport      also run Debian's `sos report` (package sosreport) in the lb namespace, with
#                    /var/log and /run/netns private (so sos reads neither the machine's logs nor the
#                    other labs' namespaces), and check that analyze discovers its files.
# Namespaces are named with LAB_NS_PREFIX (default here: hdc-), so the check runs beside the
# other lab scripts (hd-*). Needs `npm run build` first (dist/cli.js).
#
# Isolation: each collector run is in its host's network and UTS namespaces and in a private
# mount namespace where /var/log is a lab folder (the lb's holds the lab rsyslog's haproxy.log) and,
# on the backends, /etc/haproxy and /run/haproxy are empty folders (they are not load balancers).
# The machine's own logs, journal and configuration are never read.
export LAB_NS_PREFIX="${LAB_NS_PREFIX:-hdc-}"
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"

WRITE_FIXTURE=0
SOSREPORT=0
for arg in "$@"; do
	case "$arg" in
	--write-fixture) WRITE_FIXTURE=1 ;;
	--sosreport) SOSREPORT=1 ;;
	*) die "unknown argument: $arg" ;;
	esac
done
[[ -f "$REPO_DIR/dist/cli.js" ]] || die "dist/cli.js missing: run npm run build first"
command -v node >/dev/null || die "missing tool: node"

# sos 4.0 (Debian 12) plugins: firewall rules are in networking (sos 4.1+ moved them to firewall_tables);
# there is no selinux plugin on Debian.
SOS_PLUGINS=networking,haproxy,logs,host

lab_init collector-check
mkdir -p "$RUN/varlog-lb" "$RUN/varlog-node1" "$RUN/varlog-node2" "$RUN/empty-etc" "$RUN/empty-run" "$RUN/empty-netns" "$RUN/collect"
# rsyslog writes $RUN/haproxy.log; the lb's /var/log/haproxy.log is the same file (hard link).
ln "$RUN/haproxy.log" "$RUN/varlog-lb/haproxy.log"

# ---- the backend-stopped scenario (as lab/scenarios/backend-stopped.sh)
lab_up
traffic 10
stop app-node2
traffic 4
wait_for "$RUN/haproxy.log" 'Server be_app/node2 is DOWN, reason: Layer4 connection problem' 10
traffic 16
! ip netns exec "${NS_PFX}node2" ss -Htln 'sport = :8080' | grep -q . || die "node2 still listens on 8080"

# ---- the collector on each host
# shellcheck disable=SC2016 # the sh -c script expands its own positional parameters
ISOLATE_LB='mount --bind "$0" /var/log && exec "$@"'
# shellcheck disable=SC2016
ISOLATE_NODE='mount --bind "$0" /var/log && mount --bind "$1" /etc/haproxy && mount --bind "$2" /run/haproxy && shift 2 && exec "$@"'
for h in lb node1 node2; do
	mkdir -p "$RUN/collect/$h"
	args=(--output "$RUN/collect/$h" --since=-1h)
	[[ "$h" != lb ]] || args+=(--probe)
	log "collector on $h: haproxy-doctor-collect ${args[*]}"
	if [[ "$h" == lb ]]; then
		in_host lb unshare --mount sh -c "$ISOLATE_LB" "$RUN/varlog-lb" \
			timeout 300 sh "$REPO_DIR/bin/haproxy-doctor-collect" "${args[@]}" >"$RUN/collect/$h.out" 2>"$RUN/collect/$h.err" \
			|| die "collector failed on $h: $(tail -n 5 "$RUN/collect/$h.err")"
	else
		in_host "$h" unshare --mount sh -c "$ISOLATE_NODE" "$RUN/varlog-$h" "$RUN/empty-etc" "$RUN/empty-run" \
			timeout 300 sh "$REPO_DIR/bin/haproxy-doctor-collect" "${args[@]}" >"$RUN/collect/$h.out" 2>"$RUN/collect/$h.err" \
			|| die "collector failed on $h: $(tail -n 5 "$RUN/collect/$h.err")"
	fi
	tgz="$(tail -n 1 "$RUN/collect/$h.out")"
	[[ "$tgz" == "$RUN/collect/$h/"*.tar.gz && -f "$tgz" ]] || die "collector on $h printed no tarball path: $tgz"
	log "  -> ${tgz#"$RUN"/} ($(stat -c %s "$tgz") bytes); $(grep -c . "$RUN/collect/$h.err") stderr lines"
done

# ---- sos report on lb (optional), while the incident is still there
# sos_run NAME [SOS OPTION...]: sos report in lb into $RUN/sos-NAME/sosreport-*/ (SOS_DIR).
sos_run() {
	local name="$1" sos_tar
	shift
	rm -rf "$RUN/sos-tmp-$name" "$RUN/sos-$name"
	mkdir -p "$RUN/sos-tmp-$name" "$RUN/sos-$name"
	log "sos report on lb ($name: -o $SOS_PLUGINS $*)"
	# shellcheck disable=SC2016 # the sh -c script expands its own positional parameters
	in_host lb unshare --mount sh -c 'mount --bind "$0" /var/log && mount --bind "$1" /run/netns && shift && exec "$@"' \
		"$RUN/varlog-lb" "$RUN/empty-netns" \
		timeout 600 sos report --batch --tmp-dir "$RUN/sos-tmp-$name" -o "$SOS_PLUGINS" --label lab -z xz "$@" \
		>"$RUN/sos-$name.out" 2>&1 </dev/null || die "sos report failed: $(tail -n 5 "$RUN/sos-$name.out")"
	sos_tar="$(find "$RUN/sos-tmp-$name" -maxdepth 1 -name 'sosreport-*.tar.xz' | head -n 1)"
	[[ -n "$sos_tar" ]] || die "sos report wrote no tarball: $(tail -n 5 "$RUN/sos-$name.out")"
	tar -xJf "$sos_tar" -C "$RUN/sos-$name"
	SOS_DIR="$(find "$RUN/sos-$name" -mindepth 1 -maxdepth 1 -type d -name 'sosreport-*' | head -n 1)"
	[[ -n "$SOS_DIR" ]] || die "no sosreport-* folder in $sos_tar"
	log "  -> ${sos_tar##*/} ($(stat -c %s "$sos_tar") bytes, $(find "$SOS_DIR" -type f | wc -l) files)"
}
if [[ "$SOSREPORT" == 1 ]]; then
	command -v sos >/dev/null || die "missing tool: sos (apt-get install -y sosreport)"
	# sos's defaults: it skips ss, iptables and nft unless their kernel modules show as loaded
	# (it reads /proc/modules and modules.builtin), and says so in sos_logs/sos.log.
	sos_run default
	SOS_DEFAULT_DIR="$SOS_DIR"
	# A kernel without module support (no /proc/modules) cannot load any module, so letting sos skip
	# that check (--allow-system-changes; in sos 4.0 it does nothing else) changes nothing, and sos
	# then runs ss/iptables/nft in the lb namespace. Elsewhere that flag could load modules: not used.
	if [[ ! -e /proc/modules ]]; then
		sos_run full --allow-system-changes
	fi
fi

# ---- one bundle folder from the three tarballs; each holds exactly <host>/
BUNDLE_DIR="$RUN/bundle"
rm -rf "$BUNDLE_DIR"
mkdir -p "$BUNDLE_DIR"
for h in lb node1 node2; do
	tgz="$(tail -n 1 "$RUN/collect/$h.out")"
	tops="$(tar -tzf "$tgz" | cut -d/ -f1 | sort -u | tr '\n' ' ')"
	[[ "$tops" == "$h " ]] || die "tarball of $h holds top-level entries '$tops', not '$h/'"
	tar -xzf "$tgz" -C "$BUNDLE_DIR"
done

# ---- analyze it; compare with the lab's own backend-stopped bundle
node "$REPO_DIR/dist/cli.js" analyze "$BUNDLE_DIR" --format json --fail-on none >"$RUN/analysis.json" || die "analyze failed"
node "$REPO_DIR/dist/cli.js" analyze "$REPO_DIR/fixtures/bundles/backend-stopped" --format json --fail-on none >"$RUN/analysis-lab.json" || die "analyze of the lab bundle failed"
first_cause() {
	# shellcheck disable=SC2016 # JavaScript template literals
	node -e '
		const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		const f = a.findings.find((x) => x.severity === "error");
		console.log(f ? `${f.cause} ${[...f.hosts].sort().join(",")}` : "none");
	' "$1"
}
got="$(first_cause "$RUN/analysis.json")"
want="$(first_cause "$RUN/analysis-lab.json")"
log "first error finding: collector bundle: $got; lab bundle: $want"
[[ "$got" =~ ^backend-not-listening\ ([a-z0-9]+,)*node2(,[a-z0-9]+)*$ ]] || die "collector bundle: expected backend-not-listening on node2, got: $got"
[[ "$got" == "$want" ]] || die "collector bundle and lab bundle disagree: $got vs $want"
# shellcheck disable=SC2016 # JavaScript template literals
node -e '
	const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const unknown = a.artifacts.filter((x) => x.status === "unknown" && x.path.startsWith("commands/"));
	console.log(`artifacts: ${a.artifacts.length}; commands/ files with no kind: ${unknown.map((x) => x.host + ":" + x.path).join(" ") || "none"}`);
' "$RUN/analysis.json" >&2

if [[ "$WRITE_FIXTURE" == 1 ]]; then
	FIX="$REPO_DIR/fixtures/bundles/collector-backend-stopped"
	rm -rf "$FIX"
	mkdir -p "$FIX"
	cp -a "$BUNDLE_DIR/." "$FIX/"
	cat >"$FIX/README.md" <<-EOF
		# Scenario bundle: collector-backend-stopped

		Made by \`sudo bash lab/collector-check.sh --write-fixture\` on $(date -u +%Y-%m-%dT%H:%M:%SZ): the backend-stopped
		scenario (node2's service killed; HAProxy marks node2 DOWN) built with lab/lib.sh in network namespaces
		${NS_PFX}lb/${NS_PFX}node1/${NS_PFX}node2 (lb 10.88.0.10, node1 10.88.0.11, node2 10.88.0.12), then
		\`bin/haproxy-doctor-collect --since=-1h\` run as root in each host's namespaces (\`--probe\` on lb), and the three
		tarballs it printed extracted side by side (\`lb/\`, \`node1/\`, \`node2/\`). Nothing in it is edited by hand.
		$(haproxy -v 2>/dev/null | head -1 | cut -d' ' -f1-3); the lb's /var/log/haproxy.log is the lab's rsyslog file.
		Each collector run had a private mount namespace: /var/log was a lab folder (so the machine's own
		logs and journal are not in it), and on node1/node2 /etc/haproxy and /run/haproxy were empty folders.
		Commands that this machine lacks or that need a daemon it does not run (semanage, systemctl, firewall-cmd,
		journalctl, ausearch) are in \`<host>/manifest.json\` with their exit code and stderr, as the collector records them.

		## Expected root cause

		\`backend-not-listening\` on **node2**, the same first cause as fixtures/bundles/backend-stopped.
	EOF
	log "fixture: ${FIX#"$REPO_DIR"/} ($(find "$FIX" -type f | wc -l) files, $(du -sk --apparent-size "$FIX" | cut -f1) KB)"
fi
if [[ "$SOSREPORT" == 1 ]]; then
	# What analyze makes of the sosreport (the last run): one host named lb, its files given kinds.
	node "$REPO_DIR/dist/cli.js" analyze "$SOS_DIR" --format json --fail-on none >"$RUN/analysis-sos.json" || die "analyze of the sosreport failed"
	# shellcheck disable=SC2016 # JavaScript template literals
	node -e '
		const a = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		const hosts = a.hosts.map((h) => h.name).join(",");
		const kinds = {};
		for (const x of a.artifacts) kinds[x.path] = `${x.kind}/${x.status}`;
		const want = ["sos_commands/networking/ip_-d_address", "sos_commands/networking/ip_route_show_table_all",
			"sos_commands/haproxy/haproxy_-f_.etc.haproxy.haproxy.cfg_-c", "etc/haproxy/haproxy.cfg", "var/log/haproxy.log",
			"sos_commands/host/hostname", "sos_reports/manifest.json", "sos_logs/sos.log"];
		const bad = want.filter((p) => !kinds[p] || kinds[p].startsWith("unknown"));
		for (const p of [...want, "sos_commands/networking/ss_-peaonmi", "sos_commands/networking/iptables_-vnxL", "sos_commands/networking/nft_list_ruleset"])
			console.error(`  sos ${p}: ${kinds[p] ?? "absent"}`);
		console.error(`  sos hosts: ${hosts}; ${a.artifacts.length} artifacts, ${a.artifacts.filter((x) => x.kind === "unknown").length} unknown`);
		if (hosts !== "lb" || bad.length) { console.error(`not discovered: ${bad.join(" ")}`); process.exit(1); }
	' "$RUN/analysis-sos.json" || die "analyze does not discover the sosreport as expected"
fi
if [[ "$SOSREPORT" == 1 && "$WRITE_FIXTURE" == 1 ]]; then
	# The files the analyzer reads (the rest of a sosreport is the machine's, not the scenario's).
	FIX="$REPO_DIR/fixtures/bundles/sosreport-backend-stopped"
	rm -rf "$FIX"
	sos_name="$(basename "$SOS_DIR")"
	mkdir -p "$FIX/$sos_name"
	(cd "$SOS_DIR" && find sos_commands/networking sos_commands/haproxy sos_commands/host etc/haproxy var/log sos_reports sos_logs version.txt \
		-type f \( -path 'sos_commands/networking/ss_*' -o -path 'sos_commands/networking/ip_-d_address' -o -path 'sos_commands/networking/ip_-o_addr' \
		-o -path 'sos_commands/networking/ip_route_show_table_all' -o -path 'sos_commands/networking/ip_-6_route_show_table_all' \
		-o -path 'sos_commands/networking/ip*tables*' -o -path 'sos_commands/networking/nft_*' -o -path 'sos_commands/networking/netstat_-W_-neopa' \
		-o -path 'sos_commands/networking/ufw_status*' -o -path 'sos_commands/haproxy/*' -o -path 'sos_commands/host/hostname' \
		-o -path 'etc/haproxy/*' -o -path 'var/log/haproxy*' \
		-o -path 'sos_reports/manifest.json' -o -path 'sos_logs/sos.log' -o -path 'version.txt' \) -print0 |
		xargs -0 cp --parents -t "$FIX/$sos_name")
	mkdir -p "$REPO_DIR/fixtures/sosreport/default-run"
	cp "$SOS_DEFAULT_DIR/sos_logs/sos.log" "$SOS_DEFAULT_DIR/sos_reports/manifest.json" "$REPO_DIR/fixtures/sosreport/default-run/"
	cat >"$FIX/README.md" <<-EOF
		# sosreport bundle: sosreport-backend-stopped

		A real sosreport of the **lb** host of the backend-stopped scenario, made by
		\`sudo bash lab/collector-check.sh --sosreport --write-fixture\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) with
		sos$(dpkg-query -W -f ' (Debian package sosreport ${Version})' sosreport 2>/dev/null):
		\`sos report --batch -o $SOS_PLUGINS --label lab -z xz --allow-system-changes\` run as root in the lb host's network
		and UTS namespaces (hostname lb) with a private mount namespace where /var/log is the lab's folder (the lab
		rsyslog's haproxy.log) and /run/netns an empty folder (so sos does not visit other namespaces).
		$(haproxy -v 2>/dev/null | head -1 | cut -d' ' -f1-3); node2's service stopped, node2 DOWN.

		Why \`--allow-system-changes\`: sos 4.0 skips \`ss\`, \`iptables\`, \`nft\` unless it sees their kernel modules
		loaded; this machine's kernel has no module support (no /proc/modules; those features are built in), so sos
		cannot see them, nothing can be loaded, and the flag (which in sos 4.0 only lifts that check) changes nothing.
		The same run without the flag (sos's default) is kept in fixtures/sosreport/default-run/ (its sos.log says
		which commands were skipped and why).

		Only the files the analyzer reads are kept (the full report has $(find "$SOS_DIR" -type f | wc -l) files, mostly this machine's
		/proc, /sys and /etc state): $(cd "$FIX/$sos_name" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')
		\`sos_reports/manifest.json\` still lists every command of the full run. Not edited by hand.
	EOF
	cat >"$REPO_DIR/fixtures/sosreport/default-run/README.md" <<-EOF
		# sos's own records of a default run (parser fixtures: sos-manifest, sos-log)

		\`sos_logs/sos.log\` and \`sos_reports/manifest.json\` of \`sos report --batch -o $SOS_PLUGINS --label lab -z xz\`
		(no \`--allow-system-changes\`), run by \`sudo bash lab/collector-check.sh --sosreport --write-fixture\` on
		$(date -u +%Y-%m-%dT%H:%M:%SZ) in the lb namespace of the backend-stopped scenario, just before the run kept in
		fixtures/bundles/sosreport-backend-stopped/. sos skipped \`ss -peaonmi\`, \`iptables -vnxL\`, \`ip6tables -vnxL\`
		and \`nft list ruleset\` (\`required kmods missing\`: this kernel has no module support, so sos sees none loaded);
		the log says so, and the manifest has no entry for them. Not edited by hand.
	EOF
	log "fixture: ${FIX#"$REPO_DIR"/} ($(find "$FIX" -type f | wc -l) files, $(du -sk --apparent-size "$FIX" | cut -f1) KB)"
fi
log "collector check OK"
