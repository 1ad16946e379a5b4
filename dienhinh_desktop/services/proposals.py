"""Proposals upward (hồ sơ đề nghị, seed 002 IV.3.3 and IV.4.2; seed 001 IV.1.đ; seed 000 III).

The office chooses, within the plan's proposal quota ("mỗi đảng ủy trực thuộc đề nghị …
tối đa 02 tập thể hoặc cá nhân"), the candidates it proposes to the level above; a breach
of the quota is allowed only with a recorded reason. A :class:`Proposal` row keeps the
dossier's facts (to whom, the cover letter's number and date, the meeting and this level's
decision it rests on, the bases, the breach reason) and its items; sending it (a package
written) moves each candidate to *proposed* through the lifecycle service when that move is
allowed (an *appraised* candidate), and leaves candidates this level already recognised as
they are (the history still says they were proposed).

    counters = quota_check(session, plan_id, candidate_ids)        # what the page shows
    select_candidates(session, plan_id, ids, reason=…)             # the flags, with the check
    proposal = create_proposal(session, plan_id, ids, breach_reason=…)
    mark_sent(session, proposal, package_id, by=…)

Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..errors import UserError
from ..models import (
    Candidate,
    Decision,
    DecisionEntry,
    Meeting,
    OfficeProfile,
    Plan,
    Proposal,
    ProposalItem,
    Quota,
    Recognition,
    StatusChange,
    utcnow,
)
from ..models.enums import AwardKind, CandidateKind
from ..models.enums import CandidateStatus as S
from ..text import fmt_date, long_date
from .lifecycle import change_status, status_label, transition_kind
from .office import get_profile

# Who may be proposed: appraised at this level, or already recognised / rewarded by it.
PROPOSABLE = (S.APPRAISED.value, S.PROPOSED.value, S.RECOGNISED.value, S.REWARDED.value, S.REPLICATING.value)
PROPOSAL_SCOPES = ("proposal",)
REF_PROPOSAL = "proposal"
KIND_WORDS = {
    None: "điển hình",
    CandidateKind.COLLECTIVE.value: "tập thể",
    CandidateKind.INDIVIDUAL.value: "cá nhân",
    CandidateKind.HOUSEHOLD.value: "hộ gia đình",
}
STATUS_WORDS = {"draft": "Đang soạn", "sent": "Đã gửi", "answered": "Đã có quyết định"}


@dataclass
class ProposalQuota:
    """One proposal quota of the plan, counted on the candidates being proposed."""

    quota_id: str
    candidate_kind: str | None
    min_count: int | None
    max_count: int | None
    count: int
    state: str  # under / ok / over
    message: str
    note: str | None = None

    @property
    def breached(self) -> bool:
        return self.state == "over"

    def to_dict(self) -> dict[str, Any]:
        return {
            "quota_id": self.quota_id,
            "candidate_kind": self.candidate_kind,
            "min": self.min_count,
            "max": self.max_count,
            "count": self.count,
            "state": self.state,
            "message": self.message,
            "note": self.note,
        }


def _quota_applies(q: Quota, profile: OfficeProfile | None) -> bool:
    """A proposal quota concerns this office unless it names another unit of the tree."""
    if q.unit_id and profile is not None and profile.unit_id and q.unit_id != profile.unit_id:
        return False
    return True


def _previous_counts(
    session: Session, plan_id: str, year: int | None, exclude: str | None, now_ids: set[str] | None = None
) -> dict[str, int]:
    """Candidates already proposed (sent) in this plan (and year), other than ``now_ids``: kind → count."""
    stmt = (
        select(Candidate.kind, Candidate.id)
        .join(ProposalItem, ProposalItem.candidate_id == Candidate.id)
        .join(Proposal, Proposal.id == ProposalItem.proposal_id)
        .where(Proposal.plan_id == plan_id, Proposal.status.in_(("sent", "answered")))
    )
    if exclude:
        stmt = stmt.where(Proposal.id != exclude)
    rows = session.execute(stmt).all()
    if year is not None:
        years = {
            p.id: (p.proposal_date or (p.sent_at.date() if p.sent_at else None))
            for p in session.scalars(select(Proposal).where(Proposal.plan_id == plan_id))
        }
        keep = set()
        for pid, when in years.items():
            if when is not None and when.year == year:
                keep.add(pid)
        stmt2 = stmt.where(Proposal.id.in_(keep)) if keep else None
        rows = session.execute(stmt2).all() if stmt2 is not None else []
    out: dict[str, int] = {}
    seen: set[str] = set()
    for kind, cid in rows:
        if cid in seen or (now_ids and cid in now_ids):
            continue
        seen.add(cid)
        out[kind] = out.get(kind, 0) + 1
    return out


def _state(count: int, lo: int | None, hi: int | None) -> str:
    if hi is not None and count > hi:
        return "over"
    if lo is not None and count < lo:
        return "under"
    return "ok"


def quota_check(
    session: Session,
    plan_id: str,
    candidate_ids: Iterable[str],
    *,
    exclude_proposal_id: str | None = None,
    when: date | None = None,
) -> list[ProposalQuota]:
    """The plan's proposal quotas counted on ``candidate_ids`` (plus what this office already
    sent in the same period): one counter per quota row. Empty when the plan has none."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError(f"Không tìm thấy kế hoạch «{plan_id}».", code="not_found")
    profile = get_profile(session)
    quotas = [
        q
        for q in session.scalars(
            select(Quota).where(Quota.plan_id == plan_id, Quota.scope.in_(PROPOSAL_SCOPES))
        )
        if _quota_applies(q, profile)
    ]
    if not quotas:
        return []
    ids = list(dict.fromkeys(candidate_ids))
    chosen = list(session.scalars(select(Candidate).where(Candidate.id.in_(ids)))) if ids else []
    now = when or date.today()
    out: list[ProposalQuota] = []
    for q in sorted(quotas, key=lambda q: q.candidate_kind or ""):
        year = now.year if q.period == "year" else None
        before = _previous_counts(session, plan_id, year, exclude_proposal_id, {c.id for c in chosen})
        n = sum(1 for c in chosen if q.candidate_kind in (None, c.kind))
        n_before = sum(v for k, v in before.items() if q.candidate_kind in (None, k))
        total = n + n_before
        state = _state(total, q.min_count, q.max_count)
        words = KIND_WORDS.get(q.candidate_kind, "điển hình")
        if q.max_count is not None and q.min_count is not None and q.min_count != q.max_count:
            bound = f"tối thiểu {q.min_count:02d}, tối đa {q.max_count:02d}"
        elif q.max_count is not None and q.min_count == q.max_count:
            bound = f"đúng {q.max_count:02d}"
        elif q.max_count is not None:
            bound = f"tối đa {q.max_count:02d}"
        elif q.min_count is not None:
            bound = f"tối thiểu {q.min_count:02d}"
        else:
            bound = "không giới hạn"
        period = " trong năm" if q.period == "year" else ""
        head = f"Chỉ tiêu đề nghị{period}: {bound} {words}; đã chọn {total:02d}"
        if n_before:
            head += f" (kể cả {n_before:02d} đã gửi trước)"
        if state == "over":
            message = f"{head} — vượt {total - (q.max_count or 0):02d}, cần ghi lý do."
        elif state == "under":
            message = f"{head} — còn thiếu {(q.min_count or 0) - total:02d}."
        else:
            message = f"{head} — trong chỉ tiêu."
        out.append(
            ProposalQuota(q.id, q.candidate_kind, q.min_count, q.max_count, total, state, message, q.note)
        )
    return out


def breach_message(counters: Sequence[ProposalQuota]) -> str | None:
    over = [c.message for c in counters if c.breached]
    return " ".join(over) if over else None


def proposable(session: Session, plan_id: str) -> list[Candidate]:
    """Candidates that may be proposed (appraised, or recognised by this level), in list order."""
    stmt = (
        select(Candidate)
        .options(selectinload(Candidate.unit), selectinload(Candidate.field))
        .where(
            Candidate.plan_id == plan_id, Candidate.status.in_(PROPOSABLE), Candidate.merged_into_id.is_(None)
        )
        .order_by(Candidate.sort_key, Candidate.id)
    )
    return list(session.scalars(stmt))


def _load(session: Session, plan_id: str, candidate_ids: Sequence[str]) -> list[Candidate]:
    from .candidates import get_candidate

    out: list[Candidate] = []
    refused: list[str] = []
    for cid in dict.fromkeys(candidate_ids):
        c = get_candidate(session, cid)
        if c.plan_id != plan_id:
            raise UserError(f"Điển hình «{c.name}» không thuộc kế hoạch đã chọn.", code="bad_input")
        if c.status not in PROPOSABLE or c.merged_into_id:
            refused.append(f"{c.name} («{status_label(c.status)}»)")
        out.append(c)
    if refused:
        raise UserError(
            "Chỉ đề nghị lên cấp trên những điển hình đã qua thẩm định hoặc đã được cấp này công nhận. "
            "Không chọn được: " + "; ".join(refused) + ".",
            code="not_eligible",
        )
    return out


def _require_reason(counters: Sequence[ProposalQuota], reason: str | None) -> str | None:
    message = breach_message(counters)
    reason = " ".join((reason or "").split()) or None
    if message and not reason:
        raise UserError(
            f"{message} Hãy ghi lý do vượt chỉ tiêu (ví dụ: theo ý kiến chỉ đạo của cấp trên) rồi chọn lại.",
            code="quota_breach",
        )
    return reason if message else None


def select_candidates(
    session: Session,
    plan_id: str,
    candidate_ids: Sequence[str],
    *,
    reason: str | None = None,
) -> dict[str, Any]:
    """Mark exactly ``candidate_ids`` as chosen for the proposal (the others of the plan that
    were chosen and not proposed yet are unmarked). A quota breach needs ``reason``.
    Returns ``{"selected", "quota", "breach_reason"}``. Does not commit."""
    chosen = _load(session, plan_id, candidate_ids)
    counters = quota_check(session, plan_id, [c.id for c in chosen])
    reason = _require_reason(counters, reason)
    wanted = {c.id for c in chosen}
    for c in session.scalars(
        select(Candidate).where(Candidate.plan_id == plan_id, Candidate.selected_for_proposal.is_(True))
    ):
        if c.id not in wanted and c.status != S.PROPOSED.value:
            c.selected_for_proposal = False
    for c in chosen:
        c.selected_for_proposal = True
    session.flush()
    return {
        "selected": [c.id for c in chosen],
        "quota": [q.to_dict() for q in counters],
        "breach_reason": reason,
    }


def selected_ids(session: Session, plan_id: str) -> list[str]:
    """The plan's candidates chosen for the proposal (active ones), in list order."""
    stmt = (
        select(Candidate.id)
        .where(
            Candidate.plan_id == plan_id,
            Candidate.selected_for_proposal.is_(True),
            Candidate.status.in_(PROPOSABLE),
            Candidate.merged_into_id.is_(None),
        )
        .order_by(Candidate.sort_key, Candidate.id)
    )
    return list(session.scalars(stmt))


# --------------------------------------------------------------------------- the decision behind it
def latest_own_decision(session: Session, candidate_ids: Sequence[str]) -> Decision | None:
    """This level's newest decision that recognised (or rewarded) any of the candidates."""
    if not candidate_ids:
        return None
    ids = set(candidate_ids)
    decision_ids = set(
        session.scalars(select(DecisionEntry.decision_id).where(DecisionEntry.candidate_id.in_(ids)))
    ) | set(
        session.scalars(
            select(Recognition.decision_id).where(
                Recognition.candidate_id.in_(ids), Recognition.decision_id.is_not(None)
            )
        )
    )
    if not decision_ids:
        return None
    return session.scalars(
        select(Decision)
        .where(Decision.id.in_(decision_ids), Decision.direction == "own")
        .order_by(Decision.decision_date.desc().nulls_last(), Decision.created_at.desc())
        .limit(1)
    ).first()


def default_title(plan: Plan, award_kind: str, year: int) -> str:
    if award_kind == AwardKind.RECOGNITION.value:
        return f"Về việc đề nghị công nhận, ghi danh điển hình tiên tiến năm {year}"
    return f"Về việc đề nghị khen thưởng điển hình tiên tiến năm {year}"


def default_bases(
    session: Session, plan: Plan, meeting: Meeting | None, decision: Decision | None
) -> list[str]:
    """The "Căn cứ …" lines of the cover letter (editable on the proposal)."""
    lines: list[str] = []
    if plan.code or plan.issuer:
        ref = f"Kế hoạch số {plan.code}" if plan.code else "Kế hoạch"
        when = f" {long_date(plan.issued_on)}" if plan.issued_on else ""
        issuer = f" của {plan.issuer}" if plan.issuer else ""
        name = plan.name[0].lower() + plan.name[1:] if plan.name else ""
        if name.startswith("kế hoạch"):
            name = name[len("kế hoạch") :].strip()
        lines.append(" ".join(f"Căn cứ {ref}{when}{issuer} {name};".split()))
    if meeting is not None:
        council = meeting.council.name if meeting.council else "Hội đồng"
        lines.append(f"Căn cứ Biên bản họp {council} {long_date(meeting.meeting_date)};")
    if decision is not None and decision.number:
        when = f" ngày {fmt_date(decision.decision_date)}" if decision.decision_date else ""
        title = (decision.title or "").strip()
        if title:
            title = " " + title[0].lower() + title[1:]
        issuer = f" của {decision.issuer}" if decision.issuer else ""
        lines.append(f"Căn cứ Quyết định số {decision.number}{when}{issuer}{title}.".replace("..", "."))
    return lines


# --------------------------------------------------------------------------- proposals
def create_proposal(
    session: Session,
    plan_id: str,
    candidate_ids: Sequence[str] | None = None,
    *,
    to_body: str | None = None,
    to_code: str | None = None,
    title: str | None = None,
    meeting_id: str | None = None,
    decision_id: str | None = None,
    award_kind: str = AwardKind.RECOGNITION.value,
    bases: Sequence[str] | None = None,
    breach_reason: str | None = None,
    proposal_date: date | None = None,
) -> Proposal:
    """A draft proposal of ``candidate_ids`` (default: the plan's chosen candidates). The
    quota is checked (a breach needs ``breach_reason``, kept on the proposal); the meeting and
    the decision default to this level's latest decision on these candidates; ``to_body``
    defaults to the profile's «Kính gửi». Flushes, does not commit."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise UserError(f"Không tìm thấy kế hoạch «{plan_id}».", code="not_found")
    ids = list(candidate_ids) if candidate_ids is not None else selected_ids(session, plan_id)
    if not ids:
        raise UserError(
            f"Chưa chọn điển hình nào để đề nghị lên cấp trên trong kế hoạch «{plan.name}». "
            "Hãy chọn trong trang «Hồ sơ gửi đi».",
            code="empty",
        )
    chosen = _load(session, plan_id, ids)
    when = proposal_date or date.today()
    counters = quota_check(session, plan_id, [c.id for c in chosen], when=when)
    reason = _require_reason(counters, breach_reason)
    profile = get_profile(session)
    decision = session.get(Decision, decision_id) if decision_id else latest_own_decision(session, ids)
    if decision_id and decision is None:
        raise UserError(f"Không tìm thấy quyết định «{decision_id}».", code="not_found")
    meeting = (
        session.get(Meeting, meeting_id)
        if meeting_id
        else (
            session.get(Meeting, decision.meeting_id)
            if decision is not None and decision.meeting_id
            else None
        )
    )
    if meeting_id and meeting is None:
        raise UserError(f"Không tìm thấy cuộc họp «{meeting_id}».", code="not_found")
    proposal = Proposal(
        plan_id=plan_id,
        title=(title or "").strip() or default_title(plan, award_kind, when.year),
        to_body=(to_body or "").strip() or (profile.upper_body if profile else None),
        to_code=(to_code or "").strip() or (profile.upper_code if profile else None),
        proposal_date=when,
        meeting_id=meeting.id if meeting else None,
        decision_id=decision.id if decision else None,
        award_kind=award_kind,
        bases="\n".join(
            b.strip()
            for b in (bases if bases is not None else default_bases(session, plan, meeting, decision))
            if b.strip()
        )
        or None,
        quota_breach_reason=reason,
        status="draft",
    )
    session.add(proposal)
    for rank, c in enumerate(chosen, start=1):
        proposal.items.append(ProposalItem(candidate_id=c.id, rank=rank))
        c.selected_for_proposal = True
    session.flush()
    return proposal


def get_proposal(session: Session, proposal_id: str) -> Proposal:
    p = session.get(Proposal, proposal_id)
    if p is None and len(proposal_id) >= 6:
        found = list(session.scalars(select(Proposal).where(Proposal.id.like(f"{proposal_id}%")).limit(2)))
        p = found[0] if len(found) == 1 else None
    if p is None:
        raise UserError(f"Không tìm thấy hồ sơ đề nghị «{proposal_id}».", code="not_found")
    return p


def list_proposals(session: Session, plan_id: str | None = None) -> list[Proposal]:
    stmt = select(Proposal).options(selectinload(Proposal.items)).order_by(Proposal.created_at.desc())
    if plan_id:
        stmt = stmt.where(Proposal.plan_id == plan_id)
    return list(session.scalars(stmt))


def draft_proposal(session: Session, plan_id: str) -> Proposal | None:
    return session.scalars(
        select(Proposal)
        .where(Proposal.plan_id == plan_id, Proposal.status == "draft")
        .order_by(Proposal.created_at.desc())
        .limit(1)
    ).first()


def proposal_candidates(proposal: Proposal) -> list[Candidate]:
    return [item.candidate for item in sorted(proposal.items, key=lambda i: i.rank)]


def mark_sent(
    session: Session, proposal: Proposal, package_id: str | None, *, by: str | None = None
) -> dict[str, Any]:
    """The dossier left the office: status *sent*, the package's id kept; each appraised
    candidate moves to *proposed* (lifecycle), the others (already recognised here) get a
    history line only. Returns ``{"proposed", "kept"}``. Does not commit."""
    proposal.status = "sent"
    proposal.sent_at = utcnow()
    if package_id:
        proposal.package_id = package_id
    reason = f"Đề nghị lên {proposal.to_body or 'cấp trên'}" + (
        f" (Tờ trình số {proposal.number})" if proposal.number else ""
    )
    moved, kept = [], []
    for c in proposal_candidates(proposal):
        c.selected_for_proposal = True
        if c.status == S.PROPOSED.value:
            kept.append(c.id)
            continue
        if transition_kind(session, c, S.PROPOSED.value) == "forward":
            change_status(
                session, c, S.PROPOSED.value, by=by, reason=reason, ref_type=REF_PROPOSAL, ref_id=proposal.id
            )
            moved.append(c.id)
        else:
            already = session.scalar(
                select(StatusChange.id)
                .where(
                    StatusChange.candidate_id == c.id,
                    StatusChange.ref_type == REF_PROPOSAL,
                    StatusChange.ref_id == proposal.id,
                )
                .limit(1)
            )
            if already is None:
                c.history.append(
                    StatusChange(
                        candidate_id=c.id,
                        from_status=c.status,
                        to_status=c.status,
                        changed_by=by,
                        reason=reason,
                        ref_type=REF_PROPOSAL,
                        ref_id=proposal.id,
                        changed_at=utcnow(),
                    )
                )
            kept.append(c.id)
    session.flush()
    return {"proposed": moved, "kept": kept}


def proposal_to_dict(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.id,
        "plan_id": p.plan_id,
        "title": p.title,
        "to_body": p.to_body,
        "to_code": p.to_code,
        "number": p.number,
        "date": p.proposal_date,
        "status": p.status,
        "status_label": STATUS_WORDS.get(p.status, p.status),
        "sent_at": p.sent_at,
        "package_id": p.package_id,
        "meeting_id": p.meeting_id,
        "decision_id": p.decision_id,
        "quota_breach_reason": p.quota_breach_reason,
        "candidates": [i.candidate_id for i in sorted(p.items, key=lambda i: i.rank)],
    }
