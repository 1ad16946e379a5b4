"""Decisions received from above: entered by hand, and listed for the «Quyết định nhận về» page.

When the decision came back as a PDF or a scan (nothing a program can read), the officer
types its number, date, issuer and form of award and ticks the candidates it names:
:func:`record_manual_decision` records it exactly as a decision imported from a file would
be recorded (a received :class:`Decision` with one :class:`DecisionEntry` per candidate, a
:class:`Recognition` on each candidate, the status moved to «Được công nhận» or «Được khen
thưởng» with a history line that points at the decision), keeping the scan as the decision's
attachment.

:func:`list_received_decisions` and :func:`decision_details` give plain dictionaries for the
page's list and its details view (no Qt here).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Attachment, Candidate, Decision, DecisionEntry, Recognition, StatusChange, utcnow
from ..models.enums import LABELS, AwardKind, CandidateKind, CandidateStatus
from ..text import fmt_date, fold, parse_date
from . import lifecycle

__all__ = [
    "award_label_for",
    "decision_details",
    "find_same_decision",
    "list_received_decisions",
    "record_manual_decision",
]

SOURCE_LABELS = {
    "file": "Tệp Word/Excel",
    "package": "Gói dữ liệu",
    "manual": "Nhập tay",
    "own": "Cấp này",
}
# Statuses that already carry a recognition or award, or come after it: a new decision adds
# the recognition without moving the candidate back.
_AFTER = frozenset({CandidateStatus.REPLICATING.value})
_KIND_ORDER = {k.value: i for i, k in enumerate(CandidateKind)}


def award_label_for(kind: str | None) -> str:
    """The Vietnamese name of a form of award («Giấy khen», «Bằng khen»…)."""
    try:
        return LABELS[AwardKind(kind or "")]
    except (ValueError, KeyError):
        return kind or "Khen thưởng"


def _clean(text: str | None) -> str:
    return " ".join(str(text or "").split())


def find_same_decision(
    session: Session, number: str, day: date | None, issuer: str | None
) -> Decision | None:
    """A received decision with the same number and date (and issuer, when both name one),
    compared without accents or case ("125-QĐ/TU" = "125-qd/tu")."""
    key_number = fold(_clean(number))
    key_issuer = fold(_clean(issuer))
    stmt = select(Decision).where(Decision.direction == "received", Decision.number.is_not(None))
    stmt = stmt.where(Decision.decision_date == day) if day else stmt.where(Decision.decision_date.is_(None))
    for d in session.scalars(stmt):
        if fold(_clean(d.number)) != key_number:
            continue
        if key_issuer and d.issuer and fold(_clean(d.issuer)) != key_issuer:
            continue
        return d
    return None


def _describe(number: str, day: date | None, issuer: str | None) -> str:
    text = f"Quyết định số {number}"
    if day:
        text += f" ngày {fmt_date(day)}"
    if issuer:
        text += f" của {issuer}"
    return text


def record_manual_decision(
    session: Session,
    *,
    number: str,
    date: date | str,
    issuer: str,
    award_kind: str,
    award_label: str | None,
    candidate_ids: list[str],
    file_path: str | Path | None = None,
    files_dir: str | Path,
    by: str | None,
) -> Decision:
    """Record a received decision typed by hand. Owns its transaction: every check is made
    before anything is written; on success it commits, on any error it rolls back (nothing
    half-written).

    - ``number`` (số, ký hiệu), ``date`` (a ``date`` or "dd/mm/yyyy"), ``issuer`` are required;
      ``award_kind`` is an :class:`AwardKind` value, ``award_label`` its wording in the decision
      (default: the kind's Vietnamese name).
    - ``candidate_ids``: the candidates the decision names (at least one, each once).
    - ``file_path``: the decision as received (a PDF, a scan, a Word file) kept as its
      attachment in ``files_dir`` (``Database.files_dir``).

    Each candidate gets a :class:`DecisionEntry` (``match_status`` "confirmed"), a
    :class:`Recognition`, and its status moves to ``recognised`` (recognition) or ``rewarded``
    (any award) through :func:`lifecycle.change_status` with ``ref_type="decision"``. A
    candidate already in that status, or already replicating, keeps its status; one not yet
    appraised moves straight to it (the upper level's decision is a fact), with the same
    history line. A removed, replaced or merged candidate is refused. The same number and date
    (and issuer) entered twice is refused with a :class:`UserError`.
    """
    number = _clean(number)
    issuer = _clean(issuer)
    if not number:
        raise UserError("Chưa nhập số, ký hiệu của quyết định (ví dụ 125-QĐ/TU).", code="missing_field")
    if len(number) > 100:
        raise UserError("Số, ký hiệu của quyết định dài quá 100 ký tự.", code="bad_field")
    if not issuer:
        raise UserError(
            "Chưa nhập cơ quan ban hành quyết định (ví dụ Ban Thường vụ Tỉnh ủy).", code="missing_field"
        )
    if len(issuer) > 300:
        raise UserError("Tên cơ quan ban hành dài quá 300 ký tự.", code="bad_field")
    try:
        day = parse_date(date)
    except ValueError as exc:
        raise UserError(f"Ngày ký quyết định: {exc}", code="bad_field") from None
    if day > day.today():
        raise UserError(
            f"Ngày ký quyết định {fmt_date(day)} ở sau hôm nay; kiểm tra lại ngày (dd/mm/yyyy).",
            code="bad_field",
        )
    try:
        kind = AwardKind(award_kind).value
    except ValueError:
        raise UserError(f"Hình thức khen thưởng «{award_kind}» không hợp lệ.", code="bad_field") from None
    label = _clean(award_label) or award_label_for(kind)
    ids = list(dict.fromkeys(i for i in candidate_ids if i))
    if not ids:
        raise UserError(
            "Chưa chọn điển hình nào được ghi nhận theo quyết định này (đánh dấu trong danh sách).",
            code="missing_field",
        )
    src = Path(file_path) if file_path else None
    if src is not None and not src.is_file():
        raise UserError(f"Không tìm thấy tệp đính kèm «{src}».", code="not_found")

    same = find_same_decision(session, number, day, issuer)
    if same is not None:
        when = lifecycle.local_time(same.issued_at or same.created_at)
        raise UserError(
            f"{_describe(same.number or number, day, same.issuer or issuer)} đã được nhập"
            + (f" ngày {fmt_date(when)}" if when else "")
            + "; không ghi lại lần nữa. Mở quyết định đó trong danh sách để xem.",
            code="duplicate",
        )

    candidates: list[Candidate] = []
    missing: list[str] = []
    for cid in ids:
        c = session.get(Candidate, cid)
        if c is None:
            missing.append(cid)
        else:
            candidates.append(c)
    if missing:
        raise UserError(f"Không tìm thấy điển hình: {', '.join(missing)}.", code="not_found")
    refused = [c for c in candidates if c.status in lifecycle.INACTIVE or c.merged_into_id]
    if refused:
        names = "; ".join(f"{c.name} («{lifecycle.status_label(c.status)}»)" for c in refused)
        raise UserError(
            f"Không ghi nhận được cho điển hình đã bị loại, thay thế hoặc gộp: {names}. "
            "Hãy khôi phục hồ sơ trước, hoặc bỏ chọn.",
            code="bad_transition",
        )
    candidates.sort(key=lambda c: (_KIND_ORDER.get(c.kind, 9), c.sort_key or "", c.id))

    target = (
        CandidateStatus.RECOGNISED.value
        if kind == AwardKind.RECOGNITION.value
        else CandidateStatus.REWARDED.value
    )
    reason = "Theo " + _describe(number, day, issuer)
    try:
        plans = {c.plan_id for c in candidates}
        decision = Decision(
            direction="received",
            source="manual",
            plan_id=plans.pop() if len(plans) == 1 else None,
            number=number,
            decision_date=day,
            issuer=issuer,
            award_kind=kind,
            award_label=label[:300],
            issued_at=utcnow(),
            note="Nhập tay từ bản giấy, bản quét hoặc tệp PDF của quyết định.",
        )
        session.add(decision)
        session.flush()
        for i, c in enumerate(candidates, start=1):
            session.add(
                DecisionEntry(
                    decision_id=decision.id,
                    candidate_id=c.id,
                    row_no=i,
                    section=c.kind,
                    name=c.name[:300],
                    position_unit=c.position_unit,
                    unit_text=c.unit.name[:300] if c.unit else None,
                    birth_year=c.birth_year,
                    gender=c.gender,
                    ethnicity=c.ethnicity,
                    award_label=label[:300],
                    match_status="confirmed",
                    match_score=100.0,
                    raw={"match_reason": "Chọn bằng tay"},
                )
            )
            session.add(
                Recognition(
                    candidate_id=c.id,
                    decision_id=decision.id,
                    kind=kind,
                    title=label[:300],
                    year=day.year,
                    decision_number=number,
                    decision_date=day,
                    issuer=issuer,
                    level="upper",
                    source="decision",
                )
            )
            _move(session, c, target, by=by, reason=reason, decision_id=decision.id)
        if src is not None:
            from .attachments import add_attachment

            att = add_attachment(
                session,
                files_dir,
                src,
                "decision",
                decision.id,
                description="Bản quyết định nhận từ cấp trên (nhập tay)",
                file_name=src.name,
                added_by=by,
            )
            decision.file_attachment_id = att.id
            decision.content_hash = att.sha256  # the same file imported later is recognised
        session.flush()
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return decision


def _move(
    session: Session, c: Candidate, target: str, *, by: str | None, reason: str, decision_id: str
) -> None:
    if c.status == target or c.status in _AFTER:
        return
    if lifecycle.transition_kind(session, c, target) in ("forward", "lateral"):
        lifecycle.change_status(
            session, c, target, by=by, reason=reason, ref_type="decision", ref_id=decision_id
        )
        return
    # Not appraised or proposed here yet, but the level above decided: record the step as
    # the file import does (one history line pointing at the decision).
    c.history.append(
        StatusChange(
            candidate_id=c.id,
            from_status=c.status,
            to_status=target,
            changed_at=utcnow(),
            changed_by=by,
            reason=reason,
            ref_type="decision",
            ref_id=decision_id,
        )
    )
    c.status = target
    session.flush()


# --------------------------------------------------------------------------- listing


def list_received_decisions(session: Session) -> list[dict[str, Any]]:
    """The decisions received from above, newest first: ``{"id", "number", "date", "date_text",
    "issuer", "award_kind", "award", "source", "source_label", "entries", "recorded",
    "has_file", "title"}``."""
    counts = dict(
        session.execute(
            select(DecisionEntry.decision_id, func.count())
            .where(DecisionEntry.candidate_id.is_not(None))
            .group_by(DecisionEntry.decision_id)
        ).all()
    )
    totals = dict(
        session.execute(
            select(DecisionEntry.decision_id, func.count()).group_by(DecisionEntry.decision_id)
        ).all()
    )
    stmt = (
        select(Decision)
        .where(Decision.direction == "received")
        .order_by(Decision.decision_date.desc().nulls_last(), Decision.created_at.desc())
    )
    out = []
    for d in session.scalars(stmt):
        out.append(
            {
                "id": d.id,
                "number": d.number,
                "date": d.decision_date,
                "date_text": fmt_date(d.decision_date),
                "issuer": d.issuer,
                "award_kind": d.award_kind,
                "award": d.award_label or award_label_for(d.award_kind),
                "source": d.source,
                "source_label": SOURCE_LABELS.get(d.source, d.source),
                "entries": totals.get(d.id, 0),
                "recorded": counts.get(d.id, 0),
                "has_file": d.file_attachment_id is not None,
                "title": d.title,
            }
        )
    return out


def decision_details(
    session: Session, decision_id: str, files_dir: str | Path | None = None
) -> dict[str, Any]:
    """One decision for the details view: its facts, its entries (with the candidate each was
    recorded on) and its attached file (``file_path`` when ``files_dir`` is given)."""
    d = session.get(Decision, decision_id)
    if d is None:
        raise UserError("Không tìm thấy quyết định (có thể đã bị xóa).", code="not_found")
    att = session.get(Attachment, d.file_attachment_id) if d.file_attachment_id else None
    file_path = None
    if att is not None and files_dir is not None:
        from .attachments import attachment_path

        file_path = str(attachment_path(files_dir, att))
    entries = []
    for e in d.entries:
        c = e.candidate
        entries.append(
            {
                "row": e.row_no,
                "name": e.name,
                "unit": e.position_unit or e.unit_text,
                "birth_year": e.birth_year,
                "section": e.section,
                "match_status": e.match_status,
                "candidate_id": e.candidate_id,
                "candidate_name": c.name if c else None,
                "candidate_status": lifecycle.status_label(c.status) if c else None,
            }
        )
    return {
        "id": d.id,
        "number": d.number,
        "date": d.decision_date,
        "date_text": fmt_date(d.decision_date),
        "issuer": d.issuer,
        "title": d.title,
        "award_kind": d.award_kind,
        "award": d.award_label or award_label_for(d.award_kind),
        "source": d.source,
        "source_label": SOURCE_LABELS.get(d.source, d.source),
        "note": d.note,
        "recorded_at": lifecycle.local_time(d.issued_at),
        "entries": entries,
        "recorded": sum(1 for e in entries if e["candidate_id"]),
        "file_name": att.file_name if att else None,
        "file_path": file_path,
    }
