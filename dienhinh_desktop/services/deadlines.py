"""Deadlines (hạn, mốc thời gian) from a plan's phases, for the home page and reminders.

A phase with a ``deadline`` is due that day; otherwise a phase of a kind other than
``phase`` (registration, report, ceremony…) is due on its ``end_date``. A plain ``phase``
row (a period such as "Giai đoạn 1: 2021 - 2023") has no deadline of its own and is left
out unless it carries a ``deadline``.

Recurring phases (``recurrence`` monthly / quarterly / semiannual / yearly — recognition at
the grassroots, 6-monthly and yearly reports) are expanded into concrete due dates:

- anchored: when the phase has a deadline or an end date, that date is the first due
  date and the following ones come every 1 / 3 / 6 / 12 months
  (seed 002: "tháng 12 hằng năm, từ năm 2026" → 31/12/2026, 31/12/2027, …);
- otherwise the ends of the calendar periods (end of month, quarter, half-year, year)
  from the phase's start (or the plan's) to the plan's end.

For a recurring phase ``done_on`` means "done up to the occurrence due on that day": an
occurrence is done when its due date is on or before ``done_on``; ``mark_done`` moves it
one occurrence on. ``done`` becomes True when the last occurrence of the plan is done.

States: ``late`` (due date passed, not done), ``due_this_month`` (due in the current
calendar month or within the next 14 days), ``upcoming``, ``done``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Plan, PlanPhase
from ..text import fmt_date

STEP_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "yearly": 12}
SOON_DAYS = 14
MAX_OCCURRENCES = 600
STATE_ORDER = {"late": 0, "due_this_month": 1, "upcoming": 2, "done": 3}
STATE_LABELS = {
    "late": "Quá hạn",
    "due_this_month": "Đến hạn trong tháng",
    "upcoming": "Sắp tới",
    "done": "Đã xong",
}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass
class DeadlineItem:
    phase_id: str
    plan_id: str
    name: str
    kind: str
    due: date
    state: str  # late / due_this_month / upcoming / done
    days: int  # days left (negative: days late)
    label: str
    recurrence: str | None = None
    period_label: str | None = None  # "quý I/2026", "năm 2026" for recurring phases
    late_count: int = 0  # recurring: how many occurrences are late
    responsible: str | None = None
    done_on: date | None = None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    def to_dict(self) -> dict[str, Any]:
        return {
            "phase_id": self.phase_id,
            "plan_id": self.plan_id,
            "name": self.name,
            "kind": self.kind,
            "due": self.due,
            "state": self.state,
            "days": self.days,
            "label": self.label,
            "recurrence": self.recurrence,
            "period": self.period_label,
            "late_count": self.late_count,
            "responsible": self.responsible,
            "done_on": self.done_on,
        }


# --- dates ------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int, *, keep_month_end: bool = False) -> date:
    """``d`` moved by whole months; the day is clamped to the month's length."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if keep_month_end and d.day == calendar.monthrange(d.year, d.month)[1]:
        return date(year, month, last)
    return date(year, month, min(d.day, last))


def period_label(due: date, recurrence: str | None) -> str | None:
    if recurrence == "monthly":
        return f"tháng {due.month:02d}/{due.year}"
    if recurrence == "quarterly":
        return f"quý {ROMAN[(due.month - 1) // 3 + 1]}/{due.year}"
    if recurrence == "semiannual":
        return f"6 tháng {'đầu' if due.month <= 6 else 'cuối'} năm {due.year}"
    if recurrence == "yearly":
        return f"năm {due.year}"
    return None


def _first_period_end(start: date, step: int) -> date:
    month = ((start.month - 1) // step + 1) * step
    return _month_end(start.year, month)


def occurrences(phase: PlanPhase, plan: Plan | None, *, today: date) -> list[date]:
    """The concrete due dates of a phase (one for a plain phase, none without a date)."""
    step = STEP_MONTHS.get(phase.recurrence or "")
    anchor = phase.deadline or (phase.end_date if phase.kind != "phase" else None)
    if step is None:
        return [anchor] if anchor else []
    end = plan.period_end if plan and plan.period_end else None
    if end is None:
        end = max(today, anchor or today) + timedelta(days=366)
    if anchor is not None:
        first, month_end = anchor, anchor == _month_end(anchor.year, anchor.month)
    else:
        start = phase.start_date or (plan.period_start if plan else None) or date(today.year, 1, 1)
        first, month_end = _first_period_end(start, step), True
    out: list[date] = []
    k = 0
    while len(out) < MAX_OCCURRENCES:
        due = add_months(first, step * k, keep_month_end=month_end)
        if due > end and out:
            break
        out.append(due)
        if due > end:
            break
        k += 1
    return out


# --- items ------------------------------------------------------------------------------


def _state(due: date, today: date, done: bool) -> str:
    if done:
        return "done"
    if due < today:
        return "late"
    if (due.year, due.month) == (today.year, today.month) or (due - today).days <= SOON_DAYS:
        return "due_this_month"
    return "upcoming"


def _label(
    name: str, period: str | None, due: date, state: str, days: int, done_on: date | None, late_count: int
) -> str:
    head = f"{name} ({period})" if period else name
    if state == "done":
        tail = f"đã xong ngày {fmt_date(done_on)}" if done_on else "đã xong"
    elif state == "late":
        tail = f"quá hạn {-days} ngày"
        if late_count > 1:
            tail += f"; {late_count} kỳ chưa xong"
    elif days == 0:
        tail = "hạn cuối hôm nay"
    else:
        tail = f"còn {days} ngày"
    return f"{head}: {fmt_date(due)} — {tail}"


def _item(phase: PlanPhase, due: date, today: date, done: bool, *, late_count: int = 0) -> DeadlineItem:
    state = _state(due, today, done)
    days = (due - today).days
    recurring = phase.recurrence in STEP_MONTHS
    period = period_label(due, phase.recurrence) if recurring else None
    done_on = phase.done_on if (done and not recurring) else None
    return DeadlineItem(
        phase_id=phase.id,
        plan_id=phase.plan_id,
        name=phase.name,
        kind=phase.kind,
        due=due,
        state=state,
        days=days,
        label=_label(phase.name, period, due, state, days, done_on, late_count),
        recurrence=phase.recurrence if recurring else None,
        period_label=period,
        late_count=late_count if state == "late" else 0,
        responsible=phase.responsible,
        done_on=done_on,
    )


def phase_items(phase: PlanPhase, plan: Plan | None, today: date) -> list[DeadlineItem]:
    dues = occurrences(phase, plan, today=today)
    if not dues:
        return []
    if phase.recurrence not in STEP_MONTHS:
        return [_item(phase, dues[0], today, bool(phase.done))]
    through = phase.done_on

    def is_done(d: date) -> bool:
        return bool(phase.done) or (through is not None and d <= through)

    items: list[DeadlineItem] = []
    late = [d for d in dues if d < today and not is_done(d)]
    if late:
        items.append(_item(phase, late[0], today, False, late_count=len(late)))
    upcoming = next((d for d in dues if d >= today and not is_done(d)), None)
    if upcoming is not None:
        items.append(_item(phase, upcoming, today, False))
    if not items:
        done = [d for d in dues if is_done(d)]
        if done:
            items.append(_item(phase, done[-1], today, True))
    return items


def deadline_items(
    session: Session,
    plan_id: str,
    today: date | None = None,
    *,
    include_done: bool = True,
) -> list[DeadlineItem]:
    """The plan's deadlines: late first (most overdue first), then due this month, upcoming,
    done. ``today`` defaults to the computer's date."""
    today = today or date.today()
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError(f"Không tìm thấy kế hoạch «{plan_id}».", code="not_found")
    phases = session.scalars(
        select(PlanPhase).where(PlanPhase.plan_id == plan_id).order_by(PlanPhase.sort_order)
    )
    items = [item for phase in phases for item in phase_items(phase, plan, today)]
    if not include_done:
        items = [i for i in items if i.state != "done"]
    items.sort(key=lambda i: (STATE_ORDER[i.state], i.due, i.name))
    return items


def _phase(session: Session, phase_id: str) -> PlanPhase:
    phase = session.get(PlanPhase, phase_id)
    if phase is None:
        raise UserError(f"Không tìm thấy mốc thời gian «{phase_id}».", code="not_found")
    return phase


def mark_done(session: Session, phase_id: str, when: date | None = None) -> PlanPhase:
    """Mark a deadline done on ``when`` (default: today). For a recurring phase this marks the
    oldest occurrence not done yet whose period has begun by ``when``. Does not commit."""
    when = when or date.today()
    phase = _phase(session, phase_id)
    if phase.recurrence not in STEP_MONTHS:
        phase.done, phase.done_on = True, when
        session.flush()
        return phase
    dues = occurrences(phase, phase.plan, today=when)
    step = STEP_MONTHS[phase.recurrence or ""]
    through = phase.done_on
    pending = [d for d in dues if through is None or d > through]
    if not pending or phase.done:
        raise UserError(f"«{phase.name}»: mọi kỳ đã được đánh dấu xong.", code="already_done")
    due = pending[0]
    begins = add_months(due, -step) + timedelta(days=1)
    if begins > when:
        raise UserError(
            f"«{phase.name}»: kỳ {period_label(due, phase.recurrence)} (hạn {fmt_date(due)}) "
            f"chưa bắt đầu vào ngày {fmt_date(when)}.",
            code="not_due",
        )
    phase.done_on = due
    phase.done = due == dues[-1] and bool(phase.plan and phase.plan.period_end)
    session.flush()
    return phase


def mark_undone(session: Session, phase_id: str) -> PlanPhase:
    """Take back the last ``mark_done`` (for a recurring phase: one occurrence). Does not commit."""
    phase = _phase(session, phase_id)
    if phase.recurrence not in STEP_MONTHS:
        phase.done, phase.done_on = False, None
    elif phase.done_on is not None:
        dues = [d for d in occurrences(phase, phase.plan, today=phase.done_on) if d < phase.done_on]
        phase.done = False
        phase.done_on = dues[-1] if dues else None
    session.flush()
    return phase
