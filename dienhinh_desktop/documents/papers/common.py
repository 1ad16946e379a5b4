"""What the paper modules share: the candidates of a plan, lists grouped I. TẬP THỂ /
II. CÁ NHÂN / III. HỘ GIA ĐÌNH with the "Năm sinh Nam | Nữ" columns, and writing one file
per candidate all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...errors import UserError
from ...models import Candidate, Plan
from ...models.enums import CandidateKind, CandidateStatus, Gender
from ...services.plans import resolve_plan
from ..exporters import Cancelled, ExportContext

INACTIVE = (CandidateStatus.REMOVED.value, CandidateStatus.REPLACED.value)
KIND_ORDER = [CandidateKind.COLLECTIVE.value, CandidateKind.INDIVIDUAL.value, CandidateKind.HOUSEHOLD.value]
KIND_TITLES = {
    CandidateKind.COLLECTIVE.value: "TẬP THỂ",
    CandidateKind.INDIVIDUAL.value: "CÁ NHÂN",
    CandidateKind.HOUSEHOLD.value: "HỘ GIA ĐÌNH",
}
ROMAN = ["I", "II", "III", "IV", "V"]
COLLECTIVE_TYPES = {
    "state_budget": "Cơ quan, đơn vị hưởng ngân sách nhà nước",
    "enterprise": "Doanh nghiệp, tổ chức ngoài nhà nước",
    "party_org": "Tổ chức đảng",
    "mass_org": "Tổ chức chính trị - xã hội, đoàn thể",
    "school": "Trường học",
    "armed_forces": "Đơn vị lực lượng vũ trang",
    "village": "Thôn, bản, tổ dân phố",
}

# The first columns of every "Năm sinh Nam | Nữ" list (Excel widths) and the row keys they show.
LIST_LEAD_COLUMNS: list[tuple[str, float, str | None]] = [
    ("STT", 6, None),
    ("Họ và tên / Tên tập thể", 26, None),
    ("Nam", 8, "Năm sinh"),
    ("Nữ", 8, "Năm sinh"),
    ("Dân tộc", 10, None),
    ("Chức vụ, đơn vị", 28, None),
    ("Lĩnh vực", 20, None),
]
LIST_LEAD_KEYS = ("stt", "name", "male", "female", "ethnicity", "position_unit", "field")


def remove_files(paths: Iterable[Path]) -> None:
    """Remove what an export wrote before it failed or was cancelled (quietly)."""
    for path in paths:
        try:
            path.unlink()
        except OSError:
            pass


def plan_for(session: Session, ctx: ExportContext) -> Plan:
    """``ctx.plan_id``; without it, the plan of the first of ``ctx.candidate_ids``, else the
    current plan."""
    if ctx.plan_id is None and ctx.candidate_ids:
        from ...services.candidates import get_candidate

        return get_candidate(session, ctx.candidate_ids[0]).plan
    return resolve_plan(session, ctx.plan_id)


def load_candidates(
    session: Session, plan: Plan, ids: Sequence[str] | None, *, mentors: bool = False
) -> list[Candidate]:
    """The candidates ``ids`` (in that order; each must belong to ``plan``), or every
    candidate of the plan that is not removed/replaced, in the plan's order."""
    options = [selectinload(Candidate.field), selectinload(Candidate.unit)]
    if mentors:
        options.insert(0, selectinload(Candidate.mentors))
    stmt = (
        select(Candidate)
        .options(*options)
        .where(Candidate.plan_id == plan.id)
        .order_by(Candidate.sort_key, Candidate.id)
    )
    if ids:
        from ...services.candidates import get_candidate

        wanted = [get_candidate(session, cid).id for cid in ids]
        found = {c.id: c for c in session.scalars(stmt.where(Candidate.id.in_(wanted)))}
        missing = [cid for cid in wanted if cid not in found]
        if missing:
            raise UserError(f"Điển hình «{missing[0]}» không thuộc kế hoạch «{plan.name}».", code="not_found")
        return [found[cid] for cid in wanted]
    return list(session.scalars(stmt.where(Candidate.status.not_in(INACTIVE))))


def write_each(
    ctx: ExportContext, candidates: Sequence[Candidate], write: Callable[[Candidate], Path]
) -> list[Path]:
    """``write(c)`` for each candidate with progress; on an error or a cancel the files
    already written are removed."""
    written: list[Path] = []
    total = len(candidates)
    try:
        for i, c in enumerate(candidates):
            ctx.step(i, total, c.name)
            written.append(write(c))
        ctx.step(total, total, "")
    except (Cancelled, Exception):
        remove_files(written)
        raise
    return written


def birth_years(c: Candidate) -> dict[str, str]:
    """The birth year under "Nam" or "Nữ" (``male``, ``female``)."""
    year = str(c.birth_year) if c.birth_year else ""
    return {
        "male": year if c.gender == Gender.MALE.value else "",
        "female": year if c.gender == Gender.FEMALE.value else "",
    }


def kind_groups(
    candidates: Iterable[Candidate],
    make_row: Callable[[Candidate, int], dict[str, Any]],
    *,
    kind_of: Callable[[Candidate], str],
) -> list[dict[str, Any]]:
    """Rows grouped I. TẬP THỂ / II. CÁ NHÂN / III. HỘ GIA ĐÌNH (``title``, ``kind``,
    ``rows``); empty groups are left out and ``make_row(c, n)`` numbers from 1 in each."""
    members = list(candidates)
    groups: list[dict[str, Any]] = []
    for kind in KIND_ORDER:
        chosen = [c for c in members if kind_of(c) == kind]
        if not chosen:
            continue
        rows = [make_row(c, n) for n, c in enumerate(chosen, start=1)]
        groups.append({"title": f"{ROMAN[len(groups)]}. {KIND_TITLES[kind]}", "kind": kind, "rows": rows})
    return groups
