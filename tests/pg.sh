#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the tests and print its URL; `tests/pg.sh stop` ends it.
# Used by .ci/run; a developer can run it too: export TEST_DATABASE_URL=$(tests/pg.sh start)
set -euo pipefail
DIR=${PG_TEST_DIR:-/tmp/paspor-pg}
PORT=${PG_TEST_PORT:-5433}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
  start)
    if [ ! -s "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR" && [ "$(id -u)" = 0 ] && chown postgres "$DIR"
      as_postgres "$BIN/initdb" -D "$DIR" -U postgres -A trust >/dev/null
    fi
    as_postgres "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1 ||
      as_postgres "$BIN/pg_ctl" -D "$DIR" -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" \
        -l "$DIR/log" -w start >/dev/null
    as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='paspor_test'" | grep -q 1 ||
      as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres paspor_test
    echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/paspor_test"
    ;;
  stop)
    as_postgres "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null || true
    ;;
esac
