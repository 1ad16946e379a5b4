"""Candidates (điển hình đăng ký xây dựng), their status history, mentors, nurturing and review."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record, utcnow
from .org import Unit
from .plans import Field, Plan


class Candidate(Record, Base):
    __tablename__ = "candidates"
    __table_args__ = (
        Index("ix_candidates_plan_sort", "plan_id", "sort_key"),
        Index("ix_candidates_dup", "dup_key"),
    )

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)  # CandidateKind
    field_id: Mapped[str | None] = mapped_column(ForeignKey("fields.id", ondelete="SET NULL"), index=True)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"), index=True)  # registering unit
    status: Mapped[str] = mapped_column(String(20), default="registered", index=True)  # CandidateStatus

    # The name as written: a person's full name, a collective's name, a household head's name.
    name: Mapped[str] = mapped_column(String(300))
    family_name: Mapped[str | None] = mapped_column(String(100))  # họ
    middle_name: Mapped[str | None] = mapped_column(String(150))  # tên đệm
    given_name: Mapped[str | None] = mapped_column(String(100))  # tên
    # Derived on save by dienhinh_desktop.text: Vietnamese sort order and accent-free search.
    sort_key: Mapped[str] = mapped_column(String(600), default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    dup_key: Mapped[str] = mapped_column(String(400), default="")  # folded name + birth year

    # People (individuals, household heads)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(10))  # Gender
    ethnicity: Mapped[str | None] = mapped_column(String(50))
    religion: Mapped[str | None] = mapped_column(String(50))
    position: Mapped[str | None] = mapped_column(String(300))  # chức vụ
    position_unit: Mapped[str | None] = mapped_column(String(500))  # "Chức vụ, đơn vị" as written
    is_party_member: Mapped[bool] = mapped_column(Boolean, default=False)
    is_civil_servant: Mapped[bool] = mapped_column(Boolean, default=False)
    is_armed_forces: Mapped[bool] = mapped_column(Boolean, default=False)
    is_leader: Mapped[bool] = mapped_column(Boolean, default=False)
    is_grassroots_worker: Mapped[bool] = mapped_column(Boolean, default=False)
    education: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(500))
    phone: Mapped[str | None] = mapped_column(String(50))
    # Collectives
    collective_type: Mapped[str | None] = mapped_column(
        String(50)
    )  # state_budget / enterprise / party_org / …
    member_count: Mapped[int | None] = mapped_column(Integer)
    leader_name: Mapped[str | None] = mapped_column(String(200))

    registered_on: Mapped[date | None] = mapped_column(Date)
    registration_content: Mapped[str | None] = mapped_column(Text)  # nội dung, mô hình đăng ký
    # The achievement report's sections and the summary (trích ngang) lists reuse.
    achievement_tasks: Mapped[str | None] = mapped_column(Text)
    achievement_results: Mapped[str | None] = mapped_column(Text)
    achievement_initiatives: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)  # trích ngang thành tích
    note: Mapped[str | None] = mapped_column(Text)

    # Review: replacement chain, removal reason (nothing is deleted outright).
    replaces_id: Mapped[str | None] = mapped_column(ForeignKey("candidates.id"))
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("candidates.id"))
    removed_reason: Mapped[str | None] = mapped_column(Text)
    # Proposal to the level above.
    selected_for_proposal: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where the record came from when it arrived in a package (upper level).
    origin_unit_code: Mapped[str | None] = mapped_column(String(30))
    origin_unit_name: Mapped[str | None] = mapped_column(String(300))

    plan: Mapped[Plan] = relationship()
    field: Mapped[Field | None] = relationship()
    unit: Mapped[Unit | None] = relationship()
    history: Mapped[list[StatusChange]] = relationship(
        back_populates="candidate", order_by="StatusChange.changed_at", cascade="all, delete-orphan"
    )
    mentors: Mapped[list[MentorAssignment]] = relationship(
        back_populates="candidate", order_by="MentorAssignment.assigned_on", cascade="all, delete-orphan"
    )
    nurturing_notes: Mapped[list[NurturingNote]] = relationship(
        back_populates="candidate", order_by="NurturingNote.note_date", cascade="all, delete-orphan"
    )
    nurturing_plan: Mapped[NurturingPlan | None] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", uselist=False
    )


class StatusChange(Record, Base):
    """A dated change of status: who, when, why (also import, merge, undo)."""

    __tablename__ = "status_changes"

    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[str | None] = mapped_column(String(150))
    reason: Mapped[str | None] = mapped_column(Text)
    # Link to what caused it (a decision, a review, a meeting, a package…).
    ref_type: Mapped[str | None] = mapped_column(String(30))
    ref_id: Mapped[str | None] = mapped_column(String(36))
    undone: Mapped[bool] = mapped_column(Boolean, default=False)

    candidate: Mapped[Candidate] = relationship(back_populates="history")


class MentorAssignment(Record, Base):
    """The person responsible for nurturing and helping (người phụ trách bồi dưỡng, giúp đỡ)."""

    __tablename__ = "mentor_assignments"

    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    mentor_name: Mapped[str] = mapped_column(String(200))
    mentor_position: Mapped[str | None] = mapped_column(String(300))
    mentor_unit: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(50))
    assigned_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str | None] = mapped_column(Text)

    candidate: Mapped[Candidate] = relationship(back_populates="mentors")


class NurturingPlan(Record, Base):
    __tablename__ = "nurturing_plans"

    candidate_id: Mapped[str] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True, unique=True
    )
    goals: Mapped[str | None] = mapped_column(Text)
    activities: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    candidate: Mapped[Candidate] = relationship(back_populates="nurturing_plan")


class NurturingNote(Record, Base):
    """A dated progress note of the nurturing."""

    __tablename__ = "nurturing_notes"

    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    note_date: Mapped[date] = mapped_column(Date)
    content: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(150))

    candidate: Mapped[Candidate] = relationship(back_populates="nurturing_notes")


class Review(Record, Base):
    """A periodic review (rà soát) of a plan's candidates."""

    __tablename__ = "reviews"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    review_date: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str | None] = mapped_column(String(150))

    items: Mapped[list[ReviewItem]] = relationship(back_populates="review", cascade="all, delete-orphan")


class ReviewItem(Record, Base):
    __tablename__ = "review_items"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))  # keep / replace / remove
    reason: Mapped[str | None] = mapped_column(Text)
    replacement_id: Mapped[str | None] = mapped_column(ForeignKey("candidates.id"))

    review: Mapped[Review] = relationship(back_populates="items")
    candidate: Mapped[Candidate] = relationship(foreign_keys=[candidate_id])
    replacement: Mapped[Candidate | None] = relationship(foreign_keys=[replacement_id])
