"""The periodic report (báo cáo định kỳ 6 tháng, hằng năm — seeds 000 VI.1, 001 IV, 002 VI):
"BÁO CÁO Kết quả xây dựng, nhân rộng điển hình tiên tiến 6 tháng đầu năm / năm …" in the
office's profile, and the same figures as an Excel workbook with one sheet per table.

``EXPORTS = {"report": export_report}``. The period is ``ctx.date_from`` – ``ctx.date_to``
(``export report --from DATE --to DATE``; default: the current year); the plan is
``ctx.plan_id`` (default: the current plan). ``ctx.options["take_number"]`` takes the next
"BC" number from the register; otherwise a blank is left for it (a report is a draft the
officer completes: section III is highlighted for their words).

The Word paper: I. Tình hình triển khai (sentences from the data); II. Kết quả (Biểu 1–…,
the breakdowns by kind, field, unit, gender, ethnicity with the ethnic minorities, party
members; the charts of ``services.charts`` as native Word charts); III. Đánh giá chung (room to write,
with hints drawn from the figures); IV. Phương hướng, nhiệm vụ thời gian tới (from the
plan's coming deadlines). Files: ``bao-cao-nhan-rong-dien-hinh-<period>.docx`` and ``.xlsx``.

The charts are native Office charts (``documents.office_charts``): Word, Excel and
LibreOffice draw them, and the officer can restyle them or edit their numbers. The template
holds a marker paragraph "§HÌNH:<name>§" where each goes (:func:`insert_charts`); the
workbook's last sheet «Biểu đồ» holds each chart's table with the chart beside it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from ...models import OfficeProfile, Plan
from ...models.enums import ActivityKind, CandidateKind
from ...services import reports as R
from ...services.charts import EMPTY_TEXT, ChartSpec, report_charts
from ...services.office import require_profile
from ...services.plans import resolve_plan
from ...text import fmt_date, fold
from ..engine import render_paper, safe_file_stem
from ..exporters import Cancelled, ExportContext
from ..office_charts import add_docx_chart, openpyxl_chart
from ..profiles import profile_context
from ..xlsx_writer import BOX, _font, a4_print_setup, estimate_lines, set_text

TEMPLATE = "periodic_report.docx"
CHART_MARK = "§HÌNH:{}§"
_CHART_RE = re.compile(r"^\s*§HÌNH:(\w+)§\s*$")
CHART_WIDTH_MM = 160
CHART_SHEET = "Biểu đồ"
MAX_ACTIVITY_ROWS = 60

SUMMARY_ROWS: list[tuple[str, str]] = [
    ("registered", "Đăng ký mới xây dựng điển hình"),
    ("nurturing", "Bắt đầu bồi dưỡng, giúp đỡ"),
    ("self_assessed", "Nộp báo cáo tự đánh giá"),
    ("appraised", "Được thẩm định kết quả thực hiện tiêu chí"),
    ("proposed", "Được đề nghị cấp trên công nhận, khen thưởng"),
    ("recognised", "Được công nhận, ghi danh điển hình tiên tiến"),
    ("rewarded", "Được khen thưởng"),
    ("replicating", "Được đưa vào nhân rộng"),
    ("left", "Đưa ra khỏi danh sách, thay thế"),
    ("tracked", "Điển hình đang theo dõi đến cuối kỳ"),
    ("activities", "Hoạt động tuyên truyền, nhân rộng điển hình"),
]
BREAKDOWN_KEYS = [*R.MEASURE_KEYS, "tracked"]
KIND_PLURAL = {
    CandidateKind.COLLECTIVE.value: "tập thể",
    CandidateKind.INDIVIDUAL.value: "cá nhân",
    CandidateKind.HOUSEHOLD.value: "hộ gia đình",
}


# ------------------------------------------------------------------------------ small helpers
def _cell(n: int) -> str:
    """A count in a Word table: "-" for nothing (as official tables write it)."""
    return f"{n:,}".replace(",", ".") if n else "-"


def _num(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _join(parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def _change_words(now: int, before: int) -> str:
    if now == before:
        return "bằng kỳ trước"
    diff = now - before
    return f"{'tăng' if diff > 0 else 'giảm'} {_num(abs(diff))} so với kỳ trước"


def plan_reference(plan: Plan) -> str:
    """ "Kế hoạch số 15-KH/ĐU, ngày 11/11/2025 của Ban Thường vụ … về xây dựng, …"."""
    name = " ".join((plan.name or "").split())
    subject = re.sub(r"^kế hoạch\s+", "", name, flags=re.IGNORECASE)
    if not plan.code:
        return name
    text = f"Kế hoạch số {plan.code}"
    if plan.issued_on:
        text += f", ngày {fmt_date(plan.issued_on)}"
    if plan.issuer:
        text += f" của {plan.issuer}"
    if subject:
        text += f" về {_lower_first(subject)}" if subject != name else f" ({name})"
    return text


# ------------------------------------------------------------------------------ the paper's values
def _kind_counts(f: R.ReportFigures) -> str:
    b = f.breakdowns["kind"]
    parts = [f"{_num(r.tracked)} {KIND_PLURAL.get(r.key, r.label.lower())}" for r in b.rows if r.tracked]
    return ", ".join(parts)


def as_of(f: R.ReportFigures) -> date:
    """The day the end-of-period figures stand for: the period's end, or the day the report
    is made when the period is not over yet."""
    return min(f.period.date_to, f.generated_on)


def _deployment(session: Session, f: R.ReportFigures, plan: Plan, office: str) -> list[str]:
    p = f.period
    out = [
        f"Trong {p.label}, {office} tiếp tục chỉ đạo các chi bộ, cơ quan, đơn vị phát hiện, đăng ký, bồi dưỡng, "
        "giúp đỡ và tuyên truyền, nhân rộng điển hình tiên tiến gắn với các phong trào thi đua của địa phương."
    ]
    units = sum(1 for r in f.breakdowns["unit"].rows if r.tracked and r.key != R.UNKNOWN)
    text = (
        f"Đến ngày {fmt_date(as_of(f))}, có {_num(f.tracked)} tập thể, cá nhân, hộ gia đình đang được theo dõi, "
        f"bồi dưỡng xây dựng điển hình"
    )
    kinds = _kind_counts(f)
    if kinds:
        text += f" ({kinds})"
    if units:
        text += f" tại {_num(units)} chi bộ, cơ quan, đơn vị, thôn"
    text += "."
    if f.work["mentored"]:
        text += f" Hiện có {_num(f.work['mentored'])} điển hình đã được phân công người phụ trách bồi dưỡng, giúp đỡ."
    out.append(text)
    work = f.work
    done = []
    if work["reviews"]:
        done.append(f"{_num(work['reviews'])} đợt rà soát danh sách điển hình")
    if work["meetings"]:
        done.append(f"{_num(work['meetings'])} cuộc họp bình xét")
    if work["decisions_own"]:
        done.append(f"ban hành {_num(work['decisions_own'])} quyết định công nhận, khen thưởng")
    if work["decisions_received"]:
        done.append(f"nhận {_num(work['decisions_received'])} quyết định của cấp trên")
    acts = f.activities["total"]
    if acts:
        done.append(f"{_num(acts)} hoạt động tuyên truyền, nhân rộng điển hình")
    if done:
        out.append(f"Trong kỳ đã tổ chức, thực hiện: {'; '.join(done)}.")
    return out


def _overall(f: R.ReportFigures) -> list[str]:
    e, prev = f.events, f.previous.events
    before = f.previous.period.label

    def vs(key: str) -> str:
        now, was = e.get(key, 0), prev.get(key, 0)
        if now == was:
            return f" (bằng {before})"
        return f" ({'tăng' if now > was else 'giảm'} {_num(abs(now - was))} so với {before})"

    lines = [
        f"- Đăng ký mới xây dựng điển hình: {_num(e['registered'])} tập thể, cá nhân, hộ gia đình{vs('registered')};",
        f"- Bắt đầu bồi dưỡng, giúp đỡ: {_num(e['nurturing'])} điển hình{vs('nurturing')};",
        f"- Tự đánh giá: {_num(e['self_assessed'])} điển hình; được thẩm định: {_num(e['appraised'])} điển hình; "
        f"đề nghị cấp trên: {_num(e['proposed'])} điển hình;",
        f"- Được công nhận, ghi danh điển hình tiên tiến: {_num(e['recognised'])}{vs('recognised')};",
        f"- Được khen thưởng: {_num(e['rewarded'])}{vs('rewarded')};",
        f"- Được đưa vào nhân rộng: {_num(e['replicating'])}{vs('replicating')}.",
    ]
    if e["removed"] + e["replaced"]:
        lines.append(
            f"Qua rà soát, {_num(e['removed'])} điển hình được đưa ra khỏi danh sách và {_num(e['replaced'])} "
            "điển hình được thay thế (có ghi rõ lý do)."
        )
    lines.append(
        f"Kết quả chủ yếu so với {before} và tình hình điển hình đến ngày {fmt_date(as_of(f))} được tổng hợp "
        "tại các biểu và biểu đồ dưới đây."
    )
    return lines


def _summary_figures(f: R.ReportFigures) -> list[tuple[int, str, int, int]]:
    """The rows of "Biểu 1": (number, label, this period, the period before)."""
    rows = []
    for n, (key, label) in enumerate(SUMMARY_ROWS, start=1):
        if key == "left":
            now = f.events["removed"] + f.events["replaced"]
            before = f.previous.events.get("removed", 0) + f.previous.events.get("replaced", 0)
        elif key == "tracked":
            now, before = f.tracked, f.previous.tracked
        elif key == "activities":
            now, before = f.activities["total"], f.previous.activities
        else:
            now, before = f.events.get(key, 0), f.previous.events.get(key, 0)
        rows.append((n, label, now, before))
    return rows


def _summary_rows(f: R.ReportFigures) -> list[dict[str, str]]:
    return [
        {
            "stt": str(n),
            "label": label,
            "previous": _cell(before),
            "current": _cell(now),
            "change": R.signed(now - before) if now != before else "-",
        }
        for n, label, now, before in _summary_figures(f)
    ]


def _status_rows(f: R.ReportFigures) -> tuple[list[dict[str, str]], dict[str, str]]:
    rows = R.status_rows(f.status_at_end)
    total = sum(n for _, _, n in rows)
    out = [
        {"stt": str(i), "label": label, "count": _cell(n), "share": R.percent(n, total)}
        for i, (_, label, n) in enumerate(rows, start=1)
    ]
    return out, {"label": "Tổng cộng", "count": _cell(total), "share": "100%" if total else ""}


def _breakdown_table(b: R.Breakdown, number: int, period_label: str, charts: list[str]) -> dict[str, Any]:
    rows = []
    n = 0
    for r in b.rows:
        if r.is_subtotal:
            stt = ""
        else:
            n += 1
            stt = str(n)
        rows.append({"stt": stt, "label": r.label, **{k: _cell(r.get(k)) for k in BREAKDOWN_KEYS}})
    total = {"label": "Tổng cộng", **{k: _cell(b.total.get(k)) for k in BREAKDOWN_KEYS}}
    return {
        "caption": f"Biểu {number}. Kết quả {period_label} {_lower_first(b.title)}",
        "rows": rows,
        "total": total,
        "note": b.note,
        "charts": charts,
    }


def _people_lines(f: R.ReportFigures) -> list[str]:
    people = f.people_tracked
    if not people:
        return ["Trong kỳ chưa có cá nhân, hộ gia đình nào được theo dõi xây dựng điển hình."]
    g = f.breakdowns["gender"]
    p = f.breakdowns["party"]
    women = g.row("female").tracked if g.row("female") else 0
    party = p.row("yes").tracked if p.row("yes") else 0
    minority = f.minorities["tracked"]
    text = (
        f"Trong {_num(people)} cá nhân, chủ hộ đang được theo dõi đến cuối kỳ có {_num(women)} nữ "
        f"({R.percent(women, people) or '0%'}), {_num(minority)} người dân tộc thiểu số "
        f"({R.percent(minority, people) or '0%'}) và {_num(party)} đảng viên ({R.percent(party, people) or '0%'})."
    )
    lines = [text]
    new = f.breakdowns["gender"].total.events.get("registered", 0)
    if new:
        women_new = g.row("female").events.get("registered", 0) if g.row("female") else 0
        minority_new = f.minorities.get("registered", 0)
        lines.append(
            f"Trong số cá nhân, hộ gia đình đăng ký mới trong kỳ ({_num(new)}), có {_num(women_new)} nữ và "
            f"{_num(minority_new)} người dân tộc thiểu số."
        )
    return lines


def _award_lines(f: R.ReportFigures) -> list[str]:
    e = f.events
    lines = []
    if e["recognised"] or e["rewarded"]:
        lines.append(
            f"Trong kỳ, {_num(e['recognised'])} điển hình được công nhận, ghi danh điển hình tiên tiến và "
            f"{_num(e['rewarded'])} điển hình được khen thưởng."
        )
    else:
        lines.append("Trong kỳ chưa có điển hình nào được công nhận, ghi danh hoặc khen thưởng.")
    kinds = f.awards["by_kind"]
    if kinds:
        parts = [f"{v['label']}: {_num(v['count'])} lượt" for v in kinds.values()]
        lines.append("Các hình thức công nhận, khen thưởng có quyết định trong kỳ: " + "; ".join(parts) + ".")
    return lines


def _activity_lines(f: R.ReportFigures) -> list[str]:
    a = f.activities
    if not a["total"]:
        return [
            "Trong kỳ chưa ghi nhận hoạt động tuyên truyền, nhân rộng điển hình nào "
            f"(kỳ trước: {_num(f.previous.activities)} hoạt động)."
        ]
    kinds = [
        f"{_lower_first(ActivityKind(k).label) if k in ActivityKind._value2member_map_ else k}: {_num(n)}"
        for k, n in a["by_kind"].items()
    ]
    text = (
        f"Trong kỳ đã tổ chức {_num(a['total'])} hoạt động tuyên truyền, nhân rộng điển hình "
        f"({_change_words(a['total'], f.previous.activities)}), gồm: {'; '.join(kinds)}."
    )
    more = []
    if a["participants"]:
        more.append(f"thu hút khoảng {_num(a['participants'])} lượt người tham dự, theo dõi")
    if a["models_spread"]:
        more.append(f"giới thiệu {_num(a['models_spread'])} điển hình")
    if f.events["replicating"]:
        more.append(f"{_num(f.events['replicating'])} điển hình được đưa vào nhân rộng")
    lines = [text]
    if more:
        lines.append("Các hoạt động đã " + "; ".join(more) + ".")
    top = [m for m in a["top_models"] if m["activities"] > 1][:5]
    if top:
        lines.append(
            "Những điển hình được giới thiệu nhiều nhất: "
            + "; ".join(f"{m['name']} ({m['activities']} hoạt động)" for m in top)
            + "."
        )
    return lines


def _activity_rows(session: Session, f: R.ReportFigures) -> list[dict[str, str]]:
    from ...services.activities import kind_label, list_activities

    acts = list_activities(session, plan_id=f.plan_id, date_from=f.period.date_from, date_to=f.period.date_to)
    acts.sort(key=lambda a: (a.activity_date, a.title))
    rows = []
    for n, a in enumerate(acts[:MAX_ACTIVITY_ROWS], start=1):
        title = a.title + (f" ({a.place})" if a.place else "") + (f" — {a.outlet}" if a.outlet else "")
        rows.append(
            {
                "stt": str(n),
                "date": fmt_date(a.activity_date),
                "title": title,
                "kind": kind_label(a.kind),
                "models": "; ".join(m.candidate.name for m in a.models if m.candidate),
                "people": _num(a.participant_count) if a.participant_count else "",
            }
        )
    return rows


QUOTA_KIND = {None: "Điển hình", "collective": "Tập thể", "individual": "Cá nhân", "household": "Hộ gia đình"}
QUOTA_SCOPE = {
    "registration": "đăng ký",
    "proposal": "đề nghị cấp trên",
    "introduction": "giới thiệu nhân rộng",
}
QUOTA_STATE = {"under": "Còn thiếu {missing}", "over": "Vượt {excess}", "ok": "Đạt"}


def _bound(q: dict[str, Any]) -> str:
    lo, hi = q["min"], q["max"]
    if lo is not None and hi is not None:
        return f"{lo} – {hi}" if lo != hi else str(lo)
    if lo is not None:
        return f"≥ {lo}"
    if hi is not None:
        return f"≤ {hi}"
    return ""


def _quota_rows(f: R.ReportFigures) -> list[dict[str, str]]:
    rows = []
    for n, q in enumerate(f.quotas, start=1):
        rows.append(
            {
                "stt": str(n),
                "unit": q["unit"],
                "what": f"{QUOTA_KIND.get(q['candidate_kind'], q['candidate_kind'])} "
                f"{QUOTA_SCOPE.get(q['scope'], q['scope'])}",
                "bound": _bound(q),
                "count": str(q["count"]),
                "state": QUOTA_STATE[q["state"]].format(missing=q["missing"], excess=q["excess"]),
            }
        )
    return rows


def _quota_lines(f: R.ReportFigures) -> list[str]:
    if not f.quotas:
        return [
            "Kế hoạch không giao chỉ tiêu số lượng áp dụng cho các đơn vị (hoặc chưa khai báo chỉ tiêu) "
            "nên không có số liệu so sánh."
        ]
    states = {s: sum(1 for q in f.quotas if q["state"] == s) for s in ("ok", "under", "over")}
    parts = [f"{_num(states['ok'])} chỉ tiêu đạt"]
    if states["under"]:
        parts.append(f"{_num(states['under'])} chỉ tiêu chưa đạt")
    if states["over"]:
        parts.append(f"{_num(states['over'])} chỉ tiêu vượt mức tối đa")
    return [
        f"Đối chiếu với {_num(len(f.quotas))} chỉ tiêu số lượng của kế hoạch (tính đến ngày lập báo cáo): "
        + ", ".join(parts)
        + "."
    ]


def _hints(session: Session, f: R.ReportFigures, today: date) -> list[str]:
    from ...services.deadlines import deadline_items

    out = []
    for key, label in R.MEASURES:
        now, before = f.events.get(key, 0), f.previous.events.get(key, 0)
        if now < before:
            out.append(f"{label}: {_num(now)}, giảm {_num(before - now)} so với kỳ trước ({_num(before)}).")
        elif now > before and before:
            out.append(f"{label}: {_num(now)}, tăng {_num(now - before)} so với kỳ trước ({_num(before)}).")
    if f.activities["total"] == 0:
        out.append(
            "Chưa tổ chức hoạt động tuyên truyền, nhân rộng điển hình nào trong kỳ "
            "(kế hoạch yêu cầu ít nhất 01 lần/năm)."
        )
    without = max(f.tracked - f.work["mentored"], 0)
    if without:
        out.append(
            f"{_num(without)} điển hình đang theo dõi chưa được phân công người phụ trách bồi dưỡng, giúp đỡ."
        )
    for q in [q for q in f.quotas if q["state"] != "ok"][:5]:
        out.append(f"Chỉ tiêu: {q['message']}.")
    when = min(today, f.period.date_to)
    late = [
        i for i in deadline_items(session, f.plan_id, today=when, include_done=False) if i.state == "late"
    ]
    for item in late[:5]:
        out.append(f"Quá hạn: {item.name} (hạn {fmt_date(item.due)}).")
    return out


def _directions(session: Session, f: R.ReportFigures, profile: OfficeProfile) -> list[str]:
    from ...services.deadlines import deadline_items

    nxt_from = f.period.date_to + timedelta(days=1)
    nxt_to = nxt_from + timedelta(days=f.period.days - 1)
    start = min(nxt_from, f.generated_on)  # a period not over yet: what is still due in it too
    out: list[str] = []
    end = f.status_at_end
    nurturing = end.get("registered", 0) + end.get("nurturing", 0)
    if nurturing:
        out.append(
            f"Tiếp tục theo dõi, bồi dưỡng, giúp đỡ {_num(nurturing)} điển hình đang xây dựng; hướng dẫn các điển hình "
            "tự đánh giá kết quả thực hiện các tiêu chí đã đăng ký."
        )
    pending = end.get("self_assessed", 0) + end.get("appraised", 0) + end.get("proposed", 0)
    if pending:
        out.append(
            f"Hoàn thành thẩm định, bình xét, đề nghị công nhận đối với {_num(pending)} điển hình đã tự đánh giá, "
            "đã thẩm định hoặc đã đề nghị."
        )
    spread = end.get("recognised", 0) + end.get("rewarded", 0) + end.get("replicating", 0)
    if spread:
        out.append(
            f"Đẩy mạnh tuyên truyền, nhân rộng {_num(spread)} điển hình đã được công nhận, khen thưởng; tổ chức giao lưu, "
            "nói chuyện, tôn vinh điển hình ít nhất 01 lần trong năm."
        )
    seen = set()
    for item in deadline_items(session, f.plan_id, today=start, include_done=False):
        if start <= item.due <= nxt_to and item.name not in seen:
            seen.add(item.name)
            out.append(f"{item.name} (hạn {fmt_date(item.due)}).")
    upper = (profile.upper_body or "").strip()
    out.append(
        "Định kỳ 6 tháng, hằng năm tổng hợp, báo cáo kết quả xây dựng, nhân rộng điển hình tiên tiến"
        + (f" về {upper}." if upper else " về cấp trên.")
    )
    return out


def report_context(
    session: Session,
    f: R.ReportFigures,
    plan: Plan,
    profile: OfficeProfile,
    charts: Mapping[str, Any],
    today: date | None = None,
) -> dict[str, Any]:
    """Every value the template uses (plain strings, lists and dicts). ``charts`` names the
    charts there are (``services.charts.report_charts``): a marker paragraph is left for
    each, :func:`insert_charts` puts the chart there."""
    today = today or date.today()
    pctx = profile_context(profile)
    office = pctx["office"]["full_name"]
    p = f.period

    def mark(*names: str) -> list[str]:
        return [CHART_MARK.format(n) for n in names if n in charts]

    main = [
        _breakdown_table(f.breakdowns["kind"], 3, p.label, mark("kind")),
        _breakdown_table(f.breakdowns["field"], 4, p.label, mark("field")),
        _breakdown_table(f.breakdowns["unit"], 5, p.label, []),
    ]
    people = [
        _breakdown_table(f.breakdowns["gender"], 6, p.label, []),
        _breakdown_table(f.breakdowns["ethnicity"], 7, p.label, mark("ethnicity")),
        _breakdown_table(f.breakdowns["party"], 8, p.label, []),
    ]
    status_rows, status_total = _status_rows(f)
    upper = (profile.upper_body or "").strip()
    recipients = ([f"{upper} (b/c)"] if upper else []) + ["Các chi bộ, cơ quan, đơn vị trực thuộc"]
    recipients += pctx["recipients"]
    return {
        "doc_title": "BÁO CÁO",
        "doc_summary": f"Kết quả xây dựng, nhân rộng điển hình tiên tiến {p.label}",
        "intro": f"Thực hiện {plan_reference(plan)}, {office} báo cáo kết quả xây dựng, nhân rộng điển hình "
        f"tiên tiến {p.label} như sau:",
        "period_label": p.label,
        "period_short": p.short_label,
        "previous_short": f.previous.period.short_label,
        "deployment": _deployment(session, f, plan, office),
        "overall": _overall(f),
        "summary_caption": f"Biểu 1. Kết quả chủ yếu {p.label} so với {f.previous.period.label}",
        "summary_rows": _summary_rows(f),
        "charts_overall": mark("compare", "series"),
        "status_caption": f"Biểu 2. Điển hình theo trạng thái đến ngày {fmt_date(as_of(f))}",
        "status_rows": status_rows,
        "status_total": status_total,
        "charts_status": mark("status"),
        "tables_main": main,
        "people_lines": _people_lines(f),
        "tables_people": people,
        "award_lines": _award_lines(f),
        "activity_lines": _activity_lines(f),
        "activity_caption": f"Biểu 9. Các hoạt động tuyên truyền, nhân rộng điển hình {p.label}",
        "activity_rows": _activity_rows(session, f),
        "quota_lines": _quota_lines(f),
        "quota_caption": "Biểu 10. Kết quả so với chỉ tiêu số lượng",
        "quota_rows": _quota_rows(f),
        "hints": _hints(session, f, today),
        "directions": _directions(session, f, profile),
        "proposals": "",
        "closing": f"Trên đây là báo cáo kết quả xây dựng, nhân rộng điển hình tiên tiến {p.label} của {office}./.",
        "recipients": recipients,
    }


# ------------------------------------------------------------------------------ charts
def insert_charts(docx_path: Path, charts: Mapping[str, ChartSpec]) -> int:
    """Replace every chart marker paragraph with its native chart (``CHART_WIDTH_MM`` wide,
    ``spec.height_mm`` high); an empty chart becomes the line "<title>: chưa có số liệu.",
    a marker without a chart is removed. Returns the number of charts placed."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document(str(docx_path))
    placed = 0
    for paragraph in list(doc.paragraphs):
        m = _CHART_RE.match(paragraph.text)
        if not m:
            continue
        spec = charts.get(m.group(1))
        if spec is None:
            paragraph._p.getparent().remove(paragraph._p)
            continue
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        fmt = paragraph.paragraph_format
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt.first_line_indent = 0
        fmt.line_spacing = 1.0  # an "exactly" line spacing would clip the chart
        fmt.space_before, fmt.space_after = Pt(6), Pt(6)
        fmt.keep_together = True
        placed += add_docx_chart(paragraph, spec, CHART_WIDTH_MM, spec.height_mm)
    doc.save(str(docx_path))
    return placed


# ------------------------------------------------------------------------------ Excel
def _sheet(
    wb: Workbook,
    title: str,
    heading: list[str],
    columns: list[tuple[str, float]],
    rows: list[list[Any]],
    *,
    total: list[Any] | None = None,
    note: str | None = None,
    landscape: bool = False,
) -> None:
    ws = wb.create_sheet(title[:31])
    n = len(columns)
    for i, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    r = 1
    for i, text in enumerate(heading):
        cell = ws.cell(row=r, column=1)
        set_text(cell, text)
        cell.font = _font(14 if i == 1 else 12, bold=i <= 1, italic=i >= 2)
        cell.alignment = Alignment(
            horizontal="left" if i == 0 else "center", vertical="center", wrap_text=True
        )
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        ws.row_dimensions[r].height = 20 if len(text) < 90 else 36
        r += 1
    r += 1
    header = r
    for i, (label, _width) in enumerate(columns, start=1):
        cell = ws.cell(row=r, column=i)
        set_text(cell, label)
        cell.font = _font(12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BOX
    ws.row_dimensions[r].height = max(estimate_lines(c[0], c[1]) for c in columns) * 16 + 4
    r += 1
    for values in [*rows, *([total] if total else [])]:
        lines = 1
        for i, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=i)
            set_text(cell, value)
            cell.font = _font(12, bold=values is total)
            numeric = isinstance(value, (int, float)) or i == 1
            cell.alignment = Alignment(
                horizontal="center" if numeric else "left", vertical="top", wrap_text=True
            )
            cell.border = BOX
            lines = max(lines, estimate_lines(value, columns[i - 1][1]))
        ws.row_dimensions[r].height = lines * 16 + 4
        r += 1
    if note:
        cell = ws.cell(row=r + 1, column=1)
        set_text(cell, note)
        cell.font = _font(11, italic=True)
        ws.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=n)
    a4_print_setup(ws, landscape=landscape, header_top=header, header_bottom=header)


# A4 landscape, Excel's default margins (0,7" left and right, 0,75" top and bottom), in
# pixels at 96 dpi; a column of width w is about 7·w + 5 pixels wide.
PAGE_W_PX = (297 - 2 * 17.78) / 25.4 * 96
PAGE_H_PX = (210 - 2 * 19.05) / 25.4 * 96
SHEET_CHART_CM = 14
SHEET_WIDTHS = (26, 11)  # «Biểu đồ»: the category column, then one per series


def _col_px(width: float) -> float:
    return width * 7 + 5


def chart_sheet(wb: Workbook, charts: Mapping[str, ChartSpec], heading: list[str]) -> Any:
    """The sheet «Biểu đồ»: for each chart its title, its table (category, one column per
    series) and the native chart right of the table when both fit across an A4 landscape
    page, else under it; a page break keeps a block on one page."""
    from openpyxl.worksheet.pagebreak import Break

    ws = wb.create_sheet(CHART_SHEET)
    first_w, data_w = SHEET_WIDTHS
    ncols_max = 2 + max((len(s.series) + (s.kind == "stacked") for s in charts.values()), default=1)
    for col in range(1, ncols_max + 12):
        ws.column_dimensions[get_column_letter(col)].width = first_w if col == 1 else data_w
    chart_px = SHEET_CHART_CM / 2.54 * 96
    last_col = max(ncols_max, 1 + math.ceil((chart_px - _col_px(first_w)) / _col_px(data_w)))

    def height(row: int) -> float:
        return ws.row_dimensions[row].height or 15

    def cover(row: int, chart_pt: float) -> int:
        """The first row under a chart ``chart_pt`` high anchored at ``row``."""
        covered = 0.0
        while covered < chart_pt:
            if ws.row_dimensions[row].height is None:
                ws.row_dimensions[row].height = 15
            covered += height(row)
            row += 1
        return row

    r = 1
    for i, text in enumerate(heading):
        cell = ws.cell(row=r, column=1)
        set_text(cell, text)
        cell.font = _font(14 if i == 1 else 12, bold=i <= 1, italic=i >= 2)
        cell.alignment = Alignment(horizontal="left" if i == 0 else "center", vertical="center")
        ws.row_dimensions[r].height = 20
        r += 1
    heading_rows = r - 1
    used_px = sum(height(x) for x in range(1, r + 1)) * 96 / 72
    r += 1
    for n, spec in enumerate(charts.values(), start=1):
        first = r
        cell = ws.cell(row=r, column=1)
        set_text(cell, f"Biểu đồ {n}. {spec.title}")
        cell.font = _font(12, bold=True)
        ws.row_dimensions[r].height = 20
        r += 1
        if spec.is_empty:
            cell = ws.cell(row=r, column=1)
            set_text(cell, EMPTY_TEXT)
            cell.font = _font(12, italic=True)
            ws.row_dimensions[r].height = 18
            end = r + 1
        else:
            chart, end = openpyxl_chart(spec, ws, r, 1)
            ncols = 1 + len(spec.series) + (spec.kind == "stacked")
            for row in range(r, end):
                lines = 1
                for col in range(1, ncols + 1):
                    c = ws.cell(row=row, column=col)
                    c.font = _font(12, bold=row == r)
                    c.border = BOX
                    c.alignment = Alignment(
                        horizontal="left" if col == 1 and row > r else "center",
                        vertical="center",
                        wrap_text=True,
                    )
                    lines = max(lines, estimate_lines(c.value, first_w if col == 1 else data_w))
                ws.row_dimensions[row].height = lines * 16 + 4
            chart.width = SHEET_CHART_CM
            chart.height = spec.height_mm / 10
            chart_pt = spec.height_mm / 25.4 * 72
            table_px = _col_px(first_w) + ncols * _col_px(data_w)  # the table and one gap column
            if table_px + chart_px <= PAGE_W_PX:
                ws.add_chart(chart, f"{get_column_letter(ncols + 2)}{r}")
                last_col = max(last_col, ncols + 1 + math.ceil(chart_px / _col_px(data_w)))
                end = max(end, cover(r, chart_pt))
            else:
                ws.add_chart(chart, f"A{end + 1}")
                end = cover(end + 1, chart_pt)
        block_px = sum(height(x) for x in range(first, end + 1)) * 96 / 72
        if used_px + block_px > PAGE_H_PX and first > heading_rows + 2:
            ws.row_breaks.append(Break(id=first - 1))
            used_px = 0.0
        used_px += block_px + 15 * 96 / 72
        r = end + 2
    for row in range(1, heading_rows + 1):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    a4_print_setup(ws, landscape=True)
    ws.print_area = f"A1:{get_column_letter(last_col)}{r}"
    return ws


def write_workbook(
    path: Path,
    f: R.ReportFigures,
    office: str,
    session: Session,
    charts: Mapping[str, ChartSpec] | None = None,
) -> Path:
    """One sheet per table of the report (numbers as numbers), then the sheet «Biểu đồ»
    with the charts (``charts``; default: ``services.charts.report_charts(f)``)."""
    wb = Workbook()
    wb.remove(wb.active)
    p = f.period
    head = [office, "", f"Kỳ báo cáo: {p.label} (từ {fmt_date(p.date_from)} đến {fmt_date(p.date_to)})"]

    def heading(title: str) -> list[str]:
        return [head[0], title, head[2]]

    rows = [[n, label, before, now, now - before] for n, label, now, before in _summary_figures(f)]
    _sheet(
        wb,
        "Tổng hợp",
        heading(f"KẾT QUẢ CHỦ YẾU {p.label.upper()} SO VỚI {f.previous.period.label.upper()}"),
        [
            ("STT", 6),
            ("Nội dung", 50),
            (f.previous.period.short_label, 16),
            (p.short_label, 16),
            ("Tăng (+), giảm (-)", 14),
        ],
        rows,
    )
    srows = R.status_rows(f.status_at_end)
    total = sum(n for _, _, n in srows)
    _sheet(
        wb,
        "Trạng thái cuối kỳ",
        heading(f"ĐIỂN HÌNH THEO TRẠNG THÁI ĐẾN NGÀY {fmt_date(p.date_to)}"),
        [("STT", 6), ("Trạng thái", 34), ("Số lượng", 12), ("Tỷ lệ", 12)],
        [[i, label, n, R.percent(n, total)] for i, (_, label, n) in enumerate(srows, start=1)],
        total=["", "Tổng cộng", total, "100%" if total else ""],
    )
    cols = [("STT", 6), ("Nội dung", 40), *[(label, 13) for _, label in R.MEASURES], (R.TRACKED_LABEL, 14)]
    for key, sheet in (
        ("kind", "Theo loại"),
        ("field", "Theo lĩnh vực"),
        ("unit", "Theo đơn vị"),
        ("gender", "Theo giới tính"),
        ("ethnicity", "Theo dân tộc"),
        ("party", "Theo đảng viên"),
    ):
        b = f.breakdowns[key]
        data = []
        n = 0
        for r in b.rows:
            if not r.is_subtotal:
                n += 1
            data.append(["" if r.is_subtotal else n, r.label, *[r.get(k) for k in BREAKDOWN_KEYS]])
        _sheet(
            wb,
            sheet,
            heading(f"KẾT QUẢ {p.label.upper()} {b.title.upper()}"),
            cols,
            data,
            total=["", "Tổng cộng", *[b.total.get(k) for k in BREAKDOWN_KEYS]],
            note=b.note or None,
            landscape=True,
        )
    acts = _activity_rows(session, f)
    _sheet(
        wb,
        "Hoạt động nhân rộng",
        heading(f"HOẠT ĐỘNG TUYÊN TRUYỀN, NHÂN RỘNG ĐIỂN HÌNH {p.label.upper()}"),
        [
            ("STT", 6),
            ("Ngày", 12),
            ("Hoạt động, địa điểm", 48),
            ("Hình thức", 22),
            ("Điển hình được giới thiệu", 36),
            ("Số người", 10),
        ],
        [
            [
                int(a["stt"]),
                a["date"],
                a["title"],
                a["kind"],
                a["models"],
                int(a["people"].replace(".", "")) if a["people"] else None,
            ]
            for a in acts
        ],
        note=None if acts else "Chưa có hoạt động nào trong kỳ.",
        landscape=True,
    )
    qrows = _quota_rows(f)
    _sheet(
        wb,
        "Chỉ tiêu",
        heading("KẾT QUẢ SO VỚI CHỈ TIÊU SỐ LƯỢNG (TÍNH ĐẾN NGÀY LẬP BÁO CÁO)"),
        [("STT", 6), ("Đơn vị", 36), ("Chỉ tiêu", 26), ("Yêu cầu", 12), ("Đã có", 10), ("Đánh giá", 16)],
        [[int(q["stt"]), q["unit"], q["what"], q["bound"], int(q["count"]), q["state"]] for q in qrows],
        note=None if qrows else _quota_lines(f)[0],
    )
    if f.series:
        _sheet(
            wb,
            "Diễn biến",
            heading("DIỄN BIẾN THEO " + ("THÁNG" if "/" in f.series[0][0] else "NĂM")),
            [("Thời gian", 12), *[(label, 14) for _, label in R.MEASURES]],
            [[label, *[v.get(k, 0) for k in R.MEASURE_KEYS]] for label, v in f.series],
        )
    chart_sheet(
        wb, report_charts(f) if charts is None else charts, heading(f"BIỂU ĐỒ KẾT QUẢ {p.label.upper()}")
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


# ------------------------------------------------------------------------------ export
def file_stem(period: R.Period) -> str:
    return "bao-cao-nhan-rong-dien-hinh-" + re.sub(r"[^a-z0-9]+", "-", fold(period.label)).strip("-")


def export_report(session: Session, ctx: ExportContext) -> list[Path]:
    """The Word report and the Excel workbook of the period (see the module docstring)."""
    profile = require_profile(session)
    plan = resolve_plan(session, ctx.plan_id)
    today = date.today()
    ctx.step(0, 4, "Tính số liệu")
    figures = R.report_figures(session, plan.id, ctx.date_from, ctx.date_to, today=today)
    stem = safe_file_stem(file_stem(figures.period), max_len=80)
    docx_path, xlsx_path = ctx.out_dir / f"{stem}.docx", ctx.out_dir / f"{stem}.xlsx"
    written: list[Path] = []
    try:
        ctx.step(1, 4, "Biểu đồ")
        charts = report_charts(figures)
        ctx.step(2, 4, "Word")
        context = report_context(session, figures, plan, profile, charts, today)
        render_paper(
            TEMPLATE,
            context,
            docx_path,
            session,
            doc_type="BC",
            number=bool(ctx.options.get("take_number")),
            profile=profile,
            when=today,
            title=context["doc_summary"],
            ref_type="report",
        )
        written.append(docx_path)
        insert_charts(docx_path, charts)
        ctx.step(3, 4, "Excel")
        office = profile_context(profile)["office"]["full_name"]
        write_workbook(xlsx_path, figures, office, session, charts)
        written.append(xlsx_path)
        ctx.step(4, 4, "")
    except (Cancelled, Exception):
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


EXPORTS = {"report": export_report}
