#!/usr/bin/env bash
# Lints the API document with Redocly's CLI and its recommended rules (redocly.yaml), as CI
# does: the CLI comes from the npm registry at the version pinned in api-spec/lint/ (with its
# lockfile), installed here on a fresh machine. Fails on any error; warnings are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd api-spec/lint && npm ci --no-audit --no-fund --loglevel=error)
api-spec/lint/node_modules/.bin/redocly lint api-spec/openapi.yaml
