#!/usr/bin/env bash
# Benchmark: 2,000 console sign-in streams held open on one instance; heap, and latency
# from confirm to event. Starts the service (local profile, its own embedded PostgreSQL
# and Redis) on a free loopback port, runs the client, prints figures, stops everything.
# Usage: bash bench/qr-login-streams.sh [streams]   (default 2000; takes about two minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
streams="${1:-2000}"
port="${BENCH_PORT:-18080}"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true   # each stream is a socket on both sides

mvn -B -ntp -q -DskipTests -Dspring-javaformat.skip=true package
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# The local profile runs from the build's class path: the production jar leaves the embedded
# PostgreSQL and Redis out.
service_cp="target/classes:$(cat target/bench.classpath)"

log=$(mktemp)
java -cp "$service_cp" dev.fugong.FugongApplication --spring.profiles.active=local --server.port="$port" --management.server.port=0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$port/readyz" >/dev/null; then break; fi
  kill -0 $server 2>/dev/null || { cat "$log"; exit 1; }
  sleep 1
done
echo "service up (pid $server, log $log); server JVM: $(java -version 2>&1 | head -1)"

client() {
  java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.fugong.bench.QrLoginStreamsBenchmark "http://127.0.0.1:$port" "$server" "$streams"
}
# The first round warms the JIT up (a cold JVM spends its first minute compiling); only
# the second is reported.
echo "warm-up round..."; client >/dev/null
client
