"""Decisions (this level's own, or received from above) with their entries, and recognitions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record
from .candidates import Candidate


class Decision(Record, Base):
    __tablename__ = "decisions"

    direction: Mapped[str] = mapped_column(String(20), default="own")  # own / received
    source: Mapped[str] = mapped_column(String(20), default="own")  # own / package / file / manual
    plan_id: Mapped[str | None] = mapped_column(ForeignKey("plans.id"), index=True)
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meetings.id"))
    number: Mapped[str | None] = mapped_column(String(100))  # "125-QĐ/TU", "2345/QĐ-UBND"
    decision_date: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(String(300))
    issuer_code: Mapped[str | None] = mapped_column(String(30))
    title: Mapped[str | None] = mapped_column(Text)  # trích yếu
    award_kind: Mapped[str] = mapped_column(String(30), default="recognition")  # AwardKind
    award_label: Mapped[str | None] = mapped_column(String(300))
    bases: Mapped[list[Any] | None] = mapped_column(JSON)  # "Căn cứ …" lines, editable
    articles: Mapped[list[Any] | None] = mapped_column(JSON)  # "Điều 1. …" texts
    signer_name: Mapped[str | None] = mapped_column(String(150))
    signer_title: Mapped[str | None] = mapped_column(String(150))
    issued_at: Mapped[datetime | None] = mapped_column(DateTime)  # when recorded on the candidates
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # re-import detection
    file_attachment_id: Mapped[str | None] = mapped_column(ForeignKey("attachments.id", use_alter=True))
    note: Mapped[str | None] = mapped_column(Text)

    entries: Mapped[list[DecisionEntry]] = relationship(
        back_populates="decision", order_by="DecisionEntry.row_no", cascade="all, delete-orphan"
    )


class DecisionEntry(Record, Base):
    """One line of the list attached to a decision."""

    __tablename__ = "decision_entries"

    decision_id: Mapped[str] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[str | None] = mapped_column(ForeignKey("candidates.id"), index=True)
    row_no: Mapped[int] = mapped_column(Integer, default=0)
    section: Mapped[str | None] = mapped_column(String(20))  # CandidateKind
    name: Mapped[str] = mapped_column(String(300))
    position_unit: Mapped[str | None] = mapped_column(String(500))
    unit_text: Mapped[str | None] = mapped_column(String(300))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(10))
    ethnicity: Mapped[str | None] = mapped_column(String(50))
    field_text: Mapped[str | None] = mapped_column(String(300))
    award_label: Mapped[str | None] = mapped_column(String(300))
    amount: Mapped[float | None] = mapped_column(Float)
    match_status: Mapped[str | None] = mapped_column(String(10))  # auto / review / none / confirmed
    match_score: Mapped[float | None] = mapped_column(Float)
    raw: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    decision: Mapped[Decision] = relationship(back_populates="entries")
    candidate: Mapped[Candidate | None] = relationship()


class Recognition(Record, Base):
    """A recognition or award held by a candidate (from a decision, or entered by hand as a past award)."""

    __tablename__ = "recognitions"

    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    decision_id: Mapped[str | None] = mapped_column(ForeignKey("decisions.id"))
    kind: Mapped[str] = mapped_column(String(30), default="recognition")  # AwardKind
    title: Mapped[str] = mapped_column(String(300))  # "Giấy khen", "Điển hình tiên tiến cấp xã"
    year: Mapped[int | None] = mapped_column(Integer)
    decision_number: Mapped[str | None] = mapped_column(String(100))
    decision_date: Mapped[date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(String(300))
    level: Mapped[str | None] = mapped_column(String(20))  # own / upper / past
    source: Mapped[str] = mapped_column(String(20), default="decision")  # decision / manual
    note: Mapped[str | None] = mapped_column(Text)
