# Sourced by scripts/test-integration.sh and scripts/test-ui.sh: what a run inside a real VS Code
# needs first. From the repository root: installs (cached in .cache/vscode-offline/), builds the
# extension and the test bundles, and loads the environment and `supervise` (no process outlives
# a run).
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bash scripts/install-vscode-offline.sh
node esbuild.mjs
node esbuild.mjs --integration
source scripts/lib/vscode-env.sh
source scripts/lib/supervise.sh
