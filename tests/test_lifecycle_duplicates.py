"""Duplicates across units and plans, and a merge that keeps every history row."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from sqlalchemy import func, select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import (
    Activity,
    ActivityCandidate,
    Attachment,
    Ballot,
    Candidate,
    CriteriaSet,
    Criterion,
    CriterionAssessment,
    Decision,
    DecisionEntry,
    Meeting,
    MentorAssignment,
    NurturingNote,
    Plan,
    Proposal,
    ProposalItem,
    Recognition,
    StatusChange,
)
from dienhinh_desktop.services import lifecycle as lc
from dienhinh_desktop.services.duplicates import (
    duplicate_groups,
    find_duplicates_for,
    merge_candidates,
    same_name,
)
from dienhinh_desktop.services.nurturing import add_note, assign_mentor, set_nurturing_plan
from tests.test_lifecycle_support import collective, person, s, world  # noqa: F401


def test_same_person_by_two_units(s, world) -> None:  # noqa: ANN001, F811
    a = person(s, world, "Nguyễn Thị Hằng", year=1980, unit=world.cell_a)
    b = person(s, world, "Nguyễn  Thị   Hằng", year=1980, unit=world.cell_b)
    c = person(s, world, unicodedata.normalize("NFD", "Nguyễn Thị Hằng"), year=1980, unit=world.school)
    person(s, world, "Nguyễn Thị Hằng", year=1981, unit=world.school)  # another person
    person(s, world, "Nguyễn Thị Lan", year=1980)
    assert {x.id for x in find_duplicates_for(s, a)} == {b.id, c.id}
    assert same_name(a, b) and same_name(a, c)
    (group,) = duplicate_groups(s, world.plan.id)
    assert {x.id for x in group} == {a.id, b.id, c.id}
    # The form's values, before saving.
    found = find_duplicates_for(s, {"kind": "individual", "name": "nguyễn thị hằng", "birth_year": "1980"})
    assert {x.id for x in found} == {a.id, b.id, c.id}
    assert find_duplicates_for(s, {"kind": "individual", "name": "Nguyễn Thị Hằng", "birth_year": 1979}) == []
    # Without accents the key still matches: flagged, but not the same name letter for letter.
    bare = person(s, world, "NGUYEN THI HANG", year=1980, unit=world.school)
    assert bare in find_duplicates_for(s, a) and not same_name(a, bare)
    # A household headed by the same person is another subject.
    assert (
        find_duplicates_for(s, {"kind": "household", "name": "Hộ bà Nguyễn Thị Hằng", "birth_year": 1980})
        == []
    )


def test_same_collective_in_two_plans(s, world) -> None:  # noqa: ANN001, F811
    old_plan = Plan(name="Kế hoạch 2021-2025", period_start=date(2021, 1, 1))
    s.add(old_plan)
    s.flush()
    old = collective(s, world, "Hợp tác xã chè Tân Lập", plan=old_plan)
    new = collective(s, world, "HỢP TÁC XÃ CHÈ  TÂN LẬP", unit=world.cell_b)
    collective(s, world, "Hợp tác xã chè Bản Sài")
    assert [x.id for x in find_duplicates_for(s, new)] == [old.id]
    assert len(duplicate_groups(s)) == 1
    assert len(duplicate_groups(s, world.plan.id)) == 1
    third = Plan(name="Kế hoạch khác")
    s.add(third)
    s.flush()
    assert duplicate_groups(s, third.id) == []
    # A removed record is still named by the form's check, not in the groups by default.
    lc.change_status(s, old, "removed", by="A", reason="Hết giai đoạn")
    assert [x.id for x in find_duplicates_for(s, new)] == [old.id]
    assert find_duplicates_for(s, new, include_inactive=False) == []
    assert duplicate_groups(s) == []
    assert len(duplicate_groups(s, include_inactive=True)) == 1


def test_merge_keeps_every_history_row(s, world) -> None:  # noqa: ANN001, F811
    keep = person(s, world, "Lò Văn Minh", year=1975, unit=world.cell_a, status="nurturing")
    drop = person(
        s,
        world,
        "Lò  Văn Minh",
        year=1975,
        unit=world.cell_b,
        phone="0912345678",
        ethnicity="Thái",
        registration_content="Mô hình nuôi cá lồng",
    )
    lc.change_status(s, drop, "nurturing", by="Cán bộ B", reason="Phân công")
    assign_mentor(s, keep, "Cán bộ Một", assigned_on=date(2026, 1, 5))
    assign_mentor(s, drop, "Cán bộ Hai", assigned_on=date(2026, 1, 6))
    add_note(s, keep, "Thăm mô hình lần 1", note_date=date(2026, 2, 1))
    add_note(s, drop, "Thăm mô hình lần 2", note_date=date(2026, 2, 2))
    set_nurturing_plan(s, drop, goals="Mở rộng quy mô", activities="Tập huấn")

    cs = CriteriaSet(plan_id=world.plan.id, name="Tiêu chí chung")
    c1, c2 = Criterion(text="Tiêu chí 1"), Criterion(text="Tiêu chí 2")
    cs.criteria.extend([c1, c2])
    s.add(cs)
    s.flush()
    s.add_all(
        [
            CriterionAssessment(candidate_id=keep.id, criterion_id=c1.id, self_text="Của hồ sơ giữ"),
            CriterionAssessment(
                candidate_id=drop.id, criterion_id=c1.id, self_text="Của hồ sơ gộp", appraisal_comment="Đạt"
            ),
            CriterionAssessment(candidate_id=drop.id, criterion_id=c2.id, self_text="Chỉ hồ sơ gộp có"),
        ]
    )
    decision = Decision(number="12-QĐ/ĐU", plan_id=world.plan.id)
    decision.entries.append(DecisionEntry(candidate_id=drop.id, name="Lò Văn Minh"))
    meeting = Meeting(plan_id=world.plan.id, title="Họp bình xét", meeting_date=date(2026, 3, 1))
    proposal = Proposal(plan_id=world.plan.id, title="Đề nghị công nhận")
    activity = Activity(title="Tọa đàm", activity_date=date(2026, 4, 1))
    s.add_all([decision, meeting, proposal, activity])
    s.flush()
    s.add_all(
        [
            Recognition(candidate_id=drop.id, title="Giấy khen", year=2024, source="manual"),
            Attachment(
                owner_type="candidate",
                owner_id=drop.id,
                candidate_id=drop.id,
                file_name="anh.jpg",
                stored_path="attachments/ab/abc",
                sha256="abc",
            ),
            Ballot(meeting_id=meeting.id, candidate_id=drop.id, agree=9),
            ProposalItem(proposal_id=proposal.id, candidate_id=drop.id),
            ActivityCandidate(activity_id=activity.id, candidate_id=drop.id),
        ]
    )
    s.flush()
    keep_id, drop_id = keep.id, drop.id
    total_history = s.scalar(select(func.count()).select_from(StatusChange))

    kept = merge_candidates(s, keep_id, drop_id, by="Cán bộ C", reason="Hai chi bộ cùng đăng ký")
    assert kept is keep
    s.expire_all()
    keep, drop = s.get(Candidate, keep_id), s.get(Candidate, drop_id)

    # Nothing deleted: every earlier history row is kept (moved), plus one line on each record.
    assert s.scalar(select(func.count()).select_from(StatusChange)) == total_history + 2
    keep_rows = lc.history(s, keep)
    assert len(keep_rows) == total_history + 1
    assert keep_rows[-1].reason.startswith("Gộp hồ sơ trùng «Lò Văn Minh» (Chi bộ thôn Bản Sài")
    assert keep_rows[-1].reason.endswith("Hai chi bộ cùng đăng ký")
    assert keep_rows[-1].changed_by == "Cán bộ C"
    (drop_row,) = lc.history(s, drop)
    assert drop_row.to_status == "removed" and drop_row.reason.startswith("Gộp vào hồ sơ «Lò Văn Minh»")
    assert drop.status == "removed" and drop.merged_into_id == keep_id
    assert drop.removed_reason.startswith("Gộp vào hồ sơ")

    for model in (
        MentorAssignment,
        NurturingNote,
        Recognition,
        DecisionEntry,
        Ballot,
        ProposalItem,
        ActivityCandidate,
    ):
        rows = list(s.scalars(select(model).where(model.candidate_id.in_([keep_id, drop_id]))))
        assert rows and all(r.candidate_id == keep_id for r in rows), model.__name__
    assert len(list(s.scalars(select(MentorAssignment).where(MentorAssignment.candidate_id == keep_id)))) == 2
    att = s.scalars(select(Attachment)).one()
    assert (att.candidate_id, att.owner_id) == (keep_id, keep_id)
    assert keep.nurturing_plan is not None and keep.nurturing_plan.goals == "Mở rộng quy mô"
    assessments = {
        a.criterion_id: a
        for a in s.scalars(select(CriterionAssessment).where(CriterionAssessment.candidate_id == keep_id))
    }
    assert assessments[c1.id].self_text == "Của hồ sơ giữ"
    assert "Của hồ sơ gộp" in assessments[c1.id].appraisal_comment
    assert assessments[c2.id].self_text == "Chỉ hồ sơ gộp có"
    # The conflicting assessment stays on the dropped record: nothing deleted.
    assert s.scalar(select(func.count()).select_from(CriterionAssessment)) == 3
    # Empty fields filled from the dropped record, the kept values win otherwise.
    assert (keep.phone, keep.ethnicity, keep.unit_id) == ("0912345678", "Thái", world.cell_a.id)
    assert keep.registration_content == "Mô hình nuôi cá lồng"
    # No more duplicate; the merge is not undoable and the merged record not restorable.
    assert duplicate_groups(s, world.plan.id, include_inactive=True) == []
    with pytest.raises(UserError):
        lc.undo_last_change(s, keep, by="A")
    assert lc.allowed_targets(drop) == []
    with pytest.raises(UserError):
        merge_candidates(s, keep_id, drop_id, by="A", reason=None)


def test_merge_refuses_nonsense(s, world) -> None:  # noqa: ANN001, F811
    a = person(s, world, "Lò Văn Minh")
    b = collective(s, world, "Lò Văn Minh")
    with pytest.raises(UserError):
        merge_candidates(s, a.id, a.id, by="A")
    with pytest.raises(UserError):
        merge_candidates(s, a.id, b.id, by="A")
    with pytest.raises(UserError):
        merge_candidates(s, a.id, "khong-co", by="A")
