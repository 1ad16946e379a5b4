"""Nurturing (bồi dưỡng): the responsible person (người phụ trách bồi dưỡng, giúp đỡ), the
nurturing plan (goals, activities, timeline) and dated progress notes (seeds 002 V.1.1, 003 I.2).
None of these functions commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Candidate, MentorAssignment, NurturingNote, NurturingPlan
from ..models.enums import CandidateStatus as S
from ..text import fmt_date, nfc
from .lifecycle import INACTIVE, status_label


@dataclass
class MentorResult:
    assignment: MentorAssignment
    ended: list[MentorAssignment] = field(default_factory=list)
    # When the candidate is only registered: offer (never force) the move to nurturing.
    suggest_status: str | None = None
    hint: str | None = None


def _text(value: str | None) -> str | None:
    value = nfc(value) if value else ""
    return value or None


def active_mentor(session: Session, candidate: Candidate) -> MentorAssignment | None:
    stmt = (
        select(MentorAssignment)
        .where(MentorAssignment.candidate_id == candidate.id, MentorAssignment.active.is_(True))
        .order_by(MentorAssignment.assigned_on.desc(), MentorAssignment.created_at.desc())
    )
    return session.scalars(stmt).first()


def list_mentors(session: Session, candidate: Candidate) -> list[MentorAssignment]:
    """Every assignment, the current one included, oldest first."""
    stmt = (
        select(MentorAssignment)
        .where(MentorAssignment.candidate_id == candidate.id)
        .order_by(MentorAssignment.assigned_on, MentorAssignment.created_at)
    )
    return list(session.scalars(stmt))


def assign_mentor(
    session: Session,
    candidate: Candidate,
    mentor_name: str,
    *,
    position: str | None = None,
    unit: str | None = None,
    phone: str | None = None,
    assigned_on: date | None = None,
    note: str | None = None,
) -> MentorResult:
    """Assign the person responsible for nurturing; the previous active assignment ends
    that day. For a registered candidate the result offers the move to nurturing
    (``suggest_status``, ``hint``): the caller asks the officer."""
    name = _text(mentor_name)
    if not name:
        raise UserError("Thiếu họ và tên người phụ trách bồi dưỡng, giúp đỡ.", code="missing_field")
    if candidate.status in INACTIVE:
        raise UserError(
            f"«{candidate.name}» đang ở trạng thái «{status_label(candidate.status)}», không phân công bồi dưỡng.",
            code="bad_transition",
        )
    assigned_on = assigned_on or date.today()
    ended = []
    for previous in session.scalars(
        select(MentorAssignment).where(
            MentorAssignment.candidate_id == candidate.id, MentorAssignment.active.is_(True)
        )
    ):
        previous.active = False
        previous.ended_on = previous.ended_on or assigned_on
        ended.append(previous)
    assignment = MentorAssignment(
        mentor_name=name,
        mentor_position=_text(position),
        mentor_unit=_text(unit),
        phone=_text(phone),
        assigned_on=assigned_on,
        active=True,
        note=_text(note),
    )
    candidate.mentors.append(assignment)
    session.flush()
    result = MentorResult(assignment=assignment, ended=ended)
    if candidate.status == S.REGISTERED:
        result.suggest_status = S.NURTURING.value
        result.hint = (
            f"Đã phân công {name} phụ trách bồi dưỡng «{candidate.name}». "
            f"Chuyển trạng thái sang «{status_label(S.NURTURING)}»?"
        )
    return result


def end_mentor(
    session: Session, assignment: MentorAssignment, ended_on: date | None = None, note: str | None = None
) -> MentorAssignment:
    assignment.active = False
    assignment.ended_on = ended_on or date.today()
    if note:
        assignment.note = f"{assignment.note}\n{note}" if assignment.note else note
    session.flush()
    return assignment


def set_nurturing_plan(
    session: Session,
    candidate: Candidate,
    *,
    goals: str | None = None,
    activities: str | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
    note: str | None = None,
) -> NurturingPlan:
    """Create or replace the candidate's nurturing plan (goals, activities, timeline)."""
    if start_date and end_date and end_date < start_date:
        raise UserError(
            f"Kế hoạch bồi dưỡng: ngày kết thúc {fmt_date(end_date)} trước ngày bắt đầu {fmt_date(start_date)}.",
            code="bad_field",
        )
    plan = session.scalars(select(NurturingPlan).where(NurturingPlan.candidate_id == candidate.id)).first()
    if plan is None:
        plan = NurturingPlan()
        candidate.nurturing_plan = plan
    plan.goals = (goals or "").strip() or None
    plan.activities = (activities or "").strip() or None
    plan.start_date, plan.end_date = start_date, end_date
    plan.note = (note or "").strip() or None
    session.flush()
    return plan


def get_nurturing_plan(session: Session, candidate: Candidate) -> NurturingPlan | None:
    return session.scalars(select(NurturingPlan).where(NurturingPlan.candidate_id == candidate.id)).first()


def add_note(
    session: Session,
    candidate: Candidate,
    content: str,
    *,
    note_date: date | None = None,
    author: str | None = None,
) -> NurturingNote:
    """A dated progress note of the nurturing."""
    content = (content or "").strip()
    if not content:
        raise UserError("Nội dung ghi chép bồi dưỡng đang để trống.", code="missing_field")
    note = NurturingNote(note_date=note_date or date.today(), content=content, author=_text(author))
    candidate.nurturing_notes.append(note)
    session.flush()
    return note


def list_notes(session: Session, candidate: Candidate, *, newest_first: bool = True) -> list[NurturingNote]:
    order = (
        (NurturingNote.note_date.desc(), NurturingNote.created_at.desc())
        if newest_first
        else (NurturingNote.note_date, NurturingNote.created_at)
    )
    stmt = select(NurturingNote).where(NurturingNote.candidate_id == candidate.id).order_by(*order)
    return list(session.scalars(stmt))


def candidates_without_mentor(session: Session, plan_id: str) -> list[Candidate]:
    """Active registered candidates nobody is responsible for yet (seed 002 V.1.1:
    "phân công cán bộ bồi dưỡng, giúp đỡ")."""
    has_mentor = exists().where(
        MentorAssignment.candidate_id == Candidate.id, MentorAssignment.active.is_(True)
    )
    stmt = (
        select(Candidate)
        .where(
            Candidate.plan_id == plan_id,
            Candidate.status.not_in([*INACTIVE, S.DISCOVERED.value]),
            Candidate.merged_into_id.is_(None),
            ~has_mentor,
        )
        .order_by(Candidate.sort_key, Candidate.id)
    )
    return list(session.scalars(stmt))
