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
}
