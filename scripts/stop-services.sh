#!/usr/bin/env bash
# Stops the private Redis and PostgreSQL that the start or test command may have started under .data/.
set -u
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -f "$root/.data/redis/redis.pid" ]; then
  kill "$(cat "$root/.data/redis/redis.pid")" 2>/dev/null && echo "stopped private Redis"
fi
pgdir=$(cat "$root/.data/postgres.path" 2>/dev/null)
if [ -n "$pgdir" ] && [ -f "$pgdir/postmaster.pid" ]; then
  pg_ctl=$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | tail -n 1)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_ctl" -D "$pgdir" stop; else "$pg_ctl" -D "$pgdir" stop; fi
fi
