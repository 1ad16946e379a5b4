"""``main.py --screenshot FILE --page NAME`` renders the window to a PNG (in a subprocess:
QApplication is a per-process singleton)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow
def test_screenshot_writes_a_png(tmp_path: Path, bare_db) -> None:  # type: ignore[no-untyped-def]
    from tests.gui_helpers import fill

    fill(bare_db)
    location = str(bare_db.path)
    bare_db.close()  # release the instance lock for the subprocess
    out = tmp_path / "shot.png"
    result = _run("--db", location, "--screenshot", str(out), "--page", "Điển hình")
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1366, 768)


def test_screenshot_refuses_locked_db_and_unknown_page(qapp, tmp_path: Path, bare_db, capsys) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.gui.app import run_gui

    out = tmp_path / "x.png"
    assert run_gui(db_location=str(bare_db.path), screenshot=str(out)) == 2  # the fixture holds the lock
    assert "đang được một cửa sổ" in capsys.readouterr().err
    location = str(bare_db.path)
    bare_db.close()
    assert run_gui(db_location=location, screenshot=str(out), page="khong-co") == 2
    assert "Không có trang «khong-co»" in capsys.readouterr().err
    assert not out.exists()
