#!/usr/bin/env bash
# Installs the workspace's npm dependencies when node_modules is missing or older than the lock file.
ds_ensure_node_modules() {
  local root=$1
  if ! command -v node >/dev/null 2>&1 || ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)'; then
    echo "Node.js 20 or newer is required (https://nodejs.org, or: sudo apt-get install -y nodejs npm)." >&2
    return 1
  fi
  if [ ! -f "$root/node_modules/.package-lock.json" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    (cd "$root" && npm ci --no-audit --no-fund)
  fi
  # The versions every installed dependency accepts: package.json's engines (checked against the lock
  # by scripts/runtime/node-engines.test.ts).
  if ! (cd "$root" && node -e 'process.exit(require("semver").satisfies(process.version, require("./package.json").engines.node) ? 0 : 1)'); then
    echo "Node.js $(node -v) is outside the supported range $(cd "$root" && node -p 'require("./package.json").engines.node') (README, Requirements)." >&2
    return 1
  fi
}

# The browser tests need Debian's Chromium (Playwright's browser downloads are not used). Installs it
# with apt-get when missing and this user may; otherwise says exactly what to install.
ds_ensure_chromium() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$chromium" ] && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  if [ ! -x "$chromium" ]; then
    echo "The browser tests need Chromium at $chromium: sudo apt-get install -y chromium (or set CHROMIUM_PATH)." >&2
    return 1
  fi
}
