#!/usr/bin/env bash
# The cost of one request, side by side in one run (the machine is shared: only ratios
# measured together compare). Starts the service (local profile, embedded PostgreSQL and
# Redis) on loopback and drives, one after another with wrk (2 threads, 64 connections):
# first a bare WebFlux app of the same Spring Boot version (the yardstick), then
# GET /livez, an authenticated GET /api/v1/me, and an authenticated
# GET of a route that does not exist (404). Each gets a warm-up, then a measured run;
# prints requests/s, p50 and p99 of each, the server's CPU microseconds per request over the
# measured run (its user + system time from /proc: the figure that depends least on what else
# the shared machine is doing), and the ratios to the bare app both ways (a 404 should be the
# cheapest answer there is). About two minutes.
# Usage: bash bench/overhead.sh
#   BENCH_DURATION / BENCH_WARMUP (seconds, default 15 / 10)
#   BENCH_SERVICE_ARGS: extra arguments for the service, e.g. to measure a setting's cost
#   (--spring.web.resources.add-mappings=true was the catch-all static mapping of before).
#   BENCH_PROFILE=1: after the measured runs, profiles the service's CPU (async-profiler) under
#   the /api/v1/me load for BENCH_DURATION seconds into target/overhead/me.collapsed (folded
#   stacks, one line each: grep and sum them).
# Needs wrk; installs it from Debian's packages if missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${BENCH_DURATION:-15}"
warmup="${BENCH_WARMUP:-10}"
port=18091
dir="$PWD/target/overhead"
mkdir -p "$dir"

if ! command -v wrk >/dev/null; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

mvn -B -ntp -q -DskipTests -Dspring-javaformat.skip=true package
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# The local profile runs from the build's class path: the production jar leaves the embedded
# PostgreSQL and Redis out.
service_cp="target/classes:$(cat target/bench.classpath)"

# The yardstick: a bare WebFlux app of the same Spring Boot version (dev.fugong.bench.BareWebFluxApp),
# same heap, same wrk settings, measured first and stopped before the service starts.
ticks=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system clock ticks of a process
measure() { # name url [header...]; the server's pid in $pid
  local name=$1 url=$2; shift 2
  wrk -t2 -c64 -d${warmup}s "$@" "$url" >/dev/null
  local cpu0 cpu1 requests
  cpu0=$(cpu "$pid")
  wrk -t2 -c64 -d${duration}s --latency "$@" "$url" >"$dir/$name.txt"
  cpu1=$(cpu "$pid")
  rps[$name]=$(grep -oP 'Requests/sec:\s*\K[0-9.]+' "$dir/$name.txt")
  requests=$(grep -oP '^\s*\K[0-9]+(?= requests in)' "$dir/$name.txt")
  us[$name]=$(awk "BEGIN { printf \"%.0f\", ($cpu1 - $cpu0) * 1000000 / $ticks / $requests }")
  local p50 p99 non2xx
  p50=$(grep -oP '^\s+50%\s+\K\S+' "$dir/$name.txt")
  p99=$(grep -oP '^\s+99%\s+\K\S+' "$dir/$name.txt")
  non2xx=$(grep -oP 'Non-2xx or 3xx responses:\s*\K[0-9]+' "$dir/$name.txt" || echo 0)
  printf '%-10s %12s %10s %10s %8s %12s\n' "$name" "${rps[$name]}" "$p50" "$p99" "$non2xx" "${us[$name]}"
}
declare -A rps us
printf '\n%-10s %12s %10s %10s %8s %12s\n' request "requests/s" p50 p99 non-2xx "CPU µs/req"
bare_port=18092
java -Xms512m -Xmx512m -cp "target/test-classes:$service_cp" dev.fugong.bench.BareWebFluxApp \
  --server.port=$bare_port --logging.level.root=WARN >"$dir/bare.log" 2>&1 &
bare=$!
pid=$bare
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$bare_port/hello" >/dev/null && break
  kill -0 $bare 2>/dev/null || { tail -50 "$dir/bare.log"; exit 1; }
  sleep 1
done
measure bare "http://127.0.0.1:$bare_port/hello"
if grep -q 'Non-2xx' "$dir/bare.txt"; then echo "the bare app answered errors: see $dir/bare.log" >&2; exit 1; fi
kill $bare; wait $bare 2>/dev/null || true

log="$dir/service.log"
java -Xms512m -Xmx512m -cp "$service_cp" dev.fugong.FugongApplication --spring.profiles.active=local \
  --server.port=$port --management.server.port=0 --fugong.security.access-token-ttl=30m --logging.level.root=WARN \
  ${BENCH_SERVICE_ARGS:-} >"$log" 2>&1 &
server=$!
pid=$server
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 $server 2>/dev/null || { tail -50 "$log"; exit 1; }
  sleep 1
done
token=$(curl -fs -X POST "http://127.0.0.1:$port/__dev/tokens" -H 'Content-Type: application/json' \
  -d '{"openid":"demo-manager","audience":"CONSOLE"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')

# A fresh JVM compiles for minutes on a busy two-core machine, and the CPU per request counts its
# compiler threads: every endpoint is driven once before any is measured, so the first measured
# is not the one paying for the JIT (the earlier order made liveness look 4x dearer than a 404).
for url in /livez /api/v1/me /api/v1/no-such-route; do
  wrk -t2 -c64 -d${warmup}s -H "Authorization: Bearer $token" "http://127.0.0.1:$port$url" >/dev/null
done
measure liveness "http://127.0.0.1:$port/livez"
measure me "http://127.0.0.1:$port/api/v1/me" -H "Authorization: Bearer $token"
measure 404 "http://127.0.0.1:$port/api/v1/no-such-route" -H "Authorization: Bearer $token"
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }
echo
echo "                 by requests/s   by CPU per request (bare's CPU / its CPU)"
echo "404 / me:        $(ratio "${rps[404]}" "${rps[me]}")            $(ratio "${us[me]}" "${us[404]}")   (target: at least 1.00)"
echo "liveness / bare: $(ratio "${rps[liveness]}" "${rps[bare]}")            $(ratio "${us[bare]}" "${us[liveness]}")   (target: at least 0.70)"
echo "me / bare:       $(ratio "${rps[me]}" "${rps[bare]}")            $(ratio "${us[bare]}" "${us[me]}")   (target: at least 0.50)"
echo "(scan-ins against pgbench: bash bench/scan-load.sh)"

if [[ "${BENCH_PROFILE:-}" == 1 ]]; then
  asprof=$(bash bench/async-profiler.sh)
  wrk -t2 -c64 -d$((duration + 5))s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me" >/dev/null &
  load=$!
  "$asprof" -e cpu -d "$duration" -o collapsed -f "$dir/me.collapsed" "$server" >/dev/null
  wait $load
  echo "profile of /api/v1/me under load: $dir/me.collapsed"
fi
