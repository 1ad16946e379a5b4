"""Decision packages: the level above answers the units whose proposals it imported, and a
unit records the answer (``package export-decision`` / ``package import-decision``).

Export (upper level): for this level's decision(s) of a meeting (or one decision), one
package per sending unit — or one for all — carrying the decision document (.docx and the
attached list .xlsx, the ``decision`` paper) and, for each candidate id of that unit that
was considered, the result: ``recognised`` / ``rewarded`` (in the decision) or
``not_selected`` (considered at the meeting, not in the decision).

Import (unit): each candidate found by its stable id becomes recognised or rewarded
through the lifecycle (a history line with the decision's number, date and issuer), gets a
:class:`Recognition` (level ``upper``); the decision is recorded as a received
:class:`Decision` with its entries, its document kept as an :class:`Attachment` (owner
``decision``); the proposal is marked *answered*. Importing the same package twice changes
nothing. Refusals as for every package (:func:`package_format.open_package`), including a
data file whose values have the wrong type (checked against
:data:`package_format.DECISION_DATA_SCHEMA` before anything is written)."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents.exporters import ExportContext, get_exporter
from ..errors import UserError
from ..models import (
    Candidate,
    Decision,
    DecisionEntry,
    Meeting,
    PackageImport,
    Proposal,
    ProposalItem,
    Recognition,
    StatusChange,
    SyncState,
    utcnow,
)
from ..models.enums import AwardKind
from ..models.enums import CandidateStatus as S
from ..services.lifecycle import change_status, transition_kind
from ..services.office import require_profile
from ..text import fmt_date, fold
from . import package_format as F
from .package_export import office_identity
from .package_import import recipient_matches

RECOGNISED, REWARDED, NOT_SELECTED = "recognised", "rewarded", "not_selected"
RESULT_LABELS = {
    RECOGNISED: "Được công nhận, ghi danh",
    REWARDED: "Được khen thưởng",
    NOT_SELECTED: "Không được chọn",
}
ALL_UNITS = "Các đơn vị có hồ sơ đề nghị"


def _result_for(award_kind: str | None) -> str:
    return (
        RECOGNISED if (award_kind or AwardKind.RECOGNITION.value) == AwardKind.RECOGNITION.value else REWARDED
    )


def _decisions(
    session: Session, meeting_id: str | None, decision_id: str | None
) -> tuple[list[Decision], Meeting | None]:
    if decision_id:
        d = session.get(Decision, decision_id)
        if d is None:
            found = list(
                session.scalars(select(Decision).where(Decision.id.like(f"{decision_id}%")).limit(2))
            )
            d = found[0] if len(found) == 1 else None
        if d is None:
            raise UserError(f"Không tìm thấy quyết định «{decision_id}».", code="not_found")
        return [d], session.get(Meeting, d.meeting_id) if d.meeting_id else None
    from ..services.meetings import decisions_of, get_meeting

    meeting = get_meeting(session, meeting_id)
    decisions = [d for d in decisions_of(session, meeting) if d.direction == "own"]
    if not decisions:
        raise UserError(
            f"Cuộc họp «{meeting.title}» chưa ra quyết định; chưa có gì để trả lời các đơn vị.",
            code="no_decision",
        )
    return decisions, meeting


def _origin(session: Session, candidate_ids: Sequence[str]) -> dict[str, str]:
    """candidate id -> the sender key it came from (only candidates received in packages)."""
    rows = session.execute(
        select(SyncState.record_id, SyncState.origin_code).where(
            SyncState.record_type == "candidate", SyncState.record_id.in_(list(candidate_ids))
        )
    )
    return {rid: code for rid, code in rows if code}


def export_decision_packages(
    session: Session,
    out_dir: Path | str,
    *,
    meeting_id: str | None = None,
    decision_id: str | None = None,
    unit: str | None = None,
    one_for_all: bool = False,
) -> dict[str, Any]:
    """Write the decision package(s) into ``out_dir``; ``unit`` (a code or name) limits them
    to one unit. Returns ``{"files": [{"file", "unit", "code", "candidates", "sha256",
    "package_id"}], "decisions": [...]}``. Writes no database row except the register of
    packages sent (``PackageImport`` direction ``out``); does not commit."""
    profile = require_profile(session)
    decisions, meeting = _decisions(session, meeting_id, decision_id)
    results: dict[str, dict[str, Any]] = {}  # candidate id -> result
    for d in decisions:
        for e in d.entries:
            if e.candidate_id:
                results[e.candidate_id] = {
                    "candidate_id": e.candidate_id,
                    "name": e.name,
                    "result": _result_for(d.award_kind),
                    "decision_id": d.id,
                    "award_kind": d.award_kind,
                    "award_label": e.award_label or d.award_label,
                }
    if meeting is not None:
        for b in meeting.ballots:
            if b.candidate_id not in results:
                results[b.candidate_id] = {
                    "candidate_id": b.candidate_id,
                    "name": b.candidate.name,
                    "result": NOT_SELECTED,
                    "decision_id": None,
                    "award_kind": b.title,
                    "award_label": None,
                    "note": "Không đạt số phiếu hoặc không được chọn trong chỉ tiêu",
                }
    origins = _origin(session, list(results))
    groups: dict[str, list[dict[str, Any]]] = {}
    names: dict[str, tuple[str | None, str | None]] = {}
    for cid, res in results.items():
        key = origins.get(cid)
        if key is None:
            continue
        c = session.get(Candidate, cid)
        groups.setdefault(key, []).append(res)
        names[key] = (c.origin_unit_name if c else None, c.origin_unit_code if c else None)
    if unit:
        wanted = fold(unit)
        groups = {
            k: v
            for k, v in groups.items()
            if k == unit or fold(names[k][0] or "") == wanted or (names[k][1] or "") == unit
        }
        if not groups:
            raise UserError(
                f"Quyết định không có điển hình nào do đơn vị «{unit}» đề nghị.", code="not_found"
            )
    if not groups:
        raise UserError(
            "Quyết định không có điển hình nào nhận từ hồ sơ đề nghị của các đơn vị (gói dữ liệu).",
            code="empty",
        )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sender = office_identity(profile)
    decision_data = [
        {
            "id": d.id,
            "number": d.number,
            "date": d.decision_date,
            "issuer": d.issuer,
            "issuer_code": d.issuer_code,
            "title": d.title,
            "award_kind": d.award_kind,
            "award_label": d.award_label,
            "signer_name": d.signer_name,
            "signer_title": d.signer_title,
        }
        for d in decisions
    ]
    files: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="dienhinh-qd-") as tmpname:
        tmp = Path(tmpname)
        docs: list[Path] = []
        if meeting is not None:
            docs = get_exporter("decision")(session, ExportContext(out_dir=tmp, meeting_id=meeting.id))
            ids = {d.id[:8] for d in decisions}
            docs = [p for p in docs if any(i in p.name for i in ids)] or docs
        batches = [("all", [r for v in groups.values() for r in v])] if one_for_all else list(groups.items())
        for key, rows in batches:
            if key == "all":
                recipient = {"name": ALL_UNITS, "code": None, "all_units": True}
                slug = "cac-don-vi"
            else:
                recipient = {"name": names[key][0], "code": names[key][1]}
                slug = F.safe_member_name(names[key][0] or key, "don-vi")
            writer = F.PackageWriter(kind=F.KIND_DECISION, sender=sender, recipient=recipient)
            doc_rows = []
            for p in docs:
                arc = writer.add_file(f"{F.DOCS_DIR}/{p.name}", p)
                doc_rows.append(
                    {"path": arc, "file_name": p.name, "role": "decision" if p.suffix == ".docx" else "list"}
                )
            writer.add_json(
                F.DATA_FILE,
                {
                    "schema": F.FORMAT_VERSION,
                    "kind": F.KIND_DECISION,
                    "sender": sender,
                    "recipient": recipient,
                    "decisions": decision_data,
                    "results": rows,
                    "documents": doc_rows,
                    "meeting": {"id": meeting.id, "date": meeting.meeting_date, "title": meeting.title}
                    if meeting
                    else None,
                },
            )
            number = F.safe_member_name(decisions[0].number or "quyet-dinh", "quyet-dinh")
            path, sha, _manifest = writer.write(out_dir / f"goi-quyet-dinh-{number}-{slug}{F.PACKAGE_SUFFIX}")
            session.add(
                PackageImport(
                    package_id=writer.package_id,
                    direction="out",
                    kind=F.KIND_DECISION,
                    sender_code=sender.get("code"),
                    sender_name=sender.get("name"),
                    recipient=recipient.get("name") or recipient.get("code"),
                    created=writer.created,
                    sha256=sha,
                    file_name=path.name,
                    summary={
                        "decisions": [d.id for d in decisions],
                        "candidates": [r["candidate_id"] for r in rows],
                    },
                )
            )
            files.append(
                {
                    "file": str(path),
                    "unit": recipient.get("name"),
                    "code": recipient.get("code"),
                    "candidates": len(rows),
                    "sha256": sha,
                    "package_id": writer.package_id,
                }
            )
    session.flush()
    return {
        "files": files,
        "decisions": [{"id": d["id"], "number": d["number"], "date": d["date"]} for d in decision_data],
    }


# --------------------------------------------------------------------------- import at the unit
def _content_hash(remote: dict[str, Any]) -> str:
    return hashlib.sha256(f"goi:{remote.get('id')}:{remote.get('number')}".encode()).hexdigest()


def import_decision_package(
    session: Session,
    path: Path | str,
    *,
    dry_run: bool = False,
    force_recipient: bool = False,
    files_dir: Path | None = None,
    by: str | None = None,
) -> dict[str, Any]:
    """Record a decision package (see the module docstring). Flushes; the caller commits
    (one transaction). ``dry_run`` writes nothing. Returns ``{"decisions", "recorded",
    "not_selected", "unknown", "already_imported", "dry_run"}``."""
    pkg = F.open_package(path, expected_kind=F.KIND_DECISION)
    profile = require_profile(session)
    recipient = pkg.recipient
    if not recipient.get("all_units") and not recipient_matches(profile, recipient) and not force_recipient:
        raise UserError(
            f"Gói quyết định «{pkg.path.name}» gửi tới «{recipient.get('name') or recipient.get('code')}», không phải "
            f"«{profile.name}». Nếu đúng là của cơ quan mình, hãy nhập lại và chọn «Vẫn nhập» "
            "(dòng lệnh: --force-recipient). Chưa ghi gì vào dữ liệu.",
            code="wrong_recipient",
        )
    already = (
        session.scalars(
            select(PackageImport)
            .where(
                PackageImport.direction == "in",
                PackageImport.kind == F.KIND_DECISION,
                (PackageImport.sha256 == pkg.sha256) | (PackageImport.package_id == pkg.package_id),
            )
            .limit(1)
        ).first()
        is not None
    )
    remote_decisions = {d.get("id"): d for d in pkg.data.get("decisions") or [] if isinstance(d, dict)}
    results = [r for r in pkg.data.get("results") or [] if isinstance(r, dict)]
    out: dict[str, Any] = {
        "decisions": [
            {
                "number": d.get("number"),
                "date": d.get("date"),
                "issuer": d.get("issuer"),
                "award": d.get("award_kind"),
                "award_label": d.get("award_label"),
            }
            for d in remote_decisions.values()
        ],
        "recorded": [],
        "not_selected": [],
        "unknown": [],
        "already_imported": already,
        "dry_run": dry_run,
        "package": {"id": pkg.package_id, "file": str(pkg.path), "sender": pkg.sender},
    }
    found: list[tuple[dict[str, Any], Candidate]] = []
    for r in results:
        c = session.get(Candidate, str(r.get("candidate_id") or ""))
        if c is None:
            out["unknown"].append({"candidate_id": r.get("candidate_id"), "name": r.get("name")})
            continue
        found.append((r, c))
        entry = {
            "candidate_id": c.id,
            "name": c.name,
            "result": r.get("result"),
            "result_label": RESULT_LABELS.get(r.get("result"), r.get("result")),
            "from_status": c.status,
        }
        (out["not_selected"] if r.get("result") == NOT_SELECTED else out["recorded"]).append(entry)
    if dry_run or already:
        return out
    if not found:
        raise UserError(
            f"Gói quyết định «{pkg.path.name}» không có điển hình nào của cơ quan này (không khớp mã định danh nào).",
            code="no_match",
        )
    records: dict[str, Decision] = {}
    with tempfile.TemporaryDirectory(prefix="dienhinh-nhanqd-") as tmpname:
        tmp = Path(tmpname)
        for rid, rd in remote_decisions.items():
            h = _content_hash(rd)
            d = session.scalars(select(Decision).where(Decision.content_hash == h).limit(1)).first()
            if d is None:
                plan_ids = {c.plan_id for r, c in found if r.get("decision_id") == rid}
                d = Decision(
                    direction="received",
                    source="package",
                    plan_id=plan_ids.pop() if len(plan_ids) == 1 else None,
                    number=rd.get("number"),
                    decision_date=date.fromisoformat(rd["date"]) if rd.get("date") else None,
                    issuer=rd.get("issuer"),
                    issuer_code=rd.get("issuer_code"),
                    title=rd.get("title"),
                    award_kind=rd.get("award_kind") or AwardKind.RECOGNITION.value,
                    award_label=rd.get("award_label"),
                    signer_name=rd.get("signer_name"),
                    signer_title=rd.get("signer_title"),
                    content_hash=h,
                    issued_at=utcnow(),
                    note=f"Nhận qua gói dữ liệu «{pkg.path.name}»",
                )
                session.add(d)
                session.flush()
                if files_dir is not None:
                    from ..services.attachments import add_attachment

                    for doc in pkg.data.get("documents") or []:
                        if isinstance(doc, dict) and doc.get("path") in pkg.member_names():
                            src = pkg.extract(doc["path"], tmp)
                            att = add_attachment(
                                session,
                                files_dir,
                                src,
                                "decision",
                                d.id,
                                None,
                                "Quyết định của cấp trên (nhận qua gói dữ liệu)",
                                file_name=str(doc.get("file_name") or src.name)[:300],
                                added_by=by,
                            )
                            if doc.get("role") == "decision" or d.file_attachment_id is None:
                                d.file_attachment_id = att.id
            records[rid] = d
    row_no = {d.id: len(d.entries) for d in records.values()}
    for r, c in found:
        d = records.get(r.get("decision_id"))
        if r.get("result") == NOT_SELECTED or d is None:
            first = next(iter(records.values()), None)
            what = (
                f"Quyết định số {first.number}"
                if first is not None and first.number
                else "quyết định của cấp trên"
            )
            c.history.append(
                StatusChange(
                    candidate_id=c.id,
                    from_status=c.status,
                    to_status=c.status,
                    changed_by=by,
                    changed_at=utcnow(),
                    reason=f"Không có tên trong {what} của {pkg.sender.get('name') or 'cấp trên'}"
                    + (f" ({r['note']})" if r.get("note") else ""),
                    ref_type="decision",
                    ref_id=first.id if first is not None else None,
                )
            )
            continue
        if session.scalar(
            select(DecisionEntry.id)
            .where(DecisionEntry.decision_id == d.id, DecisionEntry.candidate_id == c.id)
            .limit(1)
        ):
            continue
        row_no[d.id] += 1
        label = r.get("award_label") or d.award_label or AwardKind.RECOGNITION.label
        session.add(
            DecisionEntry(
                decision_id=d.id,
                candidate_id=c.id,
                row_no=row_no[d.id],
                section=c.kind,
                name=c.name,
                unit_text=c.unit.name if c.unit else None,
                birth_year=c.birth_year,
                gender=c.gender,
                ethnicity=c.ethnicity,
                award_label=label,
                match_status="confirmed",
                match_score=1.0,
            )
        )
        session.add(
            Recognition(
                candidate_id=c.id,
                decision_id=d.id,
                kind=d.award_kind,
                title=(
                    label if d.award_kind != AwardKind.RECOGNITION.value else f"Điển hình tiên tiến — {label}"
                )[:300],
                year=d.decision_date.year if d.decision_date else None,
                decision_number=d.number,
                decision_date=d.decision_date,
                issuer=d.issuer,
                level="upper",
                source="decision",
            )
        )
        target = S.RECOGNISED.value if r.get("result") == RECOGNISED else S.REWARDED.value
        reason = (
            f"Quyết định số {d.number or '…'} ngày {fmt_date(d.decision_date)} của {d.issuer or 'cấp trên'}: "
            f"{label}"
        )
        if c.status != target and transition_kind(session, c, target) in ("forward", "lateral"):
            change_status(session, c, target, by=by, reason=reason, ref_type="decision", ref_id=d.id)
        else:
            c.history.append(
                StatusChange(
                    candidate_id=c.id,
                    from_status=c.status,
                    to_status=c.status,
                    changed_by=by,
                    changed_at=utcnow(),
                    reason=reason,
                    ref_type="decision",
                    ref_id=d.id,
                )
            )
    # the proposals answered
    ids = [c.id for _r, c in found]
    for p in session.scalars(
        select(Proposal)
        .join(ProposalItem, ProposalItem.proposal_id == Proposal.id)
        .where(ProposalItem.candidate_id.in_(ids), Proposal.status == "sent")
    ).unique():
        p.status = "answered"
    session.add(
        PackageImport(
            package_id=pkg.package_id,
            direction="in",
            kind=F.KIND_DECISION,
            sender_code=pkg.sender.get("code"),
            sender_name=pkg.sender.get("name"),
            recipient=recipient.get("name"),
            created=pkg.created,
            sha256=pkg.sha256,
            file_name=pkg.path.name,
            summary={
                "decisions": [d.id for d in records.values()],
                "recorded": len(out["recorded"]),
                "not_selected": len(out["not_selected"]),
                "unknown": len(out["unknown"]),
            },
        )
    )
    session.flush()
    for e in out["recorded"]:
        e["to_status"] = session.get(Candidate, e["candidate_id"]).status
    out["decision_ids"] = [d.id for d in records.values()]
    return out


def import_decision_file(
    db: Any, path: Path | str, *, dry_run: bool = False, force_recipient: bool = False, by: str | None = None
) -> dict[str, Any]:
    """For the command line and the «Quyết định nhận về» page: a backup first when there is
    something to write, then ONE transaction."""
    if dry_run:
        with db.session() as s:
            res = import_decision_package(s, path, dry_run=True, force_recipient=force_recipient)
            s.rollback()
            return res
    with db.session() as s:
        preview = import_decision_package(s, path, dry_run=True, force_recipient=force_recipient)
        s.rollback()
    if preview["already_imported"]:
        return preview
    if getattr(db, "path", None) is not None:
        from ..db.maintenance import backup_now

        backup_now(db, "truoc-nhap-goi")
    with db.transaction() as s:
        return import_decision_package(
            s, path, force_recipient=force_recipient, files_dir=db.files_dir, by=by
        )
