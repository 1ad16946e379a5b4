"""Build the demo with 100,000 candidates in a temporary SQLite file; print the time and size.

.venv/bin/python bench/bench_demo.py [--size N] [--keep]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the database file")
    parser.add_argument(
        "--no-extras", action="store_true", help="only the built-in steps (no EXTRA_STEP_MODULES)"
    )
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="dienhinh-bench-")
    os.environ.setdefault("DIENHINH_DATA_DIR", folder)
    from dienhinh_desktop.db import open_database
    from dienhinh_desktop.services import demo
    from dienhinh_desktop.services.demo import build_demo

    if args.no_extras:
        demo.EXTRA_STEP_MODULES = ()

    path = Path(folder) / "demo.sqlite3"
    started = time.perf_counter()
    with open_database(path) as db:
        opened = time.perf_counter()
        cpu = time.process_time()
        with db.transaction() as session:
            result = build_demo(session, size=args.size)
            built = time.perf_counter()
        committed = time.perf_counter()
        cpu = time.process_time() - cpu
    size_mb = sum(p.stat().st_size for p in Path(folder).glob("demo.sqlite3*")) / 1e6
    print(f"candidates        {result.candidates:>10,}")
    for table, n in sorted(result.rows.items()):
        print(f"  {table:<24}{n:>10,}")
    print(f"open + migrate    {opened - started:>10.1f} s")
    print(f"build_demo        {built - opened:>10.1f} s")
    print(f"commit            {committed - built:>10.1f} s")
    print(f"total             {committed - started:>10.1f} s   (CPU {cpu:.1f} s)")
    print(f"steps             {', '.join(result.steps_run)}")
    print(f"file size         {size_mb:>10.1f} MB   {path if args.keep else ''}")
    if not args.keep:
        for p in Path(folder).iterdir():
            if p.is_file():
                p.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
