"""Quotas (chỉ tiêu số lượng): live counters per unit and candidate kind, from the plan's
Quota rows. They warn and never block.

A quota row applies to every unit of its ``unit_kind`` in the unit tree (external units
included: at the upper level these are the communes whose packages came in), or to the one
unit named by ``unit_id``. A unit's count covers the candidates registered by the unit and
by the units under it (a commune's party committee counts its party cells' candidates).
``candidate_kind`` None counts collectives, individuals and households together.

What is counted:

- ``registration`` scope: active candidates — neither removed nor replaced, nor merged into
  another record, nor merely ``discovered`` (a "new factor" noticed but not registered yet).
- ``proposal`` and ``introduction`` scopes: active candidates with
  ``selected_for_proposal`` or status ``proposed``.

With ``year`` (for quotas whose period is ``year``): registration counts candidates
registered that year; proposal counts those proposed that year (the status change to
``proposed``), plus those selected and not proposed yet (the current draft).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import extract, func, inspect, or_, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Candidate, OfficeProfile, Plan, Quota, StatusChange, Unit
from ..models.enums import CandidateKind, OfficeLevel, UnitKind
from ..models.enums import CandidateStatus as S

NOT_COUNTED = (S.REMOVED.value, S.REPLACED.value, S.DISCOVERED.value)
PROPOSAL_SCOPES = ("proposal", "introduction")

KIND_WORDS = {
    None: "điển hình",
    CandidateKind.COLLECTIVE.value: "tập thể",
    CandidateKind.INDIVIDUAL.value: "cá nhân",
    CandidateKind.HOUSEHOLD.value: "hộ gia đình",
}
SCOPE_WORDS = {"registration": "", "proposal": " đề nghị", "introduction": " giới thiệu"}


@dataclass
class QuotaCounter:
    quota_id: str
    scope: str
    unit_id: str
    unit_name: str
    candidate_kind: str | None
    min_count: int | None
    max_count: int | None
    count: int
    state: str  # under / ok / over
    message: str
    note: str | None = None

    @property
    def missing(self) -> int:
        return max(0, (self.min_count or 0) - self.count) if self.min_count is not None else 0

    @property
    def excess(self) -> int:
        return max(0, self.count - self.max_count) if self.max_count is not None else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "quota_id": self.quota_id,
            "scope": self.scope,
            "unit_id": self.unit_id,
            "unit": self.unit_name,
            "candidate_kind": self.candidate_kind,
            "min": self.min_count,
            "max": self.max_count,
            "count": self.count,
            "state": self.state,
            "message": self.message,
        }


def _state(count: int, lo: int | None, hi: int | None) -> str:
    if lo is not None and count < lo:
        return "under"
    if hi is not None and count > hi:
        return "over"
    return "ok"


def _message(unit_name: str, scope: str, kind: str | None, lo: int | None, hi: int | None, count: int) -> str:
    words = KIND_WORDS.get(kind, kind or "điển hình") + SCOPE_WORDS.get(scope, "")
    if lo is not None and hi is not None:
        bound = f"tối thiểu {lo}, tối đa {hi}" if lo != hi else f"đúng {lo}"
        target = hi
    elif lo is not None:
        bound, target = f"tối thiểu {lo}", lo
    elif hi is not None:
        bound, target = f"tối đa {hi}", hi
    else:
        bound, target = "không giới hạn", None
    head = (
        f"{unit_name}: {count}/{target} {words} ({bound})"
        if target is not None
        else (f"{unit_name}: {count} {words} ({bound})")
    )
    state = _state(count, lo, hi)
    if state == "under":
        return f"{head} — còn thiếu {lo - count}"  # type: ignore[operator]
    if state == "over":
        return f"{head} — vượt {count - hi}"  # type: ignore[operator]
    return f"{head} — đạt"


def _counts(
    session: Session,
    plan_id: str,
    scope: str,
    year: int | None,
) -> dict[tuple[str | None, str], int]:
    """(unit_id, kind) → number of counted candidates registered directly by that unit."""
    stmt = (
        select(Candidate.unit_id, Candidate.kind, func.count())
        .where(
            Candidate.plan_id == plan_id,
            Candidate.status.not_in(NOT_COUNTED),
            Candidate.merged_into_id.is_(None),
        )
        .group_by(Candidate.unit_id, Candidate.kind)
    )
    if scope in PROPOSAL_SCOPES:
        stmt = stmt.where(
            or_(Candidate.selected_for_proposal.is_(True), Candidate.status == S.PROPOSED.value)
        )
        if year is not None:
            proposed_that_year = select(StatusChange.candidate_id).where(
                StatusChange.to_status == S.PROPOSED.value,
                StatusChange.undone.is_(False),
                extract("year", StatusChange.changed_at) == year,
            )
            ever_proposed = select(StatusChange.candidate_id).where(
                StatusChange.to_status == S.PROPOSED.value, StatusChange.undone.is_(False)
            )
            stmt = stmt.where(or_(Candidate.id.in_(proposed_that_year), Candidate.id.not_in(ever_proposed)))
    elif year is not None:
        stmt = stmt.where(extract("year", Candidate.registered_on) == year)
    return {(u, k): n for u, k, n in session.execute(stmt)}


def _descendants(units: list[Unit]) -> dict[str, list[str]]:
    children: dict[str | None, list[str]] = defaultdict(list)
    for u in units:
        children[u.parent_id].append(u.id)
    out: dict[str, list[str]] = {}
    for u in units:
        seen, stack = [], [u.id]
        while stack:
            uid = stack.pop()
            if uid in seen:
                continue
            seen.append(uid)
            stack.extend(children.get(uid, []))
        out[u.id] = seen
    return out


def _kinds_of(unit: Unit, office: OfficeProfile | None) -> set[str]:
    """The kinds a unit answers to in quota rows. The office's own unit is also what the
    seeds call it from above: after the 2025 reform a commune's party committee is a
    "đảng ủy trực thuộc Tỉnh ủy" (seed 002), and a commune is still a commune (seed 003)."""
    kinds = {unit.kind}
    if office is not None and office.unit_id == unit.id:
        if office.is_party:
            kinds.add(UnitKind.PARTY_COMMITTEE.value)
        if office.level == OfficeLevel.COMMUNE:
            kinds.add(UnitKind.COMMUNE.value)
    return kinds


def quota_status(
    session: Session,
    plan_id: str,
    *,
    scope: str | None = "registration",
    year: int | None = None,
    unit_ids: set[str] | None = None,
    extra: dict[tuple[str | None, str], int] | None = None,
) -> list[QuotaCounter]:
    """One counter per (quota row, unit it applies to), computed live. ``scope`` None takes
    every scope. ``unit_ids`` limits the result to these units; ``extra`` adds hypothetical
    candidates ((unit_id, kind) → n) for a form that has not saved yet."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError(f"Không tìm thấy kế hoạch «{plan_id}».", code="not_found")
    stmt = select(Quota).where(Quota.plan_id == plan_id)
    if scope is not None:
        stmt = stmt.where(Quota.scope == scope)
    quotas = list(session.scalars(stmt))
    if not quotas:
        return []
    units = list(
        session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.sort_order, Unit.name))
    )
    by_id = {u.id: u for u in units}
    below = _descendants(units)
    office = session.scalars(select(OfficeProfile).limit(1)).first()
    cache: dict[str, dict[tuple[str | None, str], int]] = {}
    out: list[QuotaCounter] = []
    for q in sorted(quotas, key=lambda q: (q.scope, q.unit_kind or "", q.candidate_kind or "")):
        if q.scope not in cache:
            counts = dict(_counts(session, plan_id, q.scope, year if q.period == "year" else None))
            for key, n in (extra or {}).items():
                counts[key] = counts.get(key, 0) + n
            cache[q.scope] = counts
        counts = cache[q.scope]
        if q.unit_id:
            targets = [by_id[q.unit_id]] if q.unit_id in by_id else []
        elif q.unit_kind:
            targets = [u for u in units if q.unit_kind in _kinds_of(u, office)]
        else:
            targets = units
        for unit in targets:
            if unit_ids is not None and unit.id not in unit_ids:
                continue
            tree = below.get(unit.id, [unit.id])
            n = sum(
                v
                for (uid, kind), v in counts.items()
                if uid in tree and (q.candidate_kind is None or kind == q.candidate_kind)
            )
            out.append(
                QuotaCounter(
                    quota_id=q.id,
                    scope=q.scope,
                    unit_id=unit.id,
                    unit_name=unit.name,
                    candidate_kind=q.candidate_kind,
                    min_count=q.min_count,
                    max_count=q.max_count,
                    count=n,
                    state=_state(n, q.min_count, q.max_count),
                    message=_message(unit.name, q.scope, q.candidate_kind, q.min_count, q.max_count, n),
                    note=q.note,
                )
            )
    return out


def quota_warnings(session: Session, plan_id: str, **kwargs: Any) -> list[QuotaCounter]:
    """Only the counters that are under or over."""
    return [c for c in quota_status(session, plan_id, **kwargs) if c.state != "ok"]


def _ancestors(session: Session, unit_id: str | None) -> set[str]:
    out: set[str] = set()
    while unit_id and unit_id not in out:
        out.add(unit_id)
        unit = session.get(Unit, unit_id)
        unit_id = unit.parent_id if unit else None
    return out


def quota_warnings_for(
    session: Session, candidate: Candidate, *, today: date | None = None
) -> list[QuotaCounter]:
    """For the candidate form: the counters (under or over) of the quotas that concern this
    candidate — its unit and the units above it, its kind. A candidate not saved yet (or not
    counted yet) is counted as if it were, so the form can say "this one would exceed the
    quota". Proposal quotas are included when the candidate is selected or proposed."""
    if not candidate.plan_id:
        return []
    units = _ancestors(session, candidate.unit_id)
    if not units:
        return []
    scopes = ["registration"]
    if candidate.selected_for_proposal or candidate.status == S.PROPOSED:
        scopes += list(PROPOSAL_SCOPES)
    state = inspect(candidate)
    counted = state.persistent or state.pending
    if counted:
        session.flush()
    year = (today or date.today()).year
    out: list[QuotaCounter] = []
    for scope in scopes:
        extra = None
        if not counted and candidate.status not in NOT_COUNTED:
            extra = {(candidate.unit_id, str(candidate.kind)): 1}
        for counter in quota_status(
            session, candidate.plan_id, scope=scope, year=year, unit_ids=units, extra=extra
        ):
            if counter.candidate_kind not in (None, candidate.kind):
                continue
            if counter.state != "ok":
                out.append(counter)
    return out
