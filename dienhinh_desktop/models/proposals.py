"""Proposals (hồ sơ đề nghị) sent to the level above."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record
from .candidates import Candidate


class Proposal(Record, Base):
    __tablename__ = "proposals"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    to_body: Mapped[str | None] = mapped_column(String(300))  # Kính gửi
    to_code: Mapped[str | None] = mapped_column(String(30))
    number: Mapped[str | None] = mapped_column(String(100))  # of the cover letter (tờ trình)
    proposal_date: Mapped[date | None] = mapped_column(Date)
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meetings.id"))
    decision_id: Mapped[str | None] = mapped_column(ForeignKey("decisions.id"))
    award_kind: Mapped[str] = mapped_column(String(30), default="recognition")
    bases: Mapped[str | None] = mapped_column(Text)
    quota_breach_reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft / sent / answered
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    package_id: Mapped[str | None] = mapped_column(String(36))  # manifest id of the package sent

    items: Mapped[list[ProposalItem]] = relationship(
        back_populates="proposal", order_by="ProposalItem.rank", cascade="all, delete-orphan"
    )


class ProposalItem(Record, Base):
    __tablename__ = "proposal_items"

    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id"), index=True)
    rank: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)

    proposal: Mapped[Proposal] = relationship(back_populates="items")
    candidate: Mapped[Candidate] = relationship()
