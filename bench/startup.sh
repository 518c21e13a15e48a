#!/usr/bin/env bash
# Start-up of the production jar, for scale-out (issue 16): how long a new pod takes from
# `java` to ready, in the prod profile, against a PostgreSQL and a Redis already running (real
# ones on loopback, dev.fugong.bench.BenchInfrastructure), with the Kubernetes JVM settings of
# k8s/base/configmap.yaml in a 768 MiB container (-XX:MaxRAM=768m stands for the container's
# limit, which the JVM would read from its cgroup). "Ready" is the readiness probe answering
# 200 on the management port, as the kubelet sees it; the log's "Started … in" is printed too.
# Runs, one after another:
#   1. the first start of a release: an empty database, Flyway applies every migration;
#   2. a pod of a running release (the database migrated), three ways, interleaved over three
#      rounds and the medians shown: the jar as built; the extracted jar (java -Djarmode=tools
#      extract, the layout a CDS archive needs); the extracted jar with Class Data Sharing from
#      Spring Boot's training run (-XX:ArchiveClassesAtExit, -Dspring.context.exit=onRefresh).
# Each instance's resident memory (VmRSS) once ready is printed with it. Loopback only, about
# three minutes, stops by itself.
# Usage: bash bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$PWD/target/startup"
rm -rf "$dir"; mkdir -p "$dir"
pg_port=15470
redis_port=16470
port=18095
management=18096

mvn -B -ntp -q -DskipTests -Dspring-javaformat.skip=true package
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
jar=$(ls target/fugong-*.jar | grep -v plain | head -1)

java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.fugong.bench.BenchInfrastructure \
  $pg_port $redis_port >"$dir/infrastructure.log" 2>&1 &
infrastructure=$!
service=""
trap '[[ -n "$service" ]] && kill $service 2>/dev/null; kill $infrastructure 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "infrastructure up" "$dir/infrastructure.log" && break; sleep 0.5; done
grep "infrastructure up" "$dir/infrastructure.log"

# The production settings, with throwaway keys (the local profile's development keysets for the
# personal-data ciphers; nothing here is kept).
keyset() { grep -oP "^    $1: '\K[^']+" src/main/resources/application.yaml; }
export SPRING_PROFILES_ACTIVE=prod \
  SPRING_R2DBC_URL="r2dbc:postgresql://127.0.0.1:$pg_port/postgres" SPRING_R2DBC_USERNAME=postgres SPRING_R2DBC_PASSWORD=postgres \
  SPRING_FLYWAY_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres" SPRING_FLYWAY_USER=postgres SPRING_FLYWAY_PASSWORD=postgres \
  SPRING_DATA_REDIS_HOST=127.0.0.1 SPRING_DATA_REDIS_PORT=$redis_port \
  SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$management \
  FUGONG_SECURITY_ISSUER=https://fugong.example.gov.cn \
  FUGONG_SECURITY_SIGNING_KEYS_0_ID=bench-1 FUGONG_SECURITY_SIGNING_KEYS_0_SECRET="$(head -c 32 /dev/urandom | base64)" \
  FUGONG_CODES_KEYS_0_ID=1 FUGONG_CODES_KEYS_0_SECRET="$(head -c 32 /dev/urandom | base64)" \
  FUGONG_CODES_BASE_URL=https://fugong.example.gov.cn \
  FUGONG_CRYPTO_AEAD_KEYSET="$(keyset aead-keyset)" FUGONG_CRYPTO_LOOKUP_KEYSET="$(keyset lookup-keyset)" \
  FUGONG_WECHAT_BASE_URL=http://127.0.0.1:9 FUGONG_WECHAT_APP_ID=wx0000000000000000 FUGONG_WECHAT_APP_SECRET=bench \
  JAVA_TOOL_OPTIONS="-XX:+UseG1GC -XX:MaxRAM=768m -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# start NAME java-arguments...: starts the service, waits for readiness, prints the figures,
# stops it (SIGTERM, as Kubernetes does). Sets $ready_ms.
start() {
  local name=$1; shift
  local log="$dir/$name.log" t0 t1
  t0=$(date +%s%N)
  java "$@" >"$log" 2>&1 &
  service=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$management/actuator/health/readiness"; do
    kill -0 $service 2>/dev/null || { echo "$name: the service exited"; tail -40 "$log"; exit 1; }
    (( ($(date +%s%N) - t0) / 1000000000 < 180 )) || { echo "$name: not ready after 180 s"; tail -40 "$log"; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  ready_ms=$(( (t1 - t0) / 1000000 ))
  local rss started
  rss=$(awk '/^VmRSS/ { printf "%.0f MiB", $2 / 1024 }' /proc/$service/status)
  # The JVM's CPU time (user + system, all threads) until ready: the figure that depends
  # least on what else the machine is doing.
  cpu_ms=$(awk -v t="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / t }' /proc/$service/stat)
  started=$(grep -oP 'Started \S+ in \K[0-9.]+ seconds \(process running for [0-9.]+\)' "$log" | head -1)
  printf '%-30s ready after %6.2f s, CPU %6.2f s, RSS %8s; log: started in %s\n' "$name" \
    "$(awk "BEGIN { print $ready_ms / 1000 }")" "$(awk "BEGIN { print $cpu_ms / 1000 }")" "$rss" "$started"
  kill -TERM $service; wait $service 2>/dev/null || true; service=""
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f s", a[int((NR + 1) / 2)] / 1000 }'; }

echo "java: $(java -version 2>&1 | grep -v JAVA_TOOL | head -1); JAVA_TOOL_OPTIONS=$JAVA_TOOL_OPTIONS"
start "first start (migrates)" -jar "$jar"

java -Djarmode=tools -jar "$jar" extract --destination "$dir/extracted" >/dev/null
app="$dir/extracted/$(basename "$jar")"
echo "training run for the CDS archive (Spring Boot: the context refreshed, then exit)..."
java -XX:ArchiveClassesAtExit="$dir/application.jsa" -Dspring.context.exit=onRefresh -jar "$app" >"$dir/training.log" 2>&1
echo "  archive: $(du -h "$dir/application.jsa" | cut -f1)"

# The three ways, interleaved round by round, so that what else the shared machine does
# falls on all of them alike.
declare -A ready cpu
for round in 1 2 3; do
  start "jar, round $round" -jar "$jar"; ready[jar]+="$ready_ms "; cpu[jar]+="$cpu_ms "
  start "extracted, round $round" -jar "$app"; ready[extracted]+="$ready_ms "; cpu[extracted]+="$cpu_ms "
  start "extracted + CDS, round $round" -XX:SharedArchiveFile="$dir/application.jsa" -jar "$app"
  ready[cds]+="$ready_ms "; cpu[cds]+="$cpu_ms "
done
echo "medians of the three rounds (migrated database):"
for way in jar extracted cds; do
  printf '  %-10s ready after %s, CPU until ready %s\n' "$way" "$(median ${ready[$way]})" "$(median ${cpu[$way]})"
done
