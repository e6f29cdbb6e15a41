#!/usr/bin/env bash
# Third-party readers the test suite checks our exports with (installed only when missing, so
# running this again is cheap). Needs root or password-less sudo for apt-get; tests that need a
# missing reader skip with a message instead of failing.
#   python3-nltk: NLTK's ConllCorpusReader reads the character-level CoNLL export
#                 (test/unit/conll-nltk.test.ts). apt pulls in its Python dependencies too.
set -euo pipefail
if ! dpkg -s python3-nltk >/dev/null 2>&1; then
  # Said before anything is installed, so a first `npm test` never installs silently.
  echo "test-deps: installing the Debian package python3-nltk (with its dependencies) through apt:" \
    "test/unit/conll-nltk.test.ts checks the CoNLL export with NLTK's ConllCorpusReader"
  SUDO=(); [[ $(id -u) == 0 ]] || SUDO=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends python3-nltk >/dev/null
  echo "test-deps: python3-nltk installed"
else
  echo "test-deps: python3-nltk present (NLTK reader test)"
fi
