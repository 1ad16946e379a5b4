"""Import a decision received as a plain file: preview the matches, then record it.

:func:`preview_decision` reads the file and matches its entries (nothing is written);
its result is the JSON of ``dienhinh decisions import FILE --json`` (DESIGN §8).
:func:`apply_decision` records the decision in one transaction: the decision with its
entries and the original file attached, and on every confirmed candidate a recognition
(or award) and a dated history line. Importing the same file again changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import Candidate, Decision, DecisionEntry, Recognition, StatusChange
from ..models.enums import LABELS, AwardKind, CandidateStatus
from ..text import fmt_date
from .decision_matching import AUTO, MatchResult, match_entries
from .decision_reader import ParsedDecision, ParsedEntry, read_decision_file

__all__ = ["apply_decision", "file_sha256", "preview_decision"]


def file_sha256(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _find_existing(session: Session, sha: str) -> Decision | None:
    return session.scalars(select(Decision).where(Decision.content_hash == sha).limit(1)).first()


def _award_label(parsed: ParsedDecision) -> str:
    if parsed.award_label:
        return parsed.award_label
    return LABELS.get(AwardKind(parsed.award_kind), parsed.award_kind) if parsed.award_kind else "Khen thưởng"


def _decision_dict(parsed: ParsedDecision) -> dict[str, Any]:
    return {
        "number": parsed.number,
        "date": parsed.date.isoformat() if parsed.date else None,
        "issuer": parsed.issuer,
        "award": parsed.award_kind,
        "award_label": parsed.award_label,
        "title": parsed.title,
        "source_format": parsed.source_format,
        "legacy_encoding": parsed.legacy_encoding,
    }


def _entry_dict(e: ParsedEntry, m: MatchResult) -> dict[str, Any]:
    return {
        "row": e.row,
        "name": e.name,
        "unit": e.position_unit or e.unit or e.group,
        "section": e.section,
        "birth_year": e.birth_year,
        "gender": e.gender,
        "ethnicity": e.ethnicity,
        "award_label": e.award_label,
        "match": m.as_dict(),
    }


def preview_decision(
    session: Session,
    path: Path | str,
    plan_id: str | None = None,
    *,
    office_unit_names: list[str] | None = None,
) -> dict[str, Any]:
    """Read and match; write nothing. The ``decisions import --json`` result.

    ``{"decision": {"number", "date" (ISO), "issuer", "award", …}, "entries": [{"row", "name",
    "unit", "match": {"status", "candidate_id", "score", "reason", "suggestions": [{"candidate_id",
    "score"}]}}], "already_imported": bool, "warnings": [...], "counts": {"auto", "review", "none"}}``.
    """
    sha = file_sha256(path)
    existing = _find_existing(session, sha)
    parsed = read_decision_file(path)
    matches = match_entries(session, parsed, plan_id=plan_id, office_unit_names=office_unit_names)
    counts = {"auto": 0, "review": 0, "none": 0}
    for m in matches:
        counts[m.status] = counts.get(m.status, 0) + 1
    out: dict[str, Any] = {
        "decision": _decision_dict(parsed),
        "entries": [_entry_dict(e, m) for e, m in zip(parsed.entries, matches, strict=True)],
        "already_imported": existing is not None,
        "warnings": list(parsed.warnings),
        "counts": counts,
        "content_hash": sha,
    }
    if existing is not None:
        out["decision_id"] = existing.id
        out["message"] = _already_message(existing)
    elif parsed.number:
        # The same decision from another file (the .docx after the .xlsx): say so, do not refuse.
        same = session.scalars(
            select(Decision)
            .where(Decision.number == parsed.number, Decision.decision_date == parsed.date)
            .limit(1)
        ).first()
        if same is not None:
            out["same_number_decision_id"] = same.id
            out["warnings"].append(
                f"Đã có quyết định số {parsed.number}"
                + (f" ngày {fmt_date(parsed.date)}" if parsed.date else "")
                + " nhập từ một tệp khác; kiểm tra để khỏi ghi hai lần."
            )
    return out


def _already_message(d: Decision) -> str:
    num = f" số {d.number}" if d.number else ""
    day = f" ngày {fmt_date(d.decision_date)}" if d.decision_date else ""
    return f"Quyết định{num}{day} đã được nhập từ tệp này trước đây; không thay đổi gì."


def _default_files_dir(session: Session) -> Path:
    """The database's files folder (as :attr:`Database.files_dir`): beside an SQLite file, else the data folder."""
    from ..paths import data_dir

    bind = session.get_bind()
    url = bind.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        p = Path(url.database)
        base = p.parent / f"{p.stem}-tep"
    else:
        base = data_dir() / "tep-postgresql"
    base.mkdir(parents=True, exist_ok=True)
    return base


def apply_decision(
    session: Session,
    path: Path | str,
    confirmations: dict[int, str | None] | None = None,
    accept_auto: bool = False,
    data_dir: Path | str | None = None,
    *,
    plan_id: str | None = None,
    office_unit_names: list[str] | None = None,
    changed_by: str | None = None,
) -> dict[str, Any]:
    """Record a received decision file. Owns its transaction: commits on success, rolls
    back everything on any error (nothing half-written).

    ``confirmations`` maps an entry's row to the candidate the officer chose for it (or
    ``None`` to leave that entry without a candidate); ``accept_auto`` also records every
    ``auto`` match that the officer did not override. ``data_dir`` is the database's files
    folder (``Database.files_dir``); the original file is kept there as
    ``attachments/<sha[:2]>/<sha>.<ext>``.

    Returns ``{"already_imported", "decision_id", "recorded": [{"row", "candidate_id"}],
    "entries", "decision"}``. The same file imported twice: nothing changes and
    ``already_imported`` is true.
    """
    from ..services.attachments import add_attachment

    src = Path(path)
    sha = file_sha256(src)
    existing = _find_existing(session, sha)
    if existing is not None:
        return {
            "already_imported": True,
            "decision_id": existing.id,
            "recorded": [],
            "message": _already_message(existing),
        }
    parsed = read_decision_file(src)
    matches = match_entries(session, parsed, plan_id=plan_id, office_unit_names=office_unit_names)
    by_row = {e.row: (e, m) for e, m in zip(parsed.entries, matches, strict=True)}
    confirmations = dict(confirmations or {})
    for row in confirmations:
        if row not in by_row:
            raise UserError(
                f"Quyết định không có dòng số {row} (danh sách có {len(by_row)} dòng).", code="bad_input"
            )

    chosen: dict[int, tuple[str, str]] = {}  # row -> (candidate id, how: confirmed / auto)
    for row, (_e, m) in by_row.items():
        if row in confirmations:
            cid = confirmations[row]
            if cid:
                chosen[row] = (cid, "confirmed")
        elif accept_auto and m.status == AUTO and m.candidate_id:
            chosen[row] = (m.candidate_id, "auto")

    to_status = (
        CandidateStatus.RECOGNISED.value
        if parsed.award_kind == AwardKind.RECOGNITION.value
        else CandidateStatus.REWARDED.value
    )
    files_dir = Path(data_dir) if data_dir is not None else _default_files_dir(session)
    recorded: list[dict[str, Any]] = []
    try:
        candidates: dict[str, Candidate] = {}
        for row, (cid, _how) in chosen.items():
            c = session.get(Candidate, cid)
            if c is None:
                raise UserError(
                    f"Dòng {row} («{by_row[row][0].name}»): không tìm thấy điển hình có mã {cid}.",
                    code="not_found",
                )
            if plan_id and c.plan_id != plan_id:
                raise UserError(
                    f"Dòng {row} («{by_row[row][0].name}»): điển hình «{c.name}» không thuộc kế hoạch đã chọn.",
                    code="bad_input",
                )
            candidates[cid] = c

        decision = Decision(
            direction="received",
            source="file",
            plan_id=plan_id or _common_plan(candidates.values()),
            number=parsed.number,
            decision_date=parsed.date,
            issuer=parsed.issuer,
            title=parsed.title,
            award_kind=parsed.award_kind,
            award_label=parsed.award_label,
            content_hash=sha,
            issued_at=_now(),
            note="\n".join(parsed.warnings) or None,
        )
        session.add(decision)
        session.flush()

        reason = "Theo Quyết định" + (f" số {parsed.number}" if parsed.number else "")
        if parsed.date:
            reason += f" ngày {fmt_date(parsed.date)}"
        if parsed.issuer:
            reason += f" của {parsed.issuer}"
        done: set[str] = set()
        for e, m in zip(parsed.entries, matches, strict=True):
            pick = chosen.get(e.row)
            entry = DecisionEntry(
                decision_id=decision.id,
                candidate_id=pick[0] if pick else None,
                row_no=e.row,
                section=e.section,
                name=e.name[:300],
                position_unit=(e.position_unit or None) and e.position_unit[:500],
                unit_text=(e.unit or e.group or None) and (e.unit or e.group or "")[:300],
                birth_year=e.birth_year,
                gender=e.gender,
                ethnicity=e.ethnicity,
                field_text=e.field,
                award_label=e.award_label,
                amount=e.amount,
                match_status=(pick[1] if pick else m.status),
                match_score=m.score,
                raw={**e.raw, "match_reason": m.reason},
            )
            session.add(entry)
            if not pick or pick[0] in done:
                continue
            done.add(pick[0])
            c = candidates[pick[0]]
            session.add(
                Recognition(
                    candidate_id=c.id,
                    decision_id=decision.id,
                    kind=parsed.award_kind,
                    title=(e.award_label or _award_label(parsed))[:300],
                    year=parsed.date.year if parsed.date else None,
                    decision_number=parsed.number,
                    decision_date=parsed.date,
                    issuer=parsed.issuer,
                    level="upper",
                    source="decision",
                )
            )
            session.add(
                StatusChange(
                    candidate_id=c.id,
                    from_status=c.status,
                    to_status=to_status,
                    changed_by=changed_by,
                    reason=reason,
                    ref_type="decision",
                    ref_id=decision.id,
                )
            )
            c.status = to_status
            recorded.append({"row": e.row, "candidate_id": c.id, "how": pick[1]})
        session.flush()
        att = add_attachment(
            session,
            files_dir,
            src,
            "decision",
            decision.id,
            description="Tệp quyết định gốc nhận từ cấp trên",
            file_name=src.name,
            added_by=changed_by,
        )
        decision.file_attachment_id = att.id
        session.flush()
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return {
        "already_imported": False,
        "decision_id": decision.id,
        "decision": _decision_dict(parsed),
        "recorded": recorded,
        "entries": [_entry_dict(e, m) for e, m in zip(parsed.entries, matches, strict=True)],
        "warnings": list(parsed.warnings),
        "attachment": att.stored_path,
    }


def _common_plan(cands: Any) -> str | None:
    plans = {c.plan_id for c in cands}
    return plans.pop() if len(plans) == 1 else None


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
