"""Start-up on a large database, against a bare PySide6 window (issue 2's measure).

    .venv/bin/python bench/bench_startup.py [--size 100000] [--db PATH] [--runs 3] [--root DIR]

Builds (or reuses) a demo database of SIZE candidates, then times whole processes, each
a cold start of the interpreter: a bare QMainWindow painted and grabbed; the same with the
program's own imports first (SQLAlchemy, the models, the database layer, the main window);
the program's main window painted to a PNG with ``--screenshot`` on the overview and on the
candidate list (which loads every row of the plan). For the program it reports, from the
moment the process is started: the first paint (window on screen with its layout), the
data painted (the page's figures or rows loaded on the worker thread and painted) and the
exit. The window prints those moments with ``DIENHINH_STARTUP_TIMES=1``; an older build that
does not shows only the exit. Prints medians. ``--root``: another checkout's ``main.py``
(to compare builds). Search speed: bench_search.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
w = QMainWindow(); w.setCentralWidget(QLabel("Điển hình tiên tiến")); w.resize(1366, 768); w.show()
app.processEvents()
w.grab().save(sys.argv[1])
"""
IMPORTS = """
import dienhinh_desktop.cli.main, dienhinh_desktop.db, dienhinh_desktop.models
import dienhinh_desktop.gui.app, dienhinh_desktop.gui.main_window
"""


def timed(cmd: list[str], cwd: Path = ROOT) -> float:
    return run(cmd, cwd)["exit"]


def run(cmd: list[str], cwd: Path = ROOT) -> dict[str, float]:
    """Seconds from the start of the process to each moment it reports, and to its exit."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DIENHINH_STARTUP_TIMES": "1"}
    start_wall, start = time.time(), time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True, text=True)
    out = {"exit": time.perf_counter() - start}
    for line in done.stderr.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "startup":
            out[parts[1]] = float(parts[2]) - start_wall
    return out


def _median(runs: list[dict[str, float]], key: str) -> float | None:
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout whose main.py is timed")
    args = ap.parse_args()
    root = args.root.resolve()
    tmp = Path(tempfile.mkdtemp(prefix="dienhinh-bench-"))
    db = args.db or tmp / f"demo-{args.size}.sqlite3"
    if not db.exists():
        seconds = timed([sys.executable, "main.py", "--db", str(db), "demo", "--size", str(args.size)])
        print(f"demo --size {args.size}: {seconds:.1f} s, {db.stat().st_size / 1e6:.0f} MB")
    shot = str(tmp / "shot.png")
    bare = [timed([sys.executable, "-c", BARE, shot]) for _ in range(args.runs)]
    imports = [timed([sys.executable, "-c", IMPORTS + BARE, shot], cwd=root) for _ in range(args.runs)]
    pages = {}
    for page in ("tong-quan", "dien-hinh"):
        cmd = [sys.executable, "main.py", "--db", str(db), "--screenshot", shot, "--page", page]
        pages[page] = [run(cmd, root) for _ in range(args.runs)]
    b, bi = statistics.median(bare), statistics.median(imports)
    print(f"bare PySide6 window (cold process):        {b:.2f} s")
    print(f"bare window + the program's imports:       {bi:.2f} s")
    for page, label in (("tong-quan", "overview page"), ("dien-hinh", "candidate list")):
        parts = []
        for key, name in (("first_paint", "first paint"), ("data_painted", "data painted"), ("exit", "exit")):
            m = _median(pages[page], key)
            if m is not None:
                parts.append(f"{name} {m:.2f} s ({m / bi:.1f}×)")
        print(f"main window, {label + ':':16} " + ", ".join(parts))
    print("(× = against the bare window with the program's imports)")


if __name__ == "__main__":
    main()
