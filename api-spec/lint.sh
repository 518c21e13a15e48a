#!/usr/bin/env bash
# Lints the API document with Redocly's CLI and its recommended rules (redocly.yaml), as CI
# does: the CLI comes from the npm registry at the version pinned in api-spec/lint/ (with its
# lockfile), installed here on a fresh machine. Fails on any error and on any warning: the
# document is kept at zero of both (issue 18).
set -euo pipefail
cd "$(dirname "$0")/.."
(cd api-spec/lint && npm ci --no-audit --no-fund --loglevel=error)
out=$(api-spec/lint/node_modules/.bin/redocly lint api-spec/openapi.yaml 2>&1) || { echo "$out"; exit 1; }
echo "$out"
if grep -qiE '[0-9]+ warnings?\b' <<<"$out"; then echo "the API document has lint warnings" >&2; exit 1; fi
