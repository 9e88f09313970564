#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests.
#   scripts/pg_cluster.sh start DIR   -> initdb in DIR, start on a free local port, print the URL
#   scripts/pg_cluster.sh stop DIR    -> stop it and remove DIR
# Installs the server with apt-get when its binaries are absent. PostgreSQL refuses to run as
# root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z "$dir" || ! -x "$dir/pg_ctl" ]]; then
    if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
    echo "installing postgresql (apt-get)" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  local port
  while true; do  # no python: a random port that nothing answers on
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

start() {
  local dir=$1 bin port password=khabar-test-pw
  bin=$(pg_bindir)
  port=$(free_port)
  mkdir -p "$dir"
  printf '%s\n' "$password" > "$dir/pwfile"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U khabar --pwfile="$dir/pwfile" -E UTF8 \
    --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
  as_owner "$bin/createdb" -h "$dir" -p "$port" -U khabar khabar_test
  echo "postgresql+psycopg://khabar:${password}@127.0.0.1:${port}/khabar_test"
}

stop() {
  local dir=$1 bin
  bin=$(pg_bindir)
  if [[ -d "$dir/data" ]]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
