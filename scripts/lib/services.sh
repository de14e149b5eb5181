#!/usr/bin/env bash
# Makes Redis and PostgreSQL available and exports REDIS_URL and DATABASE_URL. Sourced by the start
# and test commands. Order of preference for each service:
#   1. the URL already in the environment;
#   2. a server on its default local port (6379 / 5432);
#   3. a private instance started from the installed binaries, with its data under .data/;
#   4. otherwise stop with the exact package to install.
# Private instances listen on 6390 / 5440 so they never collide with a system server.

DS_ROOT="${DS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
DS_DATA="$DS_ROOT/.data"
DS_DB_NAME="${DS_DB_NAME:-deltastream}"

ds_log() { printf '[services] %s\n' "$*" >&2; }

ds_port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

ds_find_pg_bin() {
  local name=$1 dir
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/$name" ] && { echo "$dir/$name"; return 0; }
  done
  return 1
}

ds_ensure_redis() {
  if [ -n "${REDIS_URL:-}" ]; then ds_log "Redis: using REDIS_URL"; return 0; fi
  if ds_port_open 127.0.0.1 6379; then
    export REDIS_URL="redis://127.0.0.1:6379"
    ds_log "Redis: using the server on 127.0.0.1:6379"
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    ds_log "Redis is not running and redis-server is not installed."
    ds_log "Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL."
    return 1
  fi
  mkdir -p "$DS_DATA/redis"
  if ! ds_port_open 127.0.0.1 6390; then
    # noeviction: BullMQ must never lose a queued job to memory pressure; cache keys carry TTLs.
    redis-server --daemonize yes --bind 127.0.0.1 --port 6390 --dir "$DS_DATA/redis" \
      --pidfile "$DS_DATA/redis/redis.pid" --logfile "$DS_DATA/redis/redis.log" \
      --maxmemory-policy noeviction --appendonly yes --save "" >/dev/null
    for _ in $(seq 1 50); do ds_port_open 127.0.0.1 6390 && break; sleep 0.1; done
  fi
  ds_port_open 127.0.0.1 6390 || { ds_log "private Redis did not start; see $DS_DATA/redis/redis.log"; return 1; }
  export REDIS_URL="redis://127.0.0.1:6390"
  ds_log "Redis: private instance on 127.0.0.1:6390 (data in .data/redis)"
}

ds_ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then ds_log "PostgreSQL: using DATABASE_URL"; return 0; fi
  if ds_port_open 127.0.0.1 5432; then
    export DATABASE_URL="postgres://${PGUSER:-postgres}@127.0.0.1:5432/$DS_DB_NAME"
    ds_log "PostgreSQL: using the server on 127.0.0.1:5432 as ${PGUSER:-postgres}"
    return 0
  fi
  local initdb pg_ctl
  if ! initdb=$(ds_find_pg_bin initdb) || ! pg_ctl=$(ds_find_pg_bin pg_ctl); then
    ds_log "PostgreSQL is not running and its server binaries are not installed."
    ds_log "Install them (Debian/Ubuntu: sudo apt-get install -y postgresql; macOS: brew install postgresql@16) or set DATABASE_URL."
    return 1
  fi
  local pgdir="$DS_DATA/postgres" as_user=()
  # PostgreSQL refuses to run as root: run the private cluster as the postgres system user then, with
  # its data where that user can reach it (a checkout under /root is not traversable by others).
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    pgdir="/var/tmp/deltastream-$(printf '%s' "$DS_ROOT" | md5sum | cut -c1-8)/postgres"
    mkdir -p "$pgdir"
    chown -R postgres "$(dirname "$pgdir")"
    as_user=(runuser -u postgres --)
  fi
  mkdir -p "$pgdir" "$DS_DATA"
  printf '%s\n' "$pgdir" >"$DS_DATA/postgres.path"
  if [ ! -f "$pgdir/PG_VERSION" ]; then
    "${as_user[@]}" "$initdb" -D "$pgdir" -U postgres --auth=trust -E UTF8 >"$DS_DATA/postgres-init.log" 2>&1 \
      || { ds_log "initdb failed; see $DS_DATA/postgres-init.log"; return 1; }
  fi
  if ! ds_port_open 127.0.0.1 5440; then
    "${as_user[@]}" "$pg_ctl" -D "$pgdir" -l "$pgdir/server.log" -w \
      -o "-p 5440 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgdir" start >/dev/null \
      || { ds_log "private PostgreSQL did not start; see $pgdir/server.log"; return 1; }
  fi
  export DATABASE_URL="postgres://postgres@127.0.0.1:5440/$DS_DB_NAME"
  ds_log "PostgreSQL: private instance on 127.0.0.1:5440 (data in $pgdir)"
}

ds_ensure_services() { ds_ensure_redis && ds_ensure_postgres; }
