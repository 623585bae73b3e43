#!/usr/bin/env bash
# Helpers shared by run.sh, test.sh and bench.sh. Source it: . "$(dirname "$0")/lib.sh"

# free_port [FIRST] [LAST]: prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  local port first=${1:-55400} last=${2:-55599}
  for port in $(seq "$first" "$last"); do
    (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  echo "no free port between $first and $last" >&2
  return 1
}

# wait_ready URL PID LOG [SECONDS]: waits until URL answers 2xx. Fails, with the tail of LOG, when the process PID
# exits first or the time runs out (default 60 s).
wait_ready() {
  local url=$1 pid=$2 log=$3 seconds=${4:-60} i
  for i in $(seq 1 $((seconds * 2))); do
    curl -sf --max-time 5 "$url" >/dev/null 2>&1 && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "the API stopped before it was ready; the end of its log ($log):" >&2
      tail -n 30 "$log" >&2 2>/dev/null
      return 1
    fi
    sleep 0.5
  done
  echo "the API did not become ready within ${seconds} s ($url); the end of its log ($log):" >&2
  tail -n 30 "$log" >&2 2>/dev/null
  return 1
}

# pg_start DIR PORT [--throwaway]: a private PostgreSQL cluster (see pg.sh); prints its connection string.
pg_start() { "$(dirname "${BASH_SOURCE[0]}")/pg.sh" start "$@"; }

# pg_stop DIR: stops the cluster in DIR if it runs.
pg_stop() { "$(dirname "${BASH_SOURCE[0]}")/pg.sh" stop "$@"; }

# npm_ready DIR: installs DIR's npm packages from its lock file when they are missing or older than the lock file.
npm_ready() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
