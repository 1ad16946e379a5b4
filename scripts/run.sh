#!/usr/bin/env bash
# Open the program. With no database yet, it first builds the demo commune in demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
DB=${DIENHINH_DB:-$PWD/demo/dienhinh-demo.sqlite3}
if [ ! -f "$DB" ]; then
  mkdir -p "$(dirname "$DB")"
  echo "Chưa có dữ liệu: tạo xã mẫu trong $DB …"
  .venv/bin/python main.py --db "$DB" demo
fi
exec .venv/bin/python main.py --db "$DB" "$@"
