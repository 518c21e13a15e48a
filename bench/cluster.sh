#!/usr/bin/env bash
# Scale-out and faults on loopback (issue 17). Brings up, from Debian's packages (installed
# if missing, as root): a PostgreSQL 15 primary with a streaming replica, a Redis Cluster of
# three masters each with a replica, two instances of the service (local profile for the
# WeChat fake, but on these servers: no embedded ones, Flyway run once beforehand in
# migrate-only mode as the Kubernetes Job does), and nginx in front of them, round robin, no
# sticky sessions. Then:
#   1. QR sign-in: the console's event stream on instance 1, the guide's scan and confirm on
#      instance 2; the stream must hear "confirmed" with the tokens.
#   2. Throughput: scan-ins through nginx to instance 1 alone and to both instances,
#      alternately, three times, same clients, same length, after a warm-up through both; and where
#      the CPU went meanwhile (both instances, PostgreSQL, Redis, nginx, the load generator
#      all share this machine's two cores).
#   3. Faults under scan-in load through nginx (gate phones retrying with the same
#      clientScanId after a 503, as the mini-program does): kill -9 of the PostgreSQL
#      primary's postmaster and a restart; one Redis master stopped for 60 s (its replica
#      takes over; it comes back as a replica); one instance sent SIGTERM and started again.
# Prints, per fault, the answers given while it lasted (503s, their Retry-After and the
# slowest of them, anything else), the time to answer normally again, and then checks every
# acknowledged scan (201 or 200) against the primary's rows: lost (an acknowledged scan with
# no row) and duplicated (one clientScanId, several rows); both must be 0, or it exits 1.
# Loopback only, bounded: about 17 minutes, and it stops everything it started on exit.
# Usage: bash bench/cluster.sh
#   CLUSTER_CLIENTS (default 64), CLUSTER_PERSONS (2000), CLUSTER_THROUGHPUT_S (30),
#   CLUSTER_FAULT_LOAD_S (240: long enough for the three faults and the restarted instance),
#   CLUSTER_WARMUP_S (90).
set -euo pipefail
cd "$(dirname "$0")/.."
clients="${CLUSTER_CLIENTS:-64}"
persons="${CLUSTER_PERSONS:-2000}"
throughput_s="${CLUSTER_THROUGHPUT_S:-30}"
fault_load_s="${CLUSTER_FAULT_LOAD_S:-240}"
warmup_s="${CLUSTER_WARMUP_S:-90}"
out="$PWD/target/cluster"
# The servers' files: PostgreSQL refuses to run as root, so they live where its user can
# write, outside the build directory.
work=/tmp/fugong-cluster
nginx_port=18200
nginx_one_port=18203
instance_ports=(18201 18202)
pg_primary=15441
pg_replica=15442
redis_ports=(17001 17002 17003 17004 17005 17006)
pgbin=/usr/lib/postgresql/15/bin

say() { printf '%(%H:%M:%S)T %s\n' -1 "$*"; }
now_ms() { date +%s%3N; }

# --- what it needs, from Debian's packages --------------------------------------------------
need=()
command -v nginx >/dev/null || need+=(nginx)
command -v redis-server >/dev/null || need+=(redis-server)
command -v redis-cli >/dev/null || need+=(redis-tools)
[[ -x $pgbin/postgres ]] || need+=(postgresql-15)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]})); then
  say "installing ${need[*]}"
  apt-get install -y "${need[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi
# The packages start servers of their own on the default ports; they are not ours.
pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
service redis-server stop >/dev/null 2>&1 || true
service nginx stop >/dev/null 2>&1 || true
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# --- clean up whatever this script started, however it ends --------------------------------
pids=()
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  [[ -f $work/nginx/nginx.pid ]] && kill "$(cat $work/nginx/nginx.pid)" 2>/dev/null
  for port in "${redis_ports[@]}"; do redis-cli -p "$port" shutdown nosave >/dev/null 2>&1; done
  for db in primary replica; do
    [[ -f $work/$db/postmaster.pid ]] && runuser -u postgres -- $pgbin/pg_ctl -D "$work/$db" -m immediate stop >/dev/null 2>&1
  done
  wait 2>/dev/null
}
trap cleanup EXIT

rm -rf "$work" "$out"
mkdir -p "$work" "$out"
chown postgres: "$work"

say "building the service"
mvn -B -ntp -q -DskipTests -Dspring-javaformat.skip=true package
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="target/classes:$(cat target/bench.classpath)"
bench_cp="target/test-classes:$cp"

# --- PostgreSQL: a primary and a streaming replica, durable (fsync, synchronous commit) ----
say "PostgreSQL primary on $pg_primary, replica on $pg_replica"
pg() { runuser -u postgres -- "$pgbin/$1" "${@:2}"; }
pg initdb -D "$work/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >>"$work/primary/postgresql.conf" <<EOF
port = $pg_primary
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work'
max_connections = 200
shared_buffers = 256MB
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = on
synchronous_commit = on
EOF
echo "host replication postgres 127.0.0.1/32 trust" >>"$work/primary/pg_hba.conf"
pg pg_ctl -D "$work/primary" -l "$work/primary.log" -w start >/dev/null
pg pg_basebackup -h 127.0.0.1 -p $pg_primary -U postgres -D "$work/replica" -R -X stream >/dev/null
echo "port = $pg_replica" >>"$work/replica/postgresql.auto.conf"
pg pg_ctl -D "$work/replica" -l "$work/replica.log" -w start >/dev/null
psql_() { psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -tAq -c "$2"; }
[[ $(psql_ $pg_replica "SELECT pg_is_in_recovery()") == t ]] || { say "the replica is not a standby"; exit 1; }

# --- Redis Cluster: three masters, a replica each -----------------------------------------
say "Redis Cluster on ${redis_ports[*]}"
redis_start() {
  local port=$1
  mkdir -p "$work/redis-$port"
  redis-server --port "$port" --bind 127.0.0.1 --protected-mode no --cluster-enabled yes \
    --cluster-config-file "$work/redis-$port/nodes.conf" --cluster-node-timeout 2000 --dir "$work/redis-$port" \
    --save "" --appendonly no --daemonize yes --logfile "$work/redis-$port.log" --pidfile "$work/redis-$port.pid"
}
for port in "${redis_ports[@]}"; do redis_start "$port"; done
for port in "${redis_ports[@]}"; do
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
done
redis-cli --cluster create $(printf '127.0.0.1:%s ' "${redis_ports[@]}") --cluster-replicas 1 --cluster-yes >"$out/redis-create.log"
for _ in $(seq 100); do
  ok=0
  for port in "${redis_ports[@]}"; do redis-cli -p "$port" cluster info | grep -q 'cluster_state:ok' && ok=$((ok + 1)); done
  ((ok == ${#redis_ports[@]})) && break
  sleep 0.2
done
nodes=$(printf '127.0.0.1:%s,' "${redis_ports[@]}")
nodes=${nodes%,}

# --- the service: migrated once, then two instances ---------------------------------------
common=(--spring.profiles.active=local --fugong.embedded.enabled=false
  --spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:$pg_primary/postgres --spring.r2dbc.username=postgres --spring.r2dbc.password=postgres
  --spring.flyway.url=jdbc:postgresql://127.0.0.1:$pg_primary/postgres --spring.flyway.user=postgres --spring.flyway.password=postgres
  --fugong.database.replica.url=r2dbc:postgresql://127.0.0.1:$pg_replica/postgres --fugong.database.replica.username=postgres
  --fugong.database.replica.password=postgres --spring.data.redis.cluster.nodes=$nodes
  --fugong.security.logins.per-address=100000000 --fugong.security.logins.per-user=100000000
  --fugong.security.access-token-ttl=30m --fugong.warm-up.enabled=true --logging.level.root=WARN
  --logging.level.dev.fugong.shared.web.WarmUp=INFO)
jvm=(-XX:+UseG1GC -XX:MaxRAM=768m -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError)
say "migrating (migrate-only, as the release's Job)"
java "${jvm[@]}" -cp "$cp" dev.fugong.FugongApplication --migrate-only "${common[@]}" >"$out/migrate.log" 2>&1 \
  || { tail -30 "$out/migrate.log"; exit 1; }

instance_pid=()
start_instance() {
  local i=$1
  java "${jvm[@]}" -cp "$cp" dev.fugong.FugongApplication "${common[@]}" --spring.flyway.enabled=false \
    --server.port="${instance_ports[$i]}" --management.server.port=0 --spring.application.name="fugong-$((i + 1))" \
    >>"$out/instance-$((i + 1)).log" 2>&1 &
  instance_pid[$i]=$!
  pids+=($!)
}
wait_ready() {
  local i=$1
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:${instance_ports[$i]}/readyz" >/dev/null && return 0
    kill -0 "${instance_pid[$i]}" 2>/dev/null || { tail -40 "$out/instance-$((i + 1)).log"; return 1; }
    sleep 0.5
  done
  return 1
}
say "starting two instances on ${instance_ports[*]}"
start_instance 0
start_instance 1
wait_ready 0
wait_ready 1

# --- nginx: round robin over both, no stickiness ------------------------------------------
mkdir -p "$work/nginx"
# The upstream's second server is marked down while instance 2 is out of service, as a
# Kubernetes Service drops a pod from its endpoints when its preStop pause begins and adds
# it back when its readiness probe passes; nginx reloads the file without dropping requests.
nginx_conf() { # "down" to take instance 2 out, "" to put it back
  local two_down=$1
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream fugong {
    server 127.0.0.1:${instance_ports[0]} max_fails=1 fail_timeout=2s;
    server 127.0.0.1:${instance_ports[1]} max_fails=1 fail_timeout=2s $two_down;
    keepalive 128;
  }
  # The same proxy to instance 1 alone, so that one instance and two are compared through
  # the same hop.
  upstream fugong_one {
    server 127.0.0.1:${instance_ports[0]};
    keepalive 128;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://fugong;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # The QR sign-in's event stream goes through as it is written.
      proxy_buffering off;
      proxy_read_timeout 60s;
    }
  }
  server {
    listen 127.0.0.1:$nginx_one_port;
    location / {
      proxy_pass http://fugong_one;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOF
}
nginx_conf ""
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
say "nginx on $nginx_port"

# --- 1. QR sign-in across instances ------------------------------------------------------
say "QR sign-in: stream on instance 1, scan and confirm on instance 2"
one="http://127.0.0.1:${instance_ports[0]}"
two="http://127.0.0.1:${instance_ports[1]}"
json_field() { grep -oP "\"$1\":\"\K[^\"]+"; }
ticket_json=$(curl -fs -X POST "$one/api/v1/auth/qr-login")
ticket=$(json_field ticket <<<"$ticket_json")
secret=$(json_field secret <<<"$ticket_json")
timeout 60 curl -fsN -H "Accept: text/event-stream" -H "X-Ticket-Secret: $secret" \
  "$one/api/v1/auth/qr-login/$ticket/events" >"$out/qr-stream.txt" 2>/dev/null &
stream=$!
login_code=$(curl -fs -X POST -H 'Content-Type: application/json' -d '{"openid":"demo-guide"}' "$two/__fake/wechat/login-codes" | json_field code)
guide=$(curl -fs -X POST -H 'Content-Type: application/json' -d "{\"code\":\"$login_code\"}" "$two/api/v1/auth/wechat/login" | json_field accessToken)
curl -fs -o /dev/null -X POST -H "Authorization: Bearer $guide" "$two/api/v1/auth/qr-login/$ticket/scan"
curl -fs -o /dev/null -X POST -H "Authorization: Bearer $guide" "$two/api/v1/auth/qr-login/$ticket/confirm"
wait $stream || true
if grep -q '^event:confirmed' "$out/qr-stream.txt" && grep -q accessToken "$out/qr-stream.txt"; then
  qr="heard on instance 1: $(grep -oP '^event:\K\w+' "$out/qr-stream.txt" | paste -sd, -) (tokens delivered)"
else
  qr="FAILED: the stream on instance 1 did not hear the confirm (see $out/qr-stream.txt)"
fi
say "QR sign-in $qr"

# --- 2. throughput: both instances against one --------------------------------------------
say "seeding $persons persons and 200 places through instance 1"
java -cp "$bench_cp" dev.fugong.bench.ScanLoadSeeder "$one" "$persons" 200 "$out" >"$out/seed.log"
load() { java -cp "$bench_cp" dev.fugong.bench.ClusterLoad "$1" "$out" "$clients" "$2" "$3" "$out/$3"; }
rate() { awk -F, -v s="$2" '$3 == 201 || $3 == 200 { n++ } END { printf "%.0f", n / s }' "$out/$1/acked.csv"; }
# CPU seconds used so far by each part on this machine, from /proc in clock ticks (ps's
# whole seconds dropped most of each PostgreSQL backend's share), to show where the two
# cores go while both instances take the load. The load generator, gone by the second
# reading, prints its own.
cpu() {
  local tick
  tick=$(getconf CLK_TCK)
  ps -eo pid=,user=,comm=,args= | awk '
    $3 == "redis-server" { print $1, "redis"; next }
    $2 == "postgres" { print $1, "postgres"; next }
    $3 == "nginx" { print $1, "nginx"; next }
    /FugongApplication/ { print $1, "instances" }' | while read -r pid part; do
    # utime and stime are the 14th and 15th fields; the command name before them is in
    # parentheses and may hold spaces, so count from after its closing one.
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    echo "$part ${stat##*) }"
  done | awk -v tick="$tick" '{ c[$1] += ($13 + $14) / tick } END { for (k in c) print k, c[k] }'
}
cpu_share() { # before, after, the load generator's CPU seconds, the run's seconds
  { echo "$1" | sed 's/^/before /'; echo "$2" | sed 's/^/after /'; echo "after load-generator $3"; } \
    | awk -v s="$4" '$1 == "before" { b[$2] = $3 } $1 == "after" { a[$2] = $3 }
        END { for (k in a) printf "%s %.2f, ", k, (a[k] - b[k]) / s }' | sed 's/, $//'
}
# Both JVMs compile the scan path while they serve it, on the same two cores: the first
# minute ran at a third of the later rate, and a shorter warm-up left the comparison to
# depend on which instance had been warmed more.
say "warm-up through nginx, $warmup_s s"
load "http://127.0.0.1:$nginx_port" "$warmup_s" warm >/dev/null
# One and two instances alternately, three times, through the same nginx: the box's noise falls on
# both alike.
for round in 1 2 3; do
  say "round $round: instance 1 alone through nginx, $throughput_s s"
  before_one=$(cpu)
  load "http://127.0.0.1:$nginx_one_port" "$throughput_s" "one-$round" >"$out/one-$round.txt"
  after_one=$(cpu)
  say "round $round: both instances through nginx, $throughput_s s"
  before=$(cpu)
  load "http://127.0.0.1:$nginx_port" "$throughput_s" "two-$round" >"$out/two-$round.txt"
  after=$(cpu)
done
cpu_two=$(cpu_share "$before" "$after" "$(grep -oP 'cpu_s=\K[0-9.]+' "$out/two-3.txt")" "$throughput_s")
cpu_one=$(cpu_share "$before_one" "$after_one" "$(grep -oP 'cpu_s=\K[0-9.]+' "$out/one-3.txt")" "$throughput_s")
# The instances' CPU per acknowledged scan in the last round of each kind, in ms.
per_scan() { # cpu share line, rate
  awk -v line="$1" -v rate="$2" 'BEGIN { n = split(line, parts, ", "); for (i = 1; i <= n; i++) {
    split(parts[i], kv, " "); if (kv[1] == "instances") printf "%.2f", kv[2] * 1000 / rate } }'
}
both_rate=$(( ($(rate two-1 "$throughput_s") + $(rate two-2 "$throughput_s") + $(rate two-3 "$throughput_s")) / 3 ))
one_rate=$(( ($(rate one-1 "$throughput_s") + $(rate one-2 "$throughput_s") + $(rate one-3 "$throughput_s")) / 3 ))
rounds=$(for round in 1 2 3; do printf '%s/%s ' "$(rate one-$round "$throughput_s")" "$(rate two-$round "$throughput_s")"; done)
latency() { # p50 and p99 of the acknowledged attempts of the runs given
  for run in "$@"; do awk -F, '$3 == 201 || $3 == 200 { print $2 - $1 }' "$out/$run/attempts.csv"; done | sort -n \
    | awk '{ a[NR] = $1 } END { printf "p50 %d ms, p99 %d ms", a[int(NR * 0.5)], a[int(NR * 0.99)] }'
}

# --- 3. faults under load ----------------------------------------------------------------
events="$out/events.txt"
: >"$events"
say "fault run: $fault_load_s s of scan-ins through nginx, $clients phones"
load "http://127.0.0.1:$nginx_port" "$fault_load_s" fault >"$out/fault-load.txt" &
loader=$!
pids+=($loader)
sleep 20

say "kill -9 of the PostgreSQL primary's postmaster, then a restart"
start=$(now_ms)
kill -9 "$(head -1 "$work/primary/postmaster.pid")"
# Its backends notice the postmaster's death and end; until they have, the shared memory is
# still in use and a start is refused, so it is tried again.
for _ in $(seq 60); do
  pg pg_ctl -D "$work/primary" -l "$work/primary.log" -w start >/dev/null 2>&1 && break
  sleep 0.5
done
echo "postgres-primary-kill-9 $start $(now_ms)" >>"$events"
sleep 20

master=${redis_ports[0]}
replica_of_master=$(redis-cli -p "$master" cluster myid)
say "Redis master $master stopped for 60 s"
start=$(now_ms)
redis-cli -p "$master" shutdown nosave >/dev/null 2>&1 || true
promoted=""
for _ in $(seq 600); do
  for port in "${redis_ports[@]:3}"; do
    if redis-cli -p "$port" role 2>/dev/null | head -1 | grep -q master; then promoted=$port; fi
  done
  [[ -n $promoted ]] && break
  sleep 0.1
done
failover_ms=$(($(now_ms) - start))
sleep $((60 - failover_ms / 1000))
redis_start "$master"
echo "redis-master-stopped-60s $start $(now_ms)" >>"$events"
say "Redis: replica $promoted promoted after $((failover_ms / 1000)).$((failover_ms % 1000 / 100)) s; $master back as $(redis-cli -p "$master" role 2>/dev/null | head -1)"
sleep 10

say "instance 2 out of nginx's upstream (a pod's preStop pause), SIGTERM, a start, back in when ready"
start=$(now_ms)
nginx_conf down
nginx -s reload -c "$work/nginx/nginx.conf" -p "$work/nginx"
sleep 2
kill -TERM "${instance_pid[1]}"
wait "${instance_pid[1]}" 2>/dev/null || true
stopped_ms=$(($(now_ms) - start))
start_instance 1
wait_ready 1
nginx_conf ""
nginx -s reload -c "$work/nginx/nginx.conf" -p "$work/nginx"
back=$(now_ms)
echo "instance-2-sigterm-restart $start $back" >>"$events"
say "instance 2 stopped in $((stopped_ms / 1000)) s and was ready again $(((back - start) / 1000)) s after the SIGTERM: $(grep -o 'Warmed up.*' "$out/instance-2.log" | tail -1)"
# Its first half minute back in service: a fresh JVM, its caches empty.
sleep 30
echo "instance-2-first-30s-back $back $(now_ms)" >>"$events"
wait $loader
cat "$out/fault-load.txt"

# --- the acknowledgements against the rows --------------------------------------------------
sleep 1
psql -h 127.0.0.1 -p $pg_primary -U postgres -d postgres -q <<EOF >/dev/null
CREATE TABLE bench_acked (client text, scan uuid, status int);
\copy bench_acked FROM '$out/fault/acked.csv' WITH (FORMAT csv)
EOF
acked=$(psql_ $pg_primary "SELECT count(*) FROM bench_acked")
lost=$(psql_ $pg_primary "SELECT count(*) FROM bench_acked a WHERE NOT EXISTS (SELECT 1 FROM scan_in s WHERE s.client_scan_id = a.client)")
lost_ids=$(psql_ $pg_primary "SELECT count(*) FROM bench_acked a WHERE NOT EXISTS (SELECT 1 FROM scan_in s WHERE s.id = a.scan)")
duplicated=$(psql_ $pg_primary "SELECT count(*) FROM (SELECT client_scan_id FROM scan_in WHERE client_scan_id LIKE 'fault-%' GROUP BY client_scan_id HAVING count(*) > 1) d")
rows=$(psql_ $pg_primary "SELECT count(*) FROM scan_in WHERE client_scan_id LIKE 'fault-%'")
lag=$(psql_ $pg_replica "SELECT coalesce(round(extract(epoch FROM now() - pg_last_xact_replay_timestamp())::numeric, 2), 0)")

echo
echo "== scale-out and faults on loopback (2 cores shared by everything) =="
echo "QR sign-in across instances:        $qr"
echo "scan-ins/s, 1 instance via nginx:   $one_rate ($(latency one-1 one-2 one-3); $clients phones; mean of 3 rounds)"
echo "scan-ins/s, 2 instances via nginx:  $both_rate ($(latency two-1 two-2 two-3))"
echo "rounds, 1 instance / 2 instances:   $rounds"
echo "ratio 2 instances / 1:              $(awk "BEGIN { printf \"%.2f\", $both_rate / $one_rate }")"
echo "CPU while 1 instance took the load:  $cpu_one (of 2 cores)"
echo "CPU while 2 instances took the load: $cpu_two (of 2 cores)"
echo "instances' CPU per scan, 1 / 2:      $(per_scan "$cpu_one" "$(rate one-3 "$throughput_s")") ms / $(per_scan "$cpu_two" "$(rate two-3 "$throughput_s")") ms (last round of each)"
echo
ClusterLoad_report() { java -cp "$bench_cp" dev.fugong.bench.ClusterLoad report "$out/fault" "$events"; }
ClusterLoad_report
echo
echo "acknowledged scans (201/200):       $acked; rows of the run: $rows"
echo "acknowledged scans without a row:   $lost (by clientScanId), $lost_ids (by scan id)"
echo "clientScanIds with several rows:    $duplicated"
echo "replica lag after the run:          ${lag} s"
if ((lost > 0 || lost_ids > 0 || duplicated > 0)); then
  echo "FAIL: acknowledged scans were lost or duplicated"
  exit 1
fi
[[ $qr == FAILED* ]] && exit 1
echo "every acknowledged scan has exactly one row"
