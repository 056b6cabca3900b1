#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests that need one (REVOPS_TEST_PG_URL).
#   bash .ci/postgres.sh start          start one; prints its URL (the only stdout line)
#   bash .ci/postgres.sh stop URL|DIR   stop it and delete its directory
#   bash .ci/postgres.sh run CMD...     start one, run CMD with REVOPS_TEST_PG_URL set, stop it
# The server lives in a fresh temporary directory (data, unix socket, log), listens on 127.0.0.1 on
# a free port and trusts local connections: it is for tests only. It needs Debian's postgresql
# package (binaries in /usr/lib/postgresql/<version>/bin) or PG_BIN pointing at initdb's directory.
# As root it runs the server as the `postgres` user, since initdb refuses to run as root.
set -euo pipefail

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    echo "$PG_BIN"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$newest" ] && [ -x "$newest/initdb" ] || die "no PostgreSQL found: apt-get install postgresql, or set PG_BIN"
  echo "$newest"
}

# Runs a command as the server's owner: ourselves, or `postgres` when we are root.
as_owner() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  elif command -v runuser >/dev/null; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

# The kernel picks a port no one listens on; the server takes it a moment later.
free_port() {
  if command -v node >/dev/null; then
    node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
  else
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  fi
}

start() {
  local bin dir port locale
  bin=$(pg_bin)
  if [ "$(id -u)" -eq 0 ]; then
    getent passwd postgres >/dev/null || die "running as root needs the postgres user (created by Debian's postgresql package)"
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/revops-pg.XXXXXX")
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir"
  chmod 700 "$dir"
  # UTF-8 like a production database, so locale-dependent regex classes would show up in tests.
  locale=C
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
  if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale="$locale" >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed"
  fi
  as_owner mkdir "$dir/socket"
  port=$(free_port)
  # A throwaway server: no durability (fsync, synchronous_commit off). Memory for analytical
  # queries rather than the defaults' 128MB buffers and 4MB per sort or hash (the reports sort
  # and hash millions of rows; bench/engines.ts measures on this server).
  local settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c work_mem=64MB -c maintenance_work_mem=256MB"
  echo "$port" >"$dir/port"
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket $settings" start >/dev/null; then
    cat "$dir/server.log" >&2 || true
    rm -rf "$dir"
    die "the server did not start"
  fi
  echo "postgres.sh: server in $dir on port $port" >&2
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

# The directory of a server started here, from its directory or its URL.
server_dir() {
  local target=$1 port dir
  if [ -d "$target" ]; then
    echo "$target"
    return
  fi
  port=$(echo "$target" | sed -nE 's#^postgres(ql)?://[^/]*:([0-9]+)/.*#\2#p')
  [ -n "$port" ] || die "not a server directory or a postgres:// URL with a port: $target"
  for dir in "${TMPDIR:-/tmp}"/revops-pg.*; do
    if [ -f "$dir/port" ] && [ "$(cat "$dir/port")" = "$port" ]; then
      echo "$dir"
      return
    fi
  done
  die "no server started by postgres.sh listens on port $port"
}

stop() {
  local dir
  dir=$(server_dir "${1:?usage: postgres.sh stop URL|DIR}")
  [ -f "$dir/port" ] || die "$dir is not a server directory of postgres.sh"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || echo "postgres.sh: pg_ctl stop failed; removing $dir anyway" >&2
  fi
  rm -rf "$dir"
}

run() {
  [ "$#" -gt 0 ] || die "usage: postgres.sh run CMD..."
  local url
  url=$(start)
  # shellcheck disable=SC2064 # the URL is fixed now
  trap "bash '$0' stop '$url'" EXIT
  trap 'exit 130' INT TERM
  REVOPS_TEST_PG_URL=$url "$@"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  run)
    shift
    run "$@"
    ;;
  *) die "usage: postgres.sh start | stop URL|DIR | run CMD..." ;;
esac
