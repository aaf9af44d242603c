#!/bin/sh
# shellcheck disable=SC2086 # `wait $J`: J is a list of PIDs, split on purpose
# Runs inside the namespace (see log-formats.sh). $1 = scratch dir, $2 = output dir.
set -u
# shellcheck source=log-formats-lib.sh
. "$(dirname "$0")/log-formats-lib.sh"
W=$1; OUT=$2
hostname lb
PIDS=""
trap stop_all EXIT

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/key.pem" -out "$W/crt.pem" -days 2 -subj /CN=lb.example >/dev/null 2>&1
cat "$W/crt.pem" "$W/key.pem" > "$W/site.pem"

write_backend "$W"

start_backend() { python3 "$W/backend.py" "$1" & PIDS="$PIDS $!"; eval "BK_$1=$!"; }
start_backend 9001
start_backend 9002
start_backend 9003

cat > "$W/rsyslog.conf" <<RS
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="$W/log.sock" CreatePath="on")
\$WorkDirectory $W
*.* action(type="omfile" file="$W/rsyslog-traditional.log" template="RSYSLOG_TraditionalFileFormat")
*.* action(type="omfile" file="$W/rsyslog-iso.log" template="RSYSLOG_FileFormat")
*.* action(type="omfile" file="$W/rsyslog-rfc5424.log" template="RSYSLOG_SyslogProtocol23Format")
# RSYSLOG_TraditionalForwardFormat (what a remote collector receives) plus a newline
template(name="pri3164" type="string" string="<%PRI%>%TIMESTAMP% %HOSTNAME% %syslogtag:1:32%%msg:::sp-if-no-1st-sp%%msg%\\n")
*.* action(type="omfile" file="$W/rsyslog-rfc3164-pri.log" template="pri3164")
RS
rsyslogd -n -f "$W/rsyslog.conf" -i "$W/rsyslog.pid" > "$W/rsyslogd.out" 2>&1 & PIDS="$PIDS $!"

cat > "$W/haproxy.cfg" <<CFG
global
    log stdout format raw local0
    log $W/log.sock local0
    stats socket $W/admin.sock level admin
    maxconn 200

defaults
    mode http
    log global
    option httplog
    timeout connect 1s
    timeout client 5s
    timeout server 5s
    timeout queue 500ms
    retries 1

frontend fe_http
    bind 127.0.0.1:8080
    default_backend be_app

frontend fe_capture
    bind 127.0.0.1:8086
    capture request header Host len 40
    capture request header User-Agent len 20
    capture response header Content-Type len 40
    default_backend be_app

frontend fe_tcp
    bind 127.0.0.1:8081
    mode tcp
    option tcplog
    default_backend be_tcp

frontend fe_https
    bind 127.0.0.1:8443 ssl crt $W/site.pem
    option httpslog
    default_backend be_app

frontend fe_clf
    bind 127.0.0.1:8082
    option httplog clf
    default_backend be_app

frontend fe_nosrv
    bind 127.0.0.1:8083
    default_backend be_down

frontend fe_refused
    bind 127.0.0.1:8084
    default_backend be_refused

frontend fe_queue
    bind 127.0.0.1:8085
    default_backend be_slow

frontend fe_ports
    bind 127.0.0.1:8087
    default_backend be_ports

frontend fe_ports1
    bind 127.0.0.1:8089
    default_backend be_ports1

frontend fe_asap
    bind 127.0.0.1:8088
    option logasap
    default_backend be_app

backend be_app
    option log-health-checks
    server node1 127.0.0.1:9001 check inter 300 fall 2 rise 2
    server node2 127.0.0.1:9002 check inter 300 fall 2 rise 2

backend be_tcp
    mode tcp
    server t1 127.0.0.1:9001

backend be_down
    server d1 127.0.0.1:9998 check inter 300 fall 1 rise 1

backend be_refused
    server r1 127.0.0.1:9997

backend be_slow
    timeout server 1s
    server slow1 127.0.0.1:9003 maxconn 1

backend be_l7
    option httpchk GET /missing
    option log-health-checks
    server w1 127.0.0.1:9001 check inter 300 fall 2 rise 2

backend be_ports
    server p1 127.0.0.1:9003 source 127.0.0.1:40000-40001

backend be_ports1
    server q1 127.0.0.1:9003 source 127.0.0.1:41000-41000
CFG

sleep 0.5
haproxy -db -f "$W/haproxy.cfg" > "$W/haproxy-stdout.log" 2> "$W/haproxy-stderr.log" & HAP=$!; PIDS="$PIDS $HAP"
sleep 1.5

C="curl -s -o /dev/null --max-time 5"
# plain traffic
for _ in 1 2 3 4 5 6; do $C http://127.0.0.1:8080/ ; done
$C http://127.0.0.1:8080/missing; $C http://127.0.0.1:8080/boom
$C -H 'Host: shop.example' -A 'curl-lab/1.0' http://127.0.0.1:8086/
$C -H 'Host: shop.example' http://127.0.0.1:8086/missing
for _ in 1 2 3; do $C http://127.0.0.1:8081/ ; done
for _ in 1 2; do $C -k https://127.0.0.1:8443/ ; done
$C -k --resolve lb.example:8443:127.0.0.1 https://lb.example:8443/missing
for _ in 1 2; do $C http://127.0.0.1:8082/ ; done
$C http://127.0.0.1:8082/missing
# bad request
printf 'GARBAGE\r\n\r\n' | timeout 3 nc -q 1 127.0.0.1 8080 >/dev/null
# no server available (d1 is down) and connection refused
for _ in 1 2; do $C http://127.0.0.1:8083/ ; done
for _ in 1 2; do $C http://127.0.0.1:8084/ ; done
# queue timeout (maxconn 1 + slow backend) and server timeout
J=''; for _ in 1 2 3; do $C http://127.0.0.1:8085/slow & J="$J $!"; done; wait $J
# client abort
curl -s -o /dev/null --max-time 0.5 http://127.0.0.1:8080/slow
# no free ports: 3 concurrent connections, 2 source ports
J=''; for _ in 1 2 3; do $C http://127.0.0.1:8087/slow & J="$J $!"; done; wait $J
J=''; for _ in 1 2 3; do $C http://127.0.0.1:8089/slow & J="$J $!"; sleep 0.1; done; wait $J
# logasap: bytes and total time prefixed with +
$C http://127.0.0.1:8088/
# DOWN / UP of node2
kill "$BK_9002"; sleep 1.5
for _ in 1 2 3; do $C http://127.0.0.1:8080/ ; done
start_backend 9002; sleep 1.5
# maintenance and drain through the stats socket
adm() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall((sys.argv[2]+"\n").encode()); print(s.recv(65536).decode(), end="")' "$W/admin.sock" "$1"; }
adm "disable server be_app/node1"; sleep 0.5
adm "enable server be_app/node1"; sleep 1
adm "set server be_app/node2 state drain"; sleep 0.5
adm "set server be_app/node2 state ready"; sleep 0.5
# a second instance (master-worker) whose binds fail: address in use (python backend on 9001), address not local
cat > "$W/conflict.cfg" <<CFG2
global
    log stdout format raw local0
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
frontend fe_main
    bind 127.0.0.1:9001
frontend fe_other
    bind 10.9.9.9:80
CFG2
timeout 5 haproxy -W -db -f "$W/conflict.cfg" > /dev/null 2> "$W/bind-conflict-stderr.log"
sleep 0.5
# soft stop: proxies stop
kill -USR1 $HAP; sleep 1.5; kill $HAP 2>/dev/null; sleep 0.5

R="$W/haproxy-stdout.log"
cp "$R" "$OUT/raw-stdout.log"
grep -E ' fe_http ' "$R" | grep -v '<BADREQ>' > "$OUT/httplog.log"
grep -E ' fe_capture ' "$R" > "$OUT/httplog-captures.log"
grep -E ' fe_tcp ' "$R" > "$OUT/tcplog.log"
grep -E ' fe_https~? ' "$R" > "$OUT/httpslog.log"
grep -E '"fe_clf"' "$R" > "$OUT/clf.log"
grep -E '<BADREQ>' "$R" > "$OUT/badreq.log"
grep -E ' fe_nosrv |be_down' "$R" > "$OUT/nosrv.log"
grep -E ' fe_refused ' "$R" > "$OUT/connect-refused.log"
grep -E ' fe_queue ' "$R" > "$OUT/queue-timeout.log"
grep -E ' fe_ports1? |no free ports|Cannot bind to source' "$R" > "$OUT/no-free-ports.log"
grep -E ' fe_asap ' "$R" > "$OUT/logasap.log"
grep -E '^(Server|Health check|Proxy|backend) ' "$R" > "$OUT/state-changes.log"
cp "$W/haproxy-stderr.log" "$OUT/haproxy-stderr.log"
cp "$W/bind-conflict-stderr.log" "$OUT/bind-conflict-stderr.log"
sleep 0.5
for f in rsyslog-traditional rsyslog-iso rsyslog-rfc5424 rsyslog-rfc3164-pri; do
  grep -E 'haproxy' "$W/$f.log" > "$OUT/$f.log"
done
