"""Built-in plan templates (resources/plans/*.json) and their installer / copier."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import CriteriaSet, Criterion, Field, Plan, Quota
from dienhinh_desktop.services import plan_templates as pt

SEED_KEYS = [
    "000_1c41bc711c1390b3",
    "001_a75ddfd0013b6219",
    "002_e5ed6906e364e8a2",
    "003_97dbd3836e2ae5c2",
    "004_4f939a777ad0ccac",
]
SEEDS_DIR = Path(os.environ.get("DIENHINH_SEEDS_DIR", "/work/shared/seeds"))

TEXT_90 = (
    "Tổ chức đảng, cơ quan, đơn vị có trên 90% cán bộ, đảng viên (trong đó có 100% cán bộ lãnh đạo, quản lý) "
    "thực hiện tốt trách nhiệm nêu gương"
)
PARTY_RULE = "Nếu là đảng viên, hằng năm phải được công nhận là “Đảng viên hoàn thành tốt nhiệm vụ” trở lên."


def _template(session, key: str) -> Plan:
    plan = session.scalars(select(Plan).where(Plan.is_template.is_(True), Plan.template_key == key)).one()
    return plan


def _criteria(plan: Plan) -> list[Criterion]:
    return [c for cs in plan.criteria_sets for c in cs.criteria]


# -- the JSON files ---------------------------------------------------------------------


def test_every_template_loads_and_validates() -> None:
    assert pt.template_keys() == SEED_KEYS
    listed = pt.list_templates()
    assert [t["key"] for t in listed] == SEED_KEYS
    for item in listed:
        assert item["name"] and item["issuer"] and item["summary"]
    for key in SEED_KEYS:
        data = pt.load_template_data(key)
        assert data["plan"]["steps"], key
        assert data["phases"] and data["fields"] and data["criteria_sets"] and data["pass_rules"], key
        for cs in data["criteria_sets"]:
            for c in cs["criteria"]:
                assert c["code"] and c["short_text"], (key, c["text"][:40])
        # UTF-8, human readable, no \u escapes
        raw = (pt.TEMPLATE_DIR / f"{key}.json").read_text(encoding="utf-8")
        assert "\\u" not in raw and "\n  " in raw


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip().casefold()


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="seed documents not available")
def test_criteria_are_verbatim_from_the_seeds() -> None:
    for key in SEED_KEYS:
        seed = _norm((SEEDS_DIR / f"{key}.txt").read_text(encoding="utf-8"))
        data = pt.load_template_data(key)
        for cs in data["criteria_sets"]:
            for c in cs["criteria"]:
                text = _norm(c["text"]).rstrip(".;: ")
                assert text in seed, (key, c["code"], c["text"][:80])


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{ not json", "lỗi JSON"),
        (
            json.dumps(
                {"schema_version": 1, "plan": {"name": "X"}, "phases": [{"name": "P", "kind": "weird"}]}
            ),
            "phases[0]",
        ),
        (
            json.dumps(
                {
                    "schema_version": 1,
                    "plan": {"name": "X"},
                    "criteria_sets": [{"name": "S", "field_code": "9", "criteria": []}],
                }
            ),
            "field_code",
        ),
        (
            json.dumps(
                {
                    "schema_version": 1,
                    "plan": {"name": "X"},
                    "criteria_sets": [{"name": "S", "criteria": [{"text": "t", "value_type": "rating"}]}],
                }
            ),
            "rating_scale",
        ),
        (json.dumps({"schema_version": 1, "plan": {"name": "X", "nmae": "typo"}}), "nmae"),
    ],
)
def test_broken_template_names_the_file(tmp_path: Path, content: str, fragment: str) -> None:
    (tmp_path / "bad_one.json").write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as info:
        pt.load_template_data("bad_one", directory=tmp_path)
    assert "bad_one.json" in info.value.message
    assert fragment in info.value.message


def test_unknown_template_key() -> None:
    with pytest.raises(UserError):
        pt.load_template_data("../secret")
    with pytest.raises(UserError):
        pt.load_template_data("999_nothing")


# -- installing -------------------------------------------------------------------------


def test_install_is_idempotent(bare_db) -> None:
    with bare_db.transaction() as session:
        assert pt.install_templates(session) == 5
    with bare_db.transaction() as session:
        assert pt.install_templates(session) == 0
        assert session.scalar(select(func.count()).select_from(Plan).where(Plan.is_template.is_(True))) == 5
        keys = set(session.scalars(select(Plan.template_key)))
        assert keys == set(SEED_KEYS)


def test_counts(session) -> None:
    p000 = _template(session, SEED_KEYS[0])
    assert len([f for f in p000.fields if f.code.startswith("4.")]) == 9
    assert {f.code for f in p000.fields} >= {"3.1", "3.2"}
    types = {cs.code: cs.collective_type for cs in p000.criteria_sets}
    assert types["3.1"] == "state_budget" and types["3.2"] == "enterprise"
    leader = [c for c in _criteria(p000) if c.condition == "leader"]
    assert len(leader) == 1 and leader[0].text.startswith("Đối với cá nhân giữ chức vụ lãnh đạo, quản lý")
    ceremonies = sorted(str(ph.start_date) for ph in p000.phases if ph.kind == "ceremony")
    assert ceremonies == ["2023-05-19", "2025-05-19"]
    assert {ph.recurrence for ph in p000.phases if ph.kind == "report"} == {"semiannual", "yearly"}

    p001 = _template(session, SEED_KEYS[1])
    assert len(p001.fields) == 14
    general = [cs for cs in p001.criteria_sets if cs.is_general]
    assert len(general) == 1 and general[0].applies_kind is None and len(general[0].criteria) == 4

    p004 = _template(session, SEED_KEYS[4])
    assert len(p004.fields) == 15
    assert all(f.lead_agency for f in p004.fields)
    assert p004.code == "08/KH-HĐTĐKT" and str(p004.issued_on) == "2021-02-05"
    household_fields = {cs.field.code for cs in p004.criteria_sets if cs.applies_kind == "household"}
    assert household_fields == {"9", "14"}
    assert [str(ph.start_date) for ph in p004.phases] == ["2021-01-01", "2021-04-01", "2021-10-01"]

    p003 = _template(session, SEED_KEYS[3])
    assert len(p003.fields) == 1 and len(p003.criteria_sets) == 1
    assert {str(ph.deadline) for ph in p003.phases if ph.deadline} == {"2022-01-25", "2023-02-25"}

    p002 = _template(session, SEED_KEYS[2])
    assert p002.recognition_cadence == "hằng tháng, hằng quý, 06 tháng, 01 năm"
    assert all("phụ biểu" in (f.description or "").lower() for f in p002.fields)
    assert {str(ph.deadline) for ph in p002.phases if ph.deadline} >= {"2025-12-15", "2025-12-31"}


def test_field_links(session) -> None:
    for key in SEED_KEYS:
        plan = _template(session, key)
        data = pt.load_template_data(key)
        for cs, raw in zip(plan.criteria_sets, data["criteria_sets"], strict=True):
            if raw["field_code"] is None:
                assert cs.field_id is None
            else:
                assert (
                    cs.field is not None
                    and cs.field.plan_id == plan.id
                    and cs.field.code == raw["field_code"]
                )


def test_verbatim_criteria_and_conditions(session) -> None:
    p002 = _template(session, SEED_KEYS[2])
    crits = _criteria(p002)
    ninety = [c for c in crits if c.text.startswith(TEXT_90)]
    assert sorted((c.value_type, c.threshold, c.threshold_strict) for c in ninety) == [
        ("number", 90.0, True),
        ("number", 100.0, False),
    ]
    assert all(c.numerator_label and c.denominator_label for c in ninety)

    party = [c for c in crits if c.text == PARTY_RULE]
    assert len(party) == 1
    assert party[0].condition == "party_member" and party[0].value_type == "rating"
    assert party[0].rating_scale[0] == "Đảng viên hoàn thành xuất sắc nhiệm vụ"
    assert party[0].min_rating == "Đảng viên hoàn thành tốt nhiệm vụ"

    civil = [c for c in crits if c.condition == "civil_servant" and c.required]
    assert (
        civil[0].min_rating == "Hoàn thành tốt nhiệm vụ"
        and civil[0].rating_scale[-1] == "Không hoàn thành nhiệm vụ"
    )
    armed = [c for c in crits if c.condition == "armed_forces" and c.required]
    assert armed[0].rating_scale == ["Chiến sỹ thi đua cơ sở", "Chiến sỹ tiên tiến", "Không đạt danh hiệu"]
    assert armed[0].min_rating == "Chiến sỹ tiên tiến"
    assert [c.value_type for c in crits if c.condition == "grassroots_worker"] == ["boolean"]
    years = [c for c in crits if c.value_type == "rating_years"]
    assert len(years) == 1 and years[0].years_required and years[0].note
    preferences = [c for c in crits if not c.required]
    assert len(preferences) == 4 and all(c.text.startswith("Ưu tiên") for c in preferences)


def _quotas(plan: Plan) -> list[tuple]:
    return sorted(
        (q.scope, q.unit_kind, q.candidate_kind or "", q.period, q.min_count or 0, q.max_count or 0)
        for q in plan.quotas
    )


def test_quotas(session) -> None:
    p002 = _template(session, SEED_KEYS[2])
    assert _quotas(p002) == [("proposal", "party_committee", "", "year", 0, 2)]
    assert "tối đa 02" in p002.quotas[0].note

    p003 = _template(session, SEED_KEYS[3])
    mins = {q.unit_kind: q.min_count for q in p003.quotas}
    assert mins["commune"] == 2 and mins["party_cell"] == 1 and mins["party_committee"] == 1

    p000 = _template(session, SEED_KEYS[0])
    assert _quotas(p000) == [
        ("proposal", "party_committee", "collective", "phase", 5, 5),
        ("proposal", "party_committee", "individual", "phase", 5, 5),
    ]
    assert "(05 tập thể, 05 cá nhân)" in p000.quotas[0].note

    p001 = _template(session, SEED_KEYS[1])
    commune = sorted((q.candidate_kind, q.min_count) for q in p001.quotas if q.unit_kind == "commune")
    assert commune == [("collective", 3), ("individual", 3)]
    enterprise = [
        (q.candidate_kind, q.min_count, q.max_count) for q in p001.quotas if q.unit_kind == "enterprise"
    ]
    assert enterprise == [("individual", 1, 3)]
    assert all(q.scope == "introduction" and q.period == "year" for q in p001.quotas)

    assert _template(session, SEED_KEYS[4]).quotas == []
    for key in SEED_KEYS:
        rules = _template(session, key).pass_rules
        assert len(rules) == 1 and rules[0].threshold_percent == 50.0 and "không quy định" in rules[0].note


# -- copying ----------------------------------------------------------------------------


def test_copy_plan_is_independent(session) -> None:
    source = _template(session, SEED_KEYS[2])
    n_criteria = len(_criteria(source))
    copy = pt.copy_plan(session, source.id)
    assert copy.id != source.id and not copy.is_template and copy.template_key is None
    assert copy.copied_from_id == source.id and copy.name.endswith("(bản sao)")
    assert len(copy.phases) == len(source.phases) and len(copy.fields) == len(source.fields)
    assert len(copy.quotas) == len(source.quotas) and len(copy.pass_rules) == len(source.pass_rules)
    assert len(_criteria(copy)) == n_criteria
    assert {c.id for c in _criteria(copy)}.isdisjoint({c.id for c in _criteria(source)})

    # Edit the copy: the template must not change.
    copy.fields[0].name = "Lĩnh vực đã sửa"
    copy.quotas[0].max_count = 5
    crit = next(c for c in _criteria(copy) if c.rating_scale)
    crit.rating_scale.append("Mức mới")
    copy.steps[0]["title"] = "Đã sửa"
    # JSON values are deep copies, not shared lists.
    assert all("Mức mới" not in (c.rating_scale or []) for c in _criteria(source))
    assert source.steps[0]["title"] != "Đã sửa"
    copy.criteria_sets[0].criteria[0].text = "Đã sửa"
    session.flush()
    session.expire_all()
    source = _template(session, SEED_KEYS[2])
    assert source.fields[0].name != "Lĩnh vực đã sửa"
    assert source.quotas[0].max_count == 2
    assert all("Mức mới" not in (c.rating_scale or []) for c in _criteria(source))
    assert source.steps[0]["title"] != "Đã sửa"
    assert source.criteria_sets[0].criteria[0].text != "Đã sửa"


def test_copy_plan_remaps_field_links(session) -> None:
    source = _template(session, SEED_KEYS[4])
    copy = pt.copy_plan(session, source.id, name="Kế hoạch 2026 của xã")
    assert copy.name == "Kế hoạch 2026 của xã"
    copy_field_ids = {f.id for f in copy.fields}
    linked = [cs for cs in copy.criteria_sets if cs.field_id]
    assert linked and all(cs.field_id in copy_field_ids for cs in linked)
    src_codes = [(cs.code, cs.field.code if cs.field else None) for cs in source.criteria_sets]
    assert [(cs.code, cs.field.code if cs.field else None) for cs in copy.criteria_sets] == src_codes
    # A copy of a copy works too, and the database holds both.
    again = pt.copy_plan(session, copy.id)
    assert again.copied_from_id == copy.id
    n_fields = session.scalar(select(func.count()).select_from(Field).where(Field.plan_id == again.id))
    assert n_fields == 15
    assert session.scalar(
        select(func.count()).select_from(CriteriaSet).where(CriteriaSet.plan_id == again.id)
    ) == len(source.criteria_sets)
    assert session.scalar(select(func.count()).select_from(Quota).where(Quota.plan_id == again.id)) == 0


def test_copy_unknown_plan(session) -> None:
    with pytest.raises(UserError):
        pt.copy_plan(session, "no-such-plan")
