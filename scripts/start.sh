#!/usr/bin/env bash
# npm start: build the extension and open it in a real VS Code on the sample policy texts.
#   - desktop VS Code (`code` on PATH): a new window with the extension loaded from this folder
#     (--extensionDevelopmentPath, like F5) on media/samples/;
#   - otherwise: code-server (installed on first use into .cache/vscode-offline/) at a printed
#     http://127.0.0.1:PORT/ URL, in the foreground; Ctrl-C stops it and everything it started.
# POLICY_ANNOTATOR_NO_DESKTOP=1 forces code-server even where `code` exists.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d node_modules ]] || npm ci
npm run --silent build

if command -v code >/dev/null 2>&1 && [[ ${POLICY_ANNOTATOR_NO_DESKTOP:-0} != 1 ]]; then
  echo "Opening VS Code with the extension on media/samples/ …"
  exec code --new-window --extensionDevelopmentPath="$PWD" "$PWD/media/samples" \
    "$PWD/media/samples/jiangning-smart-grid-measures.txt"
fi

bash scripts/install-vscode-offline.sh
node esbuild.mjs --integration   # builds the code-server launcher (test/integration/runner/start.ts)
source scripts/lib/vscode-env.sh
source scripts/lib/supervise.sh
# No timeout: runs until Ctrl-C (a week is the hard bound).
supervise 604800 node out/test/integration/runner/start.js
