#!/usr/bin/env bash
# Developer aid: tag the dev texts with the built CLI and score them with the shared scorer.
set -euo pipefail
cd "$(dirname "$0")/.."
C=../shared/corpus
node bin/policy-annotator.js tag $C/dev/*.txt > /tmp/pa-pred.jsonl
python3 $C/score.py $C/dev.gold.jsonl /tmp/pa-pred.jsonl
[ "${1:-}" ] && python3 scripts/dev-diff.py $C/dev.gold.jsonl /tmp/pa-pred.jsonl "$1" || true
