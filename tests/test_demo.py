"""The demo commune: realistic content, consistent derived columns and history, the hooks,
refusal on a non-empty database, the command line contract."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import (
    Candidate,
    CriterionAssessment,
    MentorAssignment,
    NurturingNote,
    NurturingPlan,
    OfficeProfile,
    Plan,
    Recognition,
    StatusChange,
    Unit,
)
from dienhinh_desktop.services import demo
from dienhinh_desktop.services.derived import refresh_candidate_keys

TODAY = date(2026, 11, 21)
DERIVED = ("name", "family_name", "middle_name", "given_name", "sort_key", "search_text", "dup_key")


@pytest.fixture
def no_extras(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only this module's steps (others' demo steps are tested by their owners)."""
    monkeypatch.setattr(demo, "EXTRA_STEP_MODULES", ())
    monkeypatch.setattr(demo, "EXTRA_STEPS", [])


def _build(db, size: int, **kw):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return demo.build_demo(s, size=size, today=TODAY, **kw)


def test_demo_60_is_a_realistic_commune(db, no_extras) -> None:  # type: ignore[no-untyped-def]
    result = _build(db, 60)
    assert result.candidates == 60
    with db.session() as s:
        profile = s.scalars(select(OfficeProfile)).one()
        assert profile.name == "Đảng ủy xã Tân Lập" and profile.is_party and profile.symbol == "ĐU"
        assert (
            profile.superior_body == "ĐẢNG BỘ TỈNH LÀO CAI"
            and profile.signer_on_behalf == "T/M BAN THƯỜNG VỤ"
        )
        plan = s.get(Plan, result.plan_id)
        assert plan is not None and not plan.is_template and plan.status == "active"
        assert plan.name.startswith("Kế hoạch xây dựng, nhân rộng điển hình tiên tiến xã Tân Lập")
        template = s.get(Plan, plan.copied_from_id)
        assert template is not None and template.template_key.startswith("002_")
        units = list(s.scalars(select(Unit)))
        kinds = Counter(u.kind for u in units)
        assert kinds["party_cell"] >= 15 and kinds["village"] >= 10 and kinds["school"] >= 3
        assert {"commune", "health", "mass_org", "enterprise", "armed_forces"} <= set(kinds)
        cands = list(s.scalars(select(Candidate)))
        by_kind = Counter(c.kind for c in cands)
        assert by_kind == {"individual": 36, "collective": 15, "household": 9}
        assert all(c.name.startswith(("Hộ ông ", "Hộ bà ")) for c in cands if c.kind == "household")
        people = [c for c in cands if c.kind != "collective"]
        assert len({c.ethnicity for c in people}) >= 5
        assert {"Kinh", "Mông", "Dao", "Tày"} <= {c.ethnicity for c in people}
        assert all(c.birth_year and c.gender in ("male", "female") for c in people)
        assert all(c.field_id and c.unit_id and c.registration_content and c.summary for c in cands)
        assert all(c.summary.count("\n") in (1, 2) for c in cands)
        statuses = Counter(c.status for c in cands)
        assert {"registered", "nurturing", "self_assessed", "appraised", "proposed", "recognised"} <= set(
            statuses
        )
        assert 1 <= statuses["removed"] <= 2 and statuses["replaced"] == 1
        replaced = next(c for c in cands if c.status == "replaced")
        replacement = s.scalars(select(Candidate).where(Candidate.replaces_id == replaced.id)).one()
        assert replacement.status in ("registered", "nurturing") and replaced.removed_reason
        # Homonyms: same name, different birth year or unit; one looks like a double registration.
        names = Counter(c.name for c in people)
        assert names["Giàng A Páo"] == 2 and names["Triệu Văn Phin"] == 2
        dup = Counter(c.dup_key for c in people)
        assert any(n > 1 for n in dup.values())
        # Flags follow the position.
        for c in people:
            if c.position == "Bí thư Chi bộ":
                assert c.is_party_member and c.is_leader
            if c.position == "Giáo viên":
                assert c.is_civil_servant
            if (c.position_unit or "").startswith("Dân quân"):
                assert c.is_armed_forces
        assert s.scalar(select(func.count()).select_from(MentorAssignment)) > 20
        assert s.scalar(select(func.count()).select_from(NurturingPlan)) > 0
        assert s.scalar(select(func.count()).select_from(NurturingNote)) > 0
        past = list(s.scalars(select(Recognition).where(Recognition.level == "past")))
        assert past and all(r.source == "manual" and r.year and r.year < TODAY.year for r in past)


def test_derived_columns_are_what_the_listener_computes(db, no_extras) -> None:  # type: ignore[no-untyped-def]
    _build(db, 60)
    with db.session() as s:
        for c in s.scalars(select(Candidate)):
            before = {k: getattr(c, k) for k in DERIVED}
            refresh_candidate_keys(c)
            assert {k: getattr(c, k) for k in DERIVED} == before, c.name
        assert not s.dirty
    assert demo.derived_columns("household", "Hộ bà LÒ THỊ ỎN", 1970)["dup_key"] == "p|lo thi on|1970"


def test_history_is_dated_and_ordered(db, no_extras) -> None:  # type: ignore[no-untyped-def]
    result = _build(db, 60)
    with db.session() as s:
        history: dict[str, list[StatusChange]] = {}
        for h in s.scalars(select(StatusChange).order_by(StatusChange.changed_at)):
            history.setdefault(h.candidate_id, []).append(h)
        for c in s.scalars(select(Candidate)):
            rows = history[c.id]
            assert rows[0].from_status is None and rows[0].to_status == "registered"
            assert rows[-1].to_status == c.status
            assert all(a.to_status == b.from_status for a, b in zip(rows, rows[1:], strict=False))
            assert all(r.changed_by == result.officer_name and r.reason for r in rows)
            assert rows[-1].changed_at <= datetime.combine(TODAY, datetime.max.time())
            assert rows[0].changed_at.date() >= date(2025, 1, 1)
            assert c.registered_on == rows[0].changed_at.date()
            if c.status in ("removed", "replaced"):
                assert rows[-1].ref_type == "review" and rows[-1].ref_id == result.review_id


def test_assessments_follow_the_plan_criteria(db, no_extras) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.services.criteria import eligibility_map

    result = _build(db, 60)
    with db.session() as s:
        elig = eligibility_map(s, result.plan_id)
        per_candidate = Counter(s.scalars(select(CriterionAssessment.candidate_id)))
        cands = list(s.scalars(select(Candidate)))
        for c in cands:
            if c.status in ("self_assessed", "appraised", "proposed", "recognised"):
                assert per_candidate[c.id] == elig[c.id].total_required + elig[c.id].optional_total > 0
            else:
                assert per_candidate[c.id] == 0
            if c.status in ("proposed", "recognised", "self_assessed"):
                assert elig[c.id].eligible, (c.name, elig[c.id].missing)
        appraised = [c for c in cands if c.status == "appraised"]
        assert any(not elig[c.id].eligible for c in appraised)  # a few not met
        assert sum(elig[c.id].eligible for c in appraised) > len(appraised) // 2  # mostly met
        rows = list(s.scalars(select(CriterionAssessment)))
        assert all(r.self_assessed_at and (r.self_text or r.rating) for r in rows)
        assert any(r.numerator is not None for r in rows) and any(r.yearly_ratings for r in rows)
        for r in rows:
            c = s.get(Candidate, r.candidate_id)
            assert (r.appraisal is not None) == (c.status in ("appraised", "proposed", "recognised"))
        recognised = [c for c in cands if c.status == "recognised"]
        own = list(s.scalars(select(Recognition).where(Recognition.level == "own")))
        assert {r.candidate_id for r in own} == {c.id for c in recognised}


def test_size_300_spreads_kinds_groups_and_statuses(db, no_extras) -> None:  # type: ignore[no-untyped-def]
    result = _build(db, 300)
    assert result.by_kind == {"collective": 75, "individual": 180, "household": 45}
    with db.session() as s:
        eth = Counter(s.scalars(select(Candidate.ethnicity).where(Candidate.kind != "collective")))
        assert len(eth) >= 7 and eth["Kinh"] < sum(eth.values()) * 0.6
        statuses = Counter(s.scalars(select(Candidate.status)))
        assert statuses == result.by_status and len(statuses) == 8
        assert 0.10 < statuses["registered"] / 300 < 0.20 and statuses["nurturing"] > statuses["appraised"]
        names = list(s.scalars(select(Candidate.name).where(Candidate.kind == "collective")))
        assert len(names) == len(set(names))  # collectives are never accidental duplicates
        fields = Counter(s.scalars(select(Candidate.field_id)))
        assert len(fields) >= 6


def test_same_seed_same_content(tmp_path, no_extras) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.db import open_database

    contents = []
    for i in range(2):
        with open_database(tmp_path / f"d{i}.sqlite3") as db:
            _build(db, 40, seed=7)
            with db.session() as s:
                contents.append(
                    sorted(s.execute(select(Candidate.name, Candidate.birth_year, Candidate.status)))
                )
    assert contents[0] == contents[1]


def test_refuses_a_database_with_candidates(db, no_extras) -> None:  # type: ignore[no-untyped-def]
    _build(db, 20)
    with db.session() as s:
        before = [
            s.scalar(select(func.count()).select_from(m)) for m in (Candidate, Unit, Plan, StatusChange)
        ]
    with pytest.raises(UserError) as info:
        _build(db, 20)
    assert info.value.code == "not_empty" and info.value.message.startswith("Cơ sở dữ liệu đã có dữ liệu")
    with db.session() as s:
        after = [s.scalar(select(func.count()).select_from(m)) for m in (Candidate, Unit, Plan, StatusChange)]
    assert after == before


def test_bad_size_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError):
        _build(db, 0)


def test_extra_steps_run_and_missing_modules_are_skipped(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen = []

    def step(session, result):  # type: ignore[no-untyped-def]
        seen.append(result.candidates)
        result.extras["hello"] = "xin chào"

    monkeypatch.setattr(demo, "EXTRA_STEP_MODULES", ("dienhinh_desktop.services.no_such_demo_step",))
    monkeypatch.setattr(demo, "EXTRA_STEPS", [step])
    result = _build(db, 12)
    assert seen == [12] and result.to_dict()["hello"] == "xin chào"


def test_cli_demo_json_contract(tmp_path, capsys, no_extras) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.cli.main import main

    path = str(tmp_path / "cli.sqlite3")
    assert main(["--db", path, "demo", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["candidates"] == 60 and out["units"] >= 40 and out["plan_id"]
    assert isinstance(out["seconds"], float)
    assert main(["--db", path, "demo", "--size", "5", "--json"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"]["code"] == "not_empty"
    assert "Cơ sở dữ liệu đã có dữ liệu" in captured.err
    assert main(["--db", path, "candidates", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 60
