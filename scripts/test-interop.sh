#!/usr/bin/env bash
# Export interoperability suite (a step of npm test): exports the fixture corpus
# (test/fixtures/corpus) in every format with the built CLI, then reads the exports with the tools
# our users load them with — Hugging Face datasets, spaCy (char_span, spacy convert), NLTK, and
# brat's own annotation.py (vendored in test/vendor/brat) — from the Python virtual environment
# scripts/interop-venv.sh creates (and reuses) under .cache/. test/interop/check_exports.py
# closes with "interop: N passed, N failed", which scripts/test-all.sh adds to its totals.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=$(bash scripts/interop-venv.sh | tail -n1)
[[ -f dist/cli.js ]] || npm run --silent build
OUT=$(mktemp -d "${TMPDIR:-/tmp}/pa-interop.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
for f in native doccano label-studio brat conll; do
  # --include-suggestions: the fixtures have no sidecars, so the engine's spans are the data.
  node bin/policy-annotator.js export --format "$f" --include-suggestions --no-progress --out "$OUT/$f" test/fixtures/corpus 2>"$OUT/$f.log" \
    || { cat "$OUT/$f.log"; echo "interop: 0 passed, 1 failed"; exit 1; }
done
# datasets keeps its cache out of the home folder, and never goes looking for a hub.
export HF_DATASETS_CACHE="$OUT/hf-cache" HF_HOME="$OUT/hf-home" HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 HF_DATASETS_DISABLE_PROGRESS_BARS=1
"$PY" test/interop/check_exports.py "$OUT" test/vendor/brat
