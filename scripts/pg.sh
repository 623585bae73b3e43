#!/usr/bin/env bash
# A private PostgreSQL cluster for Okr: created once in a folder of ours, on a port of ours, never the system's 5432.
#   pg.sh start DIR PORT [--throwaway]   create (first time) and start; prints the connection string on stdout
#   pg.sh stop DIR                       stop it (keeps the data)
#   pg.sh restart DIR                    stop it at once, as a crash would (immediate mode), and start it again
# As root, the cluster runs as the postgres user (PostgreSQL refuses root).
set -euo pipefail

log() { echo "pg: $*" >&2; }

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_installed() {
  if ! BIN=$(find_bin); then
    log "installing PostgreSQL (apt)…"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    BIN=$(find_bin) || { log "PostgreSQL did not install"; exit 1; }
  fi
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?usage: pg.sh start|stop|restart DIR [PORT]}
dir=$(realpath -m "${2:?data folder}")
if [ "$cmd" = stop ]; then BIN=$(find_bin) || exit 0; else ensure_installed; fi

case "$cmd" in
  start)
    port=${3:?port}
    throwaway=${4:-}
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres:postgres "$dir"
      # postgres must be able to reach the folder; a home folder (mode 700) would stop it.
      if ! runuser -u postgres -- test -x "$dir"; then
        log "the postgres user cannot reach $dir; put the repository (or OKR_PG_DIR) somewhere world-traversable"; exit 1
      fi
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
      as_owner mkdir -p "$dir/data"
      printf '%s\n' "$password" > "$dir/password"
      chmod 600 "$dir/password"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir/password"
      as_owner "$BIN/initdb" -D "$dir/data" -U okr --pwfile="$dir/password" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
      log "created a cluster in $dir"
    fi
    password=$(cat "$dir/password")
    if ! as_owner "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir"
      [ "$throwaway" = "--throwaway" ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "$opts" -w -t 60 start >/dev/null \
        || { log "PostgreSQL did not start; see $dir/postgres.log"; tail -n 20 "$dir/postgres.log" >&2; exit 1; }
      log "PostgreSQL listening on 127.0.0.1:$port"
    fi
    echo "Host=127.0.0.1;Port=$port;Username=okr;Password=$password;Database=okr"
    ;;
  stop)
    if [ -f "$dir/data/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null && log "stopped PostgreSQL in $dir"
    fi
    ;;
  restart)
    # Immediate mode: connections are cut and the next start recovers from the WAL, like a crash or a failover.
    as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 60 restart -l "$dir/postgres.log" >/dev/null \
      || { log "PostgreSQL did not restart; see $dir/postgres.log"; tail -n 20 "$dir/postgres.log" >&2; exit 1; }
    ;;
  *) log "unknown command $cmd"; exit 2 ;;
esac
