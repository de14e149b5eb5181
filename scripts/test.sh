#!/usr/bin/env bash
# The one command that installs what is missing and runs every check and test:
# lint, typecheck, unit and integration tests (real Redis and PostgreSQL).
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/install.sh
source scripts/lib/services.sh
ds_ensure_node_modules "$root"
ds_ensure_services
# Tests create their own databases next to this one; the URL only names the server.
export DATABASE_URL REDIS_URL

npx turbo run lint typecheck --output-logs=errors-only
npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json
node scripts/lib/test-summary.mjs test-results/vitest.json
