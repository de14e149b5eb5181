#!/usr/bin/env bash
# The one command that installs what is missing and runs the whole platform locally:
# Redis and PostgreSQL (reused or started privately), migrations, the product catalogue and a demo
# user, then every tier through turbo: feed, worker, realtime and web (the dashboard on
# http://localhost:3000, demo@deltastream.local / deltastream-demo). Ctrl-C stops the tiers; private
# Redis/PostgreSQL keep running (stop them with `bash scripts/stop-services.sh`).
#
#   npm start          production builds (turbo builds once; a later start replays its cache), then each
#                      tier's `start`: feed, worker and realtime `node dist/main.js`, web its production server
#   npm run dev        the same preparation, then every tier in watch mode (each tier's `dev`)
#   … -- --dry=json    prints the tasks turbo would run (turbo's --dry), touching nothing
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export TURBO_TELEMETRY_DISABLED=1

task=start
turbo_args=()
dry=false
for arg in "$@"; do
  case "$arg" in
    --dev) task=dev ;;
    --dry | --dry=*)
      dry=true
      turbo_args+=("$arg")
      ;;
    *) turbo_args+=("$arg") ;;
  esac
done
if [ "$dry" = true ]; then
  exec npx turbo run "$task" "${turbo_args[@]}"
fi

source scripts/lib/install.sh
source scripts/lib/services.sh
ds_ensure_node_modules "$root"
ds_ensure_services
export DATABASE_URL REDIS_URL
# The local quick start serves market data without sign-in so the original example clients work.
export PUBLIC_MARKET_DATA="${PUBLIC_MARKET_DATA:-true}"
# The dashboard and the address next-auth builds its callback URLs from.
export WEB_PORT="${WEB_PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$WEB_PORT}"
export NEXT_TELEMETRY_DISABLED=1
# A local administrator for the queue dashboard (/admin/queues); deployments set their own or none.
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@deltastream.local}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-deltastream-admin}"
# Production builds run as production does (web's server always does), and production refuses the
# development AUTH_SECRET: web and realtime share a secret made once for this checkout and kept in .data/
# (ignored by git), so sign-ins survive a restart.
if [ "$task" = start ]; then
  export NODE_ENV=production
  if [ -z "${AUTH_SECRET:-}" ]; then
    mkdir -p .data
    [ -s .data/auth-secret ] || (umask 077 && node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))' >.data/auth-secret)
    AUTH_SECRET="$(cat .data/auth-secret)"
    export AUTH_SECRET
  fi
fi

npx tsx scripts/prepare-database.ts
exec npx turbo run "$task" --ui=stream --output-logs=full "${turbo_args[@]}"
