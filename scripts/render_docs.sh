#!/usr/bin/env bash
# Render generated papers to PNG to look at them: .docx/.xlsx -> PDF (LibreOffice) -> PNG.
#   scripts/render_docs.sh OUT_DIR FILE.docx [FILE.xlsx …]
# Writes OUT_DIR/<name>-<ext>.pdf and OUT_DIR/<name>-<ext>-<page>.png (60 dpi; RES=100 for
# more detail), so "x.docx" and "x.xlsx" do not overwrite each other.
set -euo pipefail
if [ "$#" -lt 2 ]; then
  echo "usage: $0 OUT_DIR FILE [FILE…]" >&2
  exit 2
fi
out="$1"; shift
res="${RES:-60}"
mkdir -p "$out"
# A private LibreOffice profile: no clash with a running office, no first-start dialogs.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for f in "$@"; do
  base="$(basename "$f")"
  name="${base%.*}-${base##*.}"
  rm -rf "$work/pdf"; mkdir -p "$work/pdf"
  soffice --headless --norestore "-env:UserInstallation=file://$work/profile" \
    --convert-to pdf --outdir "$work/pdf" "$f" >/dev/null 2>&1 || true
  pdf="$(ls "$work"/pdf/*.pdf 2>/dev/null | head -n 1 || true)"
  if [ -z "$pdf" ]; then
    echo "conversion failed: $f" >&2
    exit 1
  fi
  mv "$pdf" "$out/$name.pdf"
  pdftoppm -png -r "$res" "$out/$name.pdf" "$out/$name"
  ls "$out/$name"*.png
done
