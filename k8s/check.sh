#!/usr/bin/env bash
# Renders the base and every overlay with `kubectl kustomize` (no cluster needed) and checks
# what a broken manifest would get wrong: probes, secret handling, resources.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v kubectl >/dev/null 2>&1; then
  echo "k8s: kubectl is not installed; cannot render the manifests" >&2
  exit 1
fi

passed=0
failed=0
for dir in base overlays/staging overlays/prod; do
  problems=()
  if ! rendered=$(kubectl kustomize "$dir" 2>&1); then
    problems+=("does not render: $rendered")
  else
    grep -q 'path: /actuator/health/readiness' <<<"$rendered" || problems+=("no readiness probe")
    grep -q 'path: /actuator/health/liveness' <<<"$rendered" || problems+=("no liveness probe")
    grep -q 'port: management' <<<"$rendered" || problems+=("probes not on the management port")
    # The Service exposes the API port only: metrics and health details stay inside the pod's network.
    awk '/^kind: Service$/,/^---$/' <<<"$rendered" | grep -qE 'targetPort: (management|8081)' \
      && problems+=("the Service exposes the management port")
    grep -q 'name: fugong-secrets' <<<"$rendered" || problems+=("no reference to the Secret fugong-secrets")
    grep -q '^kind: Secret' <<<"$rendered" && problems+=("renders a Secret object: secrets are created out of band")
    grep -qiE '^\s*(password|secret|SPRING_R2DBC_PASSWORD|FUGONG_CRYPTO_[A-Z_]+):\s*\S' <<<"$rendered" \
      && problems+=("a secret value is written in a manifest")
    grep -q 'memory: 768Mi' <<<"$rendered" || problems+=("no memory request")
    grep -q 'readOnlyRootFilesystem: true' <<<"$rendered" || problems+=("root filesystem is writable")
  fi
  objects=$(grep -c '^kind:' <<<"$rendered" || true)
  if [ ${#problems[@]} -eq 0 ]; then
    echo "k8s: $dir ok ($objects objects)"
    passed=$((passed + 1))
  else
    printf 'k8s: %s FAILED: %s\n' "$dir" "${problems[*]}"
    failed=$((failed + 1))
  fi
done
echo "k8s: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
