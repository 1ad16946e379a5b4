#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on 127.0.0.1 (initdb as the postgres user:
# it refuses root), run the given command with DIENHINH_TEST_PG_URL set, stop it.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "Không tìm thấy PostgreSQL (apt-get install postgresql)"; exit 1; }
PORT=${PGPORT_TEST:-55432}
DIR=$(mktemp -d /tmp/dienhinh-pg.XXXXXX)
chmod 755 "$DIR"
AS=""
if [ "$(id -u)" -eq 0 ]; then chown postgres "$DIR"; AS="runuser -u postgres --"; fi
$AS "$PGBIN/initdb" -D "$DIR/data" -U dienhinh --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
$AS "$PGBIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" -l "$DIR/log" -w start >/dev/null
trap '$AS "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1; rm -rf "$DIR"' EXIT
export DIENHINH_TEST_PG_URL="postgresql+pg8000://dienhinh@127.0.0.1:$PORT/postgres"
"$@"
