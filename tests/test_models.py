"""The data model: stable ids, timestamps, version counter (optimistic locking), relations."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from dienhinh_desktop.models import (
    Ballot,
    Candidate,
    Council,
    CouncilMember,
    CriteriaSet,
    Criterion,
    CriterionAssessment,
    Decision,
    DecisionEntry,
    Field,
    Meeting,
    Plan,
    StatusChange,
    Unit,
)
from dienhinh_desktop.services.candidates import create_candidate, update_candidate
from dienhinh_desktop.services.office import init_office


@pytest.fixture
def plan(bare_db) -> str:
    with bare_db.transaction() as s:
        init_office(s, "Đảng ủy xã Tân Lập", party=True, province="Lào Cai")
        p = Plan(name="Kế hoạch thử", period_start=date(2025, 1, 1))
        p.fields.append(Field(code="1", name="Giáo dục - đào tạo"))
        s.add(p)
        s.flush()
        return p.id


def test_every_record_has_uuid_timestamps_and_version(bare_db, plan: str) -> None:
    with bare_db.transaction() as s:
        c = create_candidate(s, plan_id=plan, kind="individual", name="nguyễn thị hằng", birth_year=1985)
        cid = c.id
    with bare_db.session() as s:
        c = s.get(Candidate, cid)
        assert uuid.UUID(c.id).version == 4
        assert c.created_at and c.updated_at and c.version == 1
        assert c.name == "Nguyễn Thị Hằng"
        assert (c.family_name, c.middle_name, c.given_name) == ("Nguyễn", "Thị", "Hằng")
        assert c.search_text == "nguyen thi hang"
        assert c.dup_key == "p|nguyen thi hang|1985"
        assert [h.to_status for h in c.history] == ["registered"]


def test_version_counter_refuses_a_stale_save(bare_db, plan: str) -> None:
    from dienhinh_desktop.errors import StaleRecord

    with bare_db.transaction() as s:
        cid = create_candidate(s, plan_id=plan, kind="individual", name="Lò Văn Pọm").id
    # Two officers open the same record (version 1)…
    with bare_db.session() as s:
        opened_a = s.get(Candidate, cid).version
    with bare_db.session() as s:
        opened_b = s.get(Candidate, cid).version
    # …A saves first…
    with bare_db.transaction() as s:
        update_candidate(s, s.get(Candidate, cid), expected_version=opened_a, ethnicity="Thái")
    # …B's save is refused with a clear message, nothing overwritten.
    with pytest.raises(StaleRecord) as err:
        with bare_db.transaction() as s:
            update_candidate(s, s.get(Candidate, cid), expected_version=opened_b, ethnicity="Tày")
    assert "người khác sửa" in err.value.message
    with bare_db.session() as s:
        c = s.get(Candidate, cid)
        assert (c.ethnicity, c.version) == ("Thái", 2)


def test_concurrent_flush_with_old_version_raises_stale_record(bare_db, plan: str) -> None:
    """The version column itself guards a flush whose row changed underneath it."""
    from sqlalchemy import update

    from dienhinh_desktop.errors import StaleRecord

    with bare_db.transaction() as s:
        cid = create_candidate(s, plan_id=plan, kind="individual", name="Lò Văn Pọm").id
    with pytest.raises(StaleRecord):
        with bare_db.transaction() as s:
            c = s.get(Candidate, cid)
            s.execute(
                update(Candidate)
                .where(Candidate.id == cid)
                .values(version=Candidate.version + 1)
                .execution_options(synchronize_session=False)
            )
            c.ethnicity = "Tày"


def test_unit_tree_and_the_whole_workflow_chain(bare_db, plan: str) -> None:
    with bare_db.transaction() as s:
        commune = s.scalars(select(Unit)).one()
        cell = Unit(name="Chi bộ thôn Nậm Cang", kind="party_cell", parent=commune)
        s.add(cell)
        cset = CriteriaSet(plan_id=plan, name="Tiêu chí chung", applies_kind="individual")
        crit = Criterion(
            text="Chấp hành tốt đường lối…",
            condition="party_member",
            value_type="rating",
            rating_scale=["Hoàn thành xuất sắc", "Hoàn thành tốt"],
            min_rating="Hoàn thành tốt",
        )
        cset.criteria.append(crit)
        s.add(cset)
        c = create_candidate(s, plan_id=plan, kind="individual", name="Giàng A Páo", unit_id=None)
        c.unit = cell
        s.add(CriterionAssessment(candidate=c, criterion=crit, rating="Hoàn thành tốt", appraisal="met"))
        council = Council(name="Hội đồng Thi đua - Khen thưởng xã")
        chair = CouncilMember(full_name="Hoàng Văn Minh", role="chair")
        council.members.append(chair)
        meeting = Meeting(title="Họp bình xét", meeting_date=date(2026, 5, 10), council=council, chair=chair)
        meeting.ballots.append(
            Ballot(candidate=c, title="recognition", issued=9, valid=9, agree=8, disagree=1)
        )
        s.add(meeting)
        d = Decision(number="12-QĐ/ĐU", decision_date=date(2026, 5, 12), meeting_id=None)
        d.entries.append(DecisionEntry(name=c.name, candidate=c, row_no=1))
        s.add(d)
    with bare_db.session() as s:
        c = s.scalars(select(Candidate)).one()
        assert c.unit.parent.name == "Đảng ủy xã Tân Lập"
        assert s.scalars(select(Ballot)).one().candidate.id == c.id
        assert s.scalars(select(DecisionEntry)).one().decision.number == "12-QĐ/ĐU"
        assert s.scalars(select(StatusChange)).one().candidate_id == c.id


def test_collective_has_no_person_fields(bare_db, plan: str) -> None:
    from dienhinh_desktop.errors import UserError

    with bare_db.transaction() as s:
        with pytest.raises(UserError) as err:
            create_candidate(s, plan_id=plan, kind="collective", name="Chi bộ thôn Bản Phố", birth_year=1990)
        assert "chỉ dùng cho cá nhân" in err.value.message
        c = create_candidate(s, plan_id=plan, kind="collective", name="  Chi bộ  thôn Bản Phố ")
        assert c.name == "Chi bộ thôn Bản Phố" and c.given_name is None
        assert c.dup_key == "t|chi bo thon ban pho"


def test_labels_of_enums_sharing_a_value_do_not_collide() -> None:
    from dienhinh_desktop.models.enums import (
        LABELS,
        ActivityKind,
        AwardKind,
        CriterionCondition,
        OfficeLevel,
        UnitKind,
    )

    assert UnitKind.ARMED_FORCES.label == "Lực lượng vũ trang"
    assert CriterionCondition.ARMED_FORCES.label.startswith("áp dụng vì")
    assert (UnitKind.COMMUNE.label, OfficeLevel.COMMUNE.label) == ("Xã, phường", "Cấp xã")
    assert (LABELS[AwardKind.OTHER], LABELS[ActivityKind.OTHER]) == ("Hình thức khác", "Hoạt động khác")
