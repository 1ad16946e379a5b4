"""``dienhinh status set|undo|history``, ``quotas``, ``deadlines [done]``, ``duplicates [merge]``:
candidates through their life, scriptable with JSON output."""

from __future__ import annotations

import argparse
import getpass
from datetime import date

from ..errors import UserError
from ..models.enums import CandidateStatus
from ..services import deadlines as dl
from ..services import lifecycle as lc
from ..services.candidates import candidate_to_dict, get_candidate
from ..services.duplicates import duplicate_groups, merge_candidates
from ..services.office import get_profile
from ..services.plans import resolve_plan
from ..services.quotas import quota_status
from ..text import parse_date
from .output import emit

STATUSES = [s.value for s in CandidateStatus]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("status", parents=[common], help="trạng thái điển hình: chuyển, hoàn tác, lịch sử")
    ssub = p.add_subparsers(dest="status_command", metavar="ACTION", required=True)
    sp = ssub.add_parser(
        "set", parents=[common], help="chuyển trạng thái một hay nhiều điển hình (tất cả hoặc không)"
    )
    sp.add_argument("ids", nargs="+", help="mã điển hình (có thể viết tắt 8 ký tự)")
    sp.add_argument("--to", required=True, choices=STATUSES, dest="to_status")
    sp.add_argument("--reason", help="lý do (bắt buộc khi loại, lùi trạng thái, khôi phục)")
    sp.add_argument("--by", help="người thực hiện (mặc định: cán bộ trong thông tin cơ quan)")
    sp.set_defaults(func=run_set)
    up = ssub.add_parser("undo", parents=[common], help="hoàn tác lần chuyển trạng thái cuối")
    up.add_argument("id")
    up.add_argument("--by")
    up.set_defaults(func=run_undo)
    hp = ssub.add_parser("history", parents=[common], help="lịch sử trạng thái")
    hp.add_argument("id")
    hp.set_defaults(func=run_history)

    qp = sub.add_parser("quotas", parents=[common], help="chỉ tiêu số lượng: đủ, thiếu, vượt")
    qp.add_argument("--plan", help="mã kế hoạch (mặc định: kế hoạch đang thực hiện)")
    qp.add_argument(
        "--scope", default="registration", choices=["registration", "proposal", "introduction", "all"]
    )
    qp.add_argument("--year", type=int)
    qp.set_defaults(func=run_quotas)

    dp = sub.add_parser("deadlines", parents=[common], help="các mốc thời gian: quá hạn, đến hạn, sắp tới")
    dp.add_argument("--plan")
    dp.add_argument("--today", help="ngày tính (dd/mm/yyyy; mặc định: hôm nay)")
    dp.add_argument("--done", metavar="PHASE_ID", help="đánh dấu một mốc đã xong")
    dp.set_defaults(func=run_deadlines)

    up2 = sub.add_parser("duplicates", parents=[common], help="điển hình đăng ký trùng; gộp hồ sơ")
    up2.add_argument("--plan", help="chỉ các nhóm có điển hình thuộc kế hoạch này")
    up2.add_argument("--merge", nargs=2, metavar=("KEEP_ID", "DROP_ID"), help="gộp DROP_ID vào KEEP_ID")
    up2.add_argument("--reason")
    up2.add_argument("--by")
    up2.set_defaults(func=run_duplicates)


def _by(session, given: str | None) -> str:  # type: ignore[no-untyped-def]
    if given:
        return given
    profile = get_profile(session)
    if profile is not None and profile.officer_name:
        return profile.officer_name
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001
        return "?"


def run_set(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.transaction() as session:
        ids = [get_candidate(session, i).id for i in args.ids]
        result = lc.bulk_change_status(session, ids, args.to_status, _by(session, args.by), args.reason)
    emit(
        result,
        ctx.as_json,
        f"Đã chuyển {len(result['changed'])} điển hình sang «{lc.status_label(args.to_status)}».",
    )
    return 0


def run_undo(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.transaction() as session:
        c = get_candidate(session, args.id)
        undo = lc.undo_last_change(session, c, by=_by(session, args.by))
        out = {"id": c.id, "status": c.status, "reason": undo.reason}
    emit(out, ctx.as_json, f"{undo.reason}. Trạng thái hiện tại: «{lc.status_label(out['status'])}».")
    return 0


def run_history(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.session() as session:
        c = get_candidate(session, args.id)
        rows = lc.history_to_dicts(session, c)
        name = c.name
    lines = [
        f"{r['changed_at_local']:%d/%m/%Y %H:%M}  {r['from_label'] or '—'} → {r['to_label']}"
        f"{'  [đã hoàn tác]' if r['undone'] else ''}  {r['changed_by'] or ''}  {r['reason'] or ''}"
        for r in rows
    ]
    emit(rows, ctx.as_json, "\n".join([name, *lines]))
    return 0


def run_quotas(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.session() as session:
        plan = resolve_plan(session, args.plan)
        scope = None if args.scope == "all" else args.scope
        counters = [c.to_dict() for c in quota_status(session, plan.id, scope=scope, year=args.year)]
    emit(
        counters,
        ctx.as_json,
        "\n".join(c["message"] for c in counters) or "Kế hoạch chưa có chỉ tiêu số lượng.",
    )
    return 0


def run_deadlines(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    try:
        today = parse_date(args.today) if args.today else date.today()
    except ValueError as exc:
        raise UserError(f"--today: {exc}", code="bad_field") from None
    with ctx.db.transaction() as session:
        plan = resolve_plan(session, args.plan)
        if args.done:
            phase_id = args.done
            if len(phase_id) < 36:
                matches = [p.id for p in plan.phases if p.id.startswith(phase_id)]
                phase_id = matches[0] if len(matches) == 1 else phase_id
            dl.mark_done(session, phase_id, today)
        items = [i.to_dict() for i in dl.deadline_items(session, plan.id, today)]
    emit(items, ctx.as_json, "\n".join(i["label"] for i in items) or "Kế hoạch chưa có mốc thời gian.")
    return 0


def run_duplicates(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.transaction() as session:
        if args.merge:
            keep, drop = (get_candidate(session, i) for i in args.merge)
            merged = merge_candidates(session, keep.id, drop.id, by=_by(session, args.by), reason=args.reason)
            out = candidate_to_dict(merged)
            emit(out, ctx.as_json, f"Đã gộp hồ sơ {drop.id[:8]} vào «{merged.name}» ({merged.id[:8]}).")
            return 0
        plan_id = resolve_plan(session, args.plan).id if args.plan else None
        groups = [[candidate_to_dict(c) for c in g] for g in duplicate_groups(session, plan_id)]
    text = "\n\n".join(
        "\n".join(f"{c['id'][:8]}  {c['name']:<35} {c['birth_year'] or '':<5} {c['unit'] or ''}" for c in g)
        for g in groups
    )
    emit(groups, ctx.as_json, text or "Không thấy điển hình nào đăng ký trùng.")
    return 0
