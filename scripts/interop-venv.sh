#!/usr/bin/env bash
# Creates (once) the Python virtual environment the export interoperability suite reads our
# exports with: .cache/interop-venv, packages pinned in test/interop/requirements.txt, from the
# Python package index pip is configured with. Reused while its requirements are unchanged (a
# stamp holds their hash); rebuilt from scratch when they change or a previous install broke off.
# Prints the venv's python path as its last line.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.cache/interop-venv
REQ=test/interop/requirements.txt
want=$(sha256sum "$REQ" | cut -d' ' -f1)
if [[ -x $VENV/bin/python && -f $VENV/.stamp && $(cat "$VENV/.stamp") == "$want" ]]; then
  echo "interop-venv: reusing $VENV ($(du -sh "$VENV" | cut -f1))" >&2
  echo "$VENV/bin/python"
  exit 0
fi
# Python 3 with the venv module: Debian's first (what CI machines have), then whatever is on PATH.
PY=
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import venv, ensurepip' >/dev/null 2>&1; then PY=$p; break; fi
done
[[ -n $PY ]] || { echo "interop-venv: no python3 with the venv module (apt-get install python3-venv)" >&2; exit 1; }
echo "interop-venv: creating $VENV with $($PY --version) and installing $(grep -v '^#' "$REQ" | xargs) (about 630 MB, several minutes the first time)" >&2
rm -rf "$VENV"
mkdir -p .cache
"$PY" -m venv "$VENV"
t0=$(date +%s)
# --retries 1: an index host that cannot be reached is given up on quickly instead of after
# five backed-off retries per package (the configured indexes that can be reached still serve).
# pip's output goes to a log (shown when it fails): unreachable-index retries are noise otherwise.
if ! "$VENV/bin/pip" install --quiet --retries 1 --timeout 30 -r "$REQ" >"$VENV.log" 2>&1; then
  tail -n 30 "$VENV.log" >&2
  echo "interop-venv: pip install failed (log: $VENV.log)" >&2
  exit 1
fi
echo "$want" > "$VENV/.stamp"
echo "interop-venv: installed in $(($(date +%s) - t0)) s ($(du -sh "$VENV" | cut -f1))" >&2
echo "$VENV/bin/python"
