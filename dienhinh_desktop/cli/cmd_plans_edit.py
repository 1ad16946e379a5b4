"""``dienhinh plan copy|activate|show``: copy a template into a plan of the office, make a
plan the one being carried out, print a whole plan."""

from __future__ import annotations

import argparse

from ..services.plan_editing import PLAN_STATUSES, activate_plan, find_plan, plan_detail
from ..services.plan_templates import copy_plan
from ..services.plans import plan_to_dict
from ..text import fmt_date
from .output import emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("plan", parents=[common], help="một kế hoạch: sao chép, đặt làm đang thực hiện, xem")
    psub = p.add_subparsers(dest="plan_command", metavar="ACTION", required=True)

    cp = psub.add_parser("copy", parents=[common], help="sao chép kế hoạch (mẫu) thành kế hoạch của đơn vị")
    cp.add_argument("plan_id", metavar="ID", help="mã định danh (hoặc phần đầu), số ký hiệu, tên tệp mẫu")
    cp.add_argument("--name", help="tên kế hoạch mới (mặc định: tên cũ kèm «(bản sao)»)")
    cp.add_argument("--activate", action="store_true", help="đặt bản sao làm kế hoạch đang thực hiện")
    cp.set_defaults(func=run_copy)

    ap = psub.add_parser("activate", parents=[common], help="đặt làm kế hoạch đang thực hiện")
    ap.add_argument("plan_id", metavar="ID")
    ap.add_argument(
        "--keep-others", action="store_true", help="không chuyển các kế hoạch khác sang «Đã kết thúc»"
    )
    ap.set_defaults(func=run_activate)

    sp = psub.add_parser("show", parents=[common], help="xem toàn bộ một kế hoạch")
    sp.add_argument("plan_id", metavar="ID")
    sp.set_defaults(func=run_show)


def run_copy(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.transaction() as session:
        source = find_plan(session, args.plan_id)
        plan = copy_plan(session, source.id, args.name)
        closed = activate_plan(session, plan.id)["closed"] if args.activate else []
        result = plan_to_dict(session, plan)
        result["copied_from_id"] = source.id
        result["closed"] = closed
    emit(result, ctx.as_json, f"Đã sao chép thành kế hoạch {result['id'][:8]}  {result['name']}")
    return 0


def run_activate(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.transaction() as session:
        plan = find_plan(session, args.plan_id)
        outcome = activate_plan(session, plan.id, close_others=not args.keep_others)
        result = {"plan": plan_to_dict(session, plan), "closed": outcome["closed"]}
    lines = [f"Kế hoạch đang thực hiện: {plan.name}"]
    lines += [f"Đã chuyển sang «Đã kết thúc»: {c['name']}" for c in outcome["closed"]]
    emit(result, ctx.as_json, "\n".join(lines))
    return 0


def run_show(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.session() as session:
        plan = find_plan(session, args.plan_id)
        detail = plan_detail(session, plan)
    period = f"{fmt_date(detail['period_start'])} – {fmt_date(detail['period_end'])}"
    text = "\n".join(
        [
            f"{'[mẫu] ' if detail['is_template'] else ''}{detail['name']}",
            f"Số, ký hiệu: {detail['code'] or '—'}; cơ quan ban hành: {detail['issuer'] or '—'}",
            f"Thời gian: {period}; trạng thái: {PLAN_STATUSES.get(detail['status'], detail['status'])}",
            f"{len(detail['phases'])} giai đoạn, {len(detail['fields'])} lĩnh vực, {len(detail['quotas'])} chỉ tiêu, "
            f"{len(detail['pass_rules'])} quy tắc biểu quyết, {len(detail['criteria_sets'])} bộ tiêu chí "
            f"({sum(len(cs['criteria']) for cs in detail['criteria_sets'])} tiêu chí)",
        ]
    )
    emit(detail, ctx.as_json, text)
    return 0
