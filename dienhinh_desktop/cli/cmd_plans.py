"""``dienhinh plans list``."""

from __future__ import annotations

import argparse

from ..services.plans import list_plans, plan_to_dict
from .output import emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("plans", parents=[common], help="kế hoạch, phong trào")
    psub = p.add_subparsers(dest="plans_command", metavar="ACTION", required=True)
    lp = psub.add_parser("list", parents=[common], help="liệt kê kế hoạch (cả kế hoạch mẫu)")
    lp.add_argument("--no-templates", action="store_true", help="bỏ các kế hoạch mẫu")
    lp.set_defaults(func=run_list)


def run_list(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.session() as session:
        plans = [
            plan_to_dict(session, p) for p in list_plans(session, include_templates=not args.no_templates)
        ]
    lines = [
        f"{'[mẫu] ' if p['is_template'] else ''}{p['id'][:8]}  {p['name']}  ({p['candidates']} điển hình)"
        for p in plans
    ]
    emit(plans, ctx.as_json, "\n".join(lines) or "Chưa có kế hoạch nào.")
    return 0
