#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and local runs: initdb into a new temporary folder, start
# it on a free port (listening on 127.0.0.1 only, trust authentication), print what to export.
#   bash scripts/pg-throwaway.sh start      → prints TEST_PG_URL=… PG_THROWAWAY_DIR=…
#   bash scripts/pg-throwaway.sh stop DIR   → stops that cluster and removes its folder
# As root, the cluster runs as the `postgres` user (or `nobody`): PostgreSQL refuses to run as root.
set -euo pipefail

bindir() {
  if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
  local d
  for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
  start)
    BIN=$(bindir) || { echo "PostgreSQL not found (apt-get install postgresql-15)" >&2; exit 1; }
    OWNER=postgres
    id -u postgres >/dev/null 2>&1 || OWNER=nobody
    DIR=$(mktemp -d /tmp/pg-throwaway.XXXXXX)
    chmod 755 "$DIR"
    [ "$(id -u)" = 0 ] && chown "$OWNER" "$DIR"
    # C collation and UTF-8: the same byte order SQLite uses; the app does not depend on it (0027).
    as_owner "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    PORT=${PG_PORT:-$(free_port)}
    # Throwaway: no fsync (a crash loses the cluster, which is deleted anyway); enough connections
    # for parallel test files, each with a pool.
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null \
      || { cat "$DIR/server.log" >&2; exit 1; }
    echo "TEST_PG_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
    echo "PG_THROWAWAY_DIR=$DIR"
    ;;
  stop)
    DIR=${2:?usage: stop DIR}
    BIN=$(bindir)
    OWNER=$(stat -c %U "$DIR")
    if [ -f "$DIR/data/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
