"""``dienhinh export WHAT --out DIR [--plan ID] [--candidate ID …] [--meeting ID]
[--from DATE --to DATE] --json`` → ``{"files": [...]}`` (DESIGN.md §8)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..documents.exporters import PAPER_MODULES, Cancelled, ExportContext, run_export
from ..errors import UserError
from ..text import parse_date
from .output import emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help="xuất giấy tờ (Word, Excel)")
    p.add_argument("what", metavar="WHAT", help="loại giấy tờ: " + ", ".join(PAPER_MODULES))
    p.add_argument("--out", required=True, type=Path, help="thư mục ghi tệp")
    p.add_argument("--plan", help="mã kế hoạch (mặc định: kế hoạch đang thực hiện)")
    p.add_argument(
        "--candidate",
        action="append",
        nargs="+",
        default=None,
        metavar="ID",
        help="chỉ những điển hình này (có thể nhắc lại)",
    )
    p.add_argument("--meeting", help="cuộc họp (mặc định: cuộc họp gần nhất)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="từ ngày (dd/mm/yyyy)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="đến ngày (dd/mm/yyyy)")
    p.set_defaults(func=run)


def _date(value: str | None, label: str):  # type: ignore[no-untyped-def]
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise UserError(f"Tham số {label}: {exc}", code="bad_input") from None


def run(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    date_from, date_to = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    if date_from and date_to and date_from > date_to:
        raise UserError("Khoảng ngày không hợp lệ: --from sau --to.", code="bad_input")
    candidate_ids = [cid for group in args.candidate for cid in group] if args.candidate else None
    if args.out.exists() and not args.out.is_dir():
        raise UserError(f"«{args.out}» là một tệp, không phải thư mục.", code="bad_input")
    export_ctx = ExportContext(
        out_dir=args.out,
        plan_id=args.plan,
        candidate_ids=candidate_ids,
        meeting_id=args.meeting,
        date_from=date_from,
        date_to=date_to,
        files_dir=ctx.db.files_dir,
    )
    try:
        with ctx.db.transaction() as session:  # numbers taken are kept only if all papers were written
            files = run_export(session, args.what, export_ctx)
    except Cancelled:
        raise UserError("Đã hủy xuất giấy tờ.", code="cancelled") from None
    except OSError as exc:
        raise UserError(f"Không ghi được tệp vào «{args.out}»: {exc}", code="io_error") from None
    result = {"files": [str(f) for f in files]}
    emit(result, ctx.as_json, "\n".join(result["files"]) or "Không có tệp nào được ghi.")
    return 0
