"""Write the proposal package sent to the level above (``dienhinh package export``).

    result = export_package(session, out, plan_id=None, to=None, files_dir=db.files_dir)

takes the proposal named, else the plan's draft proposal, else the latest proposal sent and
not answered yet (sent again as a newer package: the level above takes what changed), else
a new proposal of the candidates chosen for the proposal (quota checked); it writes the dossier (:mod:`documents.papers.proposal`), the attachments and the
data file into one package (:mod:`package_format`), records it (:class:`PackageImport`,
direction ``out``) and marks the proposal sent (candidates *proposed* through the
lifecycle). Runs inside the caller's transaction; does not commit.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents.exporters import ExportContext
from ..errors import UserError
from ..models import (
    Attachment,
    Candidate,
    CriterionAssessment,
    Decision,
    Meeting,
    OfficeProfile,
    PackageImport,
    Plan,
    Proposal,
    Recognition,
)
from ..services import proposals as P
from ..services.office import require_profile
from ..services.plans import resolve_plan
from ..text import fmt_date, fold
from . import package_format as F


# --------------------------------------------------------------------------- identities
def office_identity(profile: OfficeProfile) -> dict[str, Any]:
    """This office as a package names it: name, official code, level, party or state."""
    unit = profile.unit
    code = (unit.official_code if unit is not None else None) or profile.commune_code
    if not code and profile.level == "province":
        code = profile.province_code
    return {
        "name": profile.name,
        "code": code or None,
        "level": profile.level,
        "is_party": bool(profile.is_party),
        "province": profile.province_name,
        "unit_id": profile.unit_id,
        "signer_name": profile.signer_name,
    }


def recipient_of(profile: OfficeProfile, to: str | None, proposal: Proposal | None = None) -> dict[str, Any]:
    """``--to``: an official code (digits, no spaces) or a name; else the proposal's or the profile's."""
    to = " ".join((to or "").split())
    if to:
        if " " not in to and len(to) <= 30 and any(ch.isdigit() for ch in to):
            return {"name": None, "code": to}
        return {"name": to, "code": None}
    if proposal is not None and (proposal.to_body or proposal.to_code):
        return {"name": proposal.to_body, "code": proposal.to_code}
    return {"name": profile.upper_body, "code": profile.upper_code}


# --------------------------------------------------------------------------- records
def candidate_values(c: Candidate) -> dict[str, Any]:
    """The synchronised values of a candidate (``field`` as its name)."""
    values = {f: getattr(c, f) for f in F.CANDIDATE_SYNC_FIELDS if f != "field"}
    values["field"] = c.field.name if c.field is not None else None
    return {k: F.jsonable(v) for k, v in values.items()}


def assessment_values(a: CriterionAssessment) -> dict[str, Any]:
    return {f: F.jsonable(getattr(a, f)) for f in F.ASSESSMENT_SYNC_FIELDS}


def _criterion_ref(a: CriterionAssessment) -> dict[str, Any]:
    cr = a.criterion
    cs = cr.criteria_set if cr is not None else None
    return {
        "id": a.criterion_id,
        "code": cr.code if cr else None,
        "text": cr.text if cr else None,
        "set_code": cs.code if cs else None,
        "set_name": cs.name if cs else None,
    }


def _meeting_data(m: Meeting) -> dict[str, Any]:
    present = [a for a in m.attendance if a.status != "absent"]
    return {
        "id": m.id,
        "title": m.title,
        "date": m.meeting_date,
        "place": m.place,
        "council": m.council.name if m.council else None,
        "members": len(m.attendance),
        "present": len(present),
        "attendance": [
            {"name": a.member.full_name, "role": a.member.role, "status": a.status, "reason": a.reason}
            for a in m.attendance
        ],
        "ballots": [
            {
                "id": b.id,
                "candidate_id": b.candidate_id,
                "title": b.title,
                "title_label": b.title_label,
                "issued": b.issued,
                "returned": b.returned,
                "valid": b.valid,
                "agree": b.agree,
                "disagree": b.disagree,
                "share_percent": b.share_percent,
                "result": b.result,
                "exception_result": b.exception_result,
                "exception_reason": b.exception_reason,
            }
            for b in m.ballots
        ],
        "conclusion": m.conclusion,
    }


def _decision_data(d: Decision) -> dict[str, Any]:
    return {
        "id": d.id,
        "number": d.number,
        "date": d.decision_date,
        "issuer": d.issuer,
        "title": d.title,
        "award_kind": d.award_kind,
        "award_label": d.award_label,
        "signer_name": d.signer_name,
        "signer_title": d.signer_title,
        "entries": [
            {"row": e.row_no, "candidate_id": e.candidate_id, "name": e.name, "section": e.section}
            for e in d.entries
        ],
    }


def _package_name(sender: dict[str, Any], when: Any) -> str:
    slug = F.safe_member_name(fold(sender.get("name") or "don-vi"), "don-vi")
    return f"goi-de-nghi-{slug}-{when.strftime('%Y%m%d-%H%M%S')}{F.PACKAGE_SUFFIX}"


def _choose_proposal(
    session: Session, plan: Plan, proposal_id: str | None, breach_reason: str | None
) -> Proposal:
    if proposal_id:
        return P.get_proposal(session, proposal_id)
    draft = P.draft_proposal(session, plan.id)
    if draft is not None:
        return draft
    latest = next(iter(P.list_proposals(session, plan.id)), None)
    if latest is not None and latest.status == "sent":
        return latest  # sent again, with what changed since (a newer package of the same proposal)
    selected = P.selected_ids(session, plan.id)
    if not selected:
        raise UserError(
            f"Chưa chọn điển hình nào để đề nghị lên cấp trên trong kế hoạch «{plan.name}». Hãy chọn trong trang "
            "«Hồ sơ gửi đi» (trong phạm vi chỉ tiêu) rồi tạo gói.",
            code="empty",
        )
    return P.create_proposal(session, plan.id, selected, breach_reason=breach_reason)


# --------------------------------------------------------------------------- export
def export_package(
    session: Session,
    out: Path | str,
    *,
    plan_id: str | None = None,
    proposal_id: str | None = None,
    to: str | None = None,
    files_dir: Path | None = None,
    attachment_ids: Sequence[str] | None = None,
    breach_reason: str | None = None,
    by: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Write the proposal package to ``out`` (a file, or a folder to put it in).
    ``attachment_ids`` None takes every attachment of the candidates proposed; ``[]`` none.
    Returns ``{"file", "sha256", "package_id", "candidates", "proposal_id", "number",
    "recipient", "documents", "attachments", "warnings"}``. Does not commit."""
    profile = require_profile(session)
    plan = resolve_plan(session, plan_id) if not proposal_id else None
    proposal = (
        _choose_proposal(session, plan, proposal_id, breach_reason)
        if plan
        else P.get_proposal(session, proposal_id)
    )  # type: ignore[arg-type]
    plan = session.get(Plan, proposal.plan_id)
    if proposal.status == "answered":
        raise UserError("Hồ sơ đề nghị này đã có quyết định của cấp trên; không gửi lại.", code="refused")
    recipient = recipient_of(profile, to, proposal)
    if to:
        proposal.to_body = recipient["name"] or proposal.to_body
        proposal.to_code = recipient["code"] or proposal.to_code
    sender = office_identity(profile)
    candidates = P.proposal_candidates(proposal)
    writer = F.PackageWriter(kind=F.KIND_PROPOSAL, sender=sender, recipient=recipient)
    out = Path(out)
    if out.is_dir() or (not out.suffix and not out.exists()):
        out = out / _package_name(sender, writer.created)

    from ..documents.papers.proposal import DossierSpec, build_dossier

    spec = DossierSpec(
        plan=plan,
        candidates=candidates,
        to_body=proposal.to_body,
        title=proposal.title,
        when=proposal.proposal_date or writer.created.date(),
        bases=[b for b in (proposal.bases or "").split("\n") if b.strip()],
        breach_reason=proposal.quota_breach_reason,
        meeting=session.get(Meeting, proposal.meeting_id) if proposal.meeting_id else None,
        decision=session.get(Decision, proposal.decision_id) if proposal.decision_id else None,
        award_kind=proposal.award_kind,
        proposal=proposal,
    )
    ids = [c.id for c in candidates]
    if attachment_ids is None:
        atts = list(session.scalars(select(Attachment).where(Attachment.candidate_id.in_(ids))))
    else:
        atts = [a for a in (session.get(Attachment, aid) for aid in attachment_ids) if a is not None]
    with tempfile.TemporaryDirectory(prefix="dienhinh-goi-") as tmp:
        folder = Path(tmp)
        ctx = ExportContext(
            out_dir=folder,
            plan_id=plan.id,
            files_dir=files_dir,
            progress=progress,
            is_cancelled=is_cancelled or (lambda: False),
        )
        dossier = build_dossier(session, spec, folder, ctx=ctx, files_dir=files_dir)
        documents: list[dict[str, Any]] = []

        def add_doc(path: Path, role: str, candidate_id: str | None = None) -> str:
            arc = writer.add_file(f"{F.DOCS_DIR}/{path.name}", path)
            documents.append(
                {"path": arc, "role": role, "candidate_id": candidate_id, "file_name": path.name}
            )
            return arc

        if dossier.cover:
            add_doc(dossier.cover, "cover")
        for p in dossier.lists:
            add_doc(p, "list")
        for p in dossier.minutes:
            add_doc(p, "minutes")
        for p in dossier.decision:
            add_doc(p, "decision")
        reports = {cid: add_doc(p, "achievement_report", cid) for cid, p in dossier.reports.items()}

        from ..services.attachments import attachment_path

        att_rows: dict[str, list[dict[str, Any]]] = {cid: [] for cid in ids}
        for a in atts:
            src = attachment_path(files_dir, a) if files_dir else None
            if src is None or not src.is_file():
                dossier.warnings.append(
                    f"Không tìm thấy tệp đính kèm «{a.file_name}» trong thư mục dữ liệu; bỏ qua."
                )
                continue
            arc = writer.add_file(
                f"{F.ATTACH_DIR}/{a.candidate_id or 'chung'}/{F.safe_member_name(a.file_name)}", src
            )
            row = {
                "id": a.id,
                "path": arc,
                "file_name": a.file_name,
                "sha256": a.sha256,
                "size": a.size,
                "description": a.description,
                "owner_type": a.owner_type,
            }
            att_rows.setdefault(a.candidate_id or "", []).append(row)

        recs: dict[str, list[Recognition]] = {cid: [] for cid in ids}
        for r in session.scalars(select(Recognition).where(Recognition.candidate_id.in_(ids))):
            recs[r.candidate_id].append(r)
        assessments: dict[str, list[CriterionAssessment]] = {cid: [] for cid in ids}
        for a in session.scalars(
            select(CriterionAssessment)
            .where(CriterionAssessment.candidate_id.in_(ids))
            .order_by(CriterionAssessment.sort_order)
        ):
            assessments[a.candidate_id].append(a)
        from ..services.lifecycle import status_label

        cand_data = []
        for rank, c in enumerate(candidates, start=1):
            cand_data.append(
                {
                    "id": c.id,
                    "version": c.version,
                    "updated_at": c.updated_at,
                    "rank": rank,
                    "status": c.status,
                    "status_label": status_label(c.status),
                    "unit": {
                        "id": c.unit_id,
                        "name": c.unit.name if c.unit else None,
                        "official_code": c.unit.official_code if c.unit else None,
                    },
                    "field_code": c.field.code if c.field else None,
                    "values": candidate_values(c),
                    "assessments": [
                        {
                            "id": a.id,
                            "version": a.version,
                            "criterion": _criterion_ref(a),
                            "values": assessment_values(a),
                            "appraised_by": a.appraised_by,
                        }
                        for a in assessments[c.id]
                    ],
                    "recognitions": [
                        {
                            "id": r.id,
                            "kind": r.kind,
                            "title": r.title,
                            "year": r.year,
                            "decision_id": r.decision_id,
                            "decision_number": r.decision_number,
                            "decision_date": r.decision_date,
                            "issuer": r.issuer,
                            "level": r.level,
                        }
                        for r in recs[c.id]
                    ],
                    "achievement_report": reports.get(c.id),
                    "attachments": att_rows.get(c.id, []),
                }
            )
        data = {
            "schema": F.FORMAT_VERSION,
            "kind": F.KIND_PROPOSAL,
            "sender": sender,
            "recipient": recipient,
            "plan": {
                "id": plan.id,
                "name": plan.name,
                "code": plan.code,
                "template_key": plan.template_key,
                "copied_from_id": plan.copied_from_id,
            },
            "proposal": {
                "id": proposal.id,
                "title": proposal.title,
                "number": dossier.number or proposal.number,
                "date": spec.when,
                "to_body": proposal.to_body,
                "to_code": proposal.to_code,
                "award_kind": proposal.award_kind,
                "bases": spec.bases,
                "quota_breach_reason": proposal.quota_breach_reason,
            },
            "candidates": cand_data,
            "meeting": _meeting_data(spec.meeting) if spec.meeting is not None else None,
            "decision": _decision_data(spec.decision) if spec.decision is not None else None,
            "documents": documents,
        }
        writer.add_json(F.DATA_FILE, data)
        path, sha, manifest = writer.write(out)
    sent = P.mark_sent(session, proposal, writer.package_id, by=by)
    session.add(
        PackageImport(
            package_id=writer.package_id,
            direction="out",
            kind=F.KIND_PROPOSAL,
            sender_code=sender.get("code"),
            sender_name=sender.get("name"),
            recipient=recipient.get("name") or recipient.get("code"),
            created=writer.created,
            sha256=sha,
            file_name=path.name,
            summary={"proposal_id": proposal.id, "candidates": ids, "number": data["proposal"]["number"]},
        )
    )
    session.flush()
    return {
        "file": str(path),
        "sha256": sha,
        "package_id": writer.package_id,
        "candidates": len(candidates),
        "candidate_ids": ids,
        "proposal_id": proposal.id,
        "number": data["proposal"]["number"],
        "date": fmt_date(spec.when),
        "recipient": recipient,
        "sender": sender,
        "documents": [d["path"] for d in documents],
        "attachments": sum(len(v) for v in att_rows.values()),
        "files": len(manifest["files"]),
        "proposed": sent["proposed"],
        "warnings": dossier.warnings,
    }


def list_sent(session: Session) -> list[dict[str, Any]]:
    """Packages this office sent (newest first), for the «Hồ sơ gửi đi» page."""
    rows = session.scalars(
        select(PackageImport)
        .where(PackageImport.direction == "out")
        .order_by(PackageImport.processed_at.desc())
    )
    return [
        {
            "id": r.id,
            "package_id": r.package_id,
            "kind": r.kind,
            "recipient": r.recipient,
            "created": r.created,
            "file_name": r.file_name,
            "sha256": r.sha256,
            "candidates": len((r.summary or {}).get("candidates", [])),
            "number": (r.summary or {}).get("number"),
        }
        for r in rows
    ]
