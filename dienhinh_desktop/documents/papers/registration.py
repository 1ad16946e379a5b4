"""Registration papers (seed 002 V.1.2): the registration form of one candidate
("PHIẾU ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN") and the registration summary of a plan
("BIỂU TỔNG HỢP ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN", .docx and .xlsx).

``EXPORTS``: ``registration-forms`` (one .docx per candidate: ``ctx.candidate_ids`` or
every candidate of the plan that is not removed/replaced) and ``registration-summary``
(``bieu-tong-hop-dang-ky-….xlsx`` and ``.docx``). Neither takes a document number.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import Candidate, OfficeProfile, Plan
from ...models.enums import CandidateKind, Gender
from ...services.office import require_profile
from ...text import household_head
from ..engine import render_paper, safe_file_stem
from ..exporters import Cancelled, ExportContext
from ..profiles import profile_context, xlsx_profile_parts
from .common import (
    COLLECTIVE_TYPES,
    KIND_ORDER,
    KIND_TITLES,
    LIST_LEAD_COLUMNS,
    LIST_LEAD_KEYS,
    birth_years,
    kind_groups,
    load_candidates,
    plan_for,
    remove_files,
    write_each,
)

FORM_TEMPLATE = "registration_form.docx"
SUMMARY_TEMPLATE = "registration_summary.docx"

SUMMARY_COLUMNS: list[tuple[str, float, str | None]] = [
    *LIST_LEAD_COLUMNS,
    ("Nội dung đăng ký", 40, None),
    ("Người phụ trách bồi dưỡng", 20, None),
    ("Ghi chú", 12, None),
]
SUMMARY_KEYS = (*LIST_LEAD_KEYS, "content", "mentor", "note")


# --------------------------------------------------------------------------- data
def _kind(c: Candidate) -> CandidateKind:
    try:
        return CandidateKind(c.kind)
    except ValueError:
        return CandidateKind.INDIVIDUAL


def _mentor_text(c: Candidate) -> list[str]:
    result = []
    for m in c.mentors:
        if not m.active:
            continue
        extra = ", ".join(x for x in (m.mentor_position, m.mentor_unit) if x)
        result.append(f"{m.mentor_name} ({extra})" if extra else m.mentor_name)
    return result


def candidate_values(c: Candidate) -> dict[str, Any]:
    """The candidate as plain values for templates (labels in Vietnamese)."""
    gender = Gender(c.gender).label if c.gender in {g.value for g in Gender} else ""
    return {
        "id": c.id,
        "kind": c.kind,
        "kind_label": _kind(c).label,
        "name": c.name,
        "birth_year": str(c.birth_year) if c.birth_year else "",
        "gender": gender,
        "ethnicity": c.ethnicity or "",
        "religion": c.religion or "",
        "position": c.position or "",
        "position_unit": c.position_unit or c.position or "",
        "party_member": "Có" if c.is_party_member else "Không",
        "education": c.education or "",
        "address": c.address or "",
        "phone": c.phone or "",
        "collective_type": COLLECTIVE_TYPES.get(c.collective_type or "", c.collective_type or ""),
        "member_count": str(c.member_count) if c.member_count else "",
        "leader_name": c.leader_name or "",
        "field": c.field.name if c.field else "",
        "unit": c.unit.name if c.unit else (c.origin_unit_name or ""),
        "registration_content": c.registration_content or "",
        "registered_on": c.registered_on,
        "note": c.note or "",
        "mentors": _mentor_text(c),
    }


# --------------------------------------------------------------------------- form
BLANK = "…" * 10  # a dotted space to fill by hand on the printed form
FORM_BLANKS = (
    "birth_year",
    "gender",
    "ethnicity",
    "religion",
    "position_unit",
    "education",
    "address",
    "phone",
    "collective_type",
    "member_count",
    "leader_name",
    "field",
    "unit",
)


def form_context(c: Candidate, profile: OfficeProfile, plan: Plan) -> dict[str, Any]:
    values = candidate_values(c)
    for key in FORM_BLANKS:
        if not values.get(key):
            values[key] = BLANK
    kind = _kind(c)
    office = profile_context(profile)["office"]["full_name"]
    unit_name = c.unit.name if c.unit else (c.origin_unit_name or "")
    if kind == CandidateKind.COLLECTIVE:
        registrant_title, registrant_name = "THỦ TRƯỞNG ĐƠN VỊ", c.leader_name or ""
        commitment = (
            f"{c.name} cam kết lãnh đạo, tổ chức thực hiện tốt các nội dung đã đăng ký; phấn đấu đạt "
            "các tiêu chí điển hình tiên tiến theo kế hoạch, có sức lan tỏa trong cơ quan, đơn vị, địa phương."
        )
    else:
        registrant_title = "CHỦ HỘ" if kind == CandidateKind.HOUSEHOLD else "NGƯỜI ĐĂNG KÝ"
        registrant_name = c.name
        if kind == CandidateKind.HOUSEHOLD:
            registrant_name = household_head(c.name) or c.name
            values["head_name"] = registrant_name
        subject = "Gia đình tôi" if kind == CandidateKind.HOUSEHOLD else "Tôi"
        commitment = (
            f"{subject} xin cam kết phấn đấu thực hiện tốt các nội dung đã đăng ký, gương mẫu học tập và "
            "làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, xứng đáng là điển hình tiên tiến."
        )
    kind_label = {
        CandidateKind.COLLECTIVE: "tập thể",
        CandidateKind.INDIVIDUAL: "cá nhân",
        CandidateKind.HOUSEHOLD: "hộ gia đình",
    }[kind]
    return {
        "c": values,
        "plan": {"name": plan.name, "code": plan.code or ""},
        "doc_title": "PHIẾU ĐĂNG KÝ\nXÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN",
        "doc_summary": f"(Dành cho {kind_label})",
        "recipient_body": office,
        "mentors": [{"text": t} for t in values["mentors"]],
        "commitment": commitment,
        "confirm_title": f"XÁC NHẬN CỦA {unit_name.upper()}" if unit_name else "XÁC NHẬN CỦA ĐƠN VỊ",
        "registrant_title": registrant_title,
        "registrant_name": registrant_name,
        "recipients": [],
    }


def export_forms(session: Session, ctx: ExportContext) -> list[Path]:
    profile = require_profile(session)
    plan = plan_for(session, ctx)
    candidates = load_candidates(session, plan, ctx.candidate_ids, mentors=True)
    if not candidates:
        raise UserError(f"Kế hoạch «{plan.name}» chưa có điển hình nào để in phiếu đăng ký.", code="empty")

    def write(c: Candidate) -> Path:
        out = ctx.out_dir / f"phieu-dang-ky-{safe_file_stem(c.name, c.id)}.docx"
        when = c.registered_on or date.today()
        return render_paper(
            FORM_TEMPLATE, form_context(c, profile, plan), out, session, profile=profile, when=when
        )

    return write_each(ctx, candidates, write)


# --------------------------------------------------------------------------- summary
def summary_groups(candidates: list[Candidate]) -> list[dict[str, Any]]:
    """Rows grouped I. TẬP THỂ / II. CÁ NHÂN / III. HỘ GIA ĐÌNH (empty groups left out;
    numbering restarts in each group)."""

    def row(c: Candidate, n: int) -> dict[str, Any]:
        v = candidate_values(c)
        if _kind(c) == CandidateKind.COLLECTIVE:
            position_unit = v["position_unit"] or v["unit"]
        else:
            position_unit = v["position_unit"] or v["address"]
        return {
            "stt": str(n),
            "name": v["name"],
            **birth_years(c),
            "ethnicity": v["ethnicity"],
            "position_unit": position_unit,
            "field": v["field"],
            "content": v["registration_content"],
            "mentor": "; ".join(v["mentors"]),
            "note": v["note"],
        }

    return kind_groups(candidates, row, kind_of=lambda c: _kind(c).value)


def totals_text(candidates: list[Candidate]) -> str:
    counts = {kind: sum(1 for c in candidates if _kind(c).value == kind) for kind in KIND_ORDER}
    parts = [f"{counts[k]:02d} {KIND_TITLES[k].lower()}" for k in KIND_ORDER if counts[k]]
    return f"Tổng số: {len(candidates):02d} điển hình" + (f" ({', '.join(parts)})." if parts else ".")


def export_summary(session: Session, ctx: ExportContext) -> list[Path]:
    from ..xlsx_writer import sections_from_groups, write_xlsx_list  # openpyxl only when a list is written

    profile = require_profile(session)
    plan = plan_for(session, ctx)
    candidates = load_candidates(session, plan, ctx.candidate_ids, mentors=True)
    groups = summary_groups(candidates)
    if not groups:
        groups = [{"title": "Chưa có điển hình nào đăng ký.", "kind": "", "rows": []}]
    when = date.today()
    stem = f"bieu-tong-hop-dang-ky-{safe_file_stem(plan.code or plan.name, plan.id, max_len=30)}"
    xlsx_path, docx_path = ctx.out_dir / f"{stem}.xlsx", ctx.out_dir / f"{stem}.docx"
    title = "BIỂU TỔNG HỢP ĐĂNG KÝ XÂY DỰNG ĐIỂN HÌNH TIÊN TIẾN"
    written: list[Path] = []
    try:
        ctx.step(0, 2, "Excel")
        header_left, header_right, signature = xlsx_profile_parts(profile, when, issuer_one_line=True)
        write_xlsx_list(
            xlsx_path,
            header_left=header_left,
            header_right=header_right,
            title_lines=[title, plan.name],
            columns=SUMMARY_COLUMNS,
            sections=sections_from_groups(groups, SUMMARY_KEYS),
            footer_lines=[totals_text(candidates)],
            signature=signature,
            sheet_title="Tổng hợp đăng ký",
        )
        written.append(xlsx_path)
        ctx.step(1, 2, "Word")
        context = {
            "doc_title": title,
            "doc_summary": plan.name,
            "groups": groups,
            "totals_text": totals_text(candidates),
            "plan": {"name": plan.name, "code": plan.code or ""},
            "recipients": [],
        }
        render_paper(SUMMARY_TEMPLATE, context, docx_path, session, profile=profile, when=when)
        written.append(docx_path)
        ctx.step(2, 2, "")
    except (Cancelled, Exception):
        remove_files(written)
        raise
    return written


EXPORTS = {"registration-forms": export_forms, "registration-summary": export_summary}
