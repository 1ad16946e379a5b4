"""``dienhinh backup [--out FILE]``, ``restore FILE``, ``check``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..db import maintenance
from .output import emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser("backup", parents=[common], help="sao lưu dữ liệu ngay")
    b.add_argument("--out", type=Path, help="ghi bản sao lưu vào tệp này (mặc định: thư mục sao lưu)")
    b.set_defaults(func=run_backup)
    r = sub.add_parser("restore", parents=[common], help="khôi phục từ một bản sao lưu")
    r.add_argument("file", type=Path)
    r.set_defaults(func=run_restore)
    c = sub.add_parser("check", parents=[common], help="kiểm tra tính toàn vẹn của tệp dữ liệu")
    c.set_defaults(func=run_check)


def run_backup(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    path = maintenance.backup_now(ctx.db, "thu-cong", out=args.out)
    emit({"file": str(path), "size": path.stat().st_size}, ctx.as_json, f"Đã sao lưu vào «{path}».")
    return 0


def run_restore(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    safety = maintenance.restore(ctx.db, args.file)
    emit(
        {"restored": str(args.file), "safety_backup": str(safety)},
        ctx.as_json,
        f"Đã khôi phục từ «{args.file}». Dữ liệu trước khi khôi phục được giữ ở «{safety}».",
    )
    return 0


def run_check(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    result = maintenance.check(ctx.db)
    emit(result, ctx.as_json, result["message"])
    return 0 if result["ok"] else 2
