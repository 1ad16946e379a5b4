"""Start-up on a large database, against a bare PySide6 window (issue 2's measure).

    .venv/bin/python bench/bench_startup.py [--size 100000] [--db PATH] [--runs 3]

Builds (or reuses) a demo database of SIZE candidates, then times whole processes, each
a cold start of the interpreter: a bare QMainWindow painted and grabbed; the program's
main window painted to a PNG with ``--screenshot`` on the overview and on the candidate
list (which loads every row of the plan). Prints medians. Search speed: bench_search.py.
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


def timed(cmd: list[str]) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dienhinh-bench-"))
    db = args.db or tmp / f"demo-{args.size}.sqlite3"
    if not db.exists():
        seconds = timed([sys.executable, "main.py", "--db", str(db), "demo", "--size", str(args.size)])
        print(f"demo --size {args.size}: {seconds:.1f} s, {db.stat().st_size / 1e6:.0f} MB")
    shot = str(tmp / "shot.png")
    bare = [timed([sys.executable, "-c", BARE, shot]) for _ in range(args.runs)]
    overview = [timed([sys.executable, "main.py", "--db", str(db), "--screenshot", shot, "--page", "tong-quan"])
                for _ in range(args.runs)]
    listing = [timed([sys.executable, "main.py", "--db", str(db), "--screenshot", shot, "--page", "dien-hinh"])
               for _ in range(args.runs)]
    b, o, li = statistics.median(bare), statistics.median(overview), statistics.median(listing)
    print(f"bare PySide6 window (cold process): {b:.2f} s")
    print(f"main window, overview page:          {o:.2f} s  ({o / b:.1f}× bare)")
    print(f"main window, candidate list:         {li:.2f} s  ({li / b:.1f}× bare)")


if __name__ == "__main__":
    main()
