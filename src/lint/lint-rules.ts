// The lint checks' metadata: ids shown in results, `rules` and `explain`, one docs page each (docs/rules/<id>.md).
// `haproxy -c` rules mirror what HAProxy 2.6 refuses (error) or warns about; the others are field experience.
import type { Severity } from '../model/finding.js';

export interface LintRuleMeta {
  id: string;
  severity: Severity;
  title: string;
  description: string;
  /** `haproxy-c`: HAProxy itself checks this; `practice`: beyond haproxy -c; `tool`: about the lint run itself. */
  origin?: 'haproxy-c' | 'practice' | 'tool';
}

export const LINT_RULES: readonly LintRuleMeta[] = [
  { id: 'aggressive-health-check', severity: 'warning', origin: 'practice', title: 'Health checks so tight that healthy servers flap', description: "A server or default-server checks more often than every second ('inter' below 1s) or marks a server down after one failure ('fall 1'), or 'timeout check' leaves a server less than 100 ms to answer." },
  { id: 'config-syntax', severity: 'error', origin: 'haproxy-c', title: 'Configuration syntax', description: 'The line syntax of haproxy.cfg: quoting, escapes, sections, conditional blocks, keywords outside a section, missing LF on the last line, 64-word limit.' },
  { id: 'duplicate-bind', severity: 'warning', origin: 'practice', title: 'Two frontends bind the same address and port', description: 'Two frontend or listen sections bind the same address:port (or one binds the wildcard); with SO_REUSEPORT both succeed and the kernel spreads connections between them.' },
  { id: 'duplicate-name', severity: 'error', origin: 'haproxy-c', title: 'Duplicate proxy, defaults or server name', description: 'Two proxies with a shared capability, two named defaults sections, or two servers of one backend carry the same name; HAProxy refuses to start.' },
  { id: 'haproxy-check', severity: 'error', origin: 'tool', title: 'Message of the real haproxy -c', description: 'An ALERT or WARNING printed by the haproxy binary given with --haproxy-bin, on a line lint did not already report.' },
  { id: 'hidden-evidence', severity: 'warning', origin: 'practice', title: 'Configuration that hides the evidence of an incident', description: "A proxy without a log target, 'no log', 'option dontlog-normal', or log targets whose level drops traffic logs (info), health checks and UP (notice) or DOWN (alert): the logs an incident analysis needs are not written." },
  { id: 'httpchk-missing-host', severity: 'warning', origin: 'practice', title: 'HTTP/1.1 health check without a Host header', description: "'option httpchk' sends HTTP/1.1 without a Host header and no 'http-check send hdr Host' adds one: most servers answer 400 and the check fails." },
  { id: 'ignored-in-tcp-mode', severity: 'warning', origin: 'haproxy-c', title: 'HTTP setting ignored in a TCP-mode proxy', description: "http-request/http-response/redirect rules, stats, option forwardfor/originalto/httplog, cookie or a layer-7 balance in a proxy that runs in TCP mode: HAProxy warns at start-up and ignores them (or falls back)." },
  { id: 'invalid-argument', severity: 'error', origin: 'haproxy-c', title: 'Argument HAProxy refuses', description: 'A keyword argument HAProxy 2.6 rejects: time values, mode, balance, hash-type, option names, log targets and facilities, bind and server options, ACL fetch methods.' },
  { id: 'keyword-wrong-section', severity: 'error', origin: 'haproxy-c', title: 'Keyword in a section that does not take it', description: "A keyword used in a proxy without the capability it needs: HAProxy refuses it (error) or ignores it with a warning (warning), as 'haproxy -c' does." },
  { id: 'maxconn-limit', severity: 'warning', origin: 'practice', title: 'maxconn unset or above the global limit', description: "global sets no 'maxconn' (the limit then comes from ulimit -n), or a frontend's maxconn exceeds the global one, which queues connections first." },
  { id: 'missing-file', severity: 'error', origin: 'haproxy-c', title: 'File the configuration names is missing (with --check-host)', description: "With --check-host: a bind or server certificate (crt, crt-list, ca-file, crl-file), errorfile, 'return file', Lua file, DH parameter file, ACL pattern file (-f) or map file does not exist on this machine, or a bind certificate holds no certificate or no private key; haproxy -c refuses it." },
  { id: 'missing-timeout', severity: 'warning', origin: 'haproxy-c', title: 'Missing client, connect or server timeout', description: "A proxy lacks 'timeout client' (frontend side) or 'timeout connect'/'timeout server' (backend side), as HAProxy warns at start-up." },
  { id: 'mode-mismatch', severity: 'error', origin: 'haproxy-c', title: 'HTTP frontend switching to a TCP backend', description: 'A frontend in mode http names a backend in mode tcp in default_backend or use_backend; HAProxy refuses to start.' },
  { id: 'no-listener', severity: 'error', origin: 'haproxy-c', title: 'Nothing to listen on', description: 'No bind, peer or stats socket anywhere: haproxy -c exits 2 ("no listener") and HAProxy does not start.' },
  { id: 'privileged-port', severity: 'info', origin: 'practice', title: 'Bind on a port below 1024', description: 'A bind on a port below 1024 needs root or CAP_NET_BIND_SERVICE (and an SELinux http_port_t label); without them the bind fails.' },
  { id: 'removed-keyword', severity: 'error', origin: 'haproxy-c', title: 'Keyword removed from HAProxy', description: 'reqadd, rspadd, reqrep, block and the other keywords HAProxy removed (2.1 and later); HAProxy refuses to start.' },
  { id: 'server-without-check', severity: 'warning', origin: 'practice', title: "Server without 'check' in a multi-server backend", description: "A backend has several servers and one of them has no 'check': traffic keeps going to it while it is down." },
  { id: 'suspicious-value', severity: 'warning', origin: 'haproxy-c', title: 'Value HAProxy accepts but misreads', description: "A value HAProxy silently takes in part ('weight heavy' reads as 0) or accepts with a warning ('timeout connect 20mn')." },
  { id: 'undefined-acl', severity: 'error', origin: 'haproxy-c', title: 'ACL used but not defined', description: 'A condition names an ACL that is neither built in nor declared earlier in the same proxy; HAProxy refuses to start.' },
  { id: 'unitless-timeout', severity: 'warning', origin: 'practice', title: 'Timeout without a unit', description: "A timeout value without a unit is read in milliseconds: 'timeout server 30' is 30 ms, not 30 s." },
  { id: 'unknown-backend', severity: 'error', origin: 'haproxy-c', title: 'Reference to an undefined backend', description: 'default_backend or use_backend names a backend that no backend or listen section defines; HAProxy refuses to start.' },
  { id: 'unknown-keyword', severity: 'error', origin: 'haproxy-c', title: 'Keyword unknown in this section', description: 'A keyword HAProxy does not know in this section type, with the closest known keyword as HAProxy suggests it.' },
  { id: 'unknown-reference', severity: 'error', origin: 'haproxy-c', title: 'Reference to an undefined userlist, resolvers, peers, stick table or tracked server', description: 'http_auth() names no userlist, a server names no resolvers section or tracks no server, a stick-table names no peers section, or track-sc, stick on/match/store or a table fetch (sc_*, src_*, table_*) names a table no proxy or peers section declares.' },
  { id: 'unknown-server', severity: 'error', origin: 'haproxy-c', title: 'use-server names no server', description: 'use-server names a server the backend does not define; HAProxy refuses to start.' },
  { id: 'unknown-user', severity: 'error', origin: 'haproxy-c', title: 'global user or group unknown on this machine (with --check-host)', description: "With --check-host: the global 'user' or 'group' names no entry of /etc/passwd or /etc/group; haproxy -c refuses it." },
  { id: 'unused-suppression', severity: 'warning', origin: 'tool', title: 'Suppression comment that suppresses nothing', description: "A '# haproxy-doctor disable=ID' comment whose rule reports nothing on the line it covers." },
];
