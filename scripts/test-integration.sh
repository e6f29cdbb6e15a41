#!/usr/bin/env bash
# npm run test:integration [-- --grep TEXT] [-- --timeout SECONDS]
# The integration suite (test/integration/suite) inside a real VS Code: code-server's extension
# host, opened in Chromium (runner B, test/integration/runner/code-server.ts). Installs what it
# needs first (cached in .cache/vscode-offline/), builds, and never leaves a process behind.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-vscode-offline.sh
node esbuild.mjs
node esbuild.mjs --integration
source scripts/lib/vscode-env.sh
source scripts/lib/supervise.sh
supervise "${POLICY_ANNOTATOR_HARD_TIMEOUT:-600}" node out/test/integration/runner/code-server.js "$@"
