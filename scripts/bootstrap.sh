#!/usr/bin/env bash
# Set up everything on a fresh Debian/Ubuntu machine: the system libraries Qt needs
# (and, with --full, LibreOffice, Xvfb and PostgreSQL for the whole test suite), then a
# virtual environment in .venv with the program and its Python dependencies.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

FULL=0
[ "${1:-}" = "--full" ] && FULL=1

QT_LIBS="libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 \
libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-cursor0 libxcb-shape0 libxcb-xkb1 \
libxkbcommon-x11-0 libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0 fonts-dejavu-core fonts-liberation2"
PY_PKGS="python3 python3-venv python3-pip"
EXTRA=""
[ "$FULL" = 1 ] && EXTRA="xvfb xauth postgresql binutils"  # binutils: the bundle build strips and trims ICU

need=""
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in $QT_LIBS $EXTRA; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need="$need $pkg"
  done
  if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then need="$need $PY_PKGS"; fi
fi
if [ -n "$need" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Cài gói hệ thống:$need"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
