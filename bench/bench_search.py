"""Benchmark: the candidates list's instant search on 100,000 rows, keystroke by keystroke.

    .venv/bin/python bench/bench_search.py [--size 100000] [--db FILE] [--synthetic]

Builds the rows with ``services.demo.build_demo(size=…)`` into a temporary database (or
reads ``--db``, an existing database; ``--synthetic`` makes Vietnamese names without a
database), loads the list as the page does, builds the search index, then types
realistic queries one keystroke at a time and times ``SearchIndex.search`` plus the Qt
model update (``CandidateTableModel.set_query`` with a table view attached), then the same
plus reading the first screenful of rows (what painting asks for: a search answer decodes
its row indices lazily, so that part is measured too). Prints the build time, the index's
memory, and the median / 95th percentile per keystroke. Checks every answer against a plain
Python substring filter.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = [
    "dang",
    " dang v",
    "dang van",
    "nguyen thi h",
    "nguyen thi hang",
    "chi bo thon",
    "hmong",
    "giang a pao",
    "lo van",
    "thon ban pang",
    "tay",
    "giao vien truong",
    "1985",
    "ma thi",
    "xa tan lap",
]

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Lý Lò Giàng Hà Ma Nông Triệu Sùng Vàng".split()
MIDDLE = "Văn Thị Đức Minh Seo A Thu Ngọc Thanh Hồng Kim Mai".split()
GIVEN = (
    "An Bình Cường Dũng Đức Giang Hải Hằng Hoa Hùng Lan Linh Mai Nam Páo Phương Sình Thảo Tuấn Vân".split()
)
PLACES = "Nậm Cang, Bản Pang, Khe Bốc, Nà Lìn, Cốc Ly, Pắc Tà, Mường Hum, Tả Chải, Sán Sả Hồ".split(", ")
POSITIONS = [
    "Nông dân thôn {v}",
    "Bí thư Chi bộ thôn {v}",
    "Giáo viên Trường Tiểu học Tân Lập",
    "Trưởng thôn {v}",
]
SCREEN_ROWS = 40  # rows a table view paints after a keystroke
ETHNIC = ["Kinh", "Tày", "Mông", "Dao", "Nùng", "Giáy"]


def synthetic_hays(size: int, seed: int = 7) -> list[str]:
    from dienhinh_desktop.text import fold

    rng = random.Random(seed)
    hays = []
    for _ in range(size):
        village = rng.choice(PLACES)
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        pos = rng.choice(POSITIONS).format(v=village)
        hays.append(
            fold(f"{name} {pos} {rng.choice(ETHNIC)} thôn {village}, xã Tân Lập {rng.randint(1950, 2005)}")
            + " chi bo thon "
            + fold(village)
        )
    return hays


def load_rows(args: argparse.Namespace, tmp: Path):  # type: ignore[no-untyped-def]
    """(CandidateList or None, hays, seconds to build the data)."""
    if args.synthetic:
        started = time.perf_counter()
        return None, synthetic_hays(args.size), time.perf_counter() - started
    from dienhinh_desktop.db import open_database
    from dienhinh_desktop.gui.candidate_model import load_candidate_list

    started = time.perf_counter()
    if args.db:
        db = open_database(args.db, install_templates=False)
    else:
        try:
            from dienhinh_desktop.services.demo import build_demo
        except ImportError:
            return None, synthetic_hays(args.size), time.perf_counter() - started
        db = open_database(str(tmp / "bench.sqlite3"), install_templates=False)
        with db.transaction() as s:
            build_demo(s, size=args.size)
    built = time.perf_counter() - started
    with db.session() as s:
        data = load_candidate_list(s, None)
    db.close()
    return data, data.hays, built


def keystrokes(query: str) -> list[str]:
    return [query[: i + 1] for i in range(len(query))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--db", help="an existing database (its candidates are used)")
    parser.add_argument("--synthetic", action="store_true", help="synthetic names, no database")
    parser.add_argument("--check", type=int, default=1, help="1: compare every answer with a plain filter")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication, QTableView

    from dienhinh_desktop.gui.candidate_model import COL_NAME, CandidateList, CandidateTableModel, SearchIndex
    from dienhinh_desktop.text import fold

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        data, hays, built = load_rows(args, Path(tmp))
    print(f"rows: {len(hays):,}  (data built/read in {built:.1f} s)")

    for _ in range(2):  # the second build is the one to read (imports, caches warmed)
        started = time.perf_counter()
        index = SearchIndex(hays)
        build_s = time.perf_counter() - started
    print(f"index build: {build_s * 1000:.0f} ms; index memory: {index.nbytes() / 1e6:.1f} MB")

    if data is None:
        from collections import namedtuple

        Row = namedtuple("Row", "id plan_id kind name birth_year gender ethnicity position_unit position "
                         "field_id unit_id status search_text")  # fmt: skip
        rows = [Row(str(i), "p", "individual", h[:30], None, None, None, None, None, None, None, "registered", h)
                for i, h in enumerate(hays)]  # fmt: skip
        data = CandidateList(rows, hays, {}, {})
    model = CandidateTableModel()
    view = QTableView()
    view.setModel(model)
    view.resize(1100, 600)
    view.show()
    model.set_list(data)
    model.set_filters(model.filters._replace(show_inactive=True))
    model.prepare_search()  # as the page does on the worker thread once the list is painted
    app.processEvents()

    per_key: list[float] = []
    first_screen: list[float] = []
    search_only: list[float] = []
    worst: tuple[float, str] = (0.0, "")
    fresh = SearchIndex(hays)
    for query in QUERIES:
        for typed in keystrokes(query):
            started = time.perf_counter()
            model.set_query(typed)
            elapsed = time.perf_counter() - started
            per_key.append(elapsed)
            worst = max(worst, (elapsed, typed))
            started = time.perf_counter()
            for row in range(min(SCREEN_ROWS, model.rowCount())):  # what painting the table reads
                model.data(model.index(row, COL_NAME))
            first_screen.append(elapsed + time.perf_counter() - started)
            started = time.perf_counter()
            got = fresh.search(typed)
            search_only.append(time.perf_counter() - started)
            if args.check:
                words = fold(typed).split()
                want = [i for i, h in enumerate(hays) if all(w in h for w in words)]
                assert got.tolist() == want, typed
                assert model.shown() == len(want), typed
        model.set_query("")
        fresh = SearchIndex(hays) if len(search_only) < 40 else fresh  # some queries on a cold cache
    app.processEvents()

    def ms(values: list[float], q: float) -> float:
        values = sorted(values)
        return values[min(len(values) - 1, int(q * len(values)))] * 1000

    print(f"keystrokes: {len(per_key)} over {len(QUERIES)} queries")
    print(
        f"search + model update: median {statistics.median(per_key) * 1000:.2f} ms, "
        f"95th percentile {ms(per_key, 0.95):.2f} ms, worst {worst[0] * 1000:.2f} ms («{worst[1]}»)"
    )
    print(
        f"+ first {SCREEN_ROWS} rows read: median {statistics.median(first_screen) * 1000:.2f} ms, "
        f"95th percentile {ms(first_screen, 0.95):.2f} ms, worst {max(first_screen) * 1000:.2f} ms"
    )
    print(
        f"search alone:          median {statistics.median(search_only) * 1000:.2f} ms, "
        f"95th percentile {ms(search_only, 0.95):.2f} ms"
    )
    short = [t for t, q in zip(per_key, (k for q in QUERIES for k in keystrokes(q)), strict=True)
             if len(q.strip()) <= 3]  # fmt: skip
    print(
        f"1–3 letter queries:    median {statistics.median(short) * 1000:.2f} ms, max {max(short) * 1000:.2f} ms"
    )
    view.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
