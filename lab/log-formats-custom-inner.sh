#!/bin/sh
# Runs inside the namespace (see log-formats-custom.sh). $1 = scratch dir, $2 = output dir.
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
python3 "$W/backend.py" 9001 & PIDS="$PIDS $!"

# Every HTTP frontend routes the same paths the same way: / /missing /boom /slow to be_app, /down to a backend
# whose server is DOWN (503 <NOSRV>), /refused to a closed port (503 SC).
routes() {
  cat <<R
    use_backend be_down if { path_beg /down }
    use_backend be_refused if { path_beg /refused }
    default_backend be_app
R
}

cat > "$W/haproxy.cfg" <<CFG
global
    log stdout format raw local0
    maxconn 200

defaults base
    mode http
    log global
    option httplog
    timeout connect 1s
    timeout client 5s
    timeout server 5s
    retries 1

# resolved through a named defaults section and 'from'
defaults json from base
    log-format '{"client":"%ci","port":%cp,"date":"%tr","fe":"%ft","be":"%b","srv":"%s","TR":%TR,"Tw":%Tw,"Tc":%Tc,"Tr":%Tr,"Ta":%Ta,"status":%ST,"bytes":%B,"ts":"%tsc","conn":[%ac,%fc,%bc,%sc,%rc],"queue":[%sq,%bq],"req":%{+Q}r}'

frontend fe_json from json
    bind 127.0.0.1:8090
$(routes)

frontend fe_json_base from base
    bind 127.0.0.1:8080
$(routes)

frontend fe_id from base
    bind 127.0.0.1:8443 ssl crt $W/site.pem
    unique-id-format %{+X}o\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid
    log-format "%ID %ci:%cp [%tr] %ft %b/%s %ST %B %tsc %TR/%Tw/%Tc/%Tr/%Ta %ac/%fc/%bc/%sc/%rc %sq/%bq ssl=%[ssl_fc] sni=%[ssl_fc_sni] %{+Q}r"
$(routes)

frontend fe_id_base from base
    bind 127.0.0.1:8444 ssl crt $W/site.pem
    option httpslog
$(routes)

frontend fe_reordered from base
    bind 127.0.0.1:8082
    capture request header Host len 40
    log-format %ST\ %tsc\ %b/%s\ %Tt\ %B\ [%T]\ %ci\ %cp\ %ft\ %HM\ %HU\ %HV\ %TR/%Tw/%Tc/%Tr/%Ta\ %ac/%fc/%bc/%sc/%rc\ %sq/%bq\ rt=%rt\ lc=%lc\ srv=%si:%sp\ %hr
$(routes)

frontend fe_reordered_base from base
    bind 127.0.0.1:8083
    capture request header Host len 40
$(routes)

frontend fe_tcp from base
    bind 127.0.0.1:8084
    mode tcp
    log-format "%ft %b/%s %ts %Tw/%Tc/%Tt %B %U %ac/%fc/%bc/%sc/%rc %sq/%bq %ci:%cp [%t]"
    default_backend be_tcp

frontend fe_tcp_base from base
    bind 127.0.0.1:8085
    mode tcp
    option tcplog
    default_backend be_tcp

backend be_app from base
    server node1 127.0.0.1:9001

backend be_down from base
    server d1 127.0.0.1:9998 check inter 300 fall 1 rise 1

backend be_refused from base
    server r1 127.0.0.1:9997

backend be_tcp from base
    mode tcp
    server t1 127.0.0.1:9001
CFG

haproxy -c -f "$W/haproxy.cfg" > "$W/check.out" 2>&1 || { cat "$W/check.out"; exit 1; }
haproxy -db -f "$W/haproxy.cfg" > "$W/haproxy-stdout.log" 2> "$W/haproxy-stderr.log" & HAP=$!; PIDS="$PIDS $HAP"
sleep 1.5

C="curl -s -o /dev/null --max-time 5"
http_traffic() { # $1 = base URL, $2.. = extra curl options
  base=$1; shift
  for _ in 1 2 3 4; do $C "$@" "$base/"; done
  $C "$@" "$base/missing"; $C "$@" "$base/boom"
  $C "$@" "$base/down"; $C "$@" "$base/refused"
  $C "$@" "$base/search?q=a%20b&x=1"
  # a slow answer, waited for (a client giving up makes CD-- or ---- by a race)
  $C "$@" "$base/slow"
}
for port in 8090 8080 8082 8083; do
  http_traffic "http://127.0.0.1:$port"
  # the client stays until HAProxy has answered: one that leaves first makes CR-- instead of PR--
  (printf 'GARBAGE\r\n\r\n'; sleep 1) | timeout 3 nc -q 1 127.0.0.1 $port >/dev/null
done
for port in 8443 8444; do
  http_traffic "https://127.0.0.1:$port" -k
  $C -k --resolve "lb.example:$port:127.0.0.1" "https://lb.example:$port/"
done
for port in 8084 8085; do
  for _ in 1 2 3; do $C "http://127.0.0.1:$port/"; done
done
sleep 2.5
kill $HAP 2>/dev/null; sleep 0.5

R="$W/haproxy-stdout.log"
grep -F '"fe":"fe_json"' "$R" > "$OUT/custom-json.log"
grep -E ' fe_json_base ' "$R" > "$OUT/custom-json-baseline.log"
grep -E ' fe_id~ ' "$R" > "$OUT/custom-id-ssl.log"
grep -E ' fe_id_base~ ' "$R" > "$OUT/custom-id-ssl-baseline.log"
grep -E ' fe_reordered ' "$R" > "$OUT/custom-reordered.log"
grep -E ' fe_reordered_base ' "$R" > "$OUT/custom-reordered-baseline.log"
grep -E '^fe_tcp ' "$R" > "$OUT/custom-tcp.log"
grep -E ' fe_tcp_base ' "$R" > "$OUT/custom-tcp-baseline.log"
# the config as HAProxy read it, with the scratch path of the certificate made stable
sed "s#$W/#/etc/haproxy/#g" "$W/haproxy.cfg" > "$OUT/custom-haproxy.cfg"
cp "$R" "$W/all.log"
echo "lines: $(wc -l < "$R")"
