#!/usr/bin/env bash
# Every test: type-check, unit tests (no VS Code needed).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run typecheck
npm run build
npm run test:unit
