#!/usr/bin/env bash
# Renders the base, every overlay and the monitoring configuration with `kubectl kustomize` (no
# cluster needed) and checks what a broken manifest would get wrong: probes, secret handling,
# resources, the migration Job and Flyway off in the pods, selectors, NetworkPolicy, preStop,
# the alert rules.
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
    deployment=$(awk '/^kind: Deployment$/,/^---$/' <<<"$rendered")
    job=$(awk '/^kind: Job$/,/^---$/' <<<"$rendered")
    # Only the release's Job migrates: the pods have Flyway off, the Job runs the migrate-only mode.
    grep -q 'SPRING_FLYWAY_ENABLED: "false"' <<<"$rendered" || problems+=("the pods run Flyway (no SPRING_FLYWAY_ENABLED: \"false\")")
    grep -q 'FUGONG_MIGRATE_ONLY' <<<"$deployment" && problems+=("the Deployment's pods run the migrate-only mode")
    [ -n "$job" ] || problems+=("no migration Job")
    grep -A1 'name: FUGONG_MIGRATE_ONLY' <<<"$job" | grep -q 'value: "true"' || problems+=("the Job does not run the migrate-only mode")
    grep -q 'restartPolicy: Never' <<<"$job" || problems+=("the Job's pod restarts in place")
    if [ "$dir" != base ]; then
      # One Job per release: its name carries the image's tag.
      tag=$(grep -m1 -oE 'image: fugong:[^[:space:]]+' <<<"$deployment" | cut -d: -f3)
      grep -q "name: fugong-migrate-$tag\$" <<<"$job" || problems+=("the Job's name is not fugong-migrate-$tag")
    fi
    # The pods and the Job are told apart by their component, which the selectors use.
    grep -q 'app.kubernetes.io/component: server' <<<"$deployment" || problems+=("the pods carry no component label")
    awk '/^kind: Service$/,/^---$/' <<<"$rendered" | grep -q 'app.kubernetes.io/component: server' \
      || problems+=("the Service would select the Job's pod")
    awk '/^kind: PodDisruptionBudget$/,/^---$/' <<<"$rendered" | grep -q 'app.kubernetes.io/component: server' \
      || problems+=("the PodDisruptionBudget would count the Job's pod")
    [ "$(grep -c '^kind: NetworkPolicy$' <<<"$rendered")" -ge 2 ] || problems+=("no NetworkPolicy for the pods and the Job")
    grep -q 'preStop' <<<"$deployment" || problems+=("no preStop pause")
    grep -q 'prometheus.io/port: "8081"' <<<"$deployment" || problems+=("metrics not announced on the management port")
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
# Prometheus's scrape job and alert rules (a ConfigMap for the namespace monitoring). Every
# metric the rules name is checked against the running service by PrometheusRulesIT.
problems=()
if ! rendered=$(kubectl kustomize monitoring 2>&1); then
  problems+=("does not render: $rendered")
else
  for alert in FugongErrorRate FugongScanLatencyP99 FugongScanWriterQueueFilling FugongReplicaLag; do
    grep -q "alert: $alert\$" <<<"$rendered" || problems+=("no alert $alert")
  done
  grep -q 'job_name: fugong' <<<"$rendered" || problems+=("no scrape job")
  if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
    python3 - monitoring/rules.yaml monitoring/scrape.yaml <<'PY' || problems+=("rules or scrape configuration malformed")
import sys, yaml
rules = yaml.safe_load(open(sys.argv[1]))
for group in rules["groups"]:
    for rule in group["rules"]:
        assert rule.get("alert") and rule.get("expr"), rule
        assert set(rule) <= {"alert", "expr", "for", "labels", "annotations"}, rule
scrape = yaml.safe_load(open(sys.argv[2]))
assert scrape["scrape_configs"][0]["kubernetes_sd_configs"]
PY
  fi
  if command -v promtool >/dev/null 2>&1; then
    promtool check rules monitoring/rules.yaml >/dev/null || problems+=("promtool refuses the rules")
  fi
fi
if [ ${#problems[@]} -eq 0 ]; then
  echo "k8s: monitoring ok ($(grep -c 'alert: ' <<<"$rendered") alerts)"
  passed=$((passed + 1))
else
  printf 'k8s: monitoring FAILED: %s\n' "${problems[*]}"
  failed=$((failed + 1))
fi

echo "k8s: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
