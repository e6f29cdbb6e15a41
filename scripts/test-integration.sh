#!/usr/bin/env bash
# npm run test:integration [-- --grep TEXT] [-- --timeout SECONDS] [-- --restricted]
# The integration suites inside a real VS Code: code-server's extension host, opened in Chromium
# (runner B, test/integration/runner/code-server.ts). Two runs:
#   integration             test/integration/suite, workspace trust off (a trusted window)
#   integration-restricted  test/integration/restricted, workspace trust on and the workspace
#                           untrusted: Restricted Mode
# Each prints its closing "LABEL: N passed, N failed" line (scripts/test-all.sh adds them up).
# With --grep only the first run (its test titles); with --restricted only the second.
# Installs what it needs first (cached in .cache/vscode-offline/), builds, and never leaves a
# process behind. Exit code: non-zero when either run failed.
set -euo pipefail
source "$(dirname "$0")/lib/prepare-vscode-tests.sh"
runner=out/test/integration/runner/code-server.js
timeout=${POLICY_ANNOTATOR_HARD_TIMEOUT:-600}
if [[ " $* " == *" --restricted "* ]]; then
  supervise "$timeout" node "$runner" "$@"
  exit
fi
rc=0
supervise "$timeout" node "$runner" "$@" || rc=$?
if [[ " $* " != *" --grep "* ]]; then
  supervise "$timeout" node "$runner" --restricted "$@" || rc=$((rc ? rc : $?))
fi
exit "$rc"
