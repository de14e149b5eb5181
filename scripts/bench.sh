#!/usr/bin/env bash
# Runs every benchmark and prints its medians. Benchmarks that need Redis/PostgreSQL get them the same
# way the test command does.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/lib/install.sh
ds_ensure_node_modules "$root"
echo "== core =="
npm run -s core -w @deltastream/bench
echo "== import (a full-day NSE F&O bhavcopy) =="
npm run -s import -w @deltastream/bench
echo "== pipeline (Redis and PostgreSQL as the test command finds them) =="
source scripts/lib/services.sh
ds_ensure_services
export DATABASE_URL REDIS_URL
npm run -s pipeline -w @deltastream/bench
echo "== realtime =="
npm run -s realtime -w @deltastream/bench
echo "== web =="
npm run build -w @deltastream/web
npm run -s web -w @deltastream/bench
