"""Deadlines from plan phases with a fixed today: late, due this month, upcoming, done,
recurring phases expanded into concrete due dates."""

from __future__ import annotations

from datetime import date

import pytest

from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import PlanPhase
from dienhinh_desktop.services.deadlines import (
    add_months,
    deadline_items,
    mark_done,
    mark_undone,
    occurrences,
)
from tests.test_lifecycle_support import s, world  # noqa: F401


def _phase(s, world, **values) -> PlanPhase:  # noqa: F811
    phase = PlanPhase(plan_id=world.plan.id, **values)
    s.add(phase)
    s.flush()
    return phase


def test_one_off_deadline_states(s, world) -> None:  # noqa: ANN001, F811
    reg = _phase(
        s,
        world,
        name="Gửi danh sách đăng ký các điển hình tiên tiến",
        kind="registration",
        deadline=date(2026, 2, 25),
    )
    rep = _phase(s, world, name="Báo cáo kết quả lựa chọn", kind="report", deadline=date(2026, 3, 20))
    far = _phase(
        s,
        world,
        name="Sơ kết giai đoạn",
        kind="ceremony",
        start_date=date(2028, 1, 1),
        end_date=date(2028, 12, 31),
    )
    _phase(
        s,
        world,
        name="Giai đoạn 2025-2028",
        kind="phase",
        start_date=date(2025, 1, 1),
        end_date=date(2028, 12, 31),
    )
    _phase(s, world, name="Xây dựng kế hoạch bồi dưỡng", kind="nurture")  # no date at all

    items = deadline_items(s, world.plan.id, date(2026, 3, 9))
    by_phase = {i.phase_id: i for i in items}
    assert len(items) == 3  # the plain period and the undated phase are left out
    assert by_phase[reg.id].state == "late"
    assert by_phase[reg.id].days == -12
    assert (
        by_phase[reg.id].label
        == "Gửi danh sách đăng ký các điển hình tiên tiến: 25/02/2026 — quá hạn 12 ngày"
    )
    assert by_phase[rep.id].state == "due_this_month"
    assert by_phase[rep.id].label.endswith("20/03/2026 — còn 11 ngày")
    assert by_phase[far.id].state == "upcoming" and by_phase[far.id].due == date(2028, 12, 31)
    assert [i.state for i in items] == ["late", "due_this_month", "upcoming"]

    mark_done(s, reg.id, date(2026, 3, 10))
    item = next(i for i in deadline_items(s, world.plan.id, date(2026, 3, 11)) if i.phase_id == reg.id)
    assert item.state == "done"
    assert item.label.endswith("— đã xong ngày 10/03/2026")
    assert all(
        i.state != "done" for i in deadline_items(s, world.plan.id, date(2026, 3, 11), include_done=False)
    )
    mark_undone(s, reg.id)
    assert (
        next(i for i in deadline_items(s, world.plan.id, date(2026, 3, 11)) if i.phase_id == reg.id).state
        == "late"
    )


def test_due_today_and_soon_next_month(s, world) -> None:  # noqa: ANN001, F811
    _phase(s, world, name="Hạn hôm nay", kind="report", deadline=date(2026, 3, 31))
    _phase(s, world, name="Đầu tháng sau", kind="report", deadline=date(2026, 4, 3))
    _phase(s, world, name="Tháng sau nữa", kind="report", deadline=date(2026, 5, 20))
    items = {i.name: i for i in deadline_items(s, world.plan.id, date(2026, 3, 31))}
    assert items["Hạn hôm nay"].state == "due_this_month"
    assert items["Hạn hôm nay"].label.endswith("— hạn cuối hôm nay")
    assert items["Đầu tháng sau"].state == "due_this_month"
    assert items["Tháng sau nữa"].state == "upcoming"


def test_recurring_periods_expanded(s, world) -> None:  # noqa: ANN001, F811
    semi = _phase(s, world, name="Báo cáo kết quả thực hiện 6 tháng", kind="report", recurrence="semiannual")
    dues = occurrences(semi, world.plan, today=date(2026, 3, 1))
    assert dues[:4] == [date(2025, 6, 30), date(2025, 12, 31), date(2026, 6, 30), date(2026, 12, 31)]
    assert dues[-1] == date(2030, 12, 31)
    quarterly = _phase(
        s,
        world,
        name="Công nhận điển hình cấp cơ sở",
        kind="recognition",
        recurrence="quarterly",
        start_date=date(2026, 1, 1),
    )
    assert occurrences(quarterly, world.plan, today=date(2026, 3, 1))[:3] == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
    ]
    monthly = _phase(
        s, world, name="Hằng tháng", kind="recognition", recurrence="monthly", start_date=date(2026, 1, 15)
    )
    assert occurrences(monthly, world.plan, today=date(2026, 3, 1))[:3] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]
    # Anchored: "tháng 12 hằng năm, từ năm 2026" (seed 002).
    yearly = _phase(
        s,
        world,
        name="Đề nghị công nhận cấp tỉnh",
        kind="proposal",
        recurrence="yearly",
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 31),
    )
    assert occurrences(yearly, world.plan, today=date(2026, 3, 1)) == [
        date(y, 12, 31) for y in range(2026, 2031)
    ]
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_recurring_items_late_next_and_mark_done(s, world) -> None:  # noqa: ANN001, F811
    semi = _phase(s, world, name="Báo cáo kết quả thực hiện 6 tháng", kind="report", recurrence="semiannual")
    items = [i for i in deadline_items(s, world.plan.id, date(2026, 3, 1)) if i.phase_id == semi.id]
    assert [(i.state, i.due) for i in items] == [("late", date(2025, 6, 30)), ("upcoming", date(2026, 6, 30))]
    assert items[0].late_count == 2
    assert items[0].label == (
        "Báo cáo kết quả thực hiện 6 tháng (6 tháng đầu năm 2025): 30/06/2025 — quá hạn 244 ngày; 2 kỳ chưa xong"
    )
    assert items[1].period_label == "6 tháng đầu năm 2026"

    mark_done(s, semi.id, date(2025, 7, 5))  # the first half-year, sent late
    mark_done(s, semi.id, date(2026, 1, 10))  # the second one
    items = [i for i in deadline_items(s, world.plan.id, date(2026, 3, 1)) if i.phase_id == semi.id]
    assert [(i.state, i.due) for i in items] == [("upcoming", date(2026, 6, 30))]
    # The current half-year has begun: it can be marked done early.
    mark_done(s, semi.id, date(2026, 3, 1))
    items = [i for i in deadline_items(s, world.plan.id, date(2026, 3, 1)) if i.phase_id == semi.id]
    assert [(i.state, i.due) for i in items] == [("upcoming", date(2026, 12, 31))]
    # The next half-year has not begun yet.
    with pytest.raises(UserError) as err:
        mark_done(s, semi.id, date(2026, 3, 2))
    assert "chưa bắt đầu" in err.value.message
    mark_undone(s, semi.id)
    assert semi.done_on == date(2025, 12, 31)


def test_recurring_all_done_shows_last(s, world) -> None:  # noqa: ANN001, F811
    world.plan.period_end = date(2026, 12, 31)
    yearly = _phase(
        s, world, name="Báo cáo năm", kind="report", recurrence="yearly", start_date=date(2026, 1, 1)
    )
    mark_done(s, yearly.id, date(2026, 12, 20))
    assert yearly.done is True
    (item,) = [i for i in deadline_items(s, world.plan.id, date(2027, 1, 5)) if i.phase_id == yearly.id]
    assert (item.state, item.period_label) == ("done", "năm 2026")
    with pytest.raises(UserError):
        mark_done(s, yearly.id, date(2027, 1, 6))
