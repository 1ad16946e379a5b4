#!/usr/bin/env bash
# Build the one-folder bundle from installer/dienhinh.spec and smoke-test it:
# a demo database, then every page rendered offscreen with --screenshot.
# Usage: bash installer/build_bundle.sh [DIST_DIR]     (Linux; on Windows see README)
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${1:-build/bundle}
WORK=$(mktemp -d /tmp/dienhinh-pyi.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
.venv/bin/python -m pip install -q "pyinstaller>=6.0"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$WORK/build" installer/dienhinh.spec
APP="$DIST/DienHinhTienTien"
# Strip the Qt and Python extension libraries (PyInstaller's own strip is off: it broke
# libraries that auditwheel had already patched).
if command -v strip >/dev/null 2>&1; then
  find "$APP/_internal" -name "*.so*" -type f \
    ! -path "*.libs/*" -print0 \
    | xargs -0 -r strip --strip-unneeded 2>/dev/null || true
fi
# PySide6's Linux wheel carries ICU's whole data library (32 MB; Windows has none): keep only
# what Qt can reach for Vietnamese and English (installer/trim_icu_data.py).
if command -v ld >/dev/null 2>&1 && command -v as >/dev/null 2>&1; then
  find "$APP/_internal" -name "libicudata.so.*" -type f -print0 | xargs -0 -r .venv/bin/python installer/trim_icu_data.py
fi
SIZE=$(du -sm "$APP" | cut -f1)
LIMIT=${BUNDLE_LIMIT_MB:-120}
echo "Kích thước gói: $SIZE MB (giới hạn $LIMIT MB)"
if [ "$SIZE" -ge "$LIMIT" ]; then
  echo "Gói quá lớn: $SIZE MB ≥ $LIMIT MB. Tệp lớn nhất:"
  find "$APP" -type f -printf "%s %p\n" | sort -n | tail -15
  exit 1
fi
DB="$WORK/smoke.sqlite3"
"$APP/DienHinhTienTien" --db "$DB" demo --size 30 --json >/dev/null
for page in tong-quan ke-hoach dien-hinh binh-xet ho-so ho-so-nhan quyet-dinh nhan-rong bao-cao danh-muc cai-dat; do
  QT_QPA_PLATFORM=offscreen "$APP/DienHinhTienTien" --db "$DB" --screenshot "$WORK/$page.png" --page "$page" 2>"$WORK/err.txt"
  if grep -q "Traceback" "$WORK/err.txt" || [ ! -s "$WORK/$page.png" ]; then
    echo "Trang $page lỗi trong gói:"; cat "$WORK/err.txt"; exit 1
  fi
done
echo "Gói chạy được: đã vẽ 11 trang."
