#!/usr/bin/env bash
# Installs what the integration and UI tests (and `npm start` without a desktop VS Code) need:
#   - Debian packages, through apt, only when one is missing: chromium, a CJK font, and the build
#     tools code-server's native modules need;
#   - Node 24 and code-server from the npm registry into .cache/vscode-offline/ (git-ignored);
#   - a zh-cn language pack built from two npm tarballs, for test/ui/zh-cn.test.ts (see the end).
# Idempotent and cached: a second run checks and returns in well under a second. Each npm install
# goes to a temporary folder that is renamed into place only when complete, so an interrupted run
# never leaves a half-installed toolchain behind. A lock serialises concurrent runs.
# playwright-core comes from the project's devDependencies (package-lock.json), not from here.
set -euo pipefail
source "$(dirname "$0")/lib/vscode-env.sh"

# Under `npm test` the outer npm exports its own settings as npm_* variables; they must not leak
# into these installs (code-server's postinstall reads the Node version from npm_config_user_agent).
while read -r v; do unset "$v"; done < <(compgen -e | grep -E '^npm_' || true)
# npm's own cache for these installs also stays out of $HOME (and makes `rm -rf .cache` truly cold).
export npm_config_cache=$VSO_CACHE/npm-cache npm_config_update_notifier=false npm_config_fund=false \
  npm_config_audit=false npm_config_loglevel=error

exec 9>"$VSO_CACHE/.install.lock"
flock 9

t0=$(date +%s.%N)
elapsed() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install: installing the missing Debian packages ${missing[*]} through apt, for the integration" \
    "and UI tests and npm start (Chromium, a CJK font, the build tools of code-server's native modules)"
  SUDO=(); [[ $(id -u) == 0 ]] || SUDO=(sudo -n)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install: apt done ($(elapsed) s)"
fi
[[ -x $CHROMIUM ]] || { echo "install: $CHROMIUM not found after apt" >&2; exit 1; }

npm_into() { # npm_into DIR SPEC LOG: install SPEC into DIR atomically
  local dir=$1 spec=$2 log=$3
  rm -rf "$dir.partial"
  if ! npm install --prefix "$dir.partial" --no-save --no-package-lock "$spec" >"$log" 2>&1; then
    tail -40 "$log" >&2; echo "install: npm install $spec failed (log: $log)" >&2; return 1
  fi
  rm -rf "$dir"; mv "$dir.partial" "$dir"
}

if [[ ! -x $NODE24_BIN || ! -f $NODE24_HEADERS/include/node/node_api.h ]]; then
  echo "install: node@$NODE24_VERSION from npm into $NODE24_DIR (code-server runs on Node 24)"
  npm_into "$NODE24_DIR" "node@$NODE24_VERSION" "$VSO_CACHE/node24-install.log"
  echo "install: node $("$NODE24_BIN" -v) ($(elapsed) s)"
fi

if [[ ! -f $CODE_SERVER_PKG/out/node/entry.js ]] || \
   [[ $("$NODE24_BIN" -p "require('$CODE_SERVER_PKG/package.json').version") != "$CODE_SERVER_VERSION" ]]; then
  echo "install: code-server@$CODE_SERVER_VERSION from npm into $CODE_SERVER_DIR, the VS Code the integration and UI tests run in (native modules: ~2 min on 2 cores)"
  # code-server's native modules build with node-gyp against Node 24's headers (no download).
  PATH="$(dirname "$NODE24_BIN"):$PATH" npm_config_nodedir=$NODE24_HEADERS \
    npm_into "$CODE_SERVER_DIR" "code-server@$CODE_SERVER_VERSION" "$VSO_CACHE/code-server-install.log"
  echo "install: code-server $CODE_SERVER_VERSION ($(elapsed) s)"
fi

# A zh-cn language pack for the UI test that shows the workbench in Chinese (test/ui/zh-cn.test.ts):
# none can be downloaded here, so it is built from the translations two npm packages ship
# (scripts/lib/build-zh-language-pack.mjs says how). `npm pack` fetches just the two tarballs,
# without the dozens of packages monaco-vscode-api depends on. Rebuilt when code-server changes.
ZH_PACK_STAMP="zh-hans@$ZH_PACK_VERSION code-server@$CODE_SERVER_VERSION"
if [[ ! -f $ZH_PACK_DIR/package.json || $(cat "$ZH_PACK_DIR/.stamp" 2>/dev/null) != "$ZH_PACK_STAMP" ]]; then
  echo "install: a zh-cn language pack from @codingame/monaco-vscode-language-pack-zh-hans@$ZH_PACK_VERSION into $ZH_PACK_DIR"
  src=$VSO_CACHE/zh-hans-pack-src
  rm -rf "$src" "$ZH_PACK_DIR.partial"
  mkdir -p "$src/language-pack" "$src/api"
  (cd "$src" && npm pack --silent "@codingame/monaco-vscode-language-pack-zh-hans@$ZH_PACK_VERSION" \
    "@codingame/monaco-vscode-api@$ZH_PACK_VERSION" >/dev/null)
  tar -xzf "$src"/codingame-monaco-vscode-language-pack-zh-hans-*.tgz -C "$src/language-pack" --strip-components=1
  tar -xzf "$src"/codingame-monaco-vscode-api-*.tgz -C "$src/api" --strip-components=1
  "$NODE24_BIN" "$(dirname "$0")/lib/build-zh-language-pack.mjs" "$src" "$CODE_SERVER_PKG" "$ZH_PACK_DIR.partial"
  echo "$ZH_PACK_STAMP" > "$ZH_PACK_DIR.partial/.stamp"
  rm -rf "$ZH_PACK_DIR" "$src"; mv "$ZH_PACK_DIR.partial" "$ZH_PACK_DIR"
  echo "install: zh-cn language pack ($(elapsed) s)"
fi
