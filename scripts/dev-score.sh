#!/usr/bin/env bash
# Developer aid, not a test: tag the dev texts with the built CLI and score them with the shared
# scorer. Both live in ../shared/corpus, a folder beside the project that is not part of this
# repository (their licence is unknown, so they are not vendored); no test needs it.
# Usage: bash scripts/dev-score.sh [LABEL]   (LABEL: also list that label's differences)
set -euo pipefail
cd "$(dirname "$0")/.."
C=../shared/corpus
for f in "$C/score.py" "$C/dev.gold.jsonl" "$C/dev"; do
  if [[ ! -e $f ]]; then
    echo "dev-score: $f not found: this developer aid needs the corpus folder ../shared/corpus beside the project (not part of the repository); the test suite does not" >&2
    exit 2
  fi
done
[[ -f dist/cli.js ]] || { echo "dev-score: dist/cli.js not found: run npm run build first" >&2; exit 2; }
PRED=$(mktemp "${TMPDIR:-/tmp}/pa-pred.XXXXXX.jsonl")
trap 'rm -f "$PRED"' EXIT
node bin/policy-annotator.js tag "$C"/dev/*.txt > "$PRED"
python3 "$C/score.py" "$C/dev.gold.jsonl" "$PRED"
if [[ ${1:-} ]]; then python3 scripts/dev-diff.py "$C/dev.gold.jsonl" "$PRED" "$1"; fi
