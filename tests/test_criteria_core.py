"""Criteria checklists: which criteria apply (conditional ones), how each kind is judged,
the appraisal overriding the self-assessment, eligibility per candidate and per plan."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import CriteriaSet, Criterion, Field, Plan
from dienhinh_desktop.services import criteria as cr
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.plan_templates import copy_plan

SEED_000 = "000_1c41bc711c1390b3"
SEED_002 = "002_e5ed6906e364e8a2"


def _copy(session, key: str) -> Plan:
    tpl = session.scalars(select(Plan).where(Plan.template_key == key)).one()
    return copy_plan(session, tpl.id, name="Kế hoạch thử")


@pytest.fixture
def p002(session) -> Plan:
    return _copy(session, SEED_002)


@pytest.fixture
def p000(session) -> Plan:
    return _copy(session, SEED_000)


def _codes(items) -> list[str]:
    return [it.criterion.code for it in items]


def _crit(items, code: str) -> Criterion:
    return next(it.criterion for it in items if it.criterion.code == code)


def _item(session, cand, code: str):
    return next(it for it in cr.checklist_for(session, cand) if it.criterion.code == code)


def _person(session, plan, name="Nguyễn Văn An", **flags):
    return create_candidate(session, plan_id=plan.id, kind="individual", name=name, birth_year=1980, **flags)


def _fill_all_met(session, cand) -> None:
    """Answer every applicable criterion with the best value."""
    for it in cr.checklist_for(session, cand):
        c = it.criterion
        if c.value_type == "rating":
            cr.save_self_assessment(session, cand, c, rating=cr.rating_scale(c)[0])
        elif c.value_type == "number":
            cr.save_self_assessment(session, cand, c, numerator=10, denominator=10)
        elif c.value_type == "rating_years":
            best = cr.rating_scale(c)[0]
            n = c.years_required or 1
            cr.save_self_assessment(session, cand, c, yearly_ratings={str(2025 - i): best for i in range(n)})
        else:
            cr.save_self_assessment(session, cand, c, self_met=True, self_text="Thực hiện tốt.")


# -- which criteria apply -----------------------------------------------------------------


def test_plain_individual_gets_general_criteria_only(session, p002):
    cand = _person(session, p002)
    codes = _codes(cr.checklist_for(session, cand))
    assert codes == ["II.2.2.a", "II.2.2.b", "II.2.2.c"]
    items = cr.checklist_for(session, cand)
    assert items[0].why == "tiêu chí chung đối với cá nhân"
    left_out = {c.code: why for c, why in cr.not_applying(session, cand)}
    assert left_out["II.2.2.e"] == "không áp dụng vì không phải đảng viên"


@pytest.mark.parametrize(
    ("flag", "expected", "why"),
    [
        ("is_party_member", ["II.2.2.e", "II.2.2.e.ut"], "áp dụng vì là đảng viên"),
        ("is_civil_servant", ["II.2.2.d", "II.2.2.d.ut"], "áp dụng vì là cán bộ, công chức, viên chức"),
        ("is_armed_forces", ["II.2.2.f", "II.2.2.f.ut"], "áp dụng vì là cán bộ, chiến sỹ lực lượng vũ trang"),
        ("is_grassroots_worker", ["II.2.2.g"], "áp dụng vì trực tiếp lao động, sản xuất, học tập ở cơ sở"),
    ],
)
def test_conditional_criteria_seed_002(session, p002, flag, expected, why):
    cand = _person(session, p002, **{flag: True})
    items = cr.checklist_for(session, cand)
    assert _codes(items) == ["II.2.2.a", "II.2.2.b", "II.2.2.c", *expected]
    first = items[3]
    assert first.why == why
    assert first.required is True
    if len(expected) == 2:  # the "ưu tiên" criterion is shown but does not block
        assert items[4].required is False
        assert items[4].why.endswith("(ưu tiên, không bắt buộc)")
    assert cr.eligibility(session, cand).total_required == 3 + 1


def test_party_member_civil_servant_gets_both(session, p002):
    cand = _person(session, p002, is_party_member=True, is_civil_servant=True)
    codes = _codes(cr.checklist_for(session, cand))
    assert {"II.2.2.d", "II.2.2.e"} <= set(codes)
    assert "II.2.2.f" not in codes


def test_collective_gets_collective_criteria_no_person_conditions(session, p002):
    coll = create_candidate(session, plan_id=p002.id, kind="collective", name="Chi bộ thôn Nà Phát")
    codes = _codes(cr.checklist_for(session, coll))
    assert codes[0] == "II.2.1.a" and "II.2.1.d.2" in codes
    assert not any(code.startswith("II.2.2") for code in codes)
    e = cr.eligibility(session, coll)
    assert e.total_required == 9 and e.optional_total == 1


def test_household_without_criteria_is_not_eligible(session, p002):
    hh = create_candidate(session, plan_id=p002.id, kind="household", name="Hộ ông Lò Văn Sáng")
    assert cr.checklist_for(session, hh) == []
    e = cr.eligibility(session, hh)
    assert not e.eligible and e.total_required == 0
    assert e.summary() == "Chưa có tiêu chí bắt buộc nào áp dụng"


def test_leader_criterion_seed_000(session, p000):
    field = next(f for f in p000.fields if f.code == "4.9")
    leader = _person(session, p000, "Trần Thị Bình", is_leader=True, field_id=field.id)
    staff = _person(session, p000, "Lê Văn Cường", field_id=field.id)
    leader_items = cr.checklist_for(session, leader)
    staff_codes = _codes(cr.checklist_for(session, staff))
    assert "II.4.LĐ" in _codes(leader_items)
    assert "II.4.LĐ" not in staff_codes
    assert _item(session, leader, "II.4.LĐ").why == "áp dụng vì giữ chức vụ lãnh đạo, quản lý"
    # the field's own set applies, other fields' sets do not
    sets = {it.criteria_set.code for it in leader_items}
    assert {"II.2", "4.9", "4.LĐ"} == sets
    assert any(it.why.startswith("tiêu chí lĩnh vực") for it in leader_items)


def test_individual_without_field_gets_no_field_sets(session, p000):
    cand = _person(session, p000)
    sets = {it.criteria_set.code for it in cr.checklist_for(session, cand)}
    assert sets == {"II.2"}


def test_collective_type_sets_seed_000(session, p000):
    f31 = next(f for f in p000.fields if f.code == "3.1")
    f32 = next(f for f in p000.fields if f.code == "3.2")
    typed = create_candidate(
        session,
        plan_id=p000.id,
        kind="collective",
        name="UBND xã",
        field_id=f31.id,
        collective_type="state_budget",
    )
    untyped = create_candidate(
        session, plan_id=p000.id, kind="collective", name="Trường THCS", field_id=f31.id
    )
    wrong = create_candidate(
        session,
        plan_id=p000.id,
        kind="collective",
        name="HTX Tân Tiến",
        field_id=f31.id,
        collective_type="enterprise",
    )
    ent = create_candidate(
        session,
        plan_id=p000.id,
        kind="collective",
        name="Công ty ABC",
        field_id=f32.id,
        collective_type="enterprise",
    )

    def sets(c):
        return {it.criteria_set.code for it in cr.checklist_for(session, c)}

    assert sets(typed) == {"II.2", "3.1"}
    assert sets(untyped) == {"II.2", "3.1"}  # type unknown: the field decides
    assert sets(wrong) == {"II.2"}
    assert sets(ent) == {"II.2", "3.2"}


def test_typed_set_without_field_needs_known_type(session):
    plan = Plan(name="Kế hoạch tối giản")
    cs = CriteriaSet(name="Doanh nghiệp", applies_kind="collective", collective_type="enterprise")
    cs.criteria.append(Criterion(code="1", text="Nộp ngân sách đầy đủ"))
    plan.criteria_sets.append(cs)
    session.add(plan)
    session.flush()
    unknown = create_candidate(session, plan_id=plan.id, kind="collective", name="Tổ hợp tác")
    known = create_candidate(
        session, plan_id=plan.id, kind="collective", name="Công ty X", collective_type="enterprise"
    )
    assert cr.checklist_for(session, unknown) == []
    assert _codes(cr.checklist_for(session, known)) == ["1"]
    assert (
        cr.checklist_for(session, known)[0].why
        == "áp dụng cho tập thể là doanh nghiệp, tổ chức ngoài Nhà nước"
    )


# -- NUMBER -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("num", "den", "state"),
    [
        (9, 10, "not_met"),
        (27, 30, "not_met"),
        (90, 100, "not_met"),
        (91, 100, "met"),
        (28, 30, "met"),
        (901, 1000, "met"),
        (0, 10, "not_met"),
        (10, 10, "met"),
    ],
)
def test_number_strict_threshold(session, p002, num, den, state):
    coll = create_candidate(session, plan_id=p002.id, kind="collective", name="Chi bộ 1")
    c = _item(session, coll, "II.2.1.d.2").criterion
    assert c.threshold == 90 and c.threshold_strict
    cr.save_self_assessment(session, coll, c, numerator=num, denominator=den)
    it = _item(session, coll, "II.2.1.d.2")
    assert it.state == state, it.reason
    if (num, den) == (9, 10):
        assert it.reason == "9/10 = 90%, chưa đạt yêu cầu trên 90%"


@pytest.mark.parametrize(("num", "den", "state"), [(5, 5, "met"), (4, 5, "not_met"), (99, 100, "not_met")])
def test_number_not_strict_hundred_percent(session, p002, num, den, state):
    coll = create_candidate(session, plan_id=p002.id, kind="collective", name="Chi bộ 2")
    c = _item(session, coll, "II.2.1.d.3").criterion
    assert not c.threshold_strict
    cr.save_self_assessment(session, coll, c, numerator=num, denominator=den)
    assert _item(session, coll, "II.2.1.d.3").state == state


def test_number_at_least_threshold_exact(session, p002):
    coll = create_candidate(session, plan_id=p002.id, kind="collective", name="Chi bộ 3")
    c = _item(session, coll, "II.2.1.d.2").criterion
    c.threshold_strict = False  # "từ 90% trở lên"
    cr.save_self_assessment(session, coll, c, numerator=9, denominator=10)
    it = _item(session, coll, "II.2.1.d.2")
    assert it.state == "met" and "từ 90% trở lên" in it.reason


def test_number_input_checks(session, p002):
    coll = create_candidate(session, plan_id=p002.id, kind="collective", name="Chi bộ 4")
    c = _item(session, coll, "II.2.1.d.2").criterion
    with pytest.raises(UserError, match="lớn hơn tổng số"):
        cr.save_self_assessment(session, coll, c, numerator=12, denominator=10)
    with pytest.raises(UserError, match="không phải là một số"):
        cr.save_self_assessment(session, coll, c, numerator="mười", denominator=10)
    with pytest.raises(UserError, match="lớn hơn 0"):
        cr.save_self_assessment(session, coll, c, numerator=0, denominator=0)
    assert cr.get_assessment(session, coll, c) is None  # nothing half-written
    cr.save_self_assessment(session, coll, c, numerator="45", denominator="48")
    assert _item(session, coll, "II.2.1.d.2").state == "met"
    cr.save_self_assessment(session, coll, c, denominator=None)
    assert _item(session, coll, "II.2.1.d.2").state == "unanswered"


# -- RATING and RATING_YEARS -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "state"),
    [
        ("Đảng viên hoàn thành xuất sắc nhiệm vụ", "met"),
        ("Đảng viên hoàn thành tốt nhiệm vụ", "met"),
        ("Đảng viên hoàn thành nhiệm vụ", "not_met"),
        ("Đảng viên không hoàn thành nhiệm vụ", "not_met"),
        ("dang vien hoan thanh tot nhiem vu", "met"),  # typed without accents: matched to the scale
    ],
)
def test_rating_min(session, p002, rating, state):
    cand = _person(session, p002, is_party_member=True)
    c = _item(session, cand, "II.2.2.e").criterion
    cr.save_self_assessment(session, cand, c, rating=rating)
    it = _item(session, cand, "II.2.2.e")
    assert it.state == state
    assert it.assessment.rating in cr.rating_scale(c)  # stored as the scale's own words


def test_rating_outside_scale_refused(session, p002):
    cand = _person(session, p002, is_armed_forces=True)
    c = _item(session, cand, "II.2.2.f").criterion
    with pytest.raises(UserError, match="không có trong thang xếp loại"):
        cr.save_self_assessment(session, cand, c, rating="Xuất sắc")
    cr.save_self_assessment(session, cand, c, rating="Chiến sỹ tiên tiến")
    assert _item(session, cand, "II.2.2.f").state == "met"
    cr.save_self_assessment(session, cand, c, rating="Không đạt danh hiệu")
    assert _item(session, cand, "II.2.2.f").state == "not_met"


def test_rating_years(session, p002):
    coll = create_candidate(session, plan_id=p002.id, kind="collective", name="Đảng bộ xã")
    c = _item(session, coll, "II.2.1.e.1").criterion
    assert c.years_required == 2
    good, ok, weak = "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"

    def state(years):
        cr.save_self_assessment(session, coll, c, yearly_ratings=years)
        return _item(session, coll, "II.2.1.e.1")

    assert state({"2024": good, "2025": ok}).state == "met"
    assert (
        state({"2024": good, "2025": ok}).reason == "Hoàn thành tốt nhiệm vụ trở lên 2 năm liền (2024–2025)"
    )
    assert state({"2024": weak, "2025": good}).state == "not_met"
    assert state({"2025": good}).state == "unanswered"  # one year entered of two
    assert state({"2023": good, "2025": good}).state == "unanswered"  # 2024 missing: not consecutive
    assert state({"2022": weak, "2024": good, "2025": good}).state == "met"  # only the last two count
    assert state({}).state == "unanswered"
    with pytest.raises(UserError, match="không phải là một năm"):
        cr.save_self_assessment(session, coll, c, yearly_ratings={"năm ngoái": good})


# -- appraisal and eligibility -------------------------------------------------------------------


def test_boolean_and_appraisal_override(session, p002):
    cand = _person(session, p002)
    c = _item(session, cand, "II.2.2.a").criterion
    assert _item(session, cand, "II.2.2.a").source is None
    cr.save_self_assessment(
        session, cand, c, self_text="Luôn chấp hành tốt.", self_evidence="Nhận xét của chi bộ"
    )
    it = _item(session, cand, "II.2.2.a")
    assert it.state == "unanswered" and it.source == "self"
    cr.save_self_assessment(session, cand, c, self_met=True)
    assert _item(session, cand, "II.2.2.a").state == "met"
    cr.save_appraisal(session, cand, c, "not_met", "Chưa có minh chứng", "Tổ thẩm định")
    it = _item(session, cand, "II.2.2.a")
    assert (it.state, it.self_state, it.source) == ("not_met", "met", "appraisal")
    assert it.reason == "Thẩm định: không đạt — Chưa có minh chứng"
    assert it.assessment.appraised_by == "Tổ thẩm định" and it.assessment.appraised_at is not None
    cr.save_appraisal(session, cand, c, "partly_met", None, "Tổ thẩm định")
    assert _item(session, cand, "II.2.2.a").state == "partly"
    cr.save_appraisal(session, cand, c, None)
    assert _item(session, cand, "II.2.2.a").state == "met"  # withdrawn: back to the self-assessment
    with pytest.raises(UserError, match="không hợp lệ"):
        cr.save_appraisal(session, cand, c, "excellent")


def test_appraisal_can_pass_unanswered(session, p002):
    cand = _person(session, p002)
    c = _item(session, cand, "II.2.2.b").criterion
    cr.save_appraisal(session, cand, c, "met", "Qua kiểm tra thực tế", "Ban Xây dựng Đảng")
    assert _item(session, cand, "II.2.2.b").state == "met"


def test_eligibility_lists_missing(session, p002):
    cand = _person(session, p002, is_party_member=True)
    _fill_all_met(session, cand)
    e = cr.eligibility(session, cand)
    assert e.eligible and (e.met, e.total_required) == (4, 4)
    assert e.summary() == "4/4 tiêu chí đạt — đủ tiêu chí"
    # The optional ("ưu tiên") criterion failing does not matter.
    ut = _item(session, cand, "II.2.2.e.ut").criterion
    cr.save_self_assessment(session, cand, ut, rating="Đảng viên hoàn thành tốt nhiệm vụ")
    assert cr.eligibility(session, cand).eligible
    # The required party rating below the minimum does.
    e_crit = _item(session, cand, "II.2.2.e").criterion
    cr.save_self_assessment(session, cand, e_crit, rating="Đảng viên hoàn thành nhiệm vụ")
    b = _item(session, cand, "II.2.2.b").criterion
    cr.save_appraisal(session, cand, b, "partly_met", "", "Tổ thẩm định")
    e = cr.eligibility(session, cand)
    assert not e.eligible and (e.met, e.total_required) == (2, 4)
    assert e.missing == [
        "II.2.2.b Tích cực tham gia học tập và làm theo Bác (đạt một phần)",
        "II.2.2.e Đảng viên: hoàn thành tốt nhiệm vụ trở lên (không đạt)",
    ]
    assert e.summary().startswith("2/4 tiêu chí đạt — còn thiếu: II.2.2.b")
    assert e.progress == "2/4"


def test_criterion_of_another_plan_refused(session, p002, p000):
    cand = _person(session, p002)
    other = p000.criteria_sets[0].criteria[0]
    with pytest.raises(UserError, match="không thuộc kế hoạch"):
        cr.save_self_assessment(session, cand, other, self_met=True)
    with pytest.raises(UserError, match="không có trong phần tự đánh giá"):
        cr.save_self_assessment(session, cand, p002.criteria_sets[1].criteria[0], appraisal="met")


def test_eligibility_map_matches_and_is_cheap(session, p002, db):
    kinds = [
        dict(kind="individual", is_party_member=True),
        dict(kind="individual", is_civil_servant=True, is_party_member=True),
        dict(kind="individual", is_armed_forces=True),
        dict(kind="individual"),
        dict(kind="collective"),
        dict(kind="household"),
    ]
    cands = []
    for i in range(30):
        spec = dict(kinds[i % len(kinds)])
        kind = spec.pop("kind")
        extra = {"birth_year": 1970 + i} if kind != "collective" else {}
        cands.append(
            create_candidate(session, plan_id=p002.id, kind=kind, name=f"Người thứ {i}", **spec, **extra)
        )
    for i, cand in enumerate(cands):
        if i % 3:
            _fill_all_met(session, cand)
        if i % 5 == 0 and cr.checklist_for(session, cand):
            it = cr.checklist_for(session, cand)[0]
            cr.save_appraisal(session, cand, it.criterion, "not_met", "Thiếu minh chứng", "Tổ thẩm định")
    session.flush()

    statements: list[str] = []

    def count(conn, cursor, statement, *args):  # noqa: ANN001
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        result = cr.eligibility_map(session, p002.id)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 5
    assert set(result) == {c.id for c in cands}
    for cand in cands:
        assert result[cand.id] == cr.eligibility(session, cand), cand.name
    assert any(e.eligible for e in result.values()) and not all(e.eligible for e in result.values())
    subset = cr.eligibility_map(session, p002.id, [cands[1].id])
    assert list(subset) == [cands[1].id]
    assert cr.eligibility_map(session, p002.id, []) == {}
    assert set(cr.eligible_candidates(session, p002.id)) == {c.id for c in cands if result[c.id].eligible}


def test_new_field_set_applies_after_edit(session, p002):
    """A set added to the plan by the officer (e.g. from the missing annex) shows at once."""
    field = next(f for f in p002.fields if f.code == "LV6")
    cs = CriteriaSet(
        plan_id=p002.id, name="Giáo dục, đào tạo — cá nhân", applies_kind="individual", field=field
    )
    cs.criteria.append(
        Criterion(code="LV6.1", text="Có học sinh đạt giải cấp tỉnh", short_text="Học sinh đạt giải")
    )
    session.add(cs)
    session.flush()
    teacher = _person(session, p002, field_id=field.id)
    other = _person(
        session,
        p002,
        "Phạm Văn Dũng",
        field_id=session.scalars(select(Field.id).where(Field.plan_id == p002.id, Field.code == "LV1")).one(),
    )
    assert "LV6.1" in _codes(cr.checklist_for(session, teacher))
    assert "LV6.1" not in _codes(cr.checklist_for(session, other))
    assert _item(session, teacher, "LV6.1").why == "tiêu chí lĩnh vực «Giáo dục, đào tạo»"
