"""Criterion assessments: the candidate's self-assessment and the board's appraisal."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record
from .candidates import Candidate
from .plans import Criterion


class CriterionAssessment(Record, Base):
    __tablename__ = "criterion_assessments"
    __table_args__ = (
        UniqueConstraint("candidate_id", "criterion_id", name="uq_assessment_candidate_criterion"),
    )

    candidate_id: Mapped[str] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[str] = mapped_column(ForeignKey("criteria.id", ondelete="CASCADE"), index=True)

    # Self-assessment (báo cáo tự đánh giá)
    self_text: Mapped[str | None] = mapped_column(Text)
    self_evidence: Mapped[str | None] = mapped_column(Text)
    self_met: Mapped[bool | None] = mapped_column()  # BOOLEAN criteria
    rating: Mapped[str | None] = mapped_column(String(200))  # RATING criteria
    numerator: Mapped[float | None] = mapped_column(Float)  # NUMBER criteria: counts
    denominator: Mapped[float | None] = mapped_column(Float)
    yearly_ratings: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # RATING_YEARS: {"2024": "…"}
    self_assessed_at: Mapped[datetime | None] = mapped_column(DateTime)

    # Appraisal (thẩm định)
    appraisal: Mapped[str | None] = mapped_column(String(20))  # AppraisalResult
    appraisal_comment: Mapped[str | None] = mapped_column(Text)
    appraised_by: Mapped[str | None] = mapped_column(String(150))
    appraised_at: Mapped[datetime | None] = mapped_column(DateTime)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    candidate: Mapped[Candidate] = relationship()
    criterion: Mapped[Criterion] = relationship()
