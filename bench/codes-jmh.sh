#!/usr/bin/env bash
# JMH: code verifications and QR renders per second on one thread (one core).
# Usage: bash bench/codes-jmh.sh [JMH options]   (default: 1 fork, 3 x 2 s warm-up, 5 x 2 s)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests -Dspring-javaformat.skip=true test-compile
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main \
  'dev.fugong.bench.CodeBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 2s -t 1 "$@"
