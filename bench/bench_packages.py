"""Benchmark: an upper level importing 200 unit packages of 10 candidates each (with their
documents), importing them all again, then exporting the decision packages back.

    .venv/bin/python bench/bench_packages.py [--units 200] [--per-unit 10] [--dir DIR]

One real package is made from a demo commune (10 candidates proposed: the cover letter, the
list .docx/.xlsx, 10 achievement reports, the minutes, the decision); the other units'
packages are that package with fresh stable ids, another sender and recomputed hashes
(the same documents, as many bytes). Prints seconds for each stage.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
import uuid
import zipfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from dienhinh_desktop.db import open_database  # noqa: E402

UPPER = "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai"


def make_source(folder: Path, per_unit: int) -> Path:
    from dienhinh_desktop.exchange.package_export import export_package
    from dienhinh_desktop.models import OfficeProfile
    from dienhinh_desktop.services import proposals as P
    from dienhinh_desktop.services.demo import build_demo
    from dienhinh_desktop.services.plans import current_plan

    db = open_database(folder / "xa.sqlite3")
    with db.transaction() as s:
        build_demo(s, size=max(120, per_unit * 8))
        s.scalars(select(OfficeProfile)).first().upper_body = UPPER
    with db.transaction() as s:
        plan = current_plan(s)
        for p in P.list_proposals(s, plan.id):
            s.delete(p)
        s.flush()
        ids = [c.id for c in P.proposable(s, plan.id)][:per_unit]
        P.create_proposal(s, plan.id, ids, breach_reason="Đo hiệu năng")
    t = time.perf_counter()
    with db.transaction() as s:
        res = export_package(s, folder / "nguon.dhpkg", files_dir=db.files_dir)
    print(
        f"export one package ({res['candidates']} candidates, {res['files']} files): {time.perf_counter() - t:.2f} s"
    )
    db.close()
    return Path(res["file"])


def clone(src: Path, out: Path, i: int) -> Path:
    """The source package as unit ``i``: new ids, another sender, fresh hashes."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members.pop("manifest.json"))
    data_text = members["du-lieu.json"].decode()
    data = json.loads(data_text)
    ids = {c["id"] for c in data["candidates"]} | {
        a["id"] for c in data["candidates"] for a in c["assessments"]
    }
    ids |= {r["id"] for c in data["candidates"] for r in c["recognitions"]} | {data["proposal"]["id"]}
    for old in ids:
        data_text = data_text.replace(old, str(uuid.uuid5(uuid.NAMESPACE_URL, f"{i}:{old}")))
    data = json.loads(data_text)
    sender = dict(data["sender"], name=f"Đảng ủy xã Mẫu {i:03d}", code=f"9{i:04d}")
    data["sender"] = sender
    members["du-lieu.json"] = json.dumps(data, ensure_ascii=False).encode()
    manifest.update(sender=sender, package_id=str(uuid.uuid4()))
    manifest["files"] = [
        {"path": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
        for n, b in sorted(members.items())
    ]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        for n, b in sorted(members.items()):
            zf.writestr(n, b)
    return out


def make_upper(path: Path) -> None:
    from dienhinh_desktop.models import Plan
    from dienhinh_desktop.services.office import init_office
    from dienhinh_desktop.services.plan_templates import copy_plan

    db = open_database(path)
    with db.transaction() as s:
        init_office(
            s,
            UPPER,
            level="province",
            province="Lào Cai",
            party=True,
            province_code="15",
            signer_name="Giàng Seo Phử",
            signer_title="PHÓ BÍ THƯ",
        )
        t = s.scalars(select(Plan).where(Plan.is_template.is_(True), Plan.template_key.like("002_%"))).first()
        copy_plan(s, t.id, name="Kế hoạch xét công nhận điển hình tiên tiến cấp tỉnh")
    db.close()


def decide(path: Path) -> str:
    from dienhinh_desktop.models import Candidate
    from dienhinh_desktop.services import criteria as cr
    from dienhinh_desktop.services import meetings as M
    from dienhinh_desktop.services.lifecycle import change_status
    from dienhinh_desktop.services.plans import current_plan

    db = open_database(path)
    with db.transaction() as s:
        plan = current_plan(s)
        cands = list(s.scalars(select(Candidate).where(Candidate.origin_unit_name.is_not(None))))
        for c in cands:
            cr.appraise_all(s, c, "met", only_unappraised=False)
            change_status(s, c, "appraised", by=None, reason=None)
        council = M.create_council(
            s,
            "Ban Thường vụ Tỉnh ủy",
            kind="standing_board",
            members=[
                {"full_name": "A", "role": "chair"},
                {"full_name": "B"},
                {"full_name": "C", "role": "secretary"},
            ],
        )
        meeting = M.prepare_meeting_from_eligible(
            s, plan.id, council.id, date.today(), ["recognition"], candidate_ids=[c.id for c in cands]
        )
        for b in meeting.ballots:
            M.record_tally(s, b, issued=3, returned=3, valid=3, agree=3, disagree=0)
        M.issue_decision(s, meeting, title="recognition")
        meeting_id = meeting.id
    db.close()
    return meeting_id


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=200)
    ap.add_argument("--per-unit", type=int, default=10)
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="bench-goi-"))
    folder.mkdir(parents=True, exist_ok=True)
    import os

    os.environ.setdefault("DIENHINH_DATA_DIR", str(folder / "data"))
    src = make_source(folder, args.per_unit)
    pkgs = folder / "goi"
    pkgs.mkdir(exist_ok=True)
    t = time.perf_counter()
    files = [clone(src, pkgs / f"don-vi-{i:03d}.dhpkg", i) for i in range(args.units)]
    size = sum(f.stat().st_size for f in files)
    print(f"made {len(files)} unit packages ({size / 1024 / 1024:.1f} MB): {time.perf_counter() - t:.2f} s")
    upper = folder / "tinh.sqlite3"
    make_upper(upper)

    from dienhinh_desktop.exchange.decision_package import export_decision_packages
    from dienhinh_desktop.exchange.package_import import import_many

    db = open_database(upper)
    t = time.perf_counter()
    res = import_many(db, files)
    first = time.perf_counter() - t
    errors = [r for r in res if "error" in r]
    print(
        f"import {len(files)} packages ({sum(r.get('new', 0) for r in res)} candidates new, "
        f"{len(errors)} refused): {first:.2f} s ({first / len(files):.3f} s per package)"
    )
    t = time.perf_counter()
    res = import_many(db, files)
    again = time.perf_counter() - t
    print(
        f"import them all again ({sum(1 for r in res if r.get('already_imported'))} already imported, "
        f"{sum(r.get('new', 0) + r.get('updated', 0) for r in res)} changed): {again:.2f} s"
    )
    db.close()
    t = time.perf_counter()
    meeting_id = decide(upper)
    print(
        f"appraise, meet and decide on {args.units * args.per_unit} candidates: {time.perf_counter() - t:.2f} s"
    )
    db = open_database(upper)
    t = time.perf_counter()
    with db.transaction() as s:
        dec = export_decision_packages(s, folder / "tra-loi", meeting_id=meeting_id)
    print(f"export {len(dec['files'])} decision packages: {time.perf_counter() - t:.2f} s")
    db.close()
    print(f"(files in {folder})")


if __name__ == "__main__":
    main()
