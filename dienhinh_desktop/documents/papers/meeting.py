"""Papers of the council meeting (seed 002 IV.3.2 step 3, IV.4.2):

- ``minutes`` — biên bản họp bình xét: time, place, members present out of the total and
  who is absent (with the reason), chair, secretary, what was discussed, the voting table
  (candidate, title, agreeing / valid, share with its denominator, result), exceptions and
  choices within the quota, the conclusion, the closing time, the signatures of the
  secretary and the chair;
- ``decision`` — this level's decision(s) issued from the meeting (quyết định công nhận,
  ghi danh điển hình tiên tiến / khen thưởng): bases, articles, recipients, signature and
  the attached list grouped into collectives, individuals and households (.docx, plus the
  list as .xlsx);
- :func:`export_ballots` — phiếu bầu, one page per voter (``ctx.options["copies"]``);
- :func:`export_tally` — biên bản kiểm phiếu and the result table (.docx landscape and
  .xlsx); ``ctx.options["blank"]`` leaves the figures empty to fill in by hand.

Every function takes ``(session, ctx: ExportContext)`` and returns the paths written; the
meeting is ``ctx.meeting_id`` or the latest meeting (of ``ctx.plan_id`` when given).
None of them takes a number from the register (the decision got its number when issued;
the minutes leave a blank for it).
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import Ballot, Candidate, Decision, Meeting, OfficeProfile
from ...models.enums import AttendanceStatus, BallotMethod, CandidateKind, Denominator, MemberRole
from ...services import meetings as M
from ...services.office import require_profile
from ...text import fmt_date, fold, long_date
from ..engine import render_paper, safe_file_stem
from ..exporters import Cancelled, ExportContext
from ..numbering import number_text
from ..profiles import issuer_name, profile_context, upper, xlsx_profile_parts
from ..xlsx_writer import sections_from_groups, write_xlsx_list
from .common import remove_files

MINUTES_TEMPLATE = "meeting_minutes.docx"
DECISION_TEMPLATE = "meeting_decision.docx"
BALLOT_TEMPLATE = "meeting_ballot.docx"
TALLY_TEMPLATE = "meeting_tally.docx"

EXCEPTION_MARK = " (*)"
ROLE_IN_COUNCIL = {
    MemberRole.CHAIR.value: "Chủ tịch Hội đồng",
    MemberRole.VICE_CHAIR.value: "Phó Chủ tịch Hội đồng",
    MemberRole.MEMBER.value: "Ủy viên",
    MemberRole.SECRETARY.value: "Thư ký Hội đồng",
}
BALLOT_INSTRUCTIONS = (
    "Đồng ý trường hợp nào thì đánh dấu (X) vào cột «Đồng ý»; không đồng ý thì đánh dấu (X) vào cột "
    "«Không đồng ý» của trường hợp đó.\n"
    "Trường hợp đánh dấu cả hai cột hoặc không đánh dấu cột nào thì ý kiến đối với trường hợp đó không hợp lệ. "
    "Phiếu không do Tổ kiểm phiếu phát ra, phiếu ghi thêm tên hoặc nội dung khác là phiếu không hợp lệ."
)


# --------------------------------------------------------------------------- shared helpers
def _meeting(session: Session, ctx: ExportContext) -> Meeting:
    return M.get_meeting(session, ctx.meeting_id, plan_id=ctx.plan_id)


def _is_council(meeting: Meeting) -> bool:
    """An emulation-reward council (vs the party committee's standing board)."""
    return meeting.council is None or meeting.council.kind != "standing_board"


def _person_word(profile: OfficeProfile) -> str:
    return "đồng chí" if profile.is_party else "thành viên"


def _header(profile: OfficeProfile, meeting: Meeting) -> dict[str, Any]:
    """The issuing body of the meeting's papers: a state office's emulation-reward council
    writes "ỦY BAN NHÂN DÂN XÃ …" over "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"."""
    header = dict(profile_context(profile)["header"])
    if not profile.is_party and _is_council(meeting) and meeting.council is not None:
        name = meeting.council.name
        short = re.sub(r"\s+(xã|phường|thị trấn|đặc khu)\s+.*$", "", name, flags=re.IGNORECASE)
        header["superior"] = issuer_name(profile)
        header["issuer"] = upper(short)
    return header


def _member_line(member: Any, *, council: bool) -> str:
    if member is None:
        return ""
    parts = [member.full_name]
    if member.position:
        parts.append(member.position)
    if council and member.role in ROLE_IN_COUNCIL:
        parts.append(ROLE_IN_COUNCIL[member.role])
    return ", ".join(parts)


def _purpose(meeting: Meeting) -> str:
    """ "xét công nhận, ghi danh điển hình tiên tiến năm 2026" out of the meeting's title
    ("Họp Ban Thường vụ Đảng ủy xã Tân Lập xét công nhận, …")."""
    title = " ".join((meeting.title or "").split())
    council = meeting.council.name if meeting.council else ""
    for prefix in ("Họp ", "Cuộc họp "):
        if title.lower().startswith(prefix.lower()):
            title = title[len(prefix) :]
            break
    if council and title.lower().startswith(council.lower()):
        title = title[len(council) :].strip()
    return _lower_first(title) or "xét công nhận, ghi danh điển hình tiên tiến"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _time_text(t: Any) -> str:
    return f"{t.hour:02d} giờ {t.minute:02d} phút" if t else ".... giờ .... phút"


def _rules_by_title(session: Session, meeting: Meeting) -> dict[str, Any]:
    return {title: M.rule_for(session, meeting.plan_id, title) for title, _label in M.titles_of(meeting)}


def _share_header(rules: dict[str, Any]) -> str:
    kinds = {r.denominator for r in rules.values()}
    if len(kinds) == 1:
        kind = kinds.pop()
        return "Tỷ lệ đồng ý (so với " + Denominator(kind).label + ")"
    return "Tỷ lệ đồng ý"


def _candidate_rows(
    ballots: list[Ballot], session: Session, meeting: Meeting, *, blank: bool = False
) -> list[dict[str, Any]]:
    rows = []
    for i, b in enumerate(ballots, start=1):
        rule = M.rule_for(session, meeting.plan_id, b.title)
        ev = M.evaluate(b, rule, meeting, session)
        tallied = b.agree is not None and not blank
        result = M.RESULT_LABELS.get(M.effective_result(b), "") if tallied or b.exception_result else ""
        if b.exception_result and not blank:
            result += EXCEPTION_MARK
        if tallied and b.selected is False:
            result += " (ngoài chỉ tiêu)"
        rows.append(
            {
                "no": str(i),
                "name": b.candidate.name,
                "title": M.award_label(b.title, b.title_label),
                "issued": "" if not tallied or b.issued is None else str(b.issued),
                "returned": "" if not tallied or b.returned is None else str(b.returned),
                "valid": "" if not tallied or b.valid is None else str(b.valid),
                "agree": "" if not tallied else str(b.agree),
                "disagree": "" if not tallied or b.disagree is None else str(b.disagree),
                "agree_valid": f"{b.agree}/{b.valid if b.valid is not None else '…'}" if tallied else "",
                "share": f"{M.fmt_percent(ev.share)} ({b.agree}/{ev.denominator})"
                if tallied and ev.share is not None
                else "",
                "result": result,
            }
        )
    return rows


def _groups(session: Session, meeting: Meeting, *, blank: bool = False) -> list[dict[str, Any]]:
    """Voting rows grouped by title when several titles were considered, else by kind."""
    titles = M.titles_of(meeting)
    groups: list[dict[str, Any]] = []
    key = lambda b: M.KIND_ORDER.index(b.candidate.kind) if b.candidate.kind in M.KIND_ORDER else 9  # noqa: E731
    if len(titles) > 1:
        for title, label in titles:
            ballots = sorted(
                (b for b in meeting.ballots if b.title == title), key=lambda b: (key(b), b.sort_order)
            )
            groups.append(
                {
                    "title": f"{M.ROMAN[len(groups)]}. {label.upper()}",
                    "rows": _candidate_rows(ballots, session, meeting, blank=blank),
                }
            )
        return groups
    for kind in M.KIND_ORDER:
        ballots = [b for b in meeting.ballots if b.candidate.kind == kind]
        if ballots:
            groups.append(
                {
                    "title": f"{M.ROMAN[len(groups)]}. {M.SECTION_TITLES[kind]}",
                    "rows": _candidate_rows(ballots, session, meeting, blank=blank),
                }
            )
    return groups


def _method_text(session: Session, meeting: Meeting, rules: dict[str, Any]) -> str:
    q = M.quorum_check(session, meeting)
    parts = []
    many = len(rules) > 1
    for title, label in M.titles_of(meeting):
        rule = rules[title]
        method = (
            BallotMethod(rule.method).label.lower() if rule.method in {m.value for m in BallotMethod} else ""
        )
        den = q.voters if rule.denominator == Denominator.PRESENT.value else q.total
        op = "trên" if rule.strict else "từ"
        tail = "" if rule.strict else " trở lên"
        text = (
            f"{_capital(method)}; trường hợp có số {'phiếu' if rule.method == BallotMethod.SECRET.value else 'ý kiến'} "
            f"đồng ý {op} {M.fmt_percent(rule.threshold_percent)}{tail} {Denominator(rule.denominator).label} "
            f"({den:02d}) thì đạt"
        )
        parts.append(
            f"Đối với «{label}»: {_lower_first(text)}." if many else f"Hình thức: {_lower_first(text)}."
        )
    return " ".join(parts)


def _word(rules: dict[str, Any]) -> str:
    methods = {r.method for r in rules.values()}
    if methods == {BallotMethod.HANDS.value}:
        return "BIỂU QUYẾT"
    if methods == {BallotMethod.SECRET.value}:
        return "BỎ PHIẾU"
    return "BỎ PHIẾU, BIỂU QUYẾT"


# --------------------------------------------------------------------------- minutes
def minutes_context(session: Session, meeting: Meeting, profile: OfficeProfile) -> dict[str, Any]:
    council_kind = _is_council(meeting)
    council_name = meeting.council.name if meeting.council else "Hội đồng Thi đua – Khen thưởng"
    person = _person_word(profile)
    q = M.quorum_check(session, meeting)
    rows = M.attendance_rows(meeting)
    present = [
        _member_line(a.member, council=council_kind)
        for a in rows
        if a.status == AttendanceStatus.PRESENT.value
    ]
    absent = []
    written = []
    for a in rows:
        line = _member_line(a.member, council=council_kind)
        if a.status == AttendanceStatus.ABSENT.value:
            absent.append(
                f"{line} — lý do: {_lower_first(a.reason)}" if a.reason else f"{line} — vắng không có lý do"
            )
        elif a.status == AttendanceStatus.WRITTEN.value:
            written.append(line + (f" ({a.reason})" if a.reason else ""))
    place = meeting.place or "trụ sở " + (profile.name or "")
    opening = (
        f"Vào hồi {_time_text(meeting.start_time)}, {long_date(meeting.meeting_date)}, tại {place}, "
        f"{council_name} tiến hành họp {_purpose(meeting)}."
    )
    if q.total:
        share = M.fmt_percent(Fraction(q.present * 100, q.total))
        op = "trên" if q.strict else "từ"
        tail = "" if q.strict else " trở lên"
        rule = f"{op} {M.fmt_percent(q.required_percent)}{tail} tổng số thành viên"
        if q.ok:
            quorum_text = (
                f"Số thành viên có mặt là {M.fmt_count(q.present)}/{M.fmt_count(q.total)} ({share}), "
                f"bảo đảm {rule} theo quy định; cuộc họp đủ điều kiện tiến hành."
            )
        else:
            quorum_text = (
                f"Số thành viên có mặt là {M.fmt_count(q.present)}/{M.fmt_count(q.total)} ({share}), "
                f"chưa bảo đảm {rule} theo quy định; cuộc họp chưa đủ điều kiện biểu quyết."
            )
    else:
        quorum_text = "Chưa có danh sách thành viên."
    rules = _rules_by_title(session, meeting)
    notes = []
    for b in meeting.ballots:
        if b.exception_result:
            notes.append(
                f"(*) Đối với {b.candidate.name} («{M.award_label(b.title, b.title_label)}»): kết quả bỏ phiếu là "
                f"«{M.RESULT_LABELS.get(b.result, '')}»; chủ trì cuộc họp kết luận «{M.RESULT_LABELS[b.exception_result]}», "
                f"lý do: {_lower_first(b.exception_reason or '')}."
            )
    for title, label in M.titles_of(meeting):
        picked = [b for b in meeting.ballots if b.title == title and b.selection_reason]
        if picked:
            chosen = sorted((b for b in picked if b.selected), key=lambda b: b.rank or 0)
            left = [b for b in picked if b.selected is False]
            notes.append(
                f"Số trường hợp đạt «{label}» ({len(picked)}) nhiều hơn chỉ tiêu; xếp theo tỷ lệ đồng ý từ cao "
                f"xuống thấp, cuộc họp lựa chọn: {', '.join(b.candidate.name for b in chosen)}"
                + (f"; không lựa chọn: {', '.join(b.candidate.name for b in left)}" if left else "")
                + f". Lý do: {_lower_first(picked[0].selection_reason or '')}."
            )
    conclusion = meeting.conclusion or _default_conclusion(session, meeting, profile)
    n_ballots = len({b.candidate_id for b in meeting.ballots})
    agenda = meeting.agenda or (
        f"Xét {_purpose(meeting).removeprefix('xét ')} đối với {M.fmt_count(n_ballots)} trường hợp đạt đủ tiêu chí "
        "qua thẩm định (danh sách kèm theo báo cáo thẩm định)."
    )
    table_note = ""
    if any(b.exception_result for b in meeting.ballots):
        table_note = "(*) Kết quả theo kết luận của chủ trì cuộc họp, lý do ghi dưới đây."
    closing = (
        f"Cuộc họp kết thúc vào hồi {_time_text(meeting.end_time)} cùng ngày. Biên bản đã được thông qua "
        "trước cuộc họp và được các thành viên dự họp nhất trí./."
    )
    chair_title = "CHỦ TRÌ"
    if council_kind and meeting.chair is not None and meeting.chair.role == MemberRole.CHAIR.value:
        chair_title = "CHỦ TỊCH HỘI ĐỒNG"
    return {
        "header": _header(profile, meeting),
        "doc_title": "BIÊN BẢN",
        "doc_summary": _capital(" ".join((meeting.title or "").split())),
        "opening": opening,
        "chair_text": (_member_line(meeting.chair, council=council_kind) or "." * 60) + ".",
        "secretary_text": (_member_line(meeting.secretary, council=council_kind) or "." * 60) + ".",
        "one_title": len(M.titles_of(meeting)) == 1,
        "present_text": f"{M.fmt_count(q.present)}/{M.fmt_count(q.total)} {person}"
        + (", gồm:" if present else "."),
        "present": present,
        "written": written,
        "written_text": f"{M.fmt_count(len(written))} {person}:" if written else "",
        "absent": absent,
        "absent_text": f"{M.fmt_count(len(absent))} {person}:" if absent else "",
        "quorum_text": quorum_text,
        "agenda": agenda,
        "discussion": meeting.discussion
        or (
            "Các thành viên dự họp nghe báo cáo kết quả thẩm định, thảo luận, nhận xét từng trường hợp; "
            "thống nhất hình thức và tiến hành bỏ phiếu, biểu quyết."
        ),
        "vote_word": _word(rules),
        "method_text": _method_text(session, meeting, rules),
        "share_header": _share_header(rules),
        "groups": _groups(session, meeting),
        "table_note": table_note,
        "notes": notes,
        "conclusion": conclusion,
        "closing": closing,
        "chair_title": chair_title,
        "chair_name": meeting.chair.full_name if meeting.chair else "",
        "secretary_name": meeting.secretary.full_name if meeting.secretary else "",
        "recipients": [],
    }


def _default_conclusion(session: Session, meeting: Meeting, profile: OfficeProfile) -> str:
    lines = []
    council = meeting.council.name if meeting.council else "Hội đồng"
    for title, label in M.titles_of(meeting):
        ballots = M.decision_ballots(meeting, title)
        if not any(b.agree is not None or b.exception_result for b in meeting.ballots if b.title == title):
            lines.append(f"Chưa có kết quả bỏ phiếu đối với «{label}».")
            continue
        if not ballots:
            lines.append(f"Không có trường hợp nào đạt «{label}».")
            continue
        count = M.kind_counts_text(b.candidate for b in ballots)
        what = _lower_first(label)
        if profile.is_party:
            lines.append(
                f"{council} thống nhất {what} đối với {count} có kết quả đạt nêu trên; giao bộ phận "
                "tham mưu hoàn thiện hồ sơ, trình ban hành quyết định."
            )
        else:
            lines.append(
                f"{council} thống nhất đề nghị {M.decision_authority(session).capitalize()} "
                f"{what} đối với {count} có kết quả đạt nêu trên."
            )
    return "\n".join(lines)


def export_minutes(session: Session, ctx: ExportContext) -> list[Path]:
    profile = require_profile(session)
    meeting = _meeting(session, ctx)
    if not meeting.ballots:
        raise UserError(
            f"Cuộc họp «{meeting.title}» chưa có trường hợp nào được đưa ra bình xét.", code="empty"
        )
    ctx.step(0, 1, "Biên bản họp")
    out = ctx.out_dir / f"bien-ban-hop-{safe_file_stem(fmt_date(meeting.meeting_date), meeting.id)}.docx"
    render_paper(
        MINUTES_TEMPLATE,
        minutes_context(session, meeting, profile),
        out,
        session,
        doc_type="BB",
        number=False,
        profile=profile,
        when=meeting.meeting_date,
    )
    ctx.step(1, 1, "")
    return [out]


# --------------------------------------------------------------------------- decision
def _authority_mixed(profile: OfficeProfile) -> str:
    """ "Ban Thường vụ Đảng ủy xã Tân Lập" / "Chủ tịch Ủy ban nhân dân xã Tân Lập"."""
    name = " ".join((profile.name or "").split())
    if profile.is_party:
        return name if name.lower().startswith("ban thường vụ") else f"Ban Thường vụ {name}"
    name = re.sub(r"^(UBND|Ubnd|ubnd)\b", "Ủy ban nhân dân", name)
    if name.lower().startswith("ủy ban nhân dân"):
        return f"Chủ tịch {name}"
    return name


def _split_article(text: str) -> dict[str, str]:
    m = re.match(r"^(Điều\s+\d+[.:]?)\s*(.*)$", text.strip(), flags=re.DOTALL)
    if m:
        return {"lead": m.group(1) + " ", "text": m.group(2)}
    return {"lead": "", "text": text}


def _recipients(profile: OfficeProfile, decision: Decision) -> list[str]:
    upper_body = (profile.upper_body or "").strip()
    if profile.is_party:
        out = [
            f"{upper_body} (để b/c)," if upper_body else "Ban Tuyên giáo và Dân vận Tỉnh ủy (để b/c),",
            "Như Điều 3,",
            "Lưu Văn phòng Đảng ủy.",
        ]
    else:
        out = ["Như Điều 3;"]
        if upper_body:
            out.append(f"{upper_body} (để b/c);")
        out.append("Lưu: VT.")
    return out


def _list_position(e: Any) -> str:
    """The entry's position and unit (a collective: the unit above it, never its own name again)."""
    text = e.position_unit or e.unit_text or ""
    if e.section == CandidateKind.COLLECTIVE.value and fold(text) == fold(e.name):
        candidate = e.candidate
        parent = candidate.unit.parent if candidate is not None and candidate.unit is not None else None
        text = parent.name if parent is not None and fold(parent.name) != fold(e.name) else ""
    return text


def decision_list_rows(decision: Decision) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for kind in M.KIND_ORDER:
        entries = [e for e in decision.entries if (e.section or CandidateKind.INDIVIDUAL.value) == kind]
        if not entries:
            continue
        rows = []
        for n, e in enumerate(entries, start=1):
            rows.append(
                {
                    "no": str(n),
                    "name": e.name,
                    "birth_year": str(e.birth_year)
                    if e.birth_year and kind != CandidateKind.COLLECTIVE.value
                    else "",
                    "ethnicity": e.ethnicity or "" if kind != CandidateKind.COLLECTIVE.value else "",
                    "position_unit": _list_position(e),
                    "field": e.field_text or "",
                }
            )
        groups.append({"title": f"{M.ROMAN[len(groups)]}. {M.SECTION_TITLES[kind]}", "rows": rows})
    return groups


def _list_title(decision: Decision, groups: list[dict[str, Any]]) -> str:
    kinds = [k for k in M.KIND_ORDER if any(e.section == k for e in decision.entries)]
    words = [M.KIND_PLURAL[k] for k in kinds] or ["tập thể, cá nhân"]
    who = ", ".join(words[:-1]) + " và " + words[-1] if len(words) > 1 else words[0]
    year = decision.decision_date.year if decision.decision_date else ""
    if decision.award_kind == "recognition":
        return f"Các {who} được công nhận, ghi danh điển hình tiên tiến năm {year}"
    label = _lower_first(decision.award_label or "khen thưởng")
    return f"Các {who} được tặng {label}"


def _entry_candidates(decision: Decision) -> list[Candidate]:
    return [e.candidate for e in decision.entries if e.candidate is not None]


def decision_context(
    session: Session, decision: Decision, profile: OfficeProfile, meeting: Meeting | None
) -> dict[str, Any]:
    party = bool(profile.is_party)
    summary = " ".join((decision.title or "").split())
    summary = _lower_first(summary) if party else _capital(summary)
    on_behalf, title = M.signer_lines(profile, decision.signer_title)
    groups = decision_list_rows(decision)
    counts: dict[str, int] = {}
    for e in decision.entries:
        counts[e.section or ""] = counts.get(e.section or "", 0) + 1
    parts = [f"{M.fmt_count(counts[k])} {M.KIND_PLURAL[k]}" for k in M.KIND_ORDER if counts.get(k)]
    total = ", ".join(parts[:-1]) + " và " + parts[-1] if len(parts) > 1 else (parts[0] if parts else "")
    header = profile_context(profile)["header"]  # the decision is the office's, not the council's
    return {
        "header": header,
        "number": decision.number or "",
        "number_text": number_text(decision.number, party=party) if decision.number else "",
        "doc_title": "QUYẾT ĐỊNH",
        "doc_summary": summary,
        "authority": M.decision_authority(session),
        "bases": list(decision.bases or []),
        "articles": [_split_article(a) for a in (decision.articles or [])],
        "signature": {"on_behalf": on_behalf, "title": title, "name": decision.signer_name or ""},
        "recipients": _recipients(profile, decision),
        "list_heading": "DANH SÁCH",
        "list_title": _list_title(decision, groups),
        "list_ref": (
            f"(Kèm theo Quyết định số {decision.number or '……'} ngày {fmt_date(decision.decision_date)} "
            f"của {_authority_mixed(profile)})"
        ),
        "groups": groups,
        "list_total": f"Danh sách này có {total}./." if total else "",
    }


def export_decision(session: Session, ctx: ExportContext) -> list[Path]:
    profile = require_profile(session)
    meeting = _meeting(session, ctx)
    decisions = M.decisions_of(session, meeting)
    if not decisions:
        raise UserError(
            f"Cuộc họp «{meeting.title}» chưa ra quyết định. Hãy ra quyết định trước "
            "(trang «Bình xét» hoặc «dienhinh meetings issue-decision»).",
            code="no_decision",
        )
    written: list[Path] = []
    total = len(decisions) * 2
    try:
        for i, d in enumerate(decisions):
            ctx.step(2 * i, total, f"Quyết định số {d.number}")
            stem = f"quyet-dinh-{safe_file_stem(d.number or d.award_label or '', d.id)}"
            out = ctx.out_dir / f"{stem}.docx"
            render_paper(
                DECISION_TEMPLATE,
                decision_context(session, d, profile, meeting),
                out,
                session,
                profile=profile,
                when=d.decision_date,
            )
            written.append(out)
            ctx.step(2 * i + 1, total, "Danh sách kèm theo (Excel)")
            written.append(
                write_decision_list_xlsx(session, d, profile, ctx.out_dir / f"danh-sach-{stem}.xlsx")
            )
        ctx.step(total, total, "")
    except (Cancelled, Exception):
        remove_files(written)
        raise
    return written


def write_decision_list_xlsx(
    session: Session, decision: Decision, profile: OfficeProfile, path: Path
) -> Path:
    header_left, header_right, _signature = xlsx_profile_parts(
        profile, decision.decision_date, with_place_date=False, issuer_one_line=True
    )
    ctx = decision_context(session, decision, profile, None)
    sections = sections_from_groups(
        decision_list_rows(decision), ("no", "name", "birth_year", "ethnicity", "position_unit", "field")
    )
    return write_xlsx_list(
        path,
        header_left=header_left,
        header_right=header_right,
        title_lines=[
            "DANH SÁCH",
            ctx["list_title"],
            (ctx["list_ref"], {"italic": True, "bold": False, "size": 12}),
        ],
        columns=[
            ("TT", 6),
            ("Họ và tên / Tên tập thể", 30),
            ("Năm sinh", 10),
            ("Dân tộc", 10),
            ("Chức vụ, đơn vị công tác / Địa chỉ", 42),
            ("Lĩnh vực", 28),
        ],
        sections=sections,
        footer_lines=[ctx["list_total"]],
        landscape=False,
        sheet_title="Danh sách",
    )


# --------------------------------------------------------------------------- ballot papers and tally sheet
def _agenda_rows(meeting: Meeting) -> list[dict[str, Any]]:
    rows = []
    ordered = sorted(
        meeting.ballots,
        key=lambda b: (
            [t for t, _l in M.titles_of(meeting)].index(b.title),
            M.KIND_ORDER.index(b.candidate.kind) if b.candidate.kind in M.KIND_ORDER else 9,
            b.sort_order,
        ),
    )
    for i, b in enumerate(ordered, start=1):
        c = b.candidate
        extra = c.position_unit if c.kind != CandidateKind.COLLECTIVE.value and c.position_unit else ""
        rows.append(
            {
                "no": str(i),
                "name": c.name + (f" ({extra})" if extra else ""),
                "title": M.award_label(b.title, b.title_label),
            }
        )
    return rows


def export_ballots(session: Session, ctx: ExportContext) -> list[Path]:
    """Ballot papers (phiếu bầu) for the meeting's agenda: ``ctx.options["copies"]`` pages
    (default: the members voting)."""
    profile = require_profile(session)
    meeting = _meeting(session, ctx)
    if not meeting.ballots:
        raise UserError(f"Cuộc họp «{meeting.title}» chưa có trường hợp nào để in phiếu bầu.", code="empty")
    q = M.quorum_check(session, meeting)
    copies = int(ctx.options.get("copies") or q.voters or q.total or 1)
    if not 1 <= copies <= 500:
        raise UserError(f"Số phiếu cần in ({copies}) phải từ 1 đến 500.", code="bad_field")
    ctx.step(0, 1, "Phiếu bầu")
    context = {
        "header": _header(profile, meeting),
        "copies": list(range(copies)),
        "purpose": _capital(_purpose(meeting)),
        "meeting_line": f"(Cuộc họp {meeting.council.name if meeting.council else ''} ngày "
        f"{fmt_date(meeting.meeting_date)})".replace("  ", " "),
        "rows": _agenda_rows(meeting),
        "instructions": BALLOT_INSTRUCTIONS,
        "recipients": [],
    }
    out = ctx.out_dir / f"phieu-bau-{safe_file_stem(fmt_date(meeting.meeting_date), meeting.id)}.docx"
    render_paper(BALLOT_TEMPLATE, context, out, session, profile=profile, when=meeting.meeting_date)
    ctx.step(1, 1, "")
    return [out]


def tally_context(
    session: Session, meeting: Meeting, profile: OfficeProfile, *, blank: bool
) -> dict[str, Any]:
    q = M.quorum_check(session, meeting)
    rules = _rules_by_title(session, meeting)
    place = meeting.place or "trụ sở " + (profile.name or "")
    return {
        "header": _header(profile, meeting),
        "doc_title": "BIÊN BẢN KIỂM PHIẾU",
        "doc_summary": _capital(_purpose(meeting)),
        "opening": (
            f"Vào hồi {'.... giờ .... phút' if blank else _time_text(meeting.start_time)}, "
            f"{long_date(meeting.meeting_date)}, tại {place}, Tổ kiểm phiếu tiến hành kiểm phiếu "
            f"{_purpose(meeting)}, kết quả như sau:"
        ),
        "members_text": (
            f"Tổng số thành viên: {M.fmt_count(q.total)}; có mặt: {M.fmt_count(q.present)}; "
            f"vắng mặt: {M.fmt_count(q.absent)}; biểu quyết bằng văn bản: {M.fmt_count(q.written)}."
        ),
        "method_text": _method_text(session, meeting, rules),
        "share_header": _share_header(rules),
        "groups": _groups(session, meeting, blank=blank),
        "table_note": ""
        if blank
        else (
            "(*) Kết quả theo kết luận của chủ trì cuộc họp."
            if any(b.exception_result for b in meeting.ballots)
            else ""
        ),
        "closing": "Biên bản kiểm phiếu được lập và công bố trước cuộc họp./.",
        "recipients": [],
    }


def export_tally(session: Session, ctx: ExportContext) -> list[Path]:
    """Biên bản kiểm phiếu (.docx, landscape) and the result table (.xlsx).
    ``ctx.options["blank"]``: leave the figures empty, for the tally committee in the room."""
    profile = require_profile(session)
    meeting = _meeting(session, ctx)
    if not meeting.ballots:
        raise UserError(
            f"Cuộc họp «{meeting.title}» chưa có trường hợp nào để lập biên bản kiểm phiếu.", code="empty"
        )
    blank = bool(ctx.options.get("blank"))
    stem = f"bien-ban-kiem-phieu-{safe_file_stem(fmt_date(meeting.meeting_date), meeting.id)}"
    written: list[Path] = []
    try:
        ctx.step(0, 2, "Biên bản kiểm phiếu")
        context = tally_context(session, meeting, profile, blank=blank)
        out = ctx.out_dir / f"{stem}.docx"
        render_paper(
            TALLY_TEMPLATE,
            context,
            out,
            session,
            doc_type="BB",
            number=False,
            profile=profile,
            when=meeting.meeting_date,
        )
        written.append(out)
        ctx.step(1, 2, "Bảng tổng hợp kết quả (Excel)")
        header_left, header_right, _signature = xlsx_profile_parts(
            profile, meeting.meeting_date, header=context["header"]
        )
        keys = ("no", "name", "title", "issued", "returned", "valid", "agree", "disagree", "share", "result")
        sections = sections_from_groups(context["groups"], keys)
        xlsx = (
            ctx.out_dir
            / f"bang-tong-hop-ket-qua-{safe_file_stem(fmt_date(meeting.meeting_date), meeting.id)}.xlsx"
        )
        write_xlsx_list(
            xlsx,
            header_left=header_left,
            header_right=header_right,
            title_lines=["BẢNG TỔNG HỢP KẾT QUẢ BỎ PHIẾU", _capital(_purpose(meeting))],
            columns=[
                ("TT", 6),
                ("Tên tập thể, cá nhân", 32),
                ("Danh hiệu, hình thức", 24),
                ("Phiếu phát ra", 10),
                ("Phiếu thu về", 10),
                ("Phiếu hợp lệ", 10),
                ("Đồng ý", 10),
                ("Không đồng ý", 10),
                (context["share_header"], 18),
                ("Kết quả", 14),
            ],
            sections=sections,
            footer_lines=[context["members_text"], context["method_text"]],
            sheet_title="Kết quả bỏ phiếu",
        )
        written.append(xlsx)
        ctx.step(2, 2, "")
    except (Cancelled, Exception):
        remove_files(written)
        raise
    return written


EXPORTS = {"minutes": export_minutes, "decision": export_decision}
EXTRA_EXPORTS = {"ballots": export_ballots, "tally": export_tally}
