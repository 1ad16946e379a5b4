"""Shared catalogues (danh mục): the unit tree, councils and their members, the 54 ethnic
groups of Vietnam.

Units are never deleted once a candidate, a council, a quota or the office profile points
at them: they are deactivated (``Unit.active`` False), which hides them from the pick lists
and keeps every old record readable. No function commits.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Candidate, Council, CouncilMember, OfficeProfile, Quota, Unit, UnitKind
from ..text import fold, vn_key
from .plan_editing import UNIT_KINDS  # labels written out (see there)

# The 54 ethnic groups of Vietnam (Danh mục các dân tộc Việt Nam, Tổng cục Thống kê;
# Quyết định 121-TCTK/PPCĐ ngày 02/3/1979), in the order of their population at the
# 2019 census, so the most common come first in a completer.
ETHNIC_GROUPS: tuple[str, ...] = (
    "Kinh",
    "Tày",
    "Thái",
    "Mường",
    "Khơ-me",
    "Hoa",
    "Nùng",
    "Mông",
    "Dao",
    "Gia-rai",
    "Ê-đê",
    "Ba-na",
    "Xơ-đăng",
    "Sán Chay",
    "Cơ-ho",
    "Chăm",
    "Sán Dìu",
    "Hrê",
    "Ra-glai",
    "Mnông",
    "Thổ",
    "Xtiêng",
    "Khơ-mú",
    "Bru-Vân Kiều",
    "Cơ-tu",
    "Giáy",
    "Tà-ôi",
    "Mạ",
    "Giẻ-Triêng",
    "Co",
    "Chơ-ro",
    "Xinh-mun",
    "Hà Nhì",
    "Chu-ru",
    "Lào",
    "La Chí",
    "Kháng",
    "Phù Lá",
    "La Hủ",
    "La Ha",
    "Pà Thẻn",
    "Lự",
    "Ngái",
    "Chứt",
    "Lô Lô",
    "Mảng",
    "Cờ Lao",
    "Bố Y",
    "Cống",
    "Si La",
    "Pu Péo",
    "Rơ Măm",
    "Brâu",
    "Ơ Đu",
)

# Other spellings and older names met in registration lists → the official name.
ETHNIC_ALIASES: dict[str, str] = {
    "viet": "Kinh",
    "khmer": "Khơ-me",
    "hmong": "Mông",
    "meo": "Mông",
    "han": "Hoa",
    "jrai": "Gia-rai",
    "giarai": "Gia-rai",
    "rhade": "Ê-đê",
    "bahnar": "Ba-na",
    "sedang": "Xơ-đăng",
    "koho": "Cơ-ho",
    "cham": "Chăm",
    "raglai": "Ra-glai",
    "stieng": "Xtiêng",
    "khmu": "Khơ-mú",
    "vankieu": "Bru-Vân Kiều",
    "bru": "Bru-Vân Kiều",
    "katu": "Cơ-tu",
    "taoi": "Tà-ôi",
    "gietrieng": "Giẻ-Triêng",
    "chauro": "Chơ-ro",
    "sinhmun": "Xinh-mun",
    "hanhi": "Hà Nhì",
    "churu": "Chu-ru",
    "lolo": "Lô Lô",
    "pathen": "Pà Thẻn",
    "boy": "Bố Y",
    "puoeo": "Pu Péo",
    "romam": "Rơ Măm",
    "brau": "Brâu",
    "odu": "Ơ Đu",
}


def _compact(text: str | None) -> str:
    """Folded, without spaces, hyphens or apostrophes: "H'Mông" → "hmong", "Gia Rai" → "giarai"."""
    return re.sub(r"[^a-z0-9]", "", fold(text or ""))


_BY_COMPACT: dict[str, str] = {_compact(name): name for name in ETHNIC_GROUPS}
for _alias, _name in ETHNIC_ALIASES.items():
    _BY_COMPACT.setdefault(_alias, _name)


def canonical_ethnicity(text: str | None) -> str | None:
    """The official name of an ethnicity written any common way ("khmer", "Gia Rai",
    "H'Mông", "dan toc Tay"), or ``None`` when it is not one of the 54."""
    key = _compact(text)
    if not key:
        return None
    if key.startswith("dantoc"):
        key = key[len("dantoc") :]
    return _BY_COMPACT.get(key)


@dataclass
class EthnicityCount:
    name: str  # the official name, or the spelling found when it is not one of the 54
    official: bool
    candidates: int
    spellings: dict[str, int] = field(default_factory=dict)  # as written -> candidates

    @property
    def minority(self) -> bool:
        return self.official and self.name != "Kinh"


def ethnicity_counts(session: Session, plan_id: str | None = None) -> list[EthnicityCount]:
    """Candidates (people: individuals and household heads; records merged into another
    left out) per ethnicity: the 54 official groups in order (zeros included), then the
    spellings that match none of them (most used first). ``plan_id`` limits to one plan."""
    stmt = (
        select(Candidate.ethnicity, func.count())
        .where(Candidate.merged_into_id.is_(None), Candidate.ethnicity.is_not(None))
        .group_by(Candidate.ethnicity)
    )
    if plan_id:
        stmt = stmt.where(Candidate.plan_id == plan_id)
    official: dict[str, EthnicityCount] = {n: EthnicityCount(n, True, 0) for n in ETHNIC_GROUPS}
    other: dict[str, EthnicityCount] = {}
    for written, n in session.execute(stmt):
        written = " ".join((written or "").split())
        if not written:
            continue
        name = canonical_ethnicity(written)
        if name is not None:
            row = official[name]
        else:
            key = _compact(written)
            row = other.setdefault(key, EthnicityCount(written, False, 0))
        row.candidates += n
        row.spellings[written] = row.spellings.get(written, 0) + n
    for row in other.values():  # show the most used spelling
        row.name = max(row.spellings.items(), key=lambda kv: kv[1])[0]
    rest = sorted(other.values(), key=lambda r: (-r.candidates, vn_key(r.name)))
    return [*official.values(), *rest]


# ----------------------------------------------------------------------------- units


def _clean(text: Any) -> str | None:
    if text is None:
        return None
    value = " ".join(str(text).split())
    return value or None


def get_unit(session: Session, unit_id: str) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise UserError(f"Không tìm thấy đơn vị «{unit_id}».", code="not_found")
    return unit


def all_units(
    session: Session, *, include_inactive: bool = True, include_external: bool = True
) -> list[Unit]:
    stmt = select(Unit).order_by(Unit.sort_order, Unit.name)
    if not include_inactive:
        stmt = stmt.where(Unit.active.is_(True))
    if not include_external:
        stmt = stmt.where(Unit.is_external.is_(False))
    return list(session.scalars(stmt))


def unit_tree(session: Session, *, include_inactive: bool = True) -> list[dict[str, Any]]:
    """The units as nested dictionaries (``children``), roots first, each level by order
    then name; with ``candidates`` (how many registered by the unit itself)."""
    units = all_units(session, include_inactive=include_inactive)
    counts = unit_candidate_counts(session)
    nodes = {
        u.id: {
            "id": u.id,
            "name": u.name,
            "short_name": u.short_name,
            "kind": u.kind,
            "kind_label": UNIT_KINDS.get(u.kind, u.kind),
            "official_code": u.official_code,
            "sort_order": u.sort_order,
            "active": u.active,
            "external": u.is_external,
            "parent_id": u.parent_id,
            "candidates": counts.get(u.id, 0),
            "version": u.version,
            "children": [],
        }
        for u in units
    }
    roots = []
    for u in units:
        node = nodes[u.id]
        parent = nodes.get(u.parent_id) if u.parent_id else None
        (parent["children"] if parent is not None else roots).append(node)

    def order(items: list[dict[str, Any]]) -> None:
        items.sort(key=lambda n: (n["sort_order"], vn_key(n["name"])))
        for n in items:
            order(n["children"])

    order(roots)
    return roots


def unit_candidate_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(Candidate.unit_id, func.count())
        .where(Candidate.unit_id.is_not(None), Candidate.merged_into_id.is_(None))
        .group_by(Candidate.unit_id)
    )
    return {uid: int(n) for uid, n in rows}


def _descendant_ids(session: Session, unit_id: str) -> set[str]:
    children: dict[str | None, list[str]] = {}
    for uid, parent in session.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent, []).append(uid)
    out: set[str] = set()
    stack = [unit_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in out:
                out.add(child)
                stack.append(child)
    return out


def _unit_values(session: Session, values: dict[str, Any], unit: Unit | None) -> dict[str, Any]:
    allowed = {"name", "short_name", "kind", "official_code", "sort_order", "parent_id", "note"}
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise UserError(f"Trường «{', '.join(unknown)}» không có trong thông tin đơn vị.", code="bad_field")
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "name":
            name = _clean(value)
            if not name:
                raise UserError("Tên đơn vị không được để trống.", code="missing_field")
            if len(name) > 300:
                raise UserError("Tên đơn vị dài quá 300 ký tự.", code="bad_field")
            out[key] = name
        elif key == "short_name":
            short = _clean(value)
            if short and len(short) > 100:
                raise UserError("Tên viết tắt dài quá 100 ký tự.", code="bad_field")
            out[key] = short
        elif key == "kind":
            kind = value or UnitKind.OTHER.value
            if kind not in UNIT_KINDS:
                allowed_kinds = ", ".join(f"{k} = {v}" for k, v in UNIT_KINDS.items())
                raise UserError(f"Loại đơn vị «{kind}» không hợp lệ ({allowed_kinds}).", code="bad_field")
            out[key] = kind
        elif key == "official_code":
            code = _clean(value)
            if code:
                code = code.replace(" ", "")
                if not re.fullmatch(r"[0-9A-Za-z.\-]{1,30}", code):
                    raise UserError(
                        f"Mã đơn vị hành chính «{code}» không hợp lệ (chỉ gồm chữ số, tối đa 30 ký tự; "
                        "ví dụ mã xã 05116).",
                        code="bad_field",
                    )
                clash = session.scalars(select(Unit).where(Unit.official_code == code)).first()
                if clash is not None and clash is not unit:
                    raise UserError(
                        f"Mã đơn vị hành chính «{code}» đã dùng cho đơn vị «{clash.name}».", code="bad_field"
                    )
            out[key] = code
        elif key == "sort_order":
            try:
                out[key] = int(value or 0)
            except (TypeError, ValueError):
                raise UserError(f"Thứ tự «{value}» phải là số nguyên.", code="bad_field") from None
        elif key == "parent_id":
            parent_id = value or None
            if parent_id is not None:
                parent = get_unit(session, parent_id)
                if unit is not None and (
                    parent.id == unit.id or parent.id in _descendant_ids(session, unit.id)
                ):
                    raise UserError(
                        f"Không chuyển được «{unit.name}» vào «{parent.name}»: đơn vị cấp trên không được là "
                        "chính nó hoặc một đơn vị trực thuộc nó.",
                        code="bad_field",
                    )
            out[key] = parent_id
        elif key == "note":
            out[key] = (value or "").strip() or None
    return out


def create_unit(session: Session, name: str, *, parent_id: str | None = None, **values: Any) -> Unit:
    """A new unit under ``parent_id`` (``kind``, ``short_name``, ``official_code``,
    ``sort_order``, ``note``). A unit of the same name under the same parent is refused."""
    clean = _unit_values(session, {"name": name, "parent_id": parent_id, **values}, None)
    key = fold(clean["name"])
    same_level = Unit.parent_id.is_(None) if parent_id is None else Unit.parent_id == parent_id
    for other in session.scalars(select(Unit).where(same_level)):
        if fold(other.name) == key:
            raise UserError(f"Đã có đơn vị «{other.name}» ở cùng cấp này.", code="duplicate")
    if "sort_order" not in values:
        last = session.scalar(
            select(func.max(Unit.sort_order)).where(
                Unit.parent_id.is_(None) if parent_id is None else Unit.parent_id == parent_id
            )
        )
        clean["sort_order"] = (last or 0) + 1 if last is not None else 0
    clean.setdefault("kind", UnitKind.OTHER.value)
    unit = Unit(**clean)
    session.add(unit)
    session.flush()
    return unit


def update_unit(
    session: Session, unit_id: str, *, expected_version: int | None = None, **values: Any
) -> Unit:
    """Change a unit (name, short name, kind, official code, order, parent, note)."""
    from ..db.engine import STALE_MESSAGE
    from ..errors import StaleRecord

    unit = get_unit(session, unit_id)
    if expected_version is not None and unit.version != expected_version:
        raise StaleRecord(STALE_MESSAGE)
    for key, value in _unit_values(session, values, unit).items():
        setattr(unit, key, value)
    session.flush()
    return unit


def move_unit(session: Session, unit_id: str, parent_id: str | None) -> Unit:
    """Put the unit under another parent (``None``: at the top)."""
    return update_unit(session, unit_id, parent_id=parent_id)


@dataclass
class UnitUsage:
    candidates: int
    councils: int
    quotas: int
    children: int
    is_office: bool

    @property
    def used(self) -> bool:
        return bool(self.candidates or self.councils or self.quotas or self.children or self.is_office)

    def text(self) -> str:
        parts = []
        if self.candidates:
            parts.append(f"{self.candidates} điển hình")
        if self.councils:
            parts.append(f"{self.councils} hội đồng")
        if self.quotas:
            parts.append(f"{self.quotas} chỉ tiêu")
        if self.children:
            parts.append(f"{self.children} đơn vị trực thuộc")
        if self.is_office:
            parts.append("thông tin cơ quan")
        return ", ".join(parts)


def unit_usage(session: Session, unit_id: str) -> UnitUsage:
    def count(model: Any, column: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(model).where(column == unit_id)) or 0)

    office = session.scalar(
        select(func.count()).select_from(OfficeProfile).where(OfficeProfile.unit_id == unit_id)
    )
    return UnitUsage(
        candidates=count(Candidate, Candidate.unit_id),
        councils=count(Council, Council.unit_id),
        quotas=count(Quota, Quota.unit_id),
        children=count(Unit, Unit.parent_id),
        is_office=bool(office),
    )


def deactivate_unit(session: Session, unit_id: str, *, with_children: bool = False) -> list[Unit]:
    """Stop using a unit (and, with ``with_children``, every unit under it): hidden from the
    pick lists, kept on old records. Returns the units deactivated. The office's own unit
    cannot be deactivated; active units under it are refused unless ``with_children``."""
    unit = get_unit(session, unit_id)
    usage = unit_usage(session, unit.id)
    if usage.is_office:
        raise UserError(
            f"«{unit.name}» là đơn vị của chính cơ quan (thông tin cơ quan); không ngừng sử dụng được.",
            code="in_use",
        )
    below = [session.get(Unit, uid) for uid in _descendant_ids(session, unit.id)]
    active_below = [u for u in below if u is not None and u.active]
    if active_below and not with_children:
        raise UserError(
            f"«{unit.name}» còn {len(active_below)} đơn vị trực thuộc đang sử dụng. Hãy chuyển chúng sang "
            "đơn vị khác, hoặc ngừng sử dụng cả các đơn vị trực thuộc.",
            code="in_use",
        )
    done = [unit, *active_below]
    for u in done:
        u.active = False
    session.flush()
    return done


def reactivate_unit(session: Session, unit_id: str) -> Unit:
    unit = get_unit(session, unit_id)
    unit.active = True
    parent = unit.parent
    while parent is not None:  # a unit in use under a unit out of use would be hidden
        parent.active = True
        parent = parent.parent
    session.flush()
    return unit


def delete_unit(session: Session, unit_id: str) -> None:
    """Delete a unit nothing uses (typed by mistake); anything in use is refused with what
    uses it — deactivate it instead."""
    unit = get_unit(session, unit_id)
    usage = unit_usage(session, unit.id)
    if usage.used:
        raise UserError(
            f"Không xóa được đơn vị «{unit.name}»: đang được dùng ({usage.text()}). "
            "Hãy chọn «Ngừng sử dụng» thay cho xóa.",
            code="in_use",
        )
    session.delete(unit)
    session.flush()


# ----------------------------------------------------------------------------- councils
def update_council(session: Session, council_id: str, **values: Any) -> Council:
    """Change a council's name, kind, unit, founding decision or active flag."""
    from .meetings import COUNCIL_KINDS

    council = session.get(Council, council_id)
    if council is None:
        raise UserError(f"Không tìm thấy hội đồng «{council_id}».", code="not_found")
    for key, value in values.items():
        if key == "name":
            name = _clean(value)
            if not name:
                raise UserError("Thiếu tên hội đồng.", code="missing_field")
            council.name = name
        elif key == "kind":
            if value not in COUNCIL_KINDS:
                raise UserError(
                    f"Loại hội đồng «{value}» không hợp lệ ({', '.join(f'{k} = {v}' for k, v in COUNCIL_KINDS.items())}).",
                    code="bad_field",
                )
            council.kind = value
        elif key == "unit_id":
            if value:
                get_unit(session, value)
            council.unit_id = value or None
        elif key == "established_by":
            council.established_by = _clean(value)
        elif key == "active":
            council.active = bool(value)
        else:
            raise UserError(f"Trường «{key}» không có trong thông tin hội đồng.", code="bad_field")
    session.flush()
    return council


def set_members(session: Session, council_id: str, rows: list[dict[str, Any]]) -> list[CouncilMember]:
    """Make the council's members equal to ``rows`` (in order): a row with an ``id`` updates
    that member (``full_name``, ``position``, ``role``, ``active``), one without adds a member.
    Members left out are deactivated, never deleted (meetings keep their attendance)."""
    from .meetings import add_member, update_member

    council = session.get(Council, council_id)
    if council is None:
        raise UserError(f"Không tìm thấy hội đồng «{council_id}».", code="not_found")
    existing = {m.id: m for m in council.members}
    out: list[CouncilMember] = []
    kept: set[str] = set()
    for i, row in enumerate(rows, start=1):
        try:
            if row.get("id"):
                member = existing.get(row["id"])
                if member is None:
                    raise UserError("thành viên này không còn trong hội đồng.", code="not_found")
                values = {k: row[k] for k in ("full_name", "position", "role", "active") if k in row}
                update_member(session, member, **values)
            else:
                member = add_member(
                    session,
                    council,
                    row.get("full_name") or "",
                    position=row.get("position"),
                    role=row.get("role") or "member",
                )
                if "active" in row:
                    member.active = bool(row["active"])
        except UserError as exc:
            raise UserError(f"Thành viên hội đồng, dòng {i}: {exc.message}", code=exc.code) from None
        kept.add(member.id)
        out.append(member)
    for member in council.members:
        if member.id not in kept:
            member.active = False
    for n, member in enumerate(out):
        member.sort_order = n
    chairs = [m for m in out if m.active and m.role == "chair"]
    if len(chairs) > 1:
        raise UserError(
            "Hội đồng chỉ có một Chủ tịch: "
            + ", ".join(m.full_name for m in chairs)
            + " đều đang là Chủ tịch.",
            code="bad_field",
        )
    session.flush()
    return out


def role_counts(members: list[CouncilMember]) -> Counter:
    return Counter(m.role for m in members if m.active)
