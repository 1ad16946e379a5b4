"""``dienhinh meetings …``: councils, council meetings, tallies and this level's decision.

    meetings list [--plan ID] --json                      → [{"id", "date", "title", …}]   (DESIGN.md §8)
    meetings show [MEETING] --json                        → the meeting, attendance, quorum, tallies
    meetings councils --json
    meetings council-create --name NAME [--kind emulation_council|standing_board]
                            --member "Họ tên|Chức vụ|chair" …
    meetings rule [--plan ID] [--award recognition] --threshold 50 [--at-least]
                  [--denominator all_members|present] [--method secret|hands]
    meetings create --council ID [--plan ID] --date DD/MM/YYYY [--time 14:00] [--end 16:30]
                    [--place TEXT] [--title TEXT] [--award recognition …] [--candidate ID …]
    meetings attendance [MEETING] --member ID|NAME --status present|absent|written [--reason TEXT]
    meetings tally [MEETING] --candidate ID [--award recognition] --agree N [--issued N] [--returned N]
                   [--valid N] [--disagree N]
    meetings exception [MEETING] --candidate ID [--award …] --result passed|failed|none --reason TEXT
    meetings rank [MEETING] [--award …] [--quota N]
    meetings select [MEETING] [--award …] --candidate ID … --reason TEXT [--quota N]
    meetings update [MEETING] [--end 16:30] [--discussion TEXT] [--conclusion TEXT] …
    meetings issue-decision [MEETING] [--award …] [--date DD/MM/YYYY] [--number TEXT] [--signer NAME]
                            [--signer-title TEXT] [--basis TEXT …] [--quota N]
    meetings ballots [MEETING] --out DIR [--copies N]      (phiếu bầu)
    meetings tally-sheet [MEETING] --out DIR [--blank]     (biên bản kiểm phiếu, bảng tổng hợp)

MEETING is an id (or its first 8 characters); without it, the latest meeting. Every
writing command runs in one transaction: on a refusal nothing is written (exit 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import UserError
from ..models import AttendanceStatus, AwardKind, BallotMethod, Denominator
from ..models.enums import MemberRole
from ..text import fold, parse_date
from .output import emit

AWARDS = [k.value for k in AwardKind]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "meetings", parents=[common], help="hội đồng, cuộc họp bình xét, kết quả bỏ phiếu, quyết định"
    )
    ms = p.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)

    lp = ms.add_parser("list", parents=[common], help="danh sách cuộc họp")
    lp.add_argument("--plan", help="chỉ các cuộc họp của kế hoạch này")
    lp.set_defaults(func=run_list)

    sp = ms.add_parser("show", parents=[common], help="chi tiết một cuộc họp")
    sp.add_argument("meeting", nargs="?")
    sp.set_defaults(func=run_show)

    cp = ms.add_parser("councils", parents=[common], help="danh sách hội đồng và thành viên")
    cp.set_defaults(func=run_councils)

    cc = ms.add_parser("council-create", parents=[common], help="lập hội đồng")
    cc.add_argument("--name", required=True)
    cc.add_argument("--kind", default="emulation_council", choices=["emulation_council", "standing_board"])
    cc.add_argument("--established-by", help="quyết định thành lập")
    cc.add_argument(
        "--member",
        action="append",
        default=[],
        metavar="TÊN|CHỨC VỤ|VAI TRÒ",
        help="thành viên: «Họ tên|Chức vụ|chair» (vai trò: " + ", ".join(r.value for r in MemberRole) + ")",
    )
    cc.set_defaults(func=run_council_create)

    rp = ms.add_parser("rule", parents=[common], help="đặt cách tính kết quả bỏ phiếu của kế hoạch")
    rp.add_argument("--plan")
    rp.add_argument("--award", default="recognition", choices=AWARDS)
    rp.add_argument("--threshold", type=float, required=True, help="tỷ lệ yêu cầu (%%), ví dụ 50, 70, 80, 90")
    rp.add_argument("--at-least", action="store_true", help="«từ … trở lên» (mặc định: «trên …»)")
    rp.add_argument("--denominator", default="all_members", choices=[d.value for d in Denominator])
    rp.add_argument("--method", default="secret", choices=[m.value for m in BallotMethod])
    rp.set_defaults(func=run_rule)

    np_ = ms.add_parser(
        "create", parents=[common], help="tạo cuộc họp từ danh sách đạt đủ tiêu chí qua thẩm định"
    )
    np_.add_argument("--council", required=True, help="mã hội đồng")
    np_.add_argument("--plan")
    np_.add_argument("--date", required=True, help="ngày họp (dd/mm/yyyy)")
    np_.add_argument("--time", help="giờ bắt đầu (14:00)")
    np_.add_argument("--end", help="giờ kết thúc (16:30)")
    np_.add_argument("--place")
    np_.add_argument("--title")
    np_.add_argument(
        "--award", action="append", choices=AWARDS, help="danh hiệu, hình thức xét (có thể nhắc lại)"
    )
    np_.add_argument("--candidate", nargs="+", help="chỉ những điển hình này (phải đạt đủ tiêu chí)")
    np_.set_defaults(func=run_create)

    ap = ms.add_parser("attendance", parents=[common], help="ghi có mặt, vắng mặt, biểu quyết bằng văn bản")
    ap.add_argument("meeting", nargs="?")
    ap.add_argument("--member", required=True, help="mã hoặc họ tên thành viên")
    ap.add_argument("--status", required=True, choices=[s.value for s in AttendanceStatus])
    ap.add_argument("--reason")
    ap.set_defaults(func=run_attendance)

    tp = ms.add_parser("tally", parents=[common], help="nhập kết quả bỏ phiếu của một điển hình")
    tp.add_argument("meeting", nargs="?")
    tp.add_argument("--candidate", required=True)
    tp.add_argument("--award", default=None, choices=AWARDS)
    for name in ("issued", "returned", "valid", "agree", "disagree"):
        tp.add_argument(f"--{name}", type=int)
    tp.set_defaults(func=run_tally)

    ep = ms.add_parser(
        "exception", parents=[common], help="kết luận của chủ trì khác kết quả bỏ phiếu (có lý do)"
    )
    ep.add_argument("meeting", nargs="?")
    ep.add_argument("--candidate", required=True)
    ep.add_argument("--award", default=None, choices=AWARDS)
    ep.add_argument("--result", required=True, choices=["passed", "failed", "none"])
    ep.add_argument("--reason")
    ep.add_argument("--by")
    ep.set_defaults(func=run_exception)

    kp = ms.add_parser("rank", parents=[common], help="xếp hạng theo tỷ lệ đồng ý, đối chiếu chỉ tiêu")
    kp.add_argument("meeting", nargs="?")
    kp.add_argument("--award", default="recognition", choices=AWARDS)
    kp.add_argument("--quota", type=int)
    kp.set_defaults(func=run_rank)

    lp2 = ms.add_parser("select", parents=[common], help="chọn trong chỉ tiêu khi số đạt vượt chỉ tiêu")
    lp2.add_argument("meeting", nargs="?")
    lp2.add_argument("--award", default="recognition", choices=AWARDS)
    lp2.add_argument("--candidate", nargs="+", required=True)
    lp2.add_argument("--reason", required=True)
    lp2.add_argument("--quota", type=int)
    lp2.add_argument("--by")
    lp2.set_defaults(func=run_select)

    up = ms.add_parser("update", parents=[common], help="sửa thông tin cuộc họp")
    up.add_argument("meeting", nargs="?")
    up.add_argument("--title")
    up.add_argument("--date")
    up.add_argument("--time")
    up.add_argument("--end")
    up.add_argument("--place")
    up.add_argument("--agenda")
    up.add_argument("--discussion")
    up.add_argument("--conclusion")
    up.set_defaults(func=run_update)

    ip = ms.add_parser(
        "issue-decision", parents=[common], help="ra quyết định công nhận, ghi danh / khen thưởng"
    )
    ip.add_argument("meeting", nargs="?")
    ip.add_argument("--award", default="recognition", choices=AWARDS)
    ip.add_argument("--date", help="ngày quyết định (mặc định: hôm nay)")
    ip.add_argument("--number", help="số quyết định (mặc định: lấy số tiếp theo trong sổ văn bản đi)")
    ip.add_argument("--signer")
    ip.add_argument("--signer-title")
    ip.add_argument("--summary", help="trích yếu («Về việc …»)")
    ip.add_argument("--basis", action="append", help="một dòng «Căn cứ …» (nhắc lại để thêm; thay mặc định)")
    ip.add_argument("--quota", type=int)
    ip.add_argument("--by")
    ip.set_defaults(func=run_issue)

    bp = ms.add_parser("ballots", parents=[common], help="in phiếu bầu")
    bp.add_argument("meeting", nargs="?")
    bp.add_argument("--out", required=True, type=Path)
    bp.add_argument("--copies", type=int)
    bp.set_defaults(func=run_ballots)

    kp2 = ms.add_parser("tally-sheet", parents=[common], help="biên bản kiểm phiếu và bảng tổng hợp kết quả")
    kp2.add_argument("meeting", nargs="?")
    kp2.add_argument("--out", required=True, type=Path)
    kp2.add_argument("--blank", action="store_true", help="để trống các số liệu (điền tay tại cuộc họp)")
    kp2.set_defaults(func=run_tally_sheet)


# --------------------------------------------------------------------------- helpers
def _date(value: str | None, label: str):  # type: ignore[no-untyped-def]
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise UserError(f"Tham số {label}: {exc}", code="bad_input") from None


def _by(session, given: str | None) -> str | None:  # type: ignore[no-untyped-def]
    if given:
        return given
    from ..services.office import get_profile

    profile = get_profile(session)
    return profile.officer_name if profile else None


def _ballot(meeting, candidate_ref: str, award: str | None):  # type: ignore[no-untyped-def]
    from ..services.meetings import award_label

    key = fold(candidate_ref)
    matches = [
        b
        for b in meeting.ballots
        if (
            b.candidate_id == candidate_ref
            or b.candidate_id.startswith(candidate_ref)
            or fold(b.candidate.name) == key
        )
        and (award is None or b.title == award)
    ]
    if not matches:
        raise UserError(
            f"Điển hình «{candidate_ref}» không có trong chương trình cuộc họp «{meeting.title}».",
            code="not_found",
        )
    if len(matches) > 1:
        titles = ", ".join(f"{b.title} ({award_label(b.title, b.title_label)})" for b in matches)
        raise UserError(
            f"«{candidate_ref}» được xét nhiều danh hiệu; hãy chọn --award: {titles}.", code="ambiguous"
        )
    return matches[0]


def _evaluation_dict(ev) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "agree": ev.agree,
        "denominator": ev.denominator,
        "denominator_kind": ev.denominator_kind,
        "share_percent": ev.share_percent,
        "text": ev.text,
        "result": ev.result,
        "rule": ev.rule_text,
    }


def _show(session, meeting) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    q = M.quorum_check(session, meeting)
    data = M.meeting_to_dict(session, meeting)
    data["quorum"] = {
        "ok": q.ok,
        "message": q.message,
        "total": q.total,
        "present": q.present,
        "written": q.written,
        "absent": q.absent,
    }
    data["attendance"] = [
        {
            "member_id": a.member_id,
            "name": a.member.full_name,
            "position": a.member.position,
            "role": a.member.role,
            "status": a.status,
            "reason": a.reason,
        }
        for a in M.attendance_rows(meeting)
    ]
    data["tallies"] = M.tally_rows(session, meeting)
    return data


def _meeting_text(data: dict[str, Any]) -> str:
    lines = [
        f"{data['date']:%d/%m/%Y} — {data['title']} [{data['id'][:8]}]",
        f"  {data.get('quorum', {}).get('message', '')}",
    ]
    for t in data.get("tallies", []):
        lines.append(
            f"  {t['no']}. {t['name']} — {t['title_label']}: {t['fraction_text'] or 'chưa bỏ phiếu'} "
            f"{t['share_text']} {t['result_label']}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- commands
def run_list(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    with ctx.db.session() as session:
        plan_id = None
        if args.plan:
            from ..services.plans import resolve_plan

            plan_id = resolve_plan(session, args.plan).id
        result = [M.meeting_to_dict(session, m) for m in M.list_meetings(session, plan_id)]
    text = (
        "\n".join(
            f"{m['date']:%d/%m/%Y}  {m['id'][:8]}  {m['title']} ({m['passed']}/{m['ballots']} đạt)"
            for m in result
        )
        or "Chưa có cuộc họp nào."
    )
    emit(result, ctx.as_json, text)
    return 0


def run_show(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    with ctx.db.session() as session:
        data = _show(session, M.get_meeting(session, args.meeting))
    emit(data, ctx.as_json, _meeting_text(data))
    return 0


def _council_dict(c) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "id": c.id,
        "name": c.name,
        "kind": c.kind,
        "established_by": c.established_by,
        "members": [
            {"id": m.id, "full_name": m.full_name, "position": m.position, "role": m.role, "active": m.active}
            for m in c.members
        ],
    }


def run_councils(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    with ctx.db.session() as session:
        result = [_council_dict(c) for c in M.list_councils(session)]
    text = "\n".join(f"{c['id'][:8]}  {c['name']} ({len(c['members'])} thành viên)" for c in result)
    emit(result, ctx.as_json, text or "Chưa có hội đồng nào.")
    return 0


def run_council_create(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M
    from ..services.office import get_profile

    members = []
    for i, raw in enumerate(args.member, start=1):
        parts = [p.strip() for p in raw.split("|")]
        role = parts[2] if len(parts) > 2 and parts[2] else MemberRole.MEMBER.value
        members.append(
            {"full_name": parts[0], "position": parts[1] if len(parts) > 1 else None, "role": role}
        )
        if not parts[0]:
            raise UserError(f"--member thứ {i}: thiếu họ tên.", code="missing_field")
    with ctx.db.transaction() as session:
        profile = get_profile(session)
        council = M.create_council(
            session,
            args.name,
            kind=args.kind,
            established_by=args.established_by,
            unit_id=profile.unit_id if profile else None,
            members=members,
        )
        result = _council_dict(council)
    emit(
        result,
        ctx.as_json,
        f"Đã lập «{result['name']}» ({len(result['members'])} thành viên), mã {result['id']}.",
    )
    return 0


def run_rule(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M
    from ..services.plans import resolve_plan

    with ctx.db.transaction() as session:
        plan = resolve_plan(session, args.plan)
        rule = M.set_pass_rule(
            session,
            plan.id,
            args.award,
            threshold_percent=args.threshold,
            strict=not args.at_least,
            denominator=args.denominator,
            method=args.method,
        )
        for meeting in M.list_meetings(session, plan.id):
            if not M.decisions_of(session, meeting):
                M.reevaluate(session, meeting)
        result = {
            "plan_id": plan.id,
            "award": rule.title,
            "threshold_percent": rule.threshold_percent,
            "strict": rule.strict,
            "denominator": rule.denominator,
            "method": rule.method,
            "text": M.rule_text(rule),
        }
    emit(result, ctx.as_json, f"Cách tính kết quả «{args.award}»: {result['text']}.")
    return 0


def run_create(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M
    from ..services.candidates import get_candidate
    from ..services.plans import resolve_plan

    when = _date(args.date, "--date")
    with ctx.db.transaction() as session:
        plan = resolve_plan(session, args.plan)
        council = M.get_council(session, args.council)
        ids = [get_candidate(session, c).id for c in args.candidate] if args.candidate else None
        meeting = M.prepare_meeting_from_eligible(
            session,
            plan.id,
            council.id,
            when,
            args.award or [AwardKind.RECOGNITION.value],
            candidate_ids=ids,
            title=args.title,
            place=args.place,
            start_time=args.time,
        )
        if args.end:
            M.update_meeting(session, meeting, end_time=args.end)
        data = _show(session, meeting)
    emit(data, ctx.as_json, "Đã tạo cuộc họp:\n" + _meeting_text(data))
    return 0


def run_attendance(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    with ctx.db.transaction() as session:
        meeting = M.get_meeting(session, args.meeting)
        key = fold(args.member)
        found = [
            a
            for a in meeting.attendance
            if a.member_id == args.member
            or a.member_id.startswith(args.member)
            or fold(a.member.full_name) == key
        ]
        if len(found) != 1:
            raise UserError(
                f"Không tìm thấy (hoặc có nhiều) thành viên «{args.member}» trong cuộc họp.", code="not_found"
            )
        M.set_attendance(session, meeting, found[0].member_id, args.status, args.reason)
        if not M.decisions_of(session, meeting):
            M.reevaluate(session, meeting)
        data = _show(session, meeting)
    emit(data, ctx.as_json, data["quorum"]["message"])
    return 0


def run_tally(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    with ctx.db.transaction() as session:
        meeting = M.get_meeting(session, args.meeting)
        ballot = _ballot(meeting, args.candidate, args.award)
        ev = M.record_tally(
            session,
            ballot,
            issued=args.issued,
            returned=args.returned,
            valid=args.valid,
            agree=args.agree,
            disagree=args.disagree,
        )
        result = {
            "ballot_id": ballot.id,
            "candidate_id": ballot.candidate_id,
            "name": ballot.candidate.name,
            "award": ballot.title,
            **_evaluation_dict(ev),
        }
    emit(result, ctx.as_json, f"{result['name']}: {result['text']} — {M.RESULT_LABELS.get(result['result'])}")
    return 0


def run_exception(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    with ctx.db.transaction() as session:
        meeting = M.get_meeting(session, args.meeting)
        ballot = _ballot(meeting, args.candidate, args.award)
        result_value = None if args.result == "none" else args.result
        M.record_exception(session, ballot, result_value, args.reason, _by(session, args.by))
        result = {
            "ballot_id": ballot.id,
            "name": ballot.candidate.name,
            "result": ballot.result,
            "exception_result": ballot.exception_result,
            "exception_reason": ballot.exception_reason,
            "effective_result": M.effective_result(ballot),
        }
    emit(result, ctx.as_json, f"{result['name']}: {M.RESULT_LABELS.get(result['effective_result'])}")
    return 0


def _ranking_dict(r) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "award": r.title,
        "quota": r.quota,
        "over_quota": r.over_quota,
        "message": r.message,
        "rows": [
            {
                "ballot_id": x.ballot.id,
                "candidate_id": x.ballot.candidate_id,
                "name": x.ballot.candidate.name,
                "rank": x.rank,
                "share_percent": x.share,
                "suggested": x.suggested,
                "tied_at_cutoff": x.tied_at_cutoff,
                "selected": x.ballot.selected,
            }
            for x in r.rows
        ],
    }


def run_rank(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    with ctx.db.transaction() as session:
        meeting = M.get_meeting(session, args.meeting)
        result = _ranking_dict(M.rank_and_limit(session, meeting, args.award, args.quota))
    lines = [result["message"]] + [
        f"  {x['rank']}. {x['name']} — {M.fmt_percent(x['share_percent'])}"
        + (" (trong chỉ tiêu)" if x["suggested"] else "")
        + (" (bằng phiếu)" if x["tied_at_cutoff"] else "")
        for x in result["rows"]
    ]
    emit(result, ctx.as_json, "\n".join(lines))
    return 0


def run_select(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    with ctx.db.transaction() as session:
        meeting = M.get_meeting(session, args.meeting)
        M.rank_and_limit(session, meeting, args.award, args.quota)
        ids = [_ballot(meeting, c, args.award).id for c in args.candidate]
        chosen = M.record_selection(
            session, meeting, args.award, ids, args.reason, _by(session, args.by), quota=args.quota
        )
        result = {
            "selected": [
                {"ballot_id": b.id, "candidate_id": b.candidate_id, "name": b.candidate.name} for b in chosen
            ]
        }
    emit(result, ctx.as_json, "Đã chọn: " + ", ".join(x["name"] for x in result["selected"]))
    return 0


def run_update(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    values: dict[str, Any] = {}
    for key, attr in (
        ("title", "title"),
        ("time", "start_time"),
        ("end", "end_time"),
        ("place", "place"),
        ("agenda", "agenda"),
        ("discussion", "discussion"),
        ("conclusion", "conclusion"),
    ):
        if getattr(args, key) is not None:
            values[attr] = getattr(args, key)
    if args.date:
        values["meeting_date"] = _date(args.date, "--date")
    with ctx.db.transaction() as session:
        meeting = M.get_meeting(session, args.meeting)
        M.update_meeting(session, meeting, **values)
        data = _show(session, meeting)
    emit(data, ctx.as_json, _meeting_text(data))
    return 0


def run_issue(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..services import meetings as M

    with ctx.db.transaction() as session:
        meeting = M.get_meeting(session, args.meeting)
        decision = M.issue_decision(
            session,
            meeting,
            title=args.award,
            bases=args.basis,
            number=args.number,
            decision_date=_date(args.date, "--date"),
            signer_name=args.signer,
            signer_title=args.signer_title,
            summary=args.summary,
            by=_by(session, args.by),
            quota=args.quota,
        )
        result = M.decision_to_dict(decision)
    emit(
        result,
        ctx.as_json,
        f"Đã ra Quyết định số {result['number']} ngày {result['date']:%d/%m/%Y} ({len(result['entries'])} trường hợp).",
    )
    return 0


def _paper(args: argparse.Namespace, ctx, func, options: dict[str, Any]) -> int:  # type: ignore[no-untyped-def]
    from ..documents.exporters import Cancelled, ExportContext

    if args.out.exists() and not args.out.is_dir():
        raise UserError(f"«{args.out}» là một tệp, không phải thư mục.", code="bad_input")
    args.out.mkdir(parents=True, exist_ok=True)
    export_ctx = ExportContext(
        out_dir=args.out, meeting_id=args.meeting, options=options, files_dir=ctx.db.files_dir
    )
    try:
        with ctx.db.transaction() as session:
            files = func(session, export_ctx)
    except Cancelled:
        raise UserError("Đã hủy xuất giấy tờ.", code="cancelled") from None
    except OSError as exc:
        raise UserError(f"Không ghi được tệp vào «{args.out}»: {exc}", code="io_error") from None
    result = {"files": [str(f) for f in files]}
    emit(result, ctx.as_json, "\n".join(result["files"]))
    return 0


def run_ballots(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..documents.papers.meeting import export_ballots

    return _paper(args, ctx, export_ballots, {"copies": args.copies} if args.copies else {})


def run_tally_sheet(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..documents.papers.meeting import export_tally

    return _paper(args, ctx, export_tally, {"blank": args.blank})
