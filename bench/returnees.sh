#!/usr/bin/env bash
# Benchmark of the returnee feature (issue 11), on loopback, stopping by itself:
#  1. import of a 50,000-row XLSX staff sheet: time, and the service's peak heap;
#  2. list requests with filters over 1,000,000 returnees (seeded in SQL): p50 and p99;
#  3. export of 100,000 returnees as XLSX: time and peak heap.
# The service runs with -Xmx256m, so finishing at all shows the heap stayed under 256 MiB;
# the peak is sampled with jstat every 100 ms (young + old generations in use).
# Usage: bash bench/returnees.sh   (about 5 minutes on the project's 2-core machine)
#   BENCH_JAVA_OPTS: more options for the service's JVM, e.g. -Xlog:gc:file=target/gc.log
#   BENCH_PROFILE=1 writes the service's CPU stacks of the list requests (async-profiler) to
#   target/returnee-bench/list.collapsed.
set -euo pipefail
cd "$(dirname "$0")/.."
port=18095
pg_port=15442
rows="${BENCH_IMPORT_ROWS:-50000}"
seed="${BENCH_SEED_ROWS:-1000000}"
requests="${BENCH_LIST_REQUESTS:-300}"
dir="$PWD/target/returnee-bench"
mkdir -p "$dir"

mvn -B -ntp -q -DskipTests -Dspring-javaformat.skip=true package
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
service_cp="target/classes:$(cat target/bench.classpath)"
client_cp="target/test-classes:$service_cp"

log="$dir/service.log"
java -Xmx256m ${BENCH_JAVA_OPTS:-} -cp "$service_cp" dev.fugong.FugongApplication --spring.profiles.active=local --server.port=$port --management.server.port=0 \
  --fugong.embedded.postgres-port=$pg_port --fugong.embedded.postgres-durable=false \
  --fugong.security.access-token-ttl=60m --logging.level.root=WARN --logging.level.dev.fugong=INFO >"$log" 2>&1 &
server=$!
sampler=""
trap 'kill $sampler 2>/dev/null || true; kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 $server 2>/dev/null || { tail -50 "$log"; exit 1; }
  sleep 1
done
export PGPASSWORD=postgres
psql_() { psql -h 127.0.0.1 -p $pg_port -U postgres -d postgres -tAq -c "$1"; }
client() { java -cp "$client_cp" dev.fugong.bench.ReturneeBenchmark "http://127.0.0.1:$port" "$@"; }

# Peak heap in use while a step runs: jstat's young (S0U S1U EU) + old (OU), in KiB.
sample_start() { jstat -gc $server 100 >"$dir/jstat.$1" & sampler=$!; }
sample_stop() {
  kill $sampler 2>/dev/null || true; wait $sampler 2>/dev/null || true; sampler=""
  awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%.0f MiB", max / 1024 }' "$dir/jstat.$1"
}

echo "warm-up imports (2 x 5,000 rows, other phones)..."; client import 5000 187 >/dev/null; client import 5000 188 >/dev/null
psql_ "DELETE FROM returnee"
sample_start import
client import "$rows"
echo "  peak heap during the import: $(sample_stop import) (-Xmx256m)"

echo "seeding $seed returnees in SQL..."
psql_ "
WITH persons AS (SELECT array_agg(person_id) AS ids, (array_agg(travel_cipher))[1] AS travel FROM returnee),
     enterprises AS (SELECT array_agg(gen_random_uuid()) AS ids FROM generate_series(1, 400))
INSERT INTO returnee (id, person_id, enterprise_id, zone_id, travel_cipher, departed_at, departed_day, arrived_at,
                      expected_arrival_at, arrival_at, arrival_day, flags, missed_slot_at, last_report_at, abnormal_at,
                      source, created_at)
SELECT gen_random_uuid(), p.ids[1 + i % array_length(p.ids, 1)],
       CASE WHEN i % 10 = 0 THEN '00000000-0000-7000-8000-000000000102'::uuid ELSE e.ids[1 + i % 400] END,
       CASE WHEN i % 10 = 0 OR i % 4 = 0 THEN '00000000-0000-7000-8000-000000000002'::uuid
            ELSE ('00000000-0000-7000-8000-00000000000' || (3 + i % 2))::uuid END,
       p.travel, a - interval '2 days', ((a - interval '2 days') AT TIME ZONE 'Asia/Shanghai')::date - (i / 50000),
       CASE WHEN a <= now() THEN a END, CASE WHEN a > now() THEN a END, a, (a AT TIME ZONE 'Asia/Shanghai')::date,
       CASE WHEN i % 97 = 0 THEN 'HIGH_RISK_REGION' ELSE '' END,
       CASE WHEN i % 13 = 0 THEN now() - interval '3 hours' END, CASE WHEN i % 26 = 0 THEN now() - interval '1 hour' END,
       CASE WHEN i % 211 = 0 THEN now() - interval '1 day' END, 'IMPORT', now()
FROM persons p, enterprises e, generate_series(1, $seed) AS i,
     LATERAL (SELECT now() + interval '1 day' - (i % 60) * interval '1 day' - (i % 1440) * interval '1 minute') AS t(a)"
psql_ "VACUUM ANALYZE returnee"
echo "  returnees: $(psql_ 'SELECT count(*) FROM returnee'); of 天友乳业: $(psql_ "SELECT count(*) FROM returnee WHERE enterprise_id = '00000000-0000-7000-8000-000000000102'")"

echo "list requests, one at a time, $requests warm-up then $requests measured per query:"
asprof=""
[[ "${BENCH_PROFILE:-}" == 1 ]] && asprof=$(bash bench/async-profiler.sh)
[[ -n "$asprof" ]] && "$asprof" start -e cpu -i 1ms "$server" >/dev/null
ticks=$(getconf CLK_TCK)
cpu0=$(awk '{print $14 + $15}' /proc/$server/stat)
client list "$requests"
cpu1=$(awk '{print $14 + $15}' /proc/$server/stat)
[[ -n "$asprof" ]] && "$asprof" stop -o collapsed -f "$dir/list.collapsed" "$server" >/dev/null
echo "  service CPU per list request (warm-up included): $(awk "BEGIN { printf \"%.2f\", ($cpu1 - $cpu0) * 1000 / $ticks / ($requests * 12) }") ms"

sample_start export
client export 00000000-0000-7000-8000-000000000102
echo "  peak heap during the export: $(sample_stop export) (-Xmx256m)"
grep -E "Staff import .* rows" "$log" | tail -1 || true
