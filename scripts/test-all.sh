#!/usr/bin/env bash
# npm test: every test, on a fresh machine too (what it needs is installed on first use, cached in
# .cache/vscode-offline/):
#   install   Debian packages when missing, Node 24 + code-server (scripts/install-vscode-offline.sh),
#             and scripts/install-test-deps.sh when present
#   typecheck tsc --noEmit over src/ and test/
#   build     the extension, CLI and test bundles (esbuild)
#   unit      Node's test runner, no VS Code (test/unit, test/hardening)
#   scale-out the CLI's stdin/stdout export as the map step of a Dask LocalCluster of two worker
#             processes (scripts/test-scale-out.sh; Python's unittest, Debian's python3-distributed)
#   interop   our exports of the fixture corpus read by spaCy, Hugging Face datasets, NLTK and brat's
#             own annotation.py (scripts/test-interop.sh; the Python venv it needs is created once in
#             .cache/interop-venv by scripts/interop-venv.sh, ~630 MB from the Python package index)
#   integration  test/integration/suite inside a real VS Code (code-server's extension host), then
#             test/integration/restricted in Restricted Mode (workspace trust on, workspace untrusted)
#   ui        test/ui in Chromium against the real workbench (screenshots in test/screenshots/): the
#             extension, its web-only copy in the web worker extension host, the workbench in zh-cn
# Stops at the first failing step with its exit code; each step has a hard time limit, and no
# process a step started outlives it (scripts/lib/supervise.sh). Closing line: "all: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache
LOG=$(mktemp .cache/test-all.XXXXXX.log)
TIMES=()

source scripts/lib/supervise.sh
trap 'sweep; rm -f "$LOG"' EXIT

step() { # step NAME SECONDS CMD... : runs CMD under a hard timeout, shows and records its output and wall time
  local name=$1 secs=$2 t0 t1 rc=0
  shift 2
  echo "=== $name: $*"
  t0=$(date +%s.%N)
  supervise "$secs" "$@" 2>&1 | tee -a "$LOG" || rc=$?
  t1=$(date +%s.%N)
  TIMES+=("$(awk -v n="$name" -v a="$t0" -v b="$t1" 'BEGIN{printf "  %-12s %6.1f s", n, b-a}')")
  if ((rc != 0)); then
    echo "=== $name FAILED (exit $rc)"
    printf '%s\n' "${TIMES[@]}"
    exit "$rc"
  fi
}

t_all=$(date +%s)
# Hard time limits per step (seconds): generous, so only a hang trips them.
step install 1800 bash scripts/install-vscode-offline.sh
if [[ -f scripts/install-test-deps.sh ]]; then step test-deps 900 bash scripts/install-test-deps.sh; fi
step typecheck 600 npm run --silent typecheck
step build 300 npm run --silent build
step unit 900 npm run --silent test:unit
step scale-out 600 bash scripts/test-scale-out.sh
# The first run installs the venv (under a minute with a local package index, more over a network).
step interop 1800 bash scripts/test-interop.sh
step integration 900 bash scripts/test-integration.sh
step ui 900 bash scripts/test-ui.sh

# Totals from the runners' own summary lines (node --test: "ℹ pass N" / "ℹ fail N"; the other
# steps: "STEP: N passed, N failed").
count() { grep -aE "$1" "$LOG" | grep -oE '[0-9]+' | awk '{s+=$1} END{print s+0}'; }
unit_pass=$(count '^ℹ pass [0-9]+$'); unit_fail=$(count '^ℹ fail [0-9]+$')
passed=$((unit_pass + $(grep -aoE '^(scale-out|interop|integration|integration-restricted|ui): [0-9]+ passed' "$LOG" | grep -oE '[0-9]+' | awk '{s+=$1} END{print s+0}')))
failed=$((unit_fail + $(grep -aoE '^(scale-out|interop|integration|integration-restricted|ui): [0-9]+ passed, [0-9]+ failed' "$LOG" | sed -E 's/.* ([0-9]+) failed/\1/' | awk '{s+=$1} END{print s+0}')))
echo "=== times"
printf '%s\n' "${TIMES[@]}"
printf '  %-12s %6d s\n' total "$(($(date +%s) - t_all))"
echo "unit: $unit_pass passed, $unit_fail failed"
grep -aE '^(scale-out|interop|integration|integration-restricted|ui): [0-9]+ passed' "$LOG"
echo "all: $passed passed, $failed failed"
