"""Entry point: no command opens the main window; a command runs the command line.

Command modules are the ``cmd_*.py`` files of this package; each has
``register(subparsers, common)`` and sets ``func(args, ctx) -> int`` on its parsers.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from .. import APP_TITLE, __version__
from ..errors import UserError
from .context import CliContext
from .output import emit_error


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="in kết quả dạng JSON")
    common.add_argument("--db", default=argparse.SUPPRESS, help="tệp dữ liệu hoặc URL PostgreSQL")
    parser = argparse.ArgumentParser(
        prog="dienhinh",
        description=f"{APP_TITLE} — quản lý xây dựng, nhân rộng điển hình tiên tiến.",
    )
    parser.add_argument("--version", action="version", version=f"dienhinh {__version__}")
    parser.add_argument("--db", help="tệp dữ liệu (.sqlite3) hoặc URL PostgreSQL; mặc định: $DIENHINH_DB")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    parser.add_argument("--screenshot", metavar="FILE", help="vẽ cửa sổ chính ra tệp PNG rồi thoát")
    parser.add_argument("--page", metavar="NAME", help="trang mở đầu (hoặc trang cần chụp với --screenshot)")
    parser.add_argument(
        "--open", metavar="FILE", help="mở cửa sổ và nhập gói hồ sơ hoặc gói quyết định (.dhpkg)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    package = importlib.import_module(__package__)
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"{__package__}.{info.name}")
            module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    as_json = bool(getattr(args, "json", False))
    if args.command is None:
        from ..gui.app import run_gui  # Qt only when a window is wanted

        return run_gui(db_location=args.db, screenshot=args.screenshot, page=args.page, open_file=args.open)
    ctx = CliContext(db_location=getattr(args, "db", None), as_json=as_json)
    try:
        return int(args.func(args, ctx) or 0)
    except UserError as exc:
        emit_error(exc.code, exc.message, as_json)
        return 2
    except KeyboardInterrupt:
        emit_error("cancelled", "Đã hủy theo yêu cầu.", as_json)
        return 2
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
