#!/usr/bin/env bash
# npm run test:ui [-- --grep TEXT]
# UI tests (test/ui) in Chromium against a real VS Code workbench (code-server) with the extension
# loaded. Screenshots: test/screenshots/. POLICY_ANNOTATOR_UPDATE_MEDIA=1 (npm run screenshot) also
# refreshes media/screenshot.png. Installs what it needs first; never leaves a process behind.
set -euo pipefail
source "$(dirname "$0")/lib/prepare-vscode-tests.sh"
supervise "${POLICY_ANNOTATOR_HARD_TIMEOUT:-600}" node out/test/integration/runner/ui.js "$@"
