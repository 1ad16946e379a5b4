"""Replication and propagation activities (hoạt động nhân rộng, tuyên truyền)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record
from .candidates import Candidate


class Activity(Record, Base):
    __tablename__ = "activities"

    plan_id: Mapped[str | None] = mapped_column(ForeignKey("plans.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="talk")  # ActivityKind
    title: Mapped[str] = mapped_column(String(500))
    activity_date: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(300))
    organiser: Mapped[str | None] = mapped_column(String(300))
    participants: Mapped[str | None] = mapped_column(Text)  # who took part
    participant_count: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))  # newspaper, radio, website for articles

    models: Mapped[list[ActivityCandidate]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )


class ActivityCandidate(Record, Base):
    """Which models (candidates) an activity spreads."""

    __tablename__ = "activity_candidates"

    activity_id: Mapped[str] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id"), index=True)
    role: Mapped[str | None] = mapped_column(String(100))  # presenter, featured…

    activity: Mapped[Activity] = relationship(back_populates="models")
    candidate: Mapped[Candidate] = relationship()
