"""The proposal dossier sent to the level above (hồ sơ đề nghị; seed 002 IV.3.3 and IV.4.2
"danh sách …; báo cáo; trích ngang thành tích; biên bản họp …; quyết định …"; seed 001
IV.1.đ "có trích ngang thành tích kèm theo"):

- the cover letter (tờ trình): "Kính gửi: …", the bases, what this level did, the proposal
  with those proposed and their achievement summaries, the reason when the quota is
  exceeded, "(Có hồ sơ kèm theo)"; it takes a number of type ``TTr`` from the register
  (kept on the :class:`Proposal`);
- the list of those proposed (.docx A4 landscape and .xlsx) with the trích ngang
  (:func:`documents.papers.assessment.achievement_summary`);
- an achievement report for each (the ``achievement-report`` paper);
- the minutes of the meeting and this level's decision (the ``minutes`` and ``decision``
  papers of the meeting the proposal rests on);
- with ``ctx.options["attachment_ids"]``, copies of the attachments the officer selected.

``EXPORTS = {"proposal": export_proposal}``. The proposal is ``ctx.options["proposal_id"]``,
else the plan's draft (or latest) proposal, else the plan's chosen candidates (a dossier
without a saved proposal; no number is taken then). :func:`build_dossier` returns the same
files sorted by role, for the package writer.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import Attachment, Candidate, Decision, Meeting, OfficeProfile, Plan, Proposal, Recognition
from ...models.enums import AwardKind, CandidateKind
from ...services import proposals as P
from ...services.office import require_profile
from ...services.plans import resolve_plan
from ...text import fold
from ..engine import render_paper, safe_file_stem
from ..exporters import Cancelled, ExportContext, get_exporter
from ..numbering import next_number
from ..profiles import profile_context, xlsx_profile_parts
from ..xlsx_writer import sections_from_groups, write_xlsx_list
from .common import KIND_ORDER, LIST_LEAD_COLUMNS, LIST_LEAD_KEYS, birth_years, kind_groups, remove_files

COVER_TEMPLATE = "proposal_cover.docx"
LIST_TEMPLATE = "proposal_list.docx"
KIND_WORDS = {
    CandidateKind.COLLECTIVE.value: "tập thể",
    CandidateKind.INDIVIDUAL.value: "cá nhân",
    CandidateKind.HOUSEHOLD.value: "hộ gia đình",
}
XLSX_COLUMNS: list[tuple[str, float, str | None]] = [
    *LIST_LEAD_COLUMNS,
    ("Trích ngang thành tích", 60, None),
    ("Ghi chú", 12, None),
]
XLSX_KEYS = (*LIST_LEAD_KEYS, "summary", "note")
BLANK_RECIPIENT = "…" * 20


@dataclass
class DossierSpec:
    """What a dossier is made of (from a saved proposal, or from the chosen candidates)."""

    plan: Plan
    candidates: list[Candidate]
    to_body: str | None
    title: str
    when: date
    bases: list[str]
    breach_reason: str | None = None
    meeting: Meeting | None = None
    decision: Decision | None = None
    award_kind: str = AwardKind.RECOGNITION.value
    proposal: Proposal | None = None


@dataclass
class Dossier:
    """The files of a dossier, by role (paths in ``out_dir``)."""

    cover: Path | None = None
    lists: list[Path] = field(default_factory=list)
    reports: dict[str, Path] = field(default_factory=dict)  # candidate id -> report
    minutes: list[Path] = field(default_factory=list)
    decision: list[Path] = field(default_factory=list)
    attachments: list[tuple[Attachment, Path]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    number: str | None = None

    def files(self) -> list[Path]:
        out = (
            [p for p in [self.cover] if p]
            + self.lists
            + list(self.reports.values())
            + self.minutes
            + self.decision
        )
        return out + [p for _a, p in self.attachments]


# --------------------------------------------------------------------------- the spec
def spec_for(session: Session, ctx: ExportContext) -> DossierSpec:
    """The proposal named by ``ctx.options["proposal_id"]``, else the plan's draft or latest
    one, else the plan's chosen candidates (``ctx.candidate_ids`` narrows them)."""
    proposal_id = ctx.options.get("proposal_id")
    proposal: Proposal | None = None
    if proposal_id:
        proposal = P.get_proposal(session, str(proposal_id))
    plan = session.get(Plan, proposal.plan_id) if proposal is not None else resolve_plan(session, ctx.plan_id)
    if proposal is None and not ctx.candidate_ids:
        proposal = P.draft_proposal(session, plan.id) or next(iter(P.list_proposals(session, plan.id)), None)
    if proposal is not None:
        return DossierSpec(
            plan=plan,
            candidates=P.proposal_candidates(proposal),
            to_body=proposal.to_body,
            title=proposal.title,
            when=proposal.proposal_date or date.today(),
            bases=[b for b in (proposal.bases or "").split("\n") if b.strip()],
            breach_reason=proposal.quota_breach_reason,
            meeting=session.get(Meeting, proposal.meeting_id) if proposal.meeting_id else None,
            decision=session.get(Decision, proposal.decision_id) if proposal.decision_id else None,
            award_kind=proposal.award_kind or AwardKind.RECOGNITION.value,
            proposal=proposal,
        )
    ids = list(ctx.candidate_ids or P.selected_ids(session, plan.id))
    if not ids:
        raise UserError(
            f"Chưa chọn điển hình nào để đề nghị lên cấp trên trong kế hoạch «{plan.name}».", code="empty"
        )
    from ...services.candidates import get_candidate

    candidates = [get_candidate(session, cid) for cid in ids]
    decision = P.latest_own_decision(session, [c.id for c in candidates])
    meeting = (
        session.get(Meeting, decision.meeting_id) if decision is not None and decision.meeting_id else None
    )
    profile = require_profile(session)
    when = date.today()
    return DossierSpec(
        plan=plan,
        candidates=candidates,
        to_body=profile.upper_body,
        title=P.default_title(plan, AwardKind.RECOGNITION.value, when.year),
        when=when,
        bases=P.default_bases(session, plan, meeting, decision),
        meeting=meeting,
        decision=decision,
    )


# --------------------------------------------------------------------------- rows
def _position_unit(c: Candidate) -> str:
    if c.kind == CandidateKind.COLLECTIVE.value:
        return c.position_unit or (c.unit.name if c.unit else "") or ""
    if c.kind == CandidateKind.HOUSEHOLD.value:
        return c.address or c.position_unit or (c.unit.name if c.unit else "") or ""
    return c.position_unit or ", ".join(x for x in (c.position, c.unit.name if c.unit else None) if x) or ""


def list_groups(session: Session, candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
    """Rows grouped I. TẬP THỂ / II. CÁ NHÂN / III. HỘ GIA ĐÌNH with the trích ngang."""
    from .assessment import achievement_summary

    ids = [c.id for c in candidates]
    recs: dict[str, list[Recognition]] = {cid: [] for cid in ids}
    for r in session.scalars(select(Recognition).where(Recognition.candidate_id.in_(ids))):
        recs[r.candidate_id].append(r)

    def row(c: Candidate, n: int) -> dict[str, Any]:
        pu = _position_unit(c)
        if fold(pu) == fold(c.name):
            pu = ""
        return {
            "id": c.id,
            "stt": str(n),
            "name": c.name,
            **birth_years(c),
            "ethnicity": c.ethnicity or "",
            "position_unit": pu,
            "field": c.field.name if c.field else "",
            "summary": achievement_summary(c, session, recognitions=recs[c.id]),
            "note": "",
        }

    return kind_groups(candidates, row, kind_of=lambda c: c.kind)


def counts_text(candidates: Iterable[Candidate]) -> str:
    counts = {k: 0 for k in KIND_ORDER}
    for c in candidates:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    parts = [f"{n:02d} {KIND_WORDS[k]}" for k, n in counts.items() if n]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " và " + parts[-1]
    return parts[0] if parts else "00 trường hợp"


def _what(award_kind: str) -> str:
    return (
        "công nhận, ghi danh điển hình tiên tiến"
        if award_kind == AwardKind.RECOGNITION.value
        else "khen thưởng điển hình tiên tiến"
    )


def cover_context(session: Session, spec: DossierSpec, profile: OfficeProfile) -> dict[str, Any]:
    office = profile_context(profile)["office"]["full_name"]
    to_body = (spec.to_body or "").strip()
    plan = spec.plan
    parts = []
    ref = f"Kế hoạch số {plan.code}" if plan.code else f"«{plan.name}»"
    parts.append(
        f"Thực hiện {ref}"
        + (f" của {plan.issuer}" if plan.issuer else "")
        + f", {office} đã hướng dẫn các tập thể, cá nhân đăng ký xây dựng điển hình tiên tiến xây dựng báo cáo "
        "tự đánh giá kết quả thực hiện các tiêu chí; tổ chức thẩm định, tổng hợp kết quả theo từng lĩnh vực."
    )
    if spec.meeting is not None:
        from ...text import fmt_date

        council = spec.meeting.council.name if spec.meeting.council else "Hội đồng"
        parts.append(
            f"Ngày {fmt_date(spec.meeting.meeting_date)}, {council} đã họp bình xét, bỏ phiếu lựa chọn "
            "các tập thể, cá nhân tiêu biểu theo đúng nguyên tắc khách quan, công khai, dân chủ."
        )
    if spec.decision is not None and spec.decision.number:
        from ...text import fmt_date

        n = len(spec.decision.entries)
        parts.append(
            f"{office} đã ban hành Quyết định số {spec.decision.number} ngày "
            f"{fmt_date(spec.decision.decision_date)} công nhận, ghi danh {n:02d} điển hình tiên tiến ở cấp cơ sở."
        )
    target = to_body or "cấp trên"
    proposal_sentence = (
        f"Trên cơ sở kết quả công nhận ở cơ sở, {office} lựa chọn {counts_text(spec.candidates)} tiêu biểu, "
        f"kính đề nghị {target} xem xét, {_what(spec.award_kind)}, cụ thể như sau:"
    )
    breach_text = (
        f"Số lượng đề nghị vượt chỉ tiêu của kế hoạch; lý do: {spec.breach_reason.rstrip('.')}."
        if spec.breach_reason
        else ""
    )
    return {
        "doc_title": "TỜ TRÌNH",
        "doc_summary": spec.title,
        "to_body": to_body or BLANK_RECIPIENT,
        "bases": spec.bases,
        "intro": "\n".join(parts),
        "proposal_sentence": proposal_sentence,
        "groups": list_groups(session, spec.candidates),
        "breach_reason": spec.breach_reason or "",
        "breach_text": breach_text,
        "closing": f"{office} kính trình {target} xem xét, quyết định./.",
        "recipients": ["Như trên;", "Lưu Văn phòng." if profile.is_party else "Lưu: VT."],
        "plan": {"name": plan.name, "code": plan.code or ""},
    }


# --------------------------------------------------------------------------- build
def build_dossier(
    session: Session,
    spec: DossierSpec,
    out_dir: Path,
    *,
    ctx: ExportContext | None = None,
    take_number: bool = True,
    attachment_ids: Sequence[str] = (),
    files_dir: Path | None = None,
) -> Dossier:
    """Write every document of the dossier into ``out_dir``. A saved proposal without a
    number gets one (type ``TTr``) when ``take_number``. All or nothing: on an error the
    files written are removed (and the caller's transaction drops the number)."""
    profile = require_profile(session)
    ctx = ctx or ExportContext(out_dir=out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dossier = Dossier()
    stem = safe_file_stem(str(spec.when.year), spec.proposal.id if spec.proposal else spec.plan.id)
    total = 4 + len(spec.candidates)
    step = 0
    written: list[Path] = []
    try:
        # 1. the cover letter
        ctx.step(step, total, "Tờ trình")
        context = cover_context(session, spec, profile)
        number = spec.proposal.number if spec.proposal is not None else None
        if spec.proposal is not None and not number and take_number:
            record = next_number(
                session,
                "TTr",
                spec.when.year,
                title=spec.title,
                ref_type="proposal",
                ref_id=spec.proposal.id,
                issued_on=spec.when,
                profile=profile,
                file_name=f"to-trinh-{stem}.docx",
            )
            number = spec.proposal.number = record.full_number
        pctx = profile_context(profile, "TTr", number, spec.when)
        context.update({"number": pctx["number"], "number_text": pctx["number_text"]})
        dossier.cover = render_paper(
            COVER_TEMPLATE,
            context,
            out_dir / f"to-trinh-{stem}.docx",
            session,
            profile=profile,
            when=spec.when,
        )
        dossier.number = number
        written.append(dossier.cover)
        # 2. the list, Word and Excel
        step += 1
        ctx.step(step, total, "Danh sách đề nghị")
        groups = context["groups"]
        title = "DANH SÁCH"
        summary = f"Tập thể, cá nhân đề nghị {_what(spec.award_kind)}"
        attached = (
            f"(Kèm theo Tờ trình số {number} ngày {spec.when.strftime('%d/%m/%Y')} của {profile.name})"
            if number
            else f"(Kèm theo Tờ trình của {profile.name})"
        )
        totals = f"Tổng số: {counts_text(spec.candidates)}."
        list_ctx = {
            "doc_title": title,
            "doc_summary": summary,
            "attached_to": attached,
            "groups": groups,
            "totals_text": totals,
            "recipients": [],
        }
        docx_path = render_paper(
            LIST_TEMPLATE,
            list_ctx,
            out_dir / f"danh-sach-de-nghi-{stem}.docx",
            session,
            profile=profile,
            when=spec.when,
        )
        written.append(docx_path)
        header_left, header_right, signature = xlsx_profile_parts(profile, spec.when, issuer_one_line=True)
        xlsx_path = write_xlsx_list(
            out_dir / f"danh-sach-de-nghi-{stem}.xlsx",
            header_left=header_left,
            header_right=header_right,
            title_lines=[title, summary, (attached, {"bold": False, "italic": True})],
            columns=XLSX_COLUMNS,
            sections=sections_from_groups(groups, XLSX_KEYS),
            footer_lines=[totals],
            signature=signature,
            sheet_title="Danh sách đề nghị",
        )
        written.append(xlsx_path)
        dossier.lists = [docx_path, xlsx_path]
        # 3. an achievement report for each
        report = get_exporter("achievement-report")
        for c in spec.candidates:
            step += 1
            ctx.step(step, total, f"Báo cáo thành tích: {c.name}")
            files = report(
                session, ExportContext(out_dir=out_dir, plan_id=spec.plan.id, candidate_ids=[c.id])
            )
            written.extend(files)
            if files:
                dossier.reports[c.id] = files[0]
        # 4. the minutes and this level's decision
        step += 1
        ctx.step(step, total, "Biên bản, quyết định")
        if spec.meeting is not None:
            for what, bucket in (("minutes", dossier.minutes), ("decision", dossier.decision)):
                try:
                    files = get_exporter(what)(
                        session,
                        ExportContext(out_dir=out_dir, plan_id=spec.plan.id, meeting_id=spec.meeting.id),
                    )
                except UserError as exc:
                    dossier.warnings.append(exc.message)
                    continue
                written.extend(files)
                bucket.extend(files)
        else:
            dossier.warnings.append(
                "Hồ sơ chưa gắn với cuộc họp bình xét nào của cấp này: không có biên bản và quyết định kèm theo."
            )
        # 5. the attachments the officer selected
        step += 1
        ctx.step(step, total, "Tệp đính kèm")
        if attachment_ids:
            from ...services.attachments import attachment_path

            folder = out_dir / "tep-dinh-kem"
            base = files_dir or ctx.files_dir
            for att_id in attachment_ids:
                att = session.get(Attachment, att_id)
                if att is None:
                    raise UserError(f"Không tìm thấy tệp đính kèm «{att_id}».", code="not_found")
                src = attachment_path(base, att) if base else None
                if src is None or not src.is_file():
                    raise UserError(
                        f"Không tìm thấy tệp «{att.file_name}» trong thư mục dữ liệu; hãy đính kèm lại.",
                        code="not_found",
                    )
                folder.mkdir(parents=True, exist_ok=True)
                target = folder / f"{att.id[:8]}-{Path(att.file_name).name}"
                shutil.copyfile(src, target)
                written.append(target)
                dossier.attachments.append((att, target))
        ctx.step(total, total, "")
    except (Cancelled, Exception):
        remove_files(written)
        raise
    session.flush()
    return dossier


def export_proposal(session: Session, ctx: ExportContext) -> list[Path]:
    spec = spec_for(session, ctx)
    ids = ctx.options.get("attachment_ids") or ()
    dossier = build_dossier(
        session,
        spec,
        ctx.out_dir,
        ctx=ctx,
        take_number=bool(ctx.options.get("take_number", True)),
        attachment_ids=list(ids),
        files_dir=ctx.files_dir,
    )
    ctx.options["warnings"] = dossier.warnings
    return dossier.files()


EXPORTS = {"proposal": export_proposal}
