"""Benchmark: a 5,000-entry received decision list matched against 100,000 candidates.

    .venv/bin/python bench/bench_decision_matching.py [--candidates 100000] [--entries 5000]

Builds an SQLite database in a temporary folder (migrated schema), fills it with
realistic candidates of many communes (Vietnamese names with homonyms, birth years,
positions, units), writes the decision list as an .xlsx file (title block, two-level
header), then times reading the file, matching it, and the whole preview. Prints figures.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FAMILY = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lò Giàng Hà Ma Nông Triệu".split()
)
MIDDLE_M = "Văn Đức Minh Quang Hữu Công Thành Xuân Đình Ngọc Mạnh Anh Seo A".split()
MIDDLE_F = "Thị Thu Ngọc Thanh Minh Hồng Kim Phương Bích Mai Lan".split()
GIVEN_M = (
    "An Bình Cường Dũng Dương Đức Giang Hải Hiếu Hùng Huy Khánh Khoa Lâm Long Minh Nam Nghĩa Phong Phúc "
    "Quân Quang Sơn Tài Tâm Thắng Thành Thịnh Toàn Trung Tuấn Tùng Việt Vinh Pọm Páo Chử Dế Sình"
).split()
GIVEN_F = (
    "Anh Ánh Bích Chi Dung Giang Hà Hằng Hạnh Hiền Hoa Hòa Hồng Huệ Hương Lan Liên Linh Loan Mai My Nga "
    "Ngân Nhung Oanh Phương Quyên Tâm Thảo Thủy Trang Tuyết Uyên Vân Xuân Yến Dợ Mỷ"
).split()
COMMUNE_WORDS = (
    "Tân Bình Minh Phúc Hưng Thịnh An Hòa Lạc Sơn Thủy Thành Long Quang Trung Đông Tây Nam Bắc Yên".split()
)
VILLAGE_WORDS = "Nà Khe Bản Làng Cốc Pắc Nậm Mường Lùng Phìn Ly Mạ Mế Lang Hồ Giàng Xả Sán Tả Chải".split()
POSITIONS = [
    "Bí thư Chi bộ thôn {v}",
    "Trưởng thôn {v}",
    "Nông dân thôn {v}",
    "Chi hội trưởng Phụ nữ thôn {v}",
    "Bí thư Chi đoàn thôn {v}",
    "Giáo viên Trường Tiểu học {c}",
    "Công an viên thôn {v}",
]


def _commune(rng: random.Random) -> str:
    return " ".join(rng.sample(COMMUNE_WORDS, 2))


def _village(rng: random.Random) -> str:
    return " ".join(rng.sample(VILLAGE_WORDS, 2))


def _person(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return "male", f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return "female", f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


def build_database(url: str, n: int, rng: random.Random) -> tuple[list[dict], str]:
    from sqlalchemy import insert

    from dienhinh_desktop.db import open_database
    from dienhinh_desktop.models import Candidate, OfficeProfile, Plan, Unit
    from dienhinh_desktop.models.base import new_id, utcnow
    from dienhinh_desktop.services.derived import derived_keys

    db = open_database(url, install_templates=False)
    office = "Tân Lập"
    with db.transaction() as s:
        unit = Unit(name=f"Đảng ủy xã {office}", kind="commune")
        s.add(unit)
        s.flush()
        s.add(
            OfficeProfile(name=f"Đảng ủy xã {office}", commune_name=office, level="commune", unit_id=unit.id)
        )
        plan = Plan(name="Điển hình tiên tiến giai đoạn 2025 – 2030")
        s.add(plan)
        s.flush()
        plan_id = plan.id
        rows: list[dict] = []
        now = utcnow()
        for i in range(n):
            # One candidate in five is a collective; the rest people of many communes (an
            # upper-level office's whole province), ours being the commune "Tân Lập".
            commune = office if i % 10 == 0 else _commune(rng)
            village = _village(rng)
            if i % 5 == 0:
                kind = "collective"
                name = (
                    rng.choice(["Chi bộ thôn", "Thôn", "Chi hội Phụ nữ thôn", "Chi đoàn thôn"])
                    + f" {village}"
                )
                values = {"kind": kind, "name": name, "position_unit": f"Đảng bộ xã {commune}"}
                gender = year = None
            else:
                kind = "individual"
                gender, name = _person(rng)
                year = rng.randint(1955, 2000)
                pos = rng.choice(POSITIONS).format(v=village, c=commune) + f", xã {commune}"
                values = {"kind": kind, "name": name, "birth_year": year, "position_unit": pos}
            keys = derived_keys(values)
            rows.append(
                {
                    "id": new_id(),
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                    "plan_id": plan_id,
                    "status": "proposed",
                    "gender": gender,
                    "birth_year": year,
                    "position_unit": values.get("position_unit"),
                    "origin_unit_name": None if commune == office else f"Đảng ủy xã {commune}",
                    "kind": kind,
                    **keys,
                }
            )
        for k in range(0, len(rows), 5000):
            s.execute(insert(Candidate), rows[k : k + 5000])
    db.close()
    return rows, plan_id


def write_list(path: Path, rows: list[dict], m: int, rng: random.Random) -> list[str | None]:
    """A decision list of ``m`` entries: most are candidates (some with variant spellings),
    some are strangers."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("DS")
    ws.append(["BAN THƯỜNG VỤ TỈNH ỦY LÀO CAI", None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    ws.append([None, None, None, "Lào Cai, ngày 12 tháng 12 năm 2026"])
    ws.append(["DANH SÁCH tập thể, cá nhân được công nhận điển hình tiên tiến"])
    ws.append(["(Kèm theo Quyết định số 999-QĐ/TU ngày 12/12/2026 của Ban Thường vụ Tỉnh ủy)"])
    ws.append(["STT", "Họ và tên", "Năm sinh", None, "Chức vụ, đơn vị"])
    ws.append([None, None, "Nam", "Nữ", None])
    picks = rng.sample(rows, int(m * 0.9))
    truth: list[str | None] = []
    n = 0
    for r in picks:
        n += 1
        name = r["name"]
        if rng.random() < 0.1:
            name = name.replace("Hòa", "Hoà").replace("Thủy", "Thuỷ").upper()
        if rng.random() < 0.05:
            name = "Ông " + name
        year = r["birth_year"]
        male = r["gender"] == "male"
        ws.append([n, name, year if male else None, year if not male else None, r["position_unit"]])
        truth.append(r["id"])
    while n < m:
        n += 1
        g, name = _person(rng)
        ws.append(
            [n, name, rng.randint(1955, 2000), None, f"Nông dân thôn {_village(rng)}, xã {_commune(rng)}"]
        )
        truth.append(None)
    wb.save(str(path))
    return truth


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=100_000)
    ap.add_argument("--entries", type=int, default=5_000)
    ap.add_argument("--seed", type=int, default=20261212)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    from dienhinh_desktop.db import open_database
    from dienhinh_desktop.exchange.decision_import import preview_decision
    from dienhinh_desktop.exchange.decision_matching import match_entries
    from dienhinh_desktop.exchange.decision_reader import read_decision_file

    with tempfile.TemporaryDirectory() as tmp:
        dbfile = Path(tmp) / "bench.sqlite3"
        t0 = time.perf_counter()
        rows, plan_id = build_database(str(dbfile), args.candidates, rng)
        t_build = time.perf_counter() - t0
        xlsx = Path(tmp) / "danh_sach.xlsx"
        truth = write_list(xlsx, rows, args.entries, rng)

        t0 = time.perf_counter()
        parsed = read_decision_file(xlsx)
        t_read = time.perf_counter() - t0
        db = open_database(str(dbfile), install_templates=False)
        with db.session() as s:
            t0 = time.perf_counter()
            c0 = time.process_time()
            results = match_entries(s, parsed, plan_id=plan_id)
            t_match = time.perf_counter() - t0
            c_match = time.process_time() - c0
            t0 = time.perf_counter()
            preview_decision(s, xlsx, plan_id=plan_id)
            t_preview = time.perf_counter() - t0
        db.close()
    counts: dict[str, int] = {}
    wrong_auto = 0
    for r, t in zip(results, truth, strict=True):
        counts[r.status] = counts.get(r.status, 0) + 1
        wrong_auto += r.status == "auto" and r.candidate_id != t
    print(f"candidates: {args.candidates:,}  entries read: {len(parsed.entries):,}")
    print(f"build database:        {t_build:7.2f} s (not part of the import)")
    print(f"read .xlsx list:       {t_read:7.2f} s")
    print(
        f"match entries:         {t_match:7.2f} s  ({t_match / max(len(results), 1) * 1000:.2f} ms/entry; "
        f"CPU {c_match:.2f} s)"
    )
    print(f"preview (read+match):  {t_preview:7.2f} s")
    print(
        "results: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items()))
        + f"; wrong auto: {wrong_auto}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
