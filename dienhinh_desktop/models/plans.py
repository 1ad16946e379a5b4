"""Plans (kế hoạch / phong trào), their phases, fields, quotas, pass rules and criteria."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Record


class Plan(Record, Base):
    __tablename__ = "plans"

    name: Mapped[str] = mapped_column(String(500))
    code: Mapped[str | None] = mapped_column(String(50))  # "08/KH-HĐTĐKT"
    issuer: Mapped[str | None] = mapped_column(String(300))
    issued_on: Mapped[date | None] = mapped_column(Date)
    # A built-in template transcribed from a seed (read-only; the user copies it).
    is_template: Mapped[bool] = mapped_column(Boolean, default=False)
    template_key: Mapped[str | None] = mapped_column(String(50), index=True)  # seed file stem
    copied_from_id: Mapped[str | None] = mapped_column(ForeignKey("plans.id"))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")  # draft / active / closed
    description: Mapped[str | None] = mapped_column(Text)
    # Recognition steps and other notes transcribed from the seed, in order.
    steps: Mapped[list[Any] | None] = mapped_column(JSON)
    quorum_percent: Mapped[float] = mapped_column(Float, default=50.0)  # share of members that must attend
    quorum_strict: Mapped[bool] = mapped_column(Boolean, default=True)  # True: more than; False: at least
    # Recognition cadence at the registering level ("hằng tháng, hằng quý, 06 tháng, 01 năm").
    recognition_cadence: Mapped[str | None] = mapped_column(String(100))

    phases: Mapped[list[PlanPhase]] = relationship(
        back_populates="plan", order_by="PlanPhase.sort_order", cascade="all, delete-orphan"
    )
    fields: Mapped[list[Field]] = relationship(
        back_populates="plan", order_by="Field.sort_order", cascade="all, delete-orphan"
    )
    quotas: Mapped[list[Quota]] = relationship(back_populates="plan", cascade="all, delete-orphan")
    pass_rules: Mapped[list[PassRule]] = relationship(back_populates="plan", cascade="all, delete-orphan")
    criteria_sets: Mapped[list[CriteriaSet]] = relationship(
        back_populates="plan", order_by="CriteriaSet.sort_order", cascade="all, delete-orphan"
    )


class PlanPhase(Record, Base):
    """A phase, step or deadline (giai đoạn, mốc thời gian)."""

    __tablename__ = "plan_phases"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(30), default="phase")
    # phase / registration / nurture / self_assessment / appraisal / recognition / proposal / report / ceremony
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    recurrence: Mapped[str | None] = mapped_column(String(20))  # monthly / quarterly / semiannual / yearly
    responsible: Mapped[str | None] = mapped_column(String(300))
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_on: Mapped[date | None] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[Plan] = relationship(back_populates="phases")


class Field(Record, Base):
    """A field (lĩnh vực) of a plan, e.g. "4.4 Giáo dục - đào tạo"."""

    __tablename__ = "fields"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    code: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    lead_agency: Mapped[str | None] = mapped_column(String(300))  # "Giao Sở Y tế chủ trì…"
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[Plan] = relationship(back_populates="fields")


class Quota(Record, Base):
    """Minimum/maximum number of candidates per unit (kind), candidate kind and period."""

    __tablename__ = "quotas"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(
        String(20), default="registration"
    )  # registration / proposal / introduction
    unit_kind: Mapped[str | None] = mapped_column(
        String(30)
    )  # UnitKind the quota applies to (None: every unit)
    unit_id: Mapped[str | None] = mapped_column(ForeignKey("units.id"))  # or one named unit
    candidate_kind: Mapped[str | None] = mapped_column(
        String(20)
    )  # None: collectives and individuals together
    period: Mapped[str] = mapped_column(String(20), default="plan")  # year / phase / plan
    min_count: Mapped[int | None] = mapped_column(Integer)
    max_count: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)  # the seed's words

    plan: Mapped[Plan] = relationship(back_populates="quotas")


class PassRule(Record, Base):
    """How a council vote passes, per plan and title (award kind)."""

    __tablename__ = "pass_rules"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(30), default="recognition")  # AwardKind
    threshold_percent: Mapped[float] = mapped_column(Float, default=50.0)
    strict: Mapped[bool] = mapped_column(Boolean, default=True)  # True: more than; False: at least
    denominator: Mapped[str] = mapped_column(String(20), default="all_members")  # Denominator
    method: Mapped[str] = mapped_column(String(20), default="secret")  # BallotMethod
    note: Mapped[str | None] = mapped_column(Text)

    plan: Mapped[Plan] = relationship(back_populates="pass_rules")


class CriteriaSet(Record, Base):
    """Criteria for one subject kind, optionally one field or one type of collective."""

    __tablename__ = "criteria_sets"

    plan_id: Mapped[str] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(500))
    code: Mapped[str | None] = mapped_column(String(20))  # "3.1", "4.4"
    applies_kind: Mapped[str | None] = mapped_column(String(20))  # CandidateKind; None: every kind
    field_id: Mapped[str | None] = mapped_column(ForeignKey("fields.id", ondelete="SET NULL"))
    collective_type: Mapped[str | None] = mapped_column(
        String(50)
    )  # "state_budget" / "enterprise" (seed 000)
    is_general: Mapped[bool] = mapped_column(Boolean, default=False)  # tiêu chí chung
    description: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[Plan] = relationship(back_populates="criteria_sets")
    field: Mapped[Field | None] = relationship()
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="criteria_set", order_by="Criterion.sort_order", cascade="all, delete-orphan"
    )


class Criterion(Record, Base):
    __tablename__ = "criteria"

    criteria_set_id: Mapped[str] = mapped_column(
        ForeignKey("criteria_sets.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    short_text: Mapped[str | None] = mapped_column(String(300))
    condition: Mapped[str | None] = mapped_column(String(30))  # CriterionCondition; None: always applies
    value_type: Mapped[str] = mapped_column(String(20), default="boolean")  # CriterionType
    rating_scale: Mapped[list[Any] | None] = mapped_column(JSON)  # best first: ["Hoàn thành xuất sắc…", …]
    min_rating: Mapped[str | None] = mapped_column(String(200))  # the lowest rating that meets it
    threshold: Mapped[float | None] = mapped_column(Float)  # percent for NUMBER
    threshold_strict: Mapped[bool] = mapped_column(Boolean, default=True)  # ">" (True) or ">=" (False)
    numerator_label: Mapped[str | None] = mapped_column(String(200))
    denominator_label: Mapped[str | None] = mapped_column(String(200))
    years_required: Mapped[int | None] = mapped_column(Integer)  # RATING_YEARS
    required: Mapped[bool] = mapped_column(
        Boolean, default=True
    )  # False: "ưu tiên" (preferred, not required)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)

    criteria_set: Mapped[CriteriaSet] = relationship(back_populates="criteria")
