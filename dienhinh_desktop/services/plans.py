"""Plans: listing, the current plan, plain dictionaries for JSON."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Candidate, Plan


def list_plans(session: Session, include_templates: bool = True) -> list[Plan]:
    stmt = select(Plan).order_by(Plan.is_template, Plan.period_start.desc(), Plan.name)
    if not include_templates:
        stmt = stmt.where(Plan.is_template.is_(False))
    return list(session.scalars(stmt))


def current_plan(session: Session) -> Plan | None:
    """The plan the office works on: the newest active plan that is not a template."""
    stmt = (
        select(Plan)
        .where(Plan.is_template.is_(False), Plan.status == "active")
        .order_by(Plan.period_start.desc(), Plan.created_at.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def resolve_plan(session: Session, plan_id: str | None) -> Plan:
    """The plan named by ``--plan`` (id, id prefix or code), else the current plan."""
    if plan_id:
        plan = session.get(Plan, plan_id)
        if plan is None:
            matches = list(
                session.scalars(select(Plan).where((Plan.id.like(f"{plan_id}%")) | (Plan.code == plan_id)))
            )
            if len(matches) == 1:
                plan = matches[0]
        if plan is None:
            raise UserError(f"Không tìm thấy kế hoạch «{plan_id}».", code="not_found")
        return plan
    plan = current_plan(session)
    if plan is None:
        raise UserError(
            "Chưa có kế hoạch nào đang thực hiện. Hãy sao chép một kế hoạch mẫu hoặc tạo kế hoạch mới.",
            code="no_plan",
        )
    return plan


def plan_to_dict(session: Session, plan: Plan) -> dict[str, Any]:
    count = session.scalar(select(func.count()).select_from(Candidate).where(Candidate.plan_id == plan.id))
    return {
        "id": plan.id,
        "name": plan.name,
        "code": plan.code,
        "issuer": plan.issuer,
        "is_template": plan.is_template,
        "template_key": plan.template_key,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "status": plan.status,
        "fields": len(plan.fields),
        "criteria": sum(len(cs.criteria) for cs in plan.criteria_sets),
        "candidates": count or 0,
    }
