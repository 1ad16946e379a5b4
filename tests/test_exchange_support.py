"""Helpers for the exchange tests (no tests here): three offices in a temp folder — two
communes (demo data, party profile) and the province board that receives their proposals —
built once per session and copied for each test."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dienhinh_desktop.db import open_database

UPPER_NAME = "Ban Tuyên giáo và Dân vận Tỉnh ủy Lào Cai"
COMMUNE_A = ("Đảng ủy xã Tân Lập", "08081")  # with an official code
COMMUNE_B = ("Đảng ủy xã Bản Mế", None)  # identified by its name
MEMBERS = [
    {"full_name": "Giàng Seo Phử", "position": "Phó Bí thư Tỉnh ủy", "role": "chair"},
    {"full_name": "Hoàng Thị Thu", "position": "Trưởng Ban Tuyên giáo và Dân vận", "role": "member"},
    {"full_name": "Lò Văn Pằng", "position": "Ủy viên Ban Thường vụ", "role": "secretary"},
]


def _make_commune(path: Path, name: str, code: str | None, seed: int, size: int = 24) -> None:
    from dienhinh_desktop.models import OfficeProfile
    from dienhinh_desktop.services.demo import build_demo

    db = open_database(path)
    try:
        with db.transaction() as s:
            build_demo(s, size=size, seed=seed)
            profile = s.scalars(select(OfficeProfile)).first()
            profile.name = name
            profile.commune_code = code
            profile.upper_body = UPPER_NAME
            profile.unit.name = name.replace("Đảng ủy xã", "Xã")
            profile.unit.official_code = code
    finally:
        db.close()


def _make_upper(path: Path) -> None:
    from dienhinh_desktop.models import Plan
    from dienhinh_desktop.services.office import init_office
    from dienhinh_desktop.services.plan_templates import copy_plan

    db = open_database(path)
    try:
        with db.transaction() as s:
            init_office(
                s,
                UPPER_NAME,
                level="province",
                province="Lào Cai",
                party=True,
                superior_body="ĐẢNG BỘ TỈNH LÀO CAI",
                province_code="15",
                place_name="Lào Cai",
                signer_name="Giàng Seo Phử",
                signer_title="PHÓ BÍ THƯ",
                officer_name="Hoàng Thị Thu",
            )
            template = s.scalars(
                select(Plan).where(Plan.is_template.is_(True), Plan.template_key.like("002_%"))
            ).first()
            plan = copy_plan(
                s, template.id, name="Kế hoạch xét công nhận điển hình tiên tiến cấp tỉnh năm 2026"
            )
            plan.code = "20-KH/TU"
    finally:
        db.close()


def copy_db(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(str(src))
    try:
        out = sqlite3.connect(str(dst))
        try:
            con.backup(out)
        finally:
            out.close()
    finally:
        con.close()
    files = src.parent / f"{src.stem}-tep"
    if files.is_dir():
        shutil.copytree(files, dst.parent / f"{dst.stem}-tep", dirs_exist_ok=True)
    return dst


@pytest.fixture(scope="session")
def offices_template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("offices")
    paths = {"a": base / "xa-a.sqlite3", "b": base / "xa-b.sqlite3", "upper": base / "tinh.sqlite3"}
    _make_commune(paths["a"], *COMMUNE_A, seed=11)
    _make_commune(paths["b"], *COMMUNE_B, seed=22)
    _make_upper(paths["upper"])
    return paths


@pytest.fixture
def offices(offices_template: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    return {k: copy_db(v, tmp_path / k / v.name) for k, v in offices_template.items()}


def row_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def cli(*args: Any) -> tuple[int, Any]:
    """Run the command line in-process with --json; returns (exit code, parsed stdout)."""
    import io
    import json
    from contextlib import redirect_stderr, redirect_stdout

    from dienhinh_desktop.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args] + ["--json"])
    text = out.getvalue()
    return code, (json.loads(text) if text.strip() else None)


def upper_meets_and_decides(path: Path, *, fail_names: tuple[str, ...] = ()) -> dict[str, Any]:
    """At the upper level: appraise the imported candidates (all met), a meeting of the standing
    board, the tallies (``fail_names`` get too few votes) and the decision."""
    from dienhinh_desktop.models import Candidate
    from dienhinh_desktop.services import criteria as cr
    from dienhinh_desktop.services import meetings as M
    from dienhinh_desktop.services.lifecycle import change_status
    from dienhinh_desktop.services.plans import current_plan

    db = open_database(path)
    try:
        with db.transaction() as s:
            plan = current_plan(s)
            cands = list(
                s.scalars(
                    select(Candidate).where(
                        Candidate.plan_id == plan.id, Candidate.origin_unit_name.is_not(None)
                    )
                )
            )
            for c in cands:
                cr.appraise_all(s, c, "met", by="Hoàng Thị Thu", only_unappraised=False)
                change_status(s, c, "appraised", by="Hoàng Thị Thu", reason=None)
            council = M.create_council(s, "Ban Thường vụ Tỉnh ủy", kind="standing_board", members=MEMBERS)
            meeting = M.prepare_meeting_from_eligible(
                s, plan.id, council.id, date.today(), ["recognition"], candidate_ids=[c.id for c in cands]
            )
            for b in meeting.ballots:
                agree = 1 if b.candidate.name in fail_names else 3
                M.record_tally(s, b, issued=3, returned=3, valid=3, agree=agree, disagree=3 - agree)
            decision = M.issue_decision(s, meeting, title="recognition", by="Hoàng Thị Thu")
            return {
                "meeting_id": meeting.id,
                "decision_id": decision.id,
                "decision_number": decision.number,
                "candidates": [c.id for c in cands],
                "entries": [e.candidate_id for e in decision.entries],
            }
    finally:
        db.close()
