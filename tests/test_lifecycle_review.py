"""Nurturing (mentor, plan, notes) and the periodic review (keep, remove, replace, restore)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import Candidate, ReviewItem
from dienhinh_desktop.services import lifecycle as lc
from dienhinh_desktop.services import nurturing as nu
from dienhinh_desktop.services import review as rv
from tests.test_lifecycle_support import person, s, world  # noqa: F401


def test_assign_mentor_ends_previous_and_offers_nurturing(s, world) -> None:  # noqa: ANN001, F811
    c = person(s, world, "Vàng Thị Dung")
    first = nu.assign_mentor(
        s, c, "Nguyễn Văn Phụ Trách", position="Phó Bí thư", assigned_on=date(2026, 1, 10)
    )
    assert first.suggest_status == "nurturing"
    assert "Đang bồi dưỡng" in first.hint and "Nguyễn Văn Phụ Trách" in first.hint
    assert c.status == "registered"  # offered, not forced
    assert nu.candidates_without_mentor(s, world.plan.id) == []

    lc.change_status(s, c, first.suggest_status, by="A", reason="Đã phân công phụ trách")
    second = nu.assign_mentor(s, c, "Trần Thị Mới", assigned_on=date(2026, 3, 1))
    assert second.hint is None and second.suggest_status is None
    assert second.ended == [first.assignment]
    assert first.assignment.active is False and first.assignment.ended_on == date(2026, 3, 1)
    assert nu.active_mentor(s, c).mentor_name == "Trần Thị Mới"
    assert [m.mentor_name for m in nu.list_mentors(s, c)] == ["Nguyễn Văn Phụ Trách", "Trần Thị Mới"]
    with pytest.raises(UserError):
        nu.assign_mentor(s, c, "   ")
    nu.end_mentor(s, second.assignment, date(2026, 6, 1))
    assert nu.candidates_without_mentor(s, world.plan.id) == [c]


def test_nurturing_plan_and_notes(s, world) -> None:  # noqa: ANN001, F811
    c = person(s, world, "Vàng Thị Dung", status="nurturing")
    plan = nu.set_nurturing_plan(
        s,
        c,
        goals="Nhân rộng mô hình",
        activities="Tập huấn; tham quan",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    again = nu.set_nurturing_plan(
        s,
        c,
        goals="Mục tiêu mới",
        activities="Tập huấn",
        start_date=date(2026, 1, 1),
        end_date=date(2027, 6, 30),
    )
    assert again is plan and nu.get_nurturing_plan(s, c).goals == "Mục tiêu mới"
    with pytest.raises(UserError) as err:
        nu.set_nurturing_plan(s, c, start_date=date(2026, 5, 1), end_date=date(2026, 1, 1))
    assert "01/01/2026" in err.value.message
    nu.add_note(s, c, "Thăm hộ lần 1", note_date=date(2026, 2, 1), author="Cán bộ A")
    nu.add_note(s, c, "Thăm hộ lần 2", note_date=date(2026, 4, 1))
    assert [n.content for n in nu.list_notes(s, c)] == ["Thăm hộ lần 2", "Thăm hộ lần 1"]
    assert [n.content for n in nu.list_notes(s, c, newest_first=False)][0] == "Thăm hộ lần 1"
    with pytest.raises(UserError):
        nu.add_note(s, c, "  ")


def test_review_keep_remove_replace_restore(s, world) -> None:  # noqa: ANN001, F811
    keep = person(s, world, "Người Giữ Lại", status="nurturing")
    gone = person(s, world, "Người Bị Loại", status="nurturing")
    old = person(s, world, "Người Được Thay", status="nurturing", field_id=None)
    review = rv.create_review(
        s, world.plan.id, date(2026, 6, 30), "Rà soát 6 tháng đầu năm 2026", "Ban Xây dựng Đảng"
    )
    assert rv.list_reviews(s, world.plan.id) == [review]

    rv.review_keep(s, review, keep, "Tiến bộ tốt")
    assert keep.status == "nurturing"
    with pytest.raises(UserError):
        rv.review_keep(s, review, keep)  # already reviewed in this review

    with pytest.raises(UserError):
        rv.review_remove(s, review, gone, "")
    rv.review_remove(s, review, gone, "Không đạt tiêu chí")
    assert gone.status == "removed" and gone.removed_reason == "Không đạt tiêu chí"
    last = lc.history(s, gone)[-1]
    assert (last.ref_type, last.ref_id, last.changed_by) == ("review", review.id, "Ban Xây dựng Đảng")
    assert last.reason == "Rà soát ngày 30/06/2026: Không đạt tiêu chí"

    with pytest.raises(UserError):
        rv.review_replace(s, review, old, "Chuyển công tác", None)
    item = rv.review_replace(
        s, review, old, "Chuyển công tác", {"name": "Người Thay Thế", "birth_year": 1990}, by="Cán bộ A"
    )
    new = item.replacement
    assert old.status == "replaced" and new.replaces_id == old.id
    assert (new.kind, new.unit_id, new.plan_id, new.status) == (
        "individual",
        old.unit_id,
        old.plan_id,
        "registered",
    )
    assert "Người Được Thay" in lc.history(s, new)[0].reason
    assert "thay bằng «Người Thay Thế»" in lc.history(s, old)[-1].reason
    assert rv.replacement_of(s, old) is new

    assert {c.id for c in rv.removed_candidates(s, world.plan.id)} == {gone.id, old.id}
    assert s.scalar(select(func.count()).select_from(ReviewItem)) == 3
    assert s.scalar(select(func.count()).select_from(Candidate)) == 4  # nothing deleted

    with pytest.raises(UserError):
        rv.restore(s, keep, "A", "không cần")
    with pytest.raises(UserError):
        rv.restore(s, gone, "A", "")
    rv.restore(s, gone, "Cán bộ A", "Bổ sung minh chứng, đạt tiêu chí")
    assert gone.status == "nurturing" and gone.removed_reason is None
    rv.restore(s, old, "Cán bộ A", "Rà soát nhầm")
    assert old.status == "nurturing"
    assert rv.removed_candidates(s, world.plan.id) == []


def test_replace_with_an_existing_candidate(s, world) -> None:  # noqa: ANN001, F811
    old = person(s, world, "Người Cũ", status="registered")
    new = person(s, world, "Người Mới", status="discovered")
    review = rv.create_review(s, world.plan.id, date=date(2026, 6, 30), title=None, reviewer="A")
    assert review.title == "Rà soát danh sách điển hình ngày 30/06/2026"
    with pytest.raises(UserError):
        rv.review_replace(s, review, old, "Không phù hợp", old)
    item = rv.review_replace(s, review, old, "Không phù hợp", new)
    assert item.outcome == "replace" and item.replacement_id == new.id
    assert new.replaces_id == old.id and old.status == "replaced"
    # A second replacement in the same review is refused, nothing changes.
    other = person(s, world, "Người Khác")
    with pytest.raises(UserError):
        rv.review_replace(s, review, other, "Lý do", new)
    assert other.status == "registered"
