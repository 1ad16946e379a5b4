"""Candidates: create, edit, look up, list (with accent-free search), plain dicts for JSON."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from ..errors import StaleRecord, UserError
from ..models import Candidate, Field, StatusChange, Unit, new_id
from ..models.enums import CandidateKind, CandidateStatus, Gender
from ..text import fold

KIND_VALUES = {k.value for k in CandidateKind}
STATUS_VALUES = {s.value for s in CandidateStatus}
PERSON_ONLY = (
    "birth_year",
    "gender",
    "ethnicity",
    "is_party_member",
    "is_civil_servant",
    "is_armed_forces",
    "is_leader",
    "is_grassroots_worker",
)


def validate_candidate(values: dict[str, Any]) -> None:
    """Check a candidate's fields; a UserError names the field and says what is wrong."""
    kind = values.get("kind")
    if kind not in KIND_VALUES:
        raise UserError(
            f"Loại điển hình «{kind}» không hợp lệ (collective = tập thể, individual = cá nhân, household = hộ gia đình).",
            code="bad_kind",
        )
    name = " ".join(str(values.get("name") or "").split())
    if not name:
        raise UserError("Thiếu trường «Họ và tên / Tên tập thể».", code="missing_field")
    if len(name) > 300:
        raise UserError("Trường «Họ và tên / Tên tập thể» dài quá 300 ký tự.", code="bad_field")
    year = values.get("birth_year")
    if year not in (None, ""):
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise UserError(f"Trường «Năm sinh»: «{year}» không phải là một năm.", code="bad_field") from None
        if not 1900 <= year <= date.today().year:
            raise UserError(
                f"Trường «Năm sinh»: {year} nằm ngoài khoảng 1900–{date.today().year}.", code="bad_field"
            )
        values["birth_year"] = year
    gender = values.get("gender")
    if gender not in (None, "", *[g.value for g in Gender]):
        raise UserError(f"Trường «Giới tính»: «{gender}» không hợp lệ (male/female).", code="bad_field")
    status = values.get("status")
    if status is not None and status not in STATUS_VALUES:
        raise UserError(f"Trạng thái «{status}» không hợp lệ.", code="bad_field")
    if kind == CandidateKind.COLLECTIVE:
        for key in PERSON_ONLY:
            if values.get(key) not in (None, "", False):
                raise UserError(
                    f"Trường «{key}» chỉ dùng cho cá nhân, hộ gia đình; không dùng cho tập thể.",
                    code="bad_field",
                )


def create_candidate(
    session: Session,
    *,
    plan_id: str,
    kind: str,
    name: str,
    changed_by: str | None = None,
    reason: str | None = None,
    flush: bool = True,
    **values: Any,
) -> Candidate:
    """Register a candidate (status ``registered`` unless given), with the first history line.
    Does not commit; ``flush=False`` leaves the flush to the caller (bulk imports flush once)."""
    data = {"kind": kind, "name": name, **values}
    validate_candidate(data)
    data["name"] = " ".join(str(data["name"]).split())
    data.setdefault("status", CandidateStatus.REGISTERED.value)
    data.setdefault("registered_on", date.today())
    for key in list(data):
        if not hasattr(Candidate, key):
            raise UserError(f"Trường «{key}» không có trong hồ sơ điển hình.", code="bad_field")
    candidate = Candidate(id=new_id(), plan_id=plan_id, **data)
    session.add(candidate)
    candidate.history.append(
        StatusChange(
            from_status=None,
            to_status=candidate.status,
            changed_by=changed_by,
            reason=reason or "Đăng ký xây dựng điển hình",
        )
    )
    if flush:
        session.flush()
    return candidate


def update_candidate(
    session: Session,
    candidate: Candidate,
    *,
    expected_version: int | None = None,
    flush: bool = True,
    **values: Any,
) -> Candidate:
    """Edit fields (not the status: use the lifecycle service for that). Does not commit.

    ``expected_version`` is the version the officer opened: if someone saved since,
    :class:`StaleRecord` is raised and nothing changes (optimistic locking)."""
    if expected_version is not None and candidate.version != expected_version:
        raise StaleRecord(
            f"Hồ sơ «{candidate.name}» vừa được người khác sửa (phiên bản {candidate.version}, bạn mở phiên bản "
            f"{expected_version}). Thay đổi của bạn chưa được lưu; hãy mở lại hồ sơ rồi sửa lại."
        )
    values.pop("status", None)
    data = {"kind": candidate.kind, "name": candidate.name, **values}
    validate_candidate(data)
    for key, value in data.items():
        if not hasattr(Candidate, key):
            raise UserError(f"Trường «{key}» không có trong hồ sơ điển hình.", code="bad_field")
        setattr(candidate, key, value)
    if flush:
        session.flush()
    return candidate


def get_candidate(session: Session, candidate_id: str) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None and len(candidate_id) >= 6:
        found = list(session.scalars(select(Candidate).where(Candidate.id.like(f"{candidate_id}%")).limit(2)))
        candidate = found[0] if len(found) == 1 else None
    if candidate is None:
        raise UserError(f"Không tìm thấy điển hình «{candidate_id}».", code="not_found")
    return candidate


def candidate_query(
    *,
    plan_id: str | None = None,
    search: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    unit_id: str | None = None,
    field_id: str | None = None,
    include_removed: bool = True,
) -> Select[tuple[Candidate]]:
    stmt = select(Candidate).options(joinedload(Candidate.unit), joinedload(Candidate.field))
    if plan_id:
        stmt = stmt.where(Candidate.plan_id == plan_id)
    if kind:
        if kind not in KIND_VALUES:
            raise UserError(
                f"Loại «{kind}» không hợp lệ (collective, individual, household).", code="bad_kind"
            )
        stmt = stmt.where(Candidate.kind == kind)
    if status:
        if status not in STATUS_VALUES:
            raise UserError(f"Trạng thái «{status}» không hợp lệ.", code="bad_field")
        stmt = stmt.where(Candidate.status == status)
    elif not include_removed:
        stmt = stmt.where(Candidate.status.not_in([CandidateStatus.REMOVED, CandidateStatus.REPLACED]))
    if unit_id:
        stmt = stmt.where(Candidate.unit_id == unit_id)
    if field_id:
        stmt = stmt.where(Candidate.field_id == field_id)
    for word in fold(search).split() if search else []:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        stmt = stmt.where(Candidate.search_text.like(f"%{escaped}%", escape="\\"))
    return stmt.order_by(Candidate.sort_key, Candidate.id)


def list_candidates(session: Session, *, limit: int | None = None, **filters: Any) -> list[Candidate]:
    stmt = candidate_query(**filters)
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt).unique())


def candidate_to_dict(c: Candidate) -> dict[str, Any]:
    """The JSON shape of DESIGN.md §8 (``candidates list``), plus a few useful keys."""
    return {
        "id": c.id,
        "kind": c.kind,
        "name": c.name,
        "family_name": c.family_name,
        "middle_name": c.middle_name,
        "given_name": c.given_name,
        "birth_year": c.birth_year,
        "gender": c.gender,
        "ethnicity": c.ethnicity,
        "position_unit": c.position_unit,
        "field": c.field.name if c.field else None,
        "field_id": c.field_id,
        "unit": c.unit.name if c.unit else None,
        "unit_id": c.unit_id,
        "status": c.status,
        "plan_id": c.plan_id,
        "is_party_member": c.is_party_member,
        "version": c.version,
    }


def find_field(session: Session, plan_id: str, text: str | None) -> Field | None:
    """A field of the plan by code or (folded) name, for imports and the command line."""
    if not text:
        return None
    key = fold(text)
    fields = list(session.scalars(select(Field).where(Field.plan_id == plan_id)))
    for f in fields:
        if (f.code and fold(f.code) == key) or fold(f.name) == key:
            return f
    for f in fields:
        if key and key in fold(f.name):
            return f
    return None


def unit_by_name(session: Session, name: str | None) -> Unit | None:
    if not name:
        return None
    key = fold(name)
    for unit in session.scalars(select(Unit)):
        if fold(unit.name) == key or (unit.short_name and fold(unit.short_name) == key):
            return unit
    return None
