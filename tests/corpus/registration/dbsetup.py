"""A commune office and a plan with a few fields, to import registration lists into."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dienhinh_desktop.models import Field, Plan
from dienhinh_desktop.services.office import init_office

from .make_corpus import FIELDS


def office_and_plan(session: Session, name: str = "Kế hoạch xây dựng điển hình tiên tiến năm 2025") -> Plan:
    """Create (or reuse) the office "Đảng ủy xã Tân Lập" and a new non-template plan. Does not commit."""
    init_office(session, "Đảng ủy xã Tân Lập", party=True, officer_name="Nguyễn Thị Cán Bộ")
    plan = Plan(name=name, status="active", is_template=False)
    for i, (code, field_name) in enumerate(FIELDS):
        plan.fields.append(Field(code=code, name=field_name, sort_order=i))
    session.add(plan)
    session.flush()
    return plan
