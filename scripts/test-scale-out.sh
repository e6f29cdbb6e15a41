#!/usr/bin/env bash
# The CLI's stdin/stdout export as the map step of a real distributed engine: a Dask LocalCluster
# of two worker processes over the fixture texts (test/scale-out/dask_export_test.py; what it
# checks: docs/scale-out.md). Needs the build (dist/cli.js) and Dask's distributed from Debian
# (python3-distributed, installed by scripts/install-test-deps.sh when missing). Last line:
# "scale-out: N passed, N failed" (counted by scripts/test-all.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Python first: python3-distributed installs there, and a pyenv/venv python3 on PATH
# does not see it.
python_with_distributed() {
  local py
  for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import distributed' 2>/dev/null; then echo "$py"; return 0; fi
  done
  return 1
}

if ! PY=$(python_with_distributed); then
  bash scripts/install-test-deps.sh python3-distributed || true
  if ! PY=$(python_with_distributed); then
    echo "scale-out: SKIPPED: Dask's distributed cannot be imported and python3-distributed could not be installed" \
      "(apt-get needs root or password-less sudo, and the Debian archive)"
    echo "scale-out: 0 passed, 0 failed"
    exit 0
  fi
fi
[[ -f dist/cli.js ]] || npm run --silent build
echo "scale-out: $PY, distributed $("$PY" -c 'import distributed; print(distributed.__version__)'), $(node --version)"
exec "$PY" test/scale-out/dask_export_test.py
