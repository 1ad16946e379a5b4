"""Shared fixtures for the lifecycle tests: an office, a unit tree and a plan (no tests here)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest

from dienhinh_desktop.models import Plan, Unit
from dienhinh_desktop.models.enums import UnitKind
from dienhinh_desktop.services.candidates import create_candidate
from dienhinh_desktop.services.office import init_office


@dataclass
class World:
    plan: Plan
    commune: Unit
    cell_a: Unit  # Chi bộ thôn Nậm Cang
    cell_b: Unit  # Chi bộ thôn Bản Sài
    school: Unit


@pytest.fixture
def s(bare_db) -> Iterator:  # noqa: ANN001
    with bare_db.session() as session:
        yield session
        session.rollback()


@pytest.fixture
def world(s) -> World:  # noqa: ANN001
    profile = init_office(s, "Xã Tân Lập", party=True, province="Lào Cai")
    commune = s.get(Unit, profile.unit_id)
    cell_a = Unit(
        name="Chi bộ thôn Nậm Cang", kind=UnitKind.PARTY_CELL.value, parent_id=commune.id, sort_order=1
    )
    cell_b = Unit(
        name="Chi bộ thôn Bản Sài", kind=UnitKind.PARTY_CELL.value, parent_id=commune.id, sort_order=2
    )
    school = Unit(
        name="Trường Tiểu học Tân Lập", kind=UnitKind.SCHOOL.value, parent_id=commune.id, sort_order=3
    )
    plan = Plan(
        name="Kế hoạch xây dựng điển hình 2025-2030",
        period_start=date(2025, 1, 1),
        period_end=date(2030, 12, 31),
    )
    s.add_all([cell_a, cell_b, school, plan])
    s.flush()
    return World(plan=plan, commune=commune, cell_a=cell_a, cell_b=cell_b, school=school)


def person(
    s,
    world: World,
    name: str,
    *,
    unit: Unit | None = None,
    year: int | None = 1980,  # noqa: ANN001
    plan: Plan | None = None,
    **values,
):  # noqa: ANN003, ANN201
    return create_candidate(
        s,
        plan_id=(plan or world.plan).id,
        kind="individual",
        name=name,
        birth_year=year,
        unit_id=(unit or world.cell_a).id,
        changed_by="Cán bộ A",
        **values,
    )


def collective(
    s,
    world: World,
    name: str,
    *,
    unit: Unit | None = None,
    plan: Plan | None = None,  # noqa: ANN001
    **values,
):  # noqa: ANN003, ANN201
    return create_candidate(
        s,
        plan_id=(plan or world.plan).id,
        kind="collective",
        name=name,
        unit_id=(unit or world.cell_a).id,
        changed_by="Cán bộ A",
        **values,
    )
