# ruff: noqa: F811  (pytest fixtures imported from tests/test_exchange_support.py)
"""A newer package from the same unit: unchanged, updated, conflicts (never overwritten
silently), settling a conflict; the proposal quota and its breach reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from dienhinh_desktop.db import open_database
from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import Candidate, CriterionAssessment
from tests.test_exchange_support import cli, offices, offices_template  # noqa: F401  (fixtures)


def _edit(path: Path, cid: str, **values: object) -> None:
    db = open_database(path)
    try:
        with db.transaction() as s:
            c = s.get(Candidate, cid)
            for k, v in values.items():
                setattr(c, k, v)
    finally:
        db.close()


def _get(path: Path, cid: str, attr: str) -> object:
    db = open_database(path)
    try:
        with db.session() as s:
            return getattr(s.get(Candidate, cid), attr)
    finally:
        db.close()


def _send(offices: dict[str, Path], tmp: Path, name: str) -> dict:
    code, res = cli("--db", offices["a"], "package", "export", "--out", tmp / name)
    assert code == 0, res
    return res


def test_resend_unchanged_updated_and_conflict(offices: dict[str, Path], tmp_path: Path) -> None:
    first = _send(offices, tmp_path, "1.dhpkg")
    cid, other = first["candidate_ids"]
    code, res = cli("--db", offices["upper"], "package", "import", first["file"])
    assert code == 0 and res["new"] == 2

    # the same data in a new package: unchanged (not "already imported")
    second = _send(offices, tmp_path, "2.dhpkg")
    assert second["proposal_id"] == first["proposal_id"] and second["package_id"] != first["package_id"]
    code, res = cli("--db", offices["upper"], "package", "import", second["file"])
    assert code == 0 and res["unchanged"] == 2 and not res["already_imported"] and res["new"] == 0

    # the sender changes two fields; the upper level changed one of them, and another one
    _edit(offices["upper"], cid, achievement_results="Bản cấp tỉnh đã biên tập lại.", phone="0912 000 111")
    _edit(offices["a"], cid, achievement_results="Bản xã bổ sung số liệu năm 2026.", education="Đại học")
    _edit(offices["a"], other, address="Thôn Khe Mạ, xã Tân Lập")
    third = _send(offices, tmp_path, "3.dhpkg")
    code, preview = cli("--db", offices["upper"], "package", "import", third["file"], "--dry-run")
    assert code == 0 and preview["updated"] == 1 and preview["conflicting"] == 1
    code, res = cli("--db", offices["upper"], "package", "import", third["file"])
    assert code == 0 and res["updated"] == 1
    assert [(c["record_id"], c["field"]) for c in res["conflicts"]] == [(cid, "achievement_results")]
    conflict = res["conflicts"][0]
    assert (
        conflict["ours"] == "Bản cấp tỉnh đã biên tập lại."
        and conflict["theirs"] == "Bản xã bổ sung số liệu năm 2026."
    )
    # ours kept, the sender's other change taken, the upper level's own change kept
    assert _get(offices["upper"], cid, "achievement_results") == "Bản cấp tỉnh đã biên tập lại."
    assert _get(offices["upper"], cid, "education") == "Đại học"
    assert _get(offices["upper"], cid, "phone") == "0912 000 111"
    assert _get(offices["upper"], other, "address") == "Thôn Khe Mạ, xã Tân Lập"

    # the officer settles it: take theirs
    code, open_ = cli("--db", offices["upper"], "package", "conflicts")
    assert code == 0 and len(open_) == 1
    code, done = cli(
        "--db", offices["upper"], "package", "resolve", open_[0]["import_id"], open_[0]["index"], "theirs"
    )
    assert code == 0 and done["status"] == "theirs"
    assert _get(offices["upper"], cid, "achievement_results") == "Bản xã bổ sung số liệu năm 2026."
    code, open_ = cli("--db", offices["upper"], "package", "conflicts")
    assert open_ == []

    # the same package again: nothing changes
    code, res = cli("--db", offices["upper"], "package", "import", third["file"])
    assert code == 0 and res["already_imported"] and res["conflicts"] == []


def test_assessment_conflict_keep_ours(offices: dict[str, Path], tmp_path: Path) -> None:
    first = _send(offices, tmp_path, "1.dhpkg")
    cli("--db", offices["upper"], "package", "import", first["file"])
    cid = first["candidate_ids"][0]
    for key, text in (("upper", "Cấp tỉnh: đạt, có minh chứng."), ("a", "Xã: đạt, bổ sung biên bản.")):
        db = open_database(offices[key])
        with db.transaction() as s:
            a = s.scalars(
                select(CriterionAssessment)
                .where(CriterionAssessment.candidate_id == cid)
                .order_by(CriterionAssessment.id)
            ).first()
            a.appraisal_comment = text
        db.close()
    second = _send(offices, tmp_path, "2.dhpkg")
    code, res = cli("--db", offices["upper"], "package", "import", second["file"])
    assert code == 0 and len(res["conflicts"]) == 1 and res["conflicts"][0]["field"] == "appraisal_comment"
    c = res["conflicts"][0]
    code, done = cli("--db", offices["upper"], "package", "resolve", *_open_one(offices), "ours")
    assert done["status"] == "ours" and c["ours"] == "Cấp tỉnh: đạt, có minh chứng."


def _open_one(offices: dict[str, Path]) -> tuple[str, int]:
    code, items = cli("--db", offices["upper"], "package", "conflicts")
    return items[0]["import_id"], items[0]["index"]


def test_quota_breach_needs_reason(offices: dict[str, Path]) -> None:
    from dienhinh_desktop.services import proposals as P
    from dienhinh_desktop.services.plans import current_plan

    db = open_database(offices["a"])
    try:
        with db.session() as s:
            plan = current_plan(s)
            ids = [c.id for c in P.proposable(s, plan.id)][:3]
            assert len(ids) == 3
            counters = P.quota_check(s, plan.id, ids)
            assert counters and counters[0].breached and "tối đa 02" in counters[0].message
            with pytest.raises(UserError) as err:
                P.create_proposal(s, plan.id, ids)
            assert err.value.code == "quota_breach"
            p = P.create_proposal(s, plan.id, ids, breach_reason="Theo ý kiến chỉ đạo của Ban Thường vụ")
            assert p.quota_breach_reason and len(p.items) == 3
            s.rollback()
    finally:
        db.close()
