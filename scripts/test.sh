#!/usr/bin/env bash
# The whole test suite, headless: set-up, lint, tests on SQLite, then the core tests again
# on a real PostgreSQL server started on 127.0.0.1 (skipped with NO_POSTGRES=1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --full
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check dienhinh_desktop tests bench
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
if [ "${NO_BUNDLE:-0}" != 1 ]; then
  # The Windows installer's spec, built here as a Linux bundle and started offscreen.
  bash installer/build_bundle.sh build/bundle
fi
if [ "${NO_POSTGRES:-0}" != 1 ]; then
  # Every core test again on PostgreSQL, with tests/test_pg_concurrency.py (marked "postgres",
  # skipped in the SQLite pass above). The crash-safety test skips itself here (SQLite only).
  bash scripts/with_postgres.sh .venv/bin/python -m pytest -q -p no:cacheprovider -m "not gui" tests
  if [ "${NO_BUNDLE:-0}" != 1 ]; then
    # The bundle reaches a PostgreSQL server through its own pg8000 (a plain postgresql:// URL).
    bash scripts/with_postgres.sh bash -c 'APP=build/bundle/DienHinhTienTien/DienHinhTienTien
      URL="postgresql://${DIENHINH_TEST_PG_URL#*://}"
      "$APP" --db "$URL" demo --size 20 --json >/dev/null
      "$APP" --db "$URL" candidates list --json | grep -q "\"kind\"" && echo "Gói chạy được trên PostgreSQL."'
  fi
fi
