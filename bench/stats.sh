#!/usr/bin/env bash
# Dashboards benchmark (issue 13): 20,000 enterprises with a year of guide reports. Starts the
# service (local profile: embedded PostgreSQL and Redis) on loopback, bulk-loads the data of
# bench/stats-seed.sql straight into PostgreSQL (about 5 million report rows), has the district
# admin recount the dashboards (POST /api/v1/stats/reconciliations: every enterprise's facts
# read through the features' services, the counters rebuilt by trigger), then drives the
# dashboards with wrk: each endpoint 20 s of warm-up, then 30 s flat out (closed loop, 8
# connections, and 32 for the district's resumption: the capacity, and the latency of two cores
# kept saturated), then 30 s paced at BENCH_RATE requests/s (default 200, twenty times what a
# district's officials ask at their busiest: the latency a user sees). Prints requests/s, p50,
# p99, non-2xx and the CPU milliseconds per request (service + PostgreSQL) per endpoint, the
# recount's time, and the time for a filed report to show on the dashboard. About 13 minutes.
# Usage: bash bench/stats.sh
#   BENCH_ENTERPRISES (default 20000), BENCH_WARMUP / BENCH_DURATION (seconds, default 20 / 30),
#   BENCH_RATE (requests/s of the paced runs, default 200);
#   BENCH_ONLY=name,name runs only those dashboards (names as printed); BENCH_PROFILE=1 writes
#   each measured run's CPU stacks (async-profiler) to target/stats-bench/<name>.collapsed.
# Needs wrk and psql; installs them from Debian's packages if missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
enterprises="${BENCH_ENTERPRISES:-20000}"
warmup="${BENCH_WARMUP:-20}"
duration="${BENCH_DURATION:-30}"
rate="${BENCH_RATE:-200}"
port=18092
pg_port=15433
dir="$PWD/target/stats-bench"
mkdir -p "$dir"

if ! command -v wrk >/dev/null; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; fi
if ! command -v psql >/dev/null; then apt-get install -y postgresql-client >/dev/null || { apt-get update >/dev/null && apt-get install -y postgresql-client >/dev/null; }; fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

mvn -B -ntp -q -DskipTests -Dspring-javaformat.skip=true package
asprof=""
[[ "${BENCH_PROFILE:-}" == 1 ]] && asprof=$(bash bench/async-profiler.sh)
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
service_cp="target/classes:$(cat target/bench.classpath)"

log="$dir/service.log"
# No reconciliation on its own during the run: the recount is asked for once the data is in. No
# reminders: after 17:00 (Shanghai) they would send 16,000 messages to the WeChat fake in the middle
# of the measurement.
java -Xms1g -Xmx1g -cp "$service_cp" dev.fugong.FugongApplication --spring.profiles.active=local \
  --server.port=$port --management.server.port=0 --fugong.embedded.postgres-port=$pg_port --fugong.security.access-token-ttl=30m \
  --fugong.stats.reconcile-delay=PT10H --fugong.guides.reminder-template-id= --logging.level.root=WARN >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 $server 2>/dev/null || { tail -50 "$log"; exit 1; }
  sleep 1
done
export PGPASSWORD=postgres
psql_() { psql -h 127.0.0.1 -p $pg_port -U postgres -d postgres -tAq "$@"; }

echo "bulk-loading $enterprises enterprises with a year of reports..."
started=$(date +%s)
psql_ -v n="$enterprises" -f bench/stats-seed.sql | tail -1 | awk -F'|' '{printf "  enterprises %s, assignments %s, reports %s, problems %s\n", $1, $2, $3, $4}'
echo "  loaded in $(( $(date +%s) - started )) s"

token() {
  curl -fs -X POST "http://127.0.0.1:$port/__dev/tokens" -H 'Content-Type: application/json' \
    -d "{\"openid\":\"$1\",\"audience\":\"CONSOLE\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/'
}
admin=$(token demo-admin)
official=$(token demo-official)

echo "recount (district admin)..."
curl -fs -m 600 -X POST "http://127.0.0.1:$port/api/v1/stats/reconciliations" -H "Authorization: Bearer $admin" \
  >"$dir/reconcile.json"
echo "  $(cat "$dir/reconcile.json")"
psql_ -c "SELECT 'facts rows ' || count(*) FROM stats_enterprise" -c "SELECT 'cells ' || count(*) FROM stats_cell"

# name, path, token, connections
runs=("resumption-district /api/v1/stats/resumption admin 8"
  "resumption-district-c32 /api/v1/stats/resumption admin 32"
  "resumption-park /api/v1/stats/resumption?zoneId=00000000-0000-7000-8000-000000000002 official 8"
  "guide-reports-district /api/v1/stats/guide-reports admin 8"
  "problems-district /api/v1/stats/problems admin 8"
  "resumption-industry /api/v1/stats/resumption?industry=MANUFACTURING admin 8")
# CPU seconds (user + system) of the service and of PostgreSQL: per request, the figure a shared
# machine does not distort the way it does latencies.
cpu() { local total=0; for p in "$@"; do [[ -r /proc/$p/stat ]] && total=$((total + $(awk '{print $14 + $15}' /proc/$p/stat))); done; echo $total; }
# This run's PostgreSQL only (the machine may run others): its postmaster and the backends it forked.
pg_pids() { local pm; pm=$(pgrep -f -- "bin/postgres -D .* -p $pg_port " | head -1); echo "$pm $(pgrep -P "$pm" | tr "\n" " ")"; }
ticks=$(getconf CLK_TCK)
printf '\n%-33s %12s %10s %10s %8s %14s\n' dashboard "requests/s" p50 p99 non-2xx "CPU ms/request"
# One measured wrk run and its line: name, connections, path, bearer, extra wrk arguments.
measure() {
  local name=$1 connections=$2 path=$3 bearer=$4
  shift 4
  [[ -n "$asprof" ]] && "$asprof" start -e cpu -i 1ms "$server" >/dev/null
  svc0=$(cpu $server); pg0=$(cpu $(pg_pids))
  wrk -t2 -c"$connections" -d${duration}s --latency "$@" -H "Authorization: Bearer $bearer" \
    "http://127.0.0.1:$port$path" >"$dir/$name.txt"
  svc1=$(cpu $server); pg1=$(cpu $(pg_pids))
  [[ -n "$asprof" ]] && "$asprof" stop -o collapsed -f "$dir/$name.collapsed" "$server" >/dev/null
  requests=$(grep -oP '^\s*\K[0-9]+(?= requests in)' "$dir/$name.txt")
  per=$(awk "BEGIN { pg = ($pg1 - $pg0) * 1000 / $ticks / $requests; printf \"%.2f + %.2f\", ($svc1 - $svc0) * 1000 / $ticks / $requests, (pg < 0 ? 0 : pg) }")
  rps=$(grep -oP 'Requests/sec:\s*\K[0-9.]+' "$dir/$name.txt")
  p50=$(grep -oP '^\s+50%\s+\K\S+' "$dir/$name.txt")
  p99=$(grep -oP '^\s+99%\s+\K\S+' "$dir/$name.txt")
  non2xx=$(grep -oP 'Non-2xx or 3xx responses:\s*\K[0-9]+' "$dir/$name.txt" || echo 0)
  printf '%-33s %12s %10s %10s %8s %14s\n' "$name" "$rps" "$p50" "$p99" "$non2xx" "$per"
}

for run in "${runs[@]}"; do
  read -r name path who connections <<<"$run"
  [[ -n "${BENCH_ONLY:-}" && ",$BENCH_ONLY," != *",$name,"* ]] && continue
  bearer=$admin
  [[ "$who" == official ]] && bearer=$official
  wrk -t2 -c"$connections" -d${warmup}s -H "Authorization: Bearer $bearer" "http://127.0.0.1:$port$path" >/dev/null
  measure "$name" "$connections" "$path" "$bearer"
  # Paced (printed as <name>-paced): each connection pauses 8/rate seconds after each answer.
  if [[ "$connections" == 8 ]]; then
    PACED_DELAY_MS=$((8000 / rate)) measure "$name-paced" 8 "$path" "$bearer" -s bench/paced.lua
  fi
done

# A report filed through the API, until the district's dashboard counts it.
guide_user=$(psql_ -c "SELECT guide_user_id FROM guide_assignment a WHERE NOT EXISTS (SELECT 1 FROM guide_report r
  WHERE r.enterprise_id = a.enterprise_id AND r.report_date = (now() AT TIME ZONE 'Asia/Shanghai')::date) LIMIT 1")
enterprise=$(psql_ -c "SELECT enterprise_id FROM guide_assignment WHERE guide_user_id = '$guide_user' AND NOT EXISTS
  (SELECT 1 FROM guide_report r WHERE r.enterprise_id = guide_assignment.enterprise_id
   AND r.report_date = (now() AT TIME ZONE 'Asia/Shanghai')::date) LIMIT 1")
guide=$(curl -fs -X POST "http://127.0.0.1:$port/__dev/tokens" -H 'Content-Type: application/json' \
  -d "{\"openid\":\"$(psql_ -c "SELECT openid FROM app_user WHERE id = '$guide_user'")\",\"audience\":\"CONSOLE\"}" \
  | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
reported() { curl -fs "http://127.0.0.1:$port/api/v1/stats/guide-reports" -H "Authorization: Bearer $admin" \
  | grep -oP '"total":\{[^}]*"reported":\K[0-9]+'; }
before=$(reported)
t0=$(date +%s%N)
curl -fs -o /dev/null -X POST "http://127.0.0.1:$port/api/v1/guide-reports" -H "Authorization: Bearer $guide" \
  -H 'Content-Type: application/json' \
  -d "{\"enterpriseId\":\"$enterprise\",\"returned\":3,\"planned\":5,\"local\":2,\"outOfTown\":1,\"inObservation\":0}"
until [[ "$(reported)" -gt "$before" ]]; do
  (( ($(date +%s%N) - t0) / 1000000 > 30000 )) && { echo "FAIL: the report did not show within 30 s"; exit 1; }
  sleep 0.05
done
echo
echo "a filed report shows on the district's dashboard after $(( ($(date +%s%N) - t0) / 1000000 )) ms (reported today: $before -> $(reported))"
