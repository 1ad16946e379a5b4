"""The office profile and the unit tree."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import OfficeProfile, Unit
from ..models.enums import OfficeLevel, UnitKind


def get_profile(session: Session) -> OfficeProfile | None:
    return session.scalars(select(OfficeProfile).limit(1)).first()


def require_profile(session: Session) -> OfficeProfile:
    profile = get_profile(session)
    if profile is None:
        raise UserError(
            "Chưa khai báo thông tin cơ quan. Hãy chạy «dienhinh init --unit …» hoặc mở chương trình để khai báo.",
            code="no_profile",
        )
    return profile


def init_office(
    session: Session,
    unit_name: str,
    *,
    level: str = OfficeLevel.COMMUNE,
    province: str | None = None,
    party: bool = False,
    **fields: object,
) -> OfficeProfile:
    """Create or update the office profile and its own root unit. Does not commit."""
    unit_name = " ".join((unit_name or "").split())
    if not unit_name:
        raise UserError("Thiếu tên cơ quan, đơn vị (--unit).", code="missing_field")
    if level not in {lv.value for lv in OfficeLevel}:
        allowed = ", ".join(lv.value for lv in OfficeLevel)
        raise UserError(f"Cấp «{level}» không hợp lệ; chọn một trong: {allowed}.", code="bad_level")
    profile = get_profile(session) or OfficeProfile(name=unit_name)
    profile.name = unit_name
    profile.level = level
    profile.is_party = party
    if province:
        profile.province_name = province
    for key, value in fields.items():
        if not hasattr(OfficeProfile, key):
            raise UserError(f"Trường «{key}» không có trong thông tin cơ quan.", code="bad_field")
        setattr(profile, key, value)
    if profile.symbol is None:
        profile.symbol = "ĐU" if party else "UBND"
    if profile.unit_id is None:
        kind = UnitKind.PARTY_COMMITTEE if party and level != OfficeLevel.COMMUNE else UnitKind.COMMUNE
        if level == OfficeLevel.PROVINCE:
            kind = UnitKind.PROVINCE
        elif level == OfficeLevel.AGENCY:
            kind = UnitKind.AGENCY
        unit = Unit(name=unit_name, kind=kind, official_code=profile.commune_code)
        session.add(unit)
        session.flush()
        profile.unit_id = unit.id
    session.add(profile)
    session.flush()
    return profile


def list_units(session: Session, include_external: bool = True) -> list[Unit]:
    stmt = select(Unit).where(Unit.active.is_(True)).order_by(Unit.sort_order, Unit.name)
    if not include_external:
        stmt = stmt.where(Unit.is_external.is_(False))
    return list(session.scalars(stmt))


def find_or_create_unit(
    session: Session,
    name: str,
    *,
    kind: str = UnitKind.OTHER,
    parent_id: str | None = None,
    official_code: str | None = None,
    external: bool = False,
) -> Unit:
    """Match a unit by folded name (or code), creating it under ``parent_id`` when new."""
    from ..text import fold

    name = " ".join(name.split())
    if official_code:
        found = session.scalars(select(Unit).where(Unit.official_code == official_code)).first()
        if found:
            return found
    key = fold(name)
    for unit in session.scalars(select(Unit)):
        if fold(unit.name) == key:
            return unit
    unit = Unit(name=name, kind=kind, parent_id=parent_id, official_code=official_code, is_external=external)
    session.add(unit)
    session.flush()
    return unit
