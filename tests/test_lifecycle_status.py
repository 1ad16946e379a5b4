"""The status pipeline: allowed and refused moves, history, undo, bulk changes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import StatusChange
from dienhinh_desktop.models.enums import CandidateStatus as S
from dienhinh_desktop.services import lifecycle as lc
from tests.test_lifecycle_support import person, s, world  # noqa: F401

ALLOWED = [
    # forward
    ("discovered", "registered", "forward"),
    ("registered", "nurturing", "forward"),
    ("nurturing", "self_assessed", "forward"),
    ("self_assessed", "appraised", "forward"),
    ("appraised", "proposed", "forward"),
    ("appraised", "recognised", "forward"),
    ("appraised", "rewarded", "forward"),
    ("proposed", "recognised", "forward"),
    ("proposed", "rewarded", "forward"),
    ("recognised", "replicating", "forward"),
    ("rewarded", "replicating", "forward"),
    # lateral
    ("recognised", "rewarded", "lateral"),
    ("rewarded", "recognised", "lateral"),
    # one step back (reason required)
    ("registered", "discovered", "back"),
    ("nurturing", "registered", "back"),
    ("self_assessed", "nurturing", "back"),
    ("appraised", "self_assessed", "back"),
    ("proposed", "appraised", "back"),
    ("recognised", "proposed", "back"),
    ("recognised", "appraised", "back"),
    ("rewarded", "proposed", "back"),
    ("replicating", "recognised", "back"),
    ("replicating", "rewarded", "back"),
]
ACTIVE = [s_.value for s_ in S if s_ not in (S.REMOVED, S.REPLACED)]

REFUSED = [
    ("discovered", "nurturing"),
    ("registered", "self_assessed"),
    ("registered", "recognised"),
    ("nurturing", "appraised"),
    ("nurturing", "proposed"),
    ("self_assessed", "proposed"),
    ("self_assessed", "registered"),
    ("proposed", "nurturing"),
    ("replicating", "proposed"),
    ("recognised", "registered"),
]


def _at(s, world, status: str):  # noqa: F811
    return person(s, world, "Lò Văn Minh", status=status)


@pytest.mark.parametrize(("src", "dst", "kind"), ALLOWED)
def test_every_allowed_move(s, world, src: str, dst: str, kind: str) -> None:  # noqa: ANN001, F811
    c = _at(s, world, src)
    assert lc.transition_kind(s, c, dst) == kind
    assert dst in lc.allowed_targets(c)
    reason = "Ban thẩm định trả lại báo cáo" if kind == "back" else None
    change = lc.change_status(s, c, dst, by="Cán bộ B", reason=reason)
    assert c.status == dst
    assert (change.from_status, change.to_status, change.changed_by) == (src, dst, "Cán bộ B")
    assert change.reason == reason
    assert change.changed_at is not None


@pytest.mark.parametrize("src", ACTIVE)
def test_any_active_status_can_be_removed_with_a_reason(s, world, src: str) -> None:  # noqa: ANN001, F811
    c = _at(s, world, src)
    with pytest.raises(UserError) as err:
        lc.change_status(s, c, "removed", by="Cán bộ B", reason="  ")
    assert "lý do" in err.value.message
    assert c.status == src
    lc.change_status(s, c, "removed", by="Cán bộ B", reason="Chuyển công tác")
    assert c.status == "removed" and c.removed_reason == "Chuyển công tác"
    # Removed: the only way out is back to where it was.
    assert lc.allowed_targets(c) == [src]
    lc.change_status(s, c, src, by="Cán bộ B", reason="Rà soát lại, vẫn đạt")
    assert c.status == src and c.removed_reason is None


@pytest.mark.parametrize(("src", "dst"), REFUSED)
def test_sample_of_refused_moves(s, world, src: str, dst: str) -> None:  # noqa: ANN001, F811
    c = _at(s, world, src)
    with pytest.raises(UserError) as err:
        lc.change_status(s, c, dst, by="Cán bộ B", reason="thử")
    msg = err.value.message
    assert err.value.code == "bad_transition"
    assert S(src).label in msg and S(dst).label in msg and "Lò Văn Minh" in msg
    assert c.status == src
    assert len(lc.history(s, c)) == 1


def test_back_step_needs_a_reason(s, world) -> None:  # noqa: ANN001, F811
    c = _at(s, world, "appraised")
    with pytest.raises(UserError) as err:
        lc.change_status(s, c, "self_assessed", by="Cán bộ B", reason=None)
    assert err.value.code == "missing_reason"
    assert "Đã thẩm định" in err.value.message and "Đã tự đánh giá" in err.value.message


def test_replaced_only_through_a_review(s, world) -> None:  # noqa: ANN001, F811
    c = _at(s, world, "nurturing")
    assert "replaced" not in lc.allowed_targets(c)
    with pytest.raises(UserError) as err:
        lc.change_status(s, c, "replaced", by="Cán bộ B", reason="Không đạt")
    assert "rà soát" in err.value.message
    with pytest.raises(UserError):
        lc.change_status(s, c, "appraised", by="x", reason="r")  # not allowed
    with pytest.raises(UserError):
        lc.change_status(s, c, "flying", by="x", reason="r")


def test_restore_only_to_the_status_before_removal(s, world) -> None:  # noqa: ANN001, F811
    c = _at(s, world, "self_assessed")
    lc.change_status(s, c, "removed", by="A", reason="Không đạt tiêu chí")
    for other in ("registered", "nurturing", "appraised", "recognised"):
        with pytest.raises(UserError):
            lc.change_status(s, c, other, by="A", reason="khôi phục")
    with pytest.raises(UserError) as err:
        lc.change_status(s, c, "self_assessed", by="A", reason="")
    assert err.value.code == "missing_reason"
    lc.change_status(s, c, "self_assessed", by="A", reason="Khôi phục theo kết luận rà soát")
    assert c.status == "self_assessed"


def test_history_rows_carry_who_when_why(s, world) -> None:  # noqa: ANN001, F811
    c = person(s, world, "Giàng Thị Mai")
    lc.change_status(s, c, "nurturing", by="Cán bộ B", reason="Phân công phụ trách")
    lc.change_status(s, c, "self_assessed", by="Cán bộ C", reason=None, ref_type="meeting", ref_id="m-1")
    rows = lc.history(s, c)
    assert [(r.from_status, r.to_status) for r in rows] == [
        (None, "registered"),
        ("registered", "nurturing"),
        ("nurturing", "self_assessed"),
    ]
    assert [r.changed_by for r in rows] == ["Cán bộ A", "Cán bộ B", "Cán bộ C"]
    assert rows[1].reason == "Phân công phụ trách"
    assert (rows[2].ref_type, rows[2].ref_id) == ("meeting", "m-1")
    assert rows[0].changed_at < rows[1].changed_at < rows[2].changed_at
    dicts = lc.history_to_dicts(s, c)
    assert dicts[1]["to_label"] == "Đang bồi dưỡng"


def test_undo_and_undo_twice(s, world) -> None:  # noqa: ANN001, F811
    c = person(s, world, "Sùng A Páo")
    first = lc.change_status(s, c, "nurturing", by="A", reason=None)
    second = lc.change_status(s, c, "self_assessed", by="A", reason=None)

    undo1 = lc.undo_last_change(s, c, by="B")
    assert c.status == "nurturing"
    assert second.undone is True and first.undone is False
    assert (undo1.from_status, undo1.to_status, undo1.changed_by) == ("self_assessed", "nurturing", "B")
    assert undo1.reason.startswith("Hoàn tác:") and "Đã tự đánh giá" in undo1.reason
    assert undo1.ref_type == "undo" and undo1.ref_id == second.id

    undo2 = lc.undo_last_change(s, c, by="B")
    assert c.status == "registered"
    assert first.undone is True
    assert undo2.ref_id == first.id

    # The registration line cannot be undone.
    with pytest.raises(UserError) as err:
        lc.undo_last_change(s, c, by="B")
    assert err.value.code == "cannot_undo"
    rows = list(s.scalars(select(StatusChange).where(StatusChange.candidate_id == c.id)))
    assert len(rows) == 5  # nothing deleted: 1 registration + 2 changes + 2 undo lines

    # A new change after undoing, then undo it again.
    lc.change_status(s, c, "nurturing", by="A", reason=None)
    lc.undo_last_change(s, c, by="A")
    assert c.status == "registered"


def test_undo_removal_and_undo_restore(s, world) -> None:  # noqa: ANN001, F811
    c = _at(s, world, "nurturing")
    lc.change_status(s, c, "removed", by="A", reason="Chuyển đi nơi khác")
    lc.change_status(s, c, "nurturing", by="A", reason="Quay về địa phương")
    lc.undo_last_change(s, c, by="A")  # undo the restore
    assert c.status == "removed" and c.removed_reason == "Chuyển đi nơi khác"
    assert lc.allowed_targets(c) == ["nurturing"]
    lc.undo_last_change(s, c, by="A")  # undo the removal
    assert c.status == "nurturing" and c.removed_reason is None


def test_bulk_all_or_nothing(s, world) -> None:  # noqa: ANN001, F811
    a = person(s, world, "Hoàng Văn An", status="nurturing")
    b = person(s, world, "Lý Thị Bình", status="nurturing")
    c = person(s, world, "Vàng A Chứ", status="registered")
    with pytest.raises(UserError) as err:
        lc.bulk_change_status(s, [a.id, b.id, c.id], "self_assessed", "Cán bộ B", "Đã nộp báo cáo")
    assert "Vàng A Chứ" in err.value.message and "Hoàng Văn An" not in err.value.message
    assert (a.status, b.status, c.status) == ("nurturing", "nurturing", "registered")
    assert len(lc.history(s, a)) == 1

    done = lc.bulk_change_status(s, [a.id, b.id], "self_assessed", "Cán bộ B", "Đã nộp báo cáo")
    assert set(done["changed"]) == {a.id, b.id} and done["unchanged"] == []
    assert a.status == b.status == "self_assessed"
    assert lc.history(s, b)[-1].reason == "Đã nộp báo cáo"

    same = lc.bulk_change_status(s, [a.id], "self_assessed", "Cán bộ B", None)
    assert same["changed"] == [] and same["unchanged"] == [a.id]


def test_bulk_removal_without_reason_is_refused(s, world) -> None:  # noqa: ANN001, F811
    a = person(s, world, "Hoàng Văn An", status="nurturing")
    with pytest.raises(UserError) as err:
        lc.bulk_change_status(s, [a.id], "removed", "Cán bộ B", None)
    assert "lý do" in err.value.message
    with pytest.raises(UserError) as err:
        lc.bulk_change_status(s, [a.id, "khong-co"], "self_assessed", "B", None)
    assert err.value.code == "not_found"
    assert a.status == "nurturing"
