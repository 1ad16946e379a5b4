"""``dienhinh decisions import FILE [--dry-run] [--accept-auto] --json`` (DESIGN.md §8)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UserError
from ..services.plans import resolve_plan
from .output import emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("decisions", parents=[common], help="quyết định nhận về từ cấp trên")
    dsub = p.add_subparsers(dest="decisions_command", metavar="ACTION", required=True)
    ip = dsub.add_parser(
        "import", parents=[common], help="đọc quyết định (.docx, .xlsx, .xls), đối chiếu tên"
    )
    ip.add_argument("file", type=Path)
    ip.add_argument("--plan", help="mã kế hoạch (mặc định: kế hoạch đang thực hiện)")
    ip.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    ip.add_argument("--accept-auto", action="store_true", help="ghi nhận cho các điển hình khớp chắc chắn")
    ip.set_defaults(func=run_import)


def _summary(result: dict) -> str:
    d = result.get("decision") or {}
    lines = [
        f"Quyết định số {d.get('number') or '?'} ngày {d.get('date') or '?'} của {d.get('issuer') or '?'}"
    ]
    for e in result.get("entries", []):
        m = e.get("match") or {}
        label = {"auto": "khớp", "review": "cần xem lại", "none": "không có"}.get(
            m.get("status"), m.get("status")
        )
        lines.append(f"  {e.get('row')}. {e.get('name')} — {label}")
    if result.get("already_imported"):
        lines.append("Quyết định này đã được nhập trước đây; không thay đổi gì.")
    return "\n".join(lines)


def run_import(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..exchange.decision_import import apply_decision, preview_decision

    if not args.file.exists():
        raise UserError(f"Không tìm thấy tệp «{args.file}».", code="not_found")
    if args.accept_auto and not args.dry_run:
        from ..db.maintenance import backup_before

        backup_before(ctx.db, "truoc-nhap-quyet-dinh")
        with ctx.db.transaction() as session:
            plan = resolve_plan(session, args.plan)
            preview = preview_decision(session, args.file, plan_id=plan.id)
            applied = apply_decision(
                session, args.file, accept_auto=True, plan_id=plan.id, data_dir=ctx.db.files_dir
            )
            result = {**preview, "applied": applied}
    else:
        with ctx.db.session() as session:
            plan = resolve_plan(session, args.plan)
            result = preview_decision(session, args.file, plan_id=plan.id)
            session.rollback()
    emit(result, ctx.as_json, _summary(result))
    return 0
