#!/usr/bin/env bash
# End-to-end tests of the console and the mobile page in a real browser: Debian's Chromium
# with Chinese fonts, driven by playwright-core (from the npm registry; no browser download),
# against the service started here with the local profile (README command 1) on its own
# port. Installs what it needs on a fresh machine (as root). Screenshots of every page go to
# docs/console/. About three minutes; stops the service by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${FUGONG_E2E_PORT:-18089}"

if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  apt-get install -y chromium fonts-noto-cjk >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y chromium fonts-noto-cjk >/dev/null; }
fi
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)

log=target/e2e-service.log
mkdir -p target
mvn -B -ntp -q spring-boot:run -Dspring-boot.run.profiles=local \
  -Dspring-boot.run.arguments="--server.port=$port --management.server.port=0 --fugong.embedded.postgres-port=0 --fugong.http.cache-static-files=true" >"$log" 2>&1 &
service=$!
stop() { pkill -TERM -P "$service" 2>/dev/null || true; kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; }
trap stop EXIT
# Up to ten minutes: on a busy shared machine the first compile alone takes minutes.
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 "$service" 2>/dev/null || { tail -50 "$log"; exit 1; }
  sleep 1
done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { echo "service did not start"; tail -50 "$log"; exit 1; }

cd e2e
FUGONG_URL="http://127.0.0.1:$port" timeout 600 npm test
