"""``dienhinh demo [--size N] [--seed S]``: fill an empty database with the demo commune."""

from __future__ import annotations

import argparse

from ..services.demo import DEFAULT_SEED, DEFAULT_SIZE, build_demo
from .output import emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="tạo dữ liệu mẫu: xã Tân Lập (Lào Cai) với các điển hình đăng ký xây dựng",
    )
    p.add_argument("--size", type=int, default=DEFAULT_SIZE, help=f"số điển hình (mặc định {DEFAULT_SIZE})")
    p.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.transaction() as session:
        result = build_demo(session, size=args.size, seed=args.seed)
    out = result.to_dict()
    seconds = f"{out['seconds']:.1f}".replace(".", ",")
    text = (
        f"Đã tạo dữ liệu mẫu xã Tân Lập (tỉnh Lào Cai): {out['candidates']} điển hình, {out['units']} đơn vị, "
        f"kế hoạch {str(out['plan_id'])[:8]} — {seconds} giây."
    )
    emit(out, ctx.as_json, text)
    return 0
