#!/usr/bin/env bash
# Third-party readers the test suite checks our exports with (installed only when missing, so
# running this again is cheap). Needs root for apt-get; tests that need a missing reader skip
# with a message instead of failing.
#   python3-nltk: NLTK's ConllCorpusReader reads the character-level CoNLL export.
set -euo pipefail
if ! dpkg -s python3-nltk >/dev/null 2>&1; then
  apt-get update
  apt-get install -y python3-nltk
fi
