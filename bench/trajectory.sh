#!/usr/bin/env bash
# Benchmark of trajectory queries and contact screening (issue 12), on loopback, stopping by
# itself. Starts the service (local profile: its own embedded PostgreSQL and Redis) with the
# per-account limits lifted, generates the data with COPY (dev.fugong.bench.TrajectorySeeder:
# persons, 21 days of scan-ins across the places, 800 returnees of one enterprise), prints
# the generation's time and disk use and the EXPLAIN (ANALYZE, BUFFERS) of both reads, then
# runs dev.fugong.bench.TrajectoryBenchmark:
#  1. trajectory queries for random phones, CLIENTS at once (warm-up, then measured);
#  2. contact screenings of random persons, one at a time;
#  3. the one-click screening of the enterprise with 800 returnees.
# Usage: bash bench/trajectory.sh [persons, default 1000000] [scan-ins, default 50000000]
#   BENCH_PLACES (20000), BENCH_ENTERPRISES (2000), BENCH_CLIENTS (16), BENCH_WARMUP (30),
#   BENCH_DURATION (30), BENCH_SCREENINGS (50).
#   BENCH_STEPS: which of the three to run (default "query screen enterprise").
#   BENCH_JAVA_OPTS: more options for the service's JVM.
#   BENCH_PROFILE=1 writes the service's CPU stacks during the queries (async-profiler) to
#   target/trajectory-bench/query.collapsed.
set -euo pipefail
cd "$(dirname "$0")/.."
persons="${1:-1000000}"
scans="${2:-50000000}"
places="${BENCH_PLACES:-20000}"
enterprises="${BENCH_ENTERPRISES:-2000}"
clients="${BENCH_CLIENTS:-16}"
warmup="${BENCH_WARMUP:-30}"
duration="${BENCH_DURATION:-30}"
screenings="${BENCH_SCREENINGS:-50}"
port=18097
pg_port=15452
dir="$PWD/target/trajectory-bench"
mkdir -p "$dir"

mvn -B -ntp -q -DskipTests -Dspring-javaformat.skip=true package
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
service_cp="target/classes:$(cat target/bench.classpath)"
client_cp="target/test-classes:$service_cp"

log="$dir/service.log"
java -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$service_cp" dev.fugong.FugongApplication --spring.profiles.active=local --server.port=$port \
  --management.server.port=0 --fugong.embedded.postgres-port=$pg_port --fugong.embedded.postgres-durable=false \
  --fugong.security.access-token-ttl=60m --fugong.trajectory.queries-per-window=100000 --fugong.trajectory.rate-window=1s \
  --fugong.trajectory.screenings-per-window=10000 --logging.level.root=WARN --logging.level.dev.fugong=INFO >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 $server 2>/dev/null || { tail -50 "$log"; exit 1; }
  sleep 1
done
export PGPASSWORD=postgres
psql_() { psql -h 127.0.0.1 -p $pg_port -U postgres -d postgres -tAq -c "$1"; }
client() { java -cp "$client_cp" dev.fugong.bench.TrajectoryBenchmark "http://127.0.0.1:$port" "$@"; }

disk_before=$(psql_ "SELECT pg_database_size('postgres')")
echo "generating $persons persons, $scans scan-ins over 21 days, $places places of $enterprises enterprises (COPY)..."
java -cp "$client_cp" dev.fugong.bench.TrajectorySeeder "jdbc:postgresql://127.0.0.1:$pg_port/postgres" \
  "$persons" "$scans" "$places" "$enterprises" | tee "$dir/seed.log"
first_enterprise=$(awk '/^first enterprise:/ { print $3 }' "$dir/seed.log")
echo "disk: database grew by $(psql_ "SELECT pg_size_pretty(pg_database_size('postgres') - $disk_before)");" \
  "scan_in $(psql_ "SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits WHERE inhparent = 'scan_in'::regclass")" \
  "(indexes $(psql_ "SELECT pg_size_pretty(sum(pg_indexes_size(inhrelid))) FROM pg_inherits WHERE inhparent = 'scan_in'::regclass")),"\
  "person $(psql_ "SELECT pg_size_pretty(pg_total_relation_size('person'))")"

person=$(psql_ "SELECT person_id FROM scan_in WHERE scanned_at > now() - interval '1 day' LIMIT 1")
other=$(psql_ "SELECT person_id FROM scan_in WHERE scanned_at > now() - interval '2 days' AND person_id <> '$person' LIMIT 1")
echo "EXPLAIN (ANALYZE, BUFFERS), one person's 14 days (VisitHistory.ofPerson), then another's in the same session"
echo "(the service's connections are long-lived, so the second planning time is the one a query pays), then with a generic plan:"
trajectory_sql="SELECT id, scanned_at, place_id, enterprise_id, admitted, reasons, temperature_cipher, fever
  FROM scan_in WHERE person_id = \$1 AND scanned_at >= now() - interval '14 days' AND scanned_at < now()
  ORDER BY scanned_at DESC, id DESC LIMIT 2000"
psql -h 127.0.0.1 -p $pg_port -U postgres -d postgres -Aq <<SQL | tee "$dir/explain-trajectory.txt"
PREPARE visits(uuid) AS $trajectory_sql;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE visits('$person');
EXPLAIN (ANALYZE, BUFFERS) EXECUTE visits('$other');
SET plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, BUFFERS) EXECUTE visits('$other');
SQL
echo "EXPLAIN (ANALYZE, BUFFERS), the same person's contacts, ±30 min over 14 days (VisitHistory.encounters):"
psql_ "EXPLAIN (ANALYZE, BUFFERS) SELECT other.person_id, mine.place_id, mine.enterprise_id, mine.scanned_at, other.scanned_at
  FROM scan_in mine JOIN LATERAL (SELECT o.person_id, o.scanned_at FROM scan_in o WHERE o.place_id = mine.place_id
    AND o.scanned_at BETWEEN mine.scanned_at - make_interval(secs => 1800) AND mine.scanned_at + make_interval(secs => 1800)
    AND o.person_id <> '$person') other ON true
  WHERE mine.person_id = '$person' AND mine.scanned_at >= now() - interval '14 days' AND mine.scanned_at < now()
  ORDER BY other.person_id, other.scanned_at LIMIT 20000" | tee "$dir/explain-contacts.txt"

steps=" ${BENCH_STEPS:-query screen enterprise} "
# CPU seconds of the service and of all PostgreSQL processes, to divide by the queries made.
ticks=$(getconf CLK_TCK)
service_cpu() { awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' /proc/$server/stat; }
postgres_cpu() { ps -C postgres -o cputimes= | awk '{ s += $1 } END { printf "%.2f", s }'; }
if [[ "$steps" == *" query "* ]]; then
  asprof=""
  [[ "${BENCH_PROFILE:-}" == 1 ]] && asprof=$(bash bench/async-profiler.sh)
  echo "warming up for $warmup s..."
  client query "$persons" "$clients" 0 "$warmup" >/dev/null
  [[ -n "$asprof" ]] && "$asprof" start -e cpu -i 1ms "$server" >/dev/null
  s0=$(service_cpu); p0=$(postgres_cpu)
  client query "$persons" "$clients" 0 "$duration" | tee "$dir/query.log"
  s1=$(service_cpu); p1=$(postgres_cpu)
  [[ -n "$asprof" ]] && "$asprof" stop -o collapsed -f "$dir/query.collapsed" "$server" >/dev/null
  made=$(awk '/^queries made:/ { print $3 }' "$dir/query.log")
  echo "CPU per query ($made queries): service $(awk "BEGIN { printf \"%.2f\", ($s1 - $s0) * 1000 / $made }") ms," \
    "PostgreSQL $(awk "BEGIN { printf \"%.2f\", ($p1 - $p0) * 1000 / $made }") ms"
fi
[[ "$steps" == *" screen "* ]] && client screen "$persons" "$screenings"
[[ "$steps" == *" enterprise "* ]] && client enterprise "$first_enterprise"
true
