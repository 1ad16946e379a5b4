"""Assessment papers (seed 002 IV.3.2 steps 1–2; the dossier of seed 002 IV.4.2):

- ``self-assessment``: báo cáo tự đánh giá kết quả thực hiện các tiêu chí, one .docx per
  candidate, built from the checklist (:mod:`dienhinh_desktop.services.criteria`);
- ``achievement-report``: báo cáo thành tích, one .docx per candidate, in the layout
  offices use (I. sơ lược lý lịch / đặc điểm tình hình; II. thành tích đạt được;
  III. các hình thức đã được khen thưởng, as a table);
- ``appraisal-list``: danh sách tập thể, cá nhân đủ tiêu chí đề nghị công nhận, .docx
  (A4 landscape) and .xlsx, of the candidates that meet every required criterion
  (``ctx.options["scope"] = "all"`` lists every candidate with its result).

:func:`achievement_summary` gives the trích ngang thành tích (2–4 lines) that lists and
proposals reuse.

Without ``ctx.candidate_ids`` every candidate of the plan that is not removed/replaced
is taken. No document number is taken, except for the appraisal list when
``ctx.options["take_number"]`` is true (type "DS"); otherwise a blank is left for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import Candidate, CriterionAssessment, OfficeProfile, Plan, Recognition
from ...models.enums import AwardKind, CandidateKind, CriterionType, Gender
from ...services import criteria as cr
from ...services.office import require_profile
from ...text import fmt_date, fold
from ..engine import render_paper, safe_file_stem
from ..exporters import Cancelled, ExportContext
from ..profiles import issuer_name, upper, xlsx_profile_parts
from ..xlsx_writer import sections_from_groups, write_xlsx_list
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

SELF_TEMPLATE = "self_assessment.docx"
REPORT_TEMPLATE = "achievement_report.docx"
LIST_TEMPLATE = "appraisal_list.docx"

SELF_VERDICTS = {
    cr.MET: "Đạt",
    cr.NOT_MET: "Chưa đạt",
    cr.PARTLY: "Đạt một phần",
    cr.UNANSWERED: "Chưa đánh giá",
}
LIST_COLUMNS: list[tuple[str, float, str | None]] = [
    *LIST_LEAD_COLUMNS,
    ("Kết quả thẩm định", 16, None),
    ("Tóm tắt thành tích", 50, None),
    ("Ghi chú", 12, None),
]
LIST_KEYS = (*LIST_LEAD_KEYS, "result", "summary", "note")


# =========================================================================== helpers
def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _clip(text: str | None, limit: int) -> str:
    """The start of a text, cut at a sentence end or a word, with "…" when cut."""
    text = _clean(text)
    if len(text) <= limit:
        return text
    head = text[:limit]
    for stop in (". ", "; "):
        idx = head.rfind(stop)
        if idx >= limit * 0.5:
            return head[: idx + 1].rstrip(";") + ("" if stop == ". " else "…")
    idx = head.rfind(" ")
    return (head[:idx] if idx > 0 else head).rstrip(",;:") + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    if text and text[-1] not in ".…!?":
        text += "."
    return text


def _kind(c: Candidate) -> str:
    return c.kind if c.kind in KIND_TITLES else CandidateKind.INDIVIDUAL.value


def _gender(c: Candidate) -> str:
    return Gender(c.gender).label if c.gender in {g.value for g in Gender} else ""


def _unit_name(c: Candidate) -> str:
    return c.unit.name if c.unit is not None else (c.origin_unit_name or "")


def _position_unit(c: Candidate) -> str:
    if c.position_unit:
        return _clean(c.position_unit)
    parts = [p for p in (_clean(c.position), _clean(_unit_name(c))) if p]
    return ", ".join(parts)


def _period(plan: Plan) -> str:
    if plan.period_start and plan.period_end and plan.period_start.year != plan.period_end.year:
        return f"giai đoạn {plan.period_start.year} - {plan.period_end.year}"
    if plan.period_start:
        return f"năm {plan.period_start.year}"
    return ""


def _recognitions(session: Session, candidate_ids: Iterable[str]) -> dict[str, list[Recognition]]:
    ids = list(candidate_ids)
    out: dict[str, list[Recognition]] = {cid: [] for cid in ids}
    if not ids:
        return out
    stmt = (
        select(Recognition)
        .where(Recognition.candidate_id.in_(ids))
        .order_by(Recognition.year, Recognition.decision_date, Recognition.created_at)
    )
    for r in session.scalars(stmt):
        out[r.candidate_id].append(r)
    return out


def _award_title(r: Recognition) -> str:
    title = _clean(r.title)
    if title:
        return title
    try:
        return AwardKind(r.kind).label
    except ValueError:
        return ""


def _award_year(r: Recognition) -> str:
    if r.year:
        return str(r.year)
    return str(r.decision_date.year) if r.decision_date else ""


def _decision_text(r: Recognition) -> str:
    parts = []
    if r.decision_number:
        parts.append(_clean(r.decision_number))
    if r.decision_date:
        parts.append(f"ngày {fmt_date(r.decision_date)}")
    return " ".join(parts)


def _tail(record_id: str) -> str:
    """The last 8 hex digits of an id for file names (time-ordered ids share their start)."""
    return record_id.replace("-", "")[-8:]


def _party_superior(profile: OfficeProfile) -> str:
    """The office as the body above a collective: a party committee's organisation is its
    "đảng bộ" ("Đảng ủy xã Tân Lập" -> "ĐẢNG BỘ XÃ TÂN LẬP"); a state body as it is."""
    name = issuer_name(profile)
    if profile.is_party:
        name = re.sub(r"^ĐẢNG ỦY\b", "ĐẢNG BỘ", name)
    return name


def _is_party_org(c: Candidate) -> bool:
    return c.collective_type == "party_org" or fold(c.name).startswith(("chi bo", "dang bo", "dang uy"))


def _collective_header(c: Candidate, profile: OfficeProfile) -> dict[str, str]:
    return {"superior": _party_superior(profile), "issuer": upper(c.name)}


# =========================================================================== checklist values
def _figures(item: cr.ChecklistItem) -> str:
    """The numbers or ratings the candidate entered, as a sentence part."""
    c, a = item.criterion, item.assessment
    if a is None:
        return ""
    if c.value_type == CriterionType.NUMBER and a.numerator is not None and a.denominator:
        share = cr.share_percent(a.numerator, a.denominator)
        num_label = c.numerator_label or "Số đạt"
        den_label = c.denominator_label or "Tổng số"
        return (
            f"{num_label}: {cr.fmt_number(a.numerator)}/{cr.fmt_number(a.denominator)} "
            f"({den_label.lower()}), đạt tỷ lệ {cr.fmt_number(share, 2)}%"
        )
    if c.value_type == CriterionType.RATING and a.rating:
        return f"Xếp loại: {a.rating}"
    if c.value_type == CriterionType.RATING_YEARS and a.yearly_ratings:
        return "Xếp loại: " + "; ".join(f"năm {y}: {r}" for y, r in sorted(a.yearly_ratings.items()))
    return ""


def _figures_short(item: cr.ChecklistItem) -> str:
    """The same, short: "47/50 (94%)", "Hoàn thành tốt nhiệm vụ", "2024: …; 2025: …"."""
    c, a = item.criterion, item.assessment
    if a is None:
        return ""
    if c.value_type == CriterionType.NUMBER and a.numerator is not None and a.denominator:
        share = cr.share_percent(a.numerator, a.denominator)
        return f"{cr.fmt_number(a.numerator)}/{cr.fmt_number(a.denominator)} ({cr.fmt_number(share, 2)}%)"
    if c.value_type == CriterionType.RATING and a.rating:
        return a.rating
    if c.value_type == CriterionType.RATING_YEARS and a.yearly_ratings:
        return "; ".join(f"{y}: {r}" for y, r in sorted(a.yearly_ratings.items()))
    return ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _short(c: Any) -> str:
    return _clean(c.short_text or c.text)


def checklist_values(items: list[cr.ChecklistItem], *, use_appraisal: bool = False) -> dict[str, Any]:
    """Groups (one per criteria set), the summary table and the counts for the papers."""
    groups: list[dict[str, Any]] = []
    table: list[dict[str, str]] = []
    by_set: dict[str, dict[str, Any]] = {}
    n = 0
    for it in items:
        g = by_set.get(it.criteria_set.id)
        if g is None:
            g = {"number": str(len(groups) + 1), "title": _clean(it.criteria_set.name), "entries": []}
            by_set[it.criteria_set.id] = g
            groups.append(g)
        n += 1
        state = it.state if use_appraisal else it.self_state
        a = it.assessment
        notes = []
        if it.criterion.condition:
            notes.append(it.why.replace(" (ưu tiên, không bắt buộc)", ""))
        if not it.required:
            notes.append("tiêu chí ưu tiên, không bắt buộc")
        figures = _figures(it)
        number = f"{g['number']}.{len(g['entries']) + 1}"
        g["entries"].append(
            {
                "number": number,
                "text": _clean(it.criterion.text),
                "why_note": f" ({'; '.join(notes)})" if notes else "",
                "figures": figures,
                "self_text": (a.self_text or "").strip() if a else "",
                "evidence": (a.self_evidence or "").strip() if a else "",
                "verdict": SELF_VERDICTS[state] if state != cr.UNANSWERED else "." * 20,
            }
        )
        result = _figures_short(it) or ("Có" if a is not None and a.self_met else "")
        if not result and a is not None and a.self_text:
            result = _clip(a.self_text, 60)
        table.append(
            {
                "number": str(n),
                "label": _short(it.criterion) + ("" if it.required else " (ưu tiên)"),
                "result": result,
                "verdict": SELF_VERDICTS[state] if state != cr.UNANSWERED else "",
            }
        )
    return {"groups": groups, "table": table}


# =========================================================================== trích ngang
def achievement_summary(
    candidate: Candidate,
    session: Session,
    *,
    recognitions: list[Recognition] | None = None,
    eligibility: cr.Eligibility | None = None,
    max_chars: int = 400,
) -> str:
    """The trích ngang thành tích of a candidate: 2–4 short lines ("\\n" between them).

    ``Candidate.summary`` when the officer wrote one; otherwise built from the
    achievements, the initiatives and the awards received (``Recognition`` rows, newest
    three), with the position (or, for a collective, its size and head) and the number
    of criteria met only to reach two lines. Pass ``recognitions`` / ``eligibility``
    when they are already loaded (lists of many candidates) to avoid queries."""
    own = (candidate.summary or "").strip()
    if own:
        return own
    lines: list[str] = []
    results = candidate.achievement_results or candidate.registration_content
    if results:
        lines.append(_sentence(_clip(results, 180)))
    initiatives = _clean(candidate.achievement_initiatives)
    if initiatives:
        if not fold(initiatives).startswith(("sang kien", "mo hinh", "giai phap", "de tai")):
            initiatives = "Sáng kiến, mô hình: " + initiatives
        lines.append(_sentence(_clip(initiatives, 130)))
    if recognitions is None:
        recognitions = list(
            session.scalars(select(Recognition).where(Recognition.candidate_id == candidate.id))
        )
    recs = sorted(
        recognitions, key=lambda r: r.year or (r.decision_date.year if r.decision_date else 0), reverse=True
    )[:3]
    if recs:
        parts = []
        for r in recs:
            text = _award_title(r)
            if r.issuer and fold(r.issuer) not in fold(text):
                text += f" của {_clean(r.issuer)}"
            year = _award_year(r)
            parts.append(f"{text} ({year})" if year else text)
        lines.append(_sentence("Khen thưởng: " + "; ".join(parts)))
    if len(lines) < 2:
        bits = []
        if _kind(candidate) == CandidateKind.COLLECTIVE.value:
            if candidate.member_count:
                bits.append(f"{candidate.member_count} thành viên")
            if candidate.leader_name:
                bits.append(f"người đứng đầu: {_clean(candidate.leader_name)}")
        else:
            pu = _position_unit(candidate)
            if pu:
                bits.append(pu)
            if candidate.is_party_member:
                bits.append("đảng viên")
        if bits:
            lines.insert(0, _sentence(_upper_first("; ".join(bits))))
    if len(lines) < 2:
        elig = eligibility if eligibility is not None else cr.eligibility(session, candidate)
        if elig.total_required:
            lines.append(f"Đạt {elig.met}/{elig.total_required} tiêu chí điển hình tiên tiến.")
    text = "\n".join(lines[:4])
    if len(text) > max_chars:
        text = _clip(text.replace("\n", " "), max_chars)
    return text


# =========================================================================== general info
def _info(c: Candidate, *, report: bool = False) -> list[dict[str, str]]:
    kind = _kind(c)
    field = c.field.name if c.field is not None else ""
    unit = _unit_name(c)
    rows: list[tuple[str, str]]
    if kind == CandidateKind.COLLECTIVE.value:
        rows = [
            ("Tên tập thể", c.name),
            ("Loại hình", COLLECTIVE_TYPES.get(c.collective_type or "", c.collective_type or "")),
            ("Người đứng đầu", c.leader_name or ""),
            ("Tổng số thành viên", str(c.member_count) if c.member_count else ""),
            ("Địa chỉ", c.address or ""),
            ("Điện thoại", c.phone or ""),
        ]
    elif kind == CandidateKind.HOUSEHOLD.value:
        rows = [
            ("Chủ hộ", c.name),
            ("Năm sinh", str(c.birth_year) if c.birth_year else ""),
            ("Dân tộc", c.ethnicity or ""),
            ("Số nhân khẩu", str(c.member_count) if c.member_count else ""),
            ("Địa chỉ", c.address or ""),
        ]
    else:
        rows = [
            ("Họ và tên", c.name),
            ("Năm sinh", str(c.birth_year) if c.birth_year else ""),
            ("Giới tính", _gender(c)),
            ("Dân tộc", c.ethnicity or ""),
        ]
        if report:
            rows += [("Nơi ở hiện nay", c.address or "")]
        rows += [
            ("Chức vụ, đơn vị công tác", _position_unit(c)),
            ("Trình độ chuyên môn, nghiệp vụ", c.education or ""),
            ("Đảng viên", "Có" if c.is_party_member else "Không"),
        ]
    if not report:
        rows += [("Lĩnh vực đăng ký", field), ("Đơn vị đăng ký", unit)]
    elif kind != CandidateKind.INDIVIDUAL.value:
        rows += [("Lĩnh vực", field)]
    out = []
    for label, value in rows:
        value = _clean(value)
        out.append({"label": label, "value": value or "." * max(30, 60 - len(label))})
    return out


def _subject(c: Candidate) -> str:
    kind = _kind(c)
    if kind == CandidateKind.COLLECTIVE.value:
        return c.name
    return "gia đình tôi" if kind == CandidateKind.HOUSEHOLD.value else "bản thân tôi"


def _base(c: Candidate, profile: OfficeProfile) -> dict[str, Any]:
    collective = _kind(c) == CandidateKind.COLLECTIVE.value
    ctx: dict[str, Any] = {"collective": collective, "recipients": []}
    if collective:
        ctx["header"] = _collective_header(c, profile)
    return ctx


# =========================================================================== self-assessment
def self_assessment_context(
    session: Session, c: Candidate, profile: OfficeProfile, plan: Plan
) -> dict[str, Any]:
    items = cr.checklist_for(session, c)
    values = checklist_values(items)
    required = [it for it in items if it.required]
    optional = [it for it in items if not it.required]
    met = sum(it.self_state == cr.MET for it in required)
    opt_met = sum(it.self_state == cr.MET for it in optional)
    subject = _subject(c)
    office = re.sub(r"^UBND\b", "Ủy ban nhân dân", _clean(profile.name))
    kind = _kind(c)
    if items:
        conclusion = (
            f"Đối chiếu với các tiêu chí đã đăng ký, {subject} tự đánh giá đạt {met}/{len(required)} tiêu chí bắt buộc"
            + (f" và {opt_met}/{len(optional)} tiêu chí ưu tiên" if optional else "")
            + "."
        )
    else:
        conclusion = "Kế hoạch chưa có tiêu chí nào áp dụng cho đối tượng này."
    missing = [_short(it.criterion) for it in required if it.self_state != cr.MET]
    period = _period(plan)
    if items and not missing:
        whom = {CandidateKind.COLLECTIVE.value: c.name, CandidateKind.HOUSEHOLD.value: "gia đình tôi"}.get(
            kind, "tôi"
        )
        proposal = (
            f"Kính đề nghị {office} xem xét, thẩm định, công nhận {whom} là điển hình tiên tiến"
            + (f" {period}" if period else "")
            + "."
        )
    elif items:
        proposal = (
            "Các tiêu chí chưa đạt hoặc chưa đủ số liệu: "
            + "; ".join(missing)
            + f". {subject[0].upper() + subject[1:]} tiếp tục phấn đấu, hoàn thiện trong thời gian tới."
        )
    else:
        proposal = ""
    sign = _sign_self(c, profile)
    ctx = _base(c, profile)
    ctx.update(
        {
            "doc_title": "BÁO CÁO",
            "doc_summary": "Tự đánh giá kết quả thực hiện các tiêu chí xây dựng điển hình tiên tiến"
            + (f" {period}" if period else ""),
            "recipient": office,
            "info": _info(c),
            "registration_content": _clean(c.registration_content),
            "groups": values["groups"],
            "table": values["table"],
            "conclusion": conclusion,
            "proposal": proposal,
            "sign": sign,
            "plan": {"name": plan.name, "code": plan.code or ""},
        }
    )
    return ctx


def _sign_self(c: Candidate, profile: OfficeProfile) -> dict[str, str]:
    kind = _kind(c)
    unit = _unit_name(c)
    if kind == CandidateKind.COLLECTIVE.value:
        head = "T/M CẤP ỦY" if (profile.is_party and _is_party_org(c)) else "THỦ TRƯỞNG ĐƠN VỊ"
        return {
            "left_title": f"XÁC NHẬN CỦA {issuer_name(profile)}",
            "left_note": "(Ký tên, đóng dấu)",
            "right_title": head,
            "right_note": "(Ký tên, đóng dấu)",
            "right_name": _clean(c.leader_name),
        }
    if kind == CandidateKind.HOUSEHOLD.value:
        left = f"XÁC NHẬN CỦA {upper(unit)}" if unit else "XÁC NHẬN CỦA THÔN, TỔ DÂN PHỐ"
        return {
            "left_title": left,
            "left_note": "(Ký, ghi rõ họ tên)",
            "right_title": "CHỦ HỘ",
            "right_note": "(Ký, ghi rõ họ tên)",
            "right_name": c.name,
        }
    if unit:
        left = f"XÁC NHẬN CỦA {upper(unit)}"
    else:
        left = "XÁC NHẬN CỦA CẤP ỦY, ĐƠN VỊ" if profile.is_party else "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ"
    return {
        "left_title": left,
        "left_note": "(Ký tên, đóng dấu)",
        "right_title": "NGƯỜI BÁO CÁO",
        "right_note": "(Ký, ghi rõ họ tên)",
        "right_name": c.name,
    }


def _report_date(session: Session, c: Candidate) -> date:
    from sqlalchemy import func

    last = session.scalar(
        select(func.max(CriterionAssessment.self_assessed_at)).where(CriterionAssessment.candidate_id == c.id)
    )
    return last.date() if last else date.today()


def export_self_assessment(session: Session, ctx: ExportContext) -> list[Path]:
    profile = require_profile(session)
    plan = plan_for(session, ctx)
    candidates = load_candidates(session, plan, ctx.candidate_ids)
    if not candidates:
        raise UserError(
            f"Kế hoạch «{plan.name}» chưa có điển hình nào để in báo cáo tự đánh giá.", code="empty"
        )

    def write(c: Candidate) -> Path:
        return render_paper(
            SELF_TEMPLATE,
            self_assessment_context(session, c, profile, plan),
            ctx.out_dir / f"bao-cao-tu-danh-gia-{safe_file_stem(c.name, _tail(c.id))}.docx",
            session,
            profile=profile,
            when=_report_date(session, c),
        )

    return write_each(ctx, candidates, write)


# =========================================================================== achievement report
def achievement_report_context(
    session: Session,
    c: Candidate,
    profile: OfficeProfile,
    plan: Plan,
    recognitions: list[Recognition] | None = None,
) -> dict[str, Any]:
    kind = _kind(c)
    collective = kind == CandidateKind.COLLECTIVE.value
    items = cr.checklist_for(session, c)
    criteria_lines = []
    for it in items:
        if it.state != cr.MET:
            continue
        figures = _figures_short(it)
        criteria_lines.append(_sentence(_short(it.criterion) + (f" ({figures})" if figures else "")))
    if recognitions is None:
        recognitions = _recognitions(session, [c.id])[c.id]
    awards = [
        {
            "year": _award_year(r),
            "title": _award_title(r),
            "decision": _decision_text(r),
            "issuer": _clean(r.issuer),
        }
        for r in recognitions
    ]
    if collective:
        section1, subtitle = "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", c.name
        numbers = {"n_results": "1", "n_initiatives": "2", "n_criteria": "3"}
        sign = {
            "left_title": "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG",
            "left_note": "(Ký, đóng dấu)",
            "right_title": "T/M CẤP ỦY" if (profile.is_party and _is_party_org(c)) else "THỦ TRƯỞNG ĐƠN VỊ",
            "right_note": "(Ký, đóng dấu)",
            "right_name": _clean(c.leader_name),
        }
    elif kind == CandidateKind.HOUSEHOLD.value:
        section1, subtitle = (
            "I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH",
            f"Hộ gia đình {c.name}" if not fold(c.name).startswith("ho ") else c.name,
        )
        numbers = {"n_results": "2", "n_initiatives": "3", "n_criteria": "4"}
        unit = _unit_name(c)
        sign = {
            "left_title": f"XÁC NHẬN CỦA {upper(unit)}" if unit else "XÁC NHẬN CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG",
            "left_note": "(Ký, đóng dấu)",
            "right_title": "CHỦ HỘ",
            "right_note": "(Ký, ghi rõ họ và tên)",
            "right_name": c.name,
        }
    else:
        pu = _position_unit(c)
        section1, subtitle = "I. SƠ LƯỢC LÝ LỊCH", f"{c.name}" + (f", {pu}" if pu else "")
        numbers = {"n_results": "2", "n_initiatives": "3", "n_criteria": "4"}
        sign = {
            "left_title": "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ",
            "left_note": "(Ký, đóng dấu)",
            "right_title": "NGƯỜI BÁO CÁO THÀNH TÍCH",
            "right_note": "(Ký, ghi rõ họ và tên)",
            "right_name": c.name,
        }
    period = _period(plan)
    ctx = _base(c, profile)
    ctx.update(
        {
            "doc_title": "BÁO CÁO THÀNH TÍCH",
            "doc_summary": "Đề nghị công nhận điển hình tiên tiến" + (f" {period}" if period else ""),
            "subtitle": subtitle,
            "section1": section1,
            "info": _info(c, report=True),
            "tasks": (c.achievement_tasks or "").strip(),
            "results": (c.achievement_results or "").strip(),
            "initiatives": (c.achievement_initiatives or "").strip(),
            "criteria": criteria_lines,
            "awards": awards,
            "sign": sign,
            "plan": {"name": plan.name, "code": plan.code or ""},
            **numbers,
        }
    )
    return ctx


def export_achievement_report(session: Session, ctx: ExportContext) -> list[Path]:
    profile = require_profile(session)
    plan = plan_for(session, ctx)
    candidates = load_candidates(session, plan, ctx.candidate_ids)
    if not candidates:
        raise UserError(
            f"Kế hoạch «{plan.name}» chưa có điển hình nào để in báo cáo thành tích.", code="empty"
        )
    recs = _recognitions(session, [c.id for c in candidates])

    def write(c: Candidate) -> Path:
        return render_paper(
            REPORT_TEMPLATE,
            achievement_report_context(session, c, profile, plan, recs[c.id]),
            ctx.out_dir / f"bao-cao-thanh-tich-{safe_file_stem(c.name, _tail(c.id))}.docx",
            session,
            profile=profile,
        )

    return write_each(ctx, candidates, write)


# =========================================================================== appraisal list
def appraisal_groups(
    session: Session, plan: Plan, candidates: list[Candidate], *, scope: str = "eligible"
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Rows grouped I. TẬP THỂ / II. CÁ NHÂN / III. HỘ GIA ĐÌNH of the candidates that
    meet the criteria (``scope="all"``: every candidate, with its result), and counts."""
    elig = cr.eligibility_map(session, plan.id, [c.id for c in candidates])
    recs = _recognitions(session, [c.id for c in candidates])
    chosen = [c for c in candidates if scope == "all" or elig[c.id].eligible]

    def row(c: Candidate, n: int) -> dict[str, Any]:
        e = elig[c.id]
        if e.total_required == 0:
            result = "Chưa có tiêu chí"
        elif e.eligible:
            result = f"Đạt {e.met}/{e.total_required} tiêu chí"
        else:
            result = f"Đạt {e.met}/{e.total_required} tiêu chí, chưa đủ"
        if _kind(c) == CandidateKind.COLLECTIVE.value:
            unit = _unit_name(c)
            pu = _clean(c.position_unit) or (unit if fold(unit) != fold(c.name) else "") or _clean(c.address)
        else:
            pu = _position_unit(c) or _clean(c.address)
        return {
            "stt": str(n),
            "name": c.name,
            **birth_years(c),
            "ethnicity": c.ethnicity or "",
            "position_unit": pu,
            "field": c.field.name if c.field is not None else "",
            "result": result,
            "summary": achievement_summary(c, session, recognitions=recs[c.id], eligibility=e),
            "note": "" if e.eligible else "Còn thiếu: " + "; ".join(m.split(" (")[0] for m in e.missing[:3]),
        }

    groups = kind_groups(chosen, row, kind_of=_kind)
    counts = {k: sum(1 for c in chosen if _kind(c) == k) for k in KIND_ORDER}
    eligible_total = sum(1 for c in candidates if elig[c.id].eligible)
    return groups, {
        "counts": counts,
        "listed": len(chosen),
        "eligible": eligible_total,
        "appraised": len(candidates),
    }


def _totals_text(info: dict[str, Any], scope: str) -> str:
    parts = [f"{info['counts'][k]:02d} {KIND_TITLES[k].lower()}" for k in KIND_ORDER if info["counts"][k]]
    if scope == "all":
        return (
            f"Tổng số: {info['appraised']:02d} điển hình được thẩm định, trong đó {info['eligible']:02d} "
            "đạt đủ tiêu chí."
        )
    if not parts:
        return (
            f"Chưa có tập thể, cá nhân nào đạt đủ tiêu chí (trên tổng số {info['appraised']:02d} điển hình)."
        )
    return (
        f"Tổng số: {', '.join(parts)} đạt đủ tiêu chí, đề nghị công nhận "
        f"(trên tổng số {info['appraised']:02d} điển hình được thẩm định)."
    )


def export_appraisal_list(session: Session, ctx: ExportContext) -> list[Path]:
    profile = require_profile(session)
    plan = plan_for(session, ctx)
    candidates = load_candidates(session, plan, ctx.candidate_ids)
    scope = "all" if ctx.options.get("scope") == "all" else "eligible"
    groups, info = appraisal_groups(session, plan, candidates, scope=scope)
    totals = _totals_text(info, scope)
    if not groups:
        groups = [{"title": "Chưa có tập thể, cá nhân nào đạt đủ tiêu chí.", "kind": "", "rows": []}]
    when = date.today()
    period = _period(plan)
    title = "DANH SÁCH"
    summary = (
        "Tập thể, cá nhân đạt đủ tiêu chí, đề nghị công nhận điển hình tiên tiến"
        if scope == "eligible"
        else "Kết quả thẩm định tiêu chí điển hình tiên tiến"
    ) + (f" {period}" if period else "")
    attached = f"(Thực hiện Kế hoạch số {plan.code})" if plan.code else ""
    stem = f"danh-sach-du-tieu-chi-{safe_file_stem(plan.code or plan.name, _tail(plan.id), max_len=30)}"
    xlsx_path, docx_path = ctx.out_dir / f"{stem}.xlsx", ctx.out_dir / f"{stem}.docx"
    written: list[Path] = []
    try:
        ctx.step(0, 2, "Word")
        context = {
            "doc_title": title,
            "doc_summary": summary,
            "attached_to": attached,
            "groups": groups,
            "totals_text": totals,
            "plan": {"name": plan.name, "code": plan.code or ""},
            "recipients": [],
        }
        take = bool(ctx.options.get("take_number"))
        render_paper(
            LIST_TEMPLATE,
            context,
            docx_path,
            session,
            doc_type="DS",
            number=take,
            profile=profile,
            when=when,
            title=f"Danh sách {summary[0].lower() + summary[1:]}",
            ref_type="plan",
            ref_id=plan.id,
        )
        written.append(docx_path)
        ctx.step(1, 2, "Excel")
        header_left, header_right, signature = xlsx_profile_parts(profile, when, issuer_one_line=True)
        write_xlsx_list(
            xlsx_path,
            header_left=header_left,
            header_right=header_right,
            title_lines=[title, summary]
            + ([(attached, {"bold": False, "italic": True})] if attached else []),
            columns=LIST_COLUMNS,
            sections=sections_from_groups(groups, LIST_KEYS),
            footer_lines=[totals],
            signature=signature,
            sheet_title="Danh sách đủ tiêu chí",
        )
        written.append(xlsx_path)
        ctx.step(2, 2, "")
    except (Cancelled, Exception):
        remove_files(written)
        raise
    return written


EXPORTS = {
    "self-assessment": export_self_assessment,
    "achievement-report": export_achievement_report,
    "appraisal-list": export_appraisal_list,
}
