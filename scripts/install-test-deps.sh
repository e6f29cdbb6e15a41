#!/usr/bin/env bash
# Third-party software the test suite checks our exports with (installed only when missing, so
# running this again is cheap). Needs root or password-less sudo for apt-get; tests that need a
# missing package skip with a message instead of failing.
#   python3-nltk:        NLTK's ConllCorpusReader reads the character-level CoNLL export
#                        (test/unit/conll-nltk.test.ts). apt pulls in its Python dependencies too.
#   python3-distributed: Dask's distributed scheduler runs `export --out - -` as the map step of a
#                        LocalCluster job (scripts/test-scale-out.sh, docs/scale-out.md); with its
#                        dependencies (python3-dask, -tornado, -msgpack, -cloudpickle, -toolz …: 15 more packages here).
# `install-test-deps.sh PACKAGE…` handles only the packages named (from the list above).
set -euo pipefail
declare -A WHY=(
  [python3-nltk]="test/unit/conll-nltk.test.ts checks the CoNLL export with NLTK's ConllCorpusReader"
  [python3-distributed]="scripts/test-scale-out.sh runs the CLI's stdin/stdout export as the map step of a Dask LocalCluster"
)
PACKAGES=(python3-nltk python3-distributed)
(($# == 0)) || PACKAGES=("$@")
updated=
for pkg in "${PACKAGES[@]}"; do
  [[ -n ${WHY[$pkg]:-} ]] || { echo "test-deps: $pkg is not one of: ${!WHY[*]}" >&2; exit 2; }
  if dpkg -s "$pkg" >/dev/null 2>&1; then
    echo "test-deps: $pkg present (${WHY[$pkg]%% *})"
    continue
  fi
  # Said before anything is installed, so a first `npm test` never installs silently.
  echo "test-deps: installing the Debian package $pkg (with its dependencies) through apt: ${WHY[$pkg]}"
  SUDO=(); [[ $(id -u) == 0 ]] || SUDO=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  if [[ -z $updated ]]; then "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq; updated=1; fi
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$pkg" >/dev/null
  echo "test-deps: $pkg installed"
done
