"""installer/trim_icu_data.py: the ICU data package is read and rewritten faithfully, only
per-locale items outside Vietnamese/English, codecs and dictionaries are dropped, and Qt
still collates and changes case in Vietnamese with the trimmed library."""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("trim_icu_data", ROOT / "installer" / "trim_icu_data.py")
assert spec and spec.loader
trim_icu_data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(trim_icu_data)


def _header() -> bytes:
    info = struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0) + b"CmnD" + bytes([1, 0, 0, 0]) + bytes([73, 0, 0, 0])
    head = struct.pack("<HBB", 32, 0xDA, 0x27) + info
    return head + b"\0" * (32 - len(head))


def test_package_round_trip_and_filter() -> None:
    items = [
        ("icudt73l/coll/de.res", b"de" * 5),
        ("icudt73l/coll/root.res", b"root"),
        ("icudt73l/coll/vi.res", b"vi-collation"),
        ("icudt73l/ibm-1258_P100-1997.cnv", b"x" * 40),
        ("icudt73l/brkitr/cjdict.dict", b"y" * 100),
        ("icudt73l/zoneinfo64.res", b"zones"),
        ("icudt73l/res_index.res", b"index"),
        ("icudt73l/fr_CA.res", b"fr"),
        ("icudt73l/en_US.res", b"en"),
    ]
    package = trim_icu_data.write_package(_header(), items)
    header, back = trim_icu_data.read_package(package)
    assert header == _header()
    assert [(n, b.rstrip(b"\0")) for n, b in back] == items
    kept = [n for n, _ in items if trim_icu_data.wanted(n)]
    assert kept == [
        "icudt73l/coll/root.res",
        "icudt73l/coll/vi.res",
        "icudt73l/zoneinfo64.res",
        "icudt73l/res_index.res",
        "icudt73l/en_US.res",
    ]


def test_not_a_package_is_refused() -> None:
    with pytest.raises(ValueError, match="ICU"):
        trim_icu_data.read_package(b"\0" * 64)


CHECK = """
import functools
from PySide6.QtCore import QCollator, QLocale
c = QCollator(QLocale("vi_VN"))
print("|".join(sorted(["Đào", "Dũng", "Ăn", "Ân", "Anh", "Ơ", "O", "Ô"], key=functools.cmp_to_key(c.compare))))
print(QLocale("vi_VN").toUpper("nguyễn thị đào"))
"""


def _icu_library() -> Path | None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    return found[0] if found else None


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not all(shutil.which(t) for t in ("as", "ld", "readelf")),
    reason="Linux with binutils only (Windows wheels carry no ICU)",
)
def test_qt_still_collates_vietnamese_with_the_trimmed_library(tmp_path: Path) -> None:
    lib = _icu_library()
    if lib is None:
        pytest.skip("this PySide6 has no ICU library")
    copy = tmp_path / lib.resolve().name
    shutil.copyfile(lib, copy)
    before, after = trim_icu_data.trim(copy)
    assert after < before / 3
    env = {**os.environ, "LD_LIBRARY_PATH": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "LD_DEBUG": "libs"}
    run = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"trying file={copy}" in run.stderr  # the trimmed library was the one loaded
    lines = run.stdout.splitlines()
    assert lines[0] == "Anh|Ăn|Ân|Dũng|Đào|O|Ô|Ơ"
    assert lines[1] == "NGUYỄN THỊ ĐÀO"
