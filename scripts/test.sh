#!/usr/bin/env bash
# The one command that installs what is missing and runs every check and test:
# lint, typecheck, unit and integration tests (real Redis and PostgreSQL), and end-to-end tests that drive
# the dashboard in Chromium (Debian's /usr/bin/chromium, installed by scripts/lib/install.sh when missing).
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/install.sh
source scripts/lib/services.sh
source scripts/lib/run-tests.sh
ds_ensure_node_modules "$root"
ds_ensure_chromium
ds_ensure_services
# Tests create their own databases next to this one; the URL only names the server.
export DATABASE_URL REDIS_URL

npx turbo run lint typecheck --output-logs=errors-only
# The browser tests drive web's production build against the running tiers.
mkdir -p test-results
npm run -s build -w @deltastream/web >test-results/web-build.log 2>&1 || {
  cat test-results/web-build.log
  exit 1
}
# Every test runs; the summary prints even when some failed, and its status is the command's.
ds_run_tests test-results/vitest.json
