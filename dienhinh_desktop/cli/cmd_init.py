"""``dienhinh init --unit NAME [--level LEVEL] [--province NAME] [--party]``."""

from __future__ import annotations

import argparse

from ..models.enums import OfficeLevel
from ..services.office import init_office
from .output import emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="khai báo cơ quan dùng chương trình")
    p.add_argument("--unit", required=True, help="tên cơ quan, ví dụ «Đảng ủy xã Tân Lập»")
    p.add_argument("--level", default=OfficeLevel.COMMUNE.value, choices=[lv.value for lv in OfficeLevel])
    p.add_argument("--province", help="tỉnh, thành phố")
    p.add_argument("--party", action="store_true", help="cơ quan Đảng (thể thức Hướng dẫn 36-HD/VPTW)")
    p.add_argument("--superior", help="cơ quan cấp trên (dòng đầu góc trái), ví dụ «ĐẢNG BỘ TỈNH LÀO CAI»")
    p.add_argument("--place", help="địa danh ghi ở dòng ngày tháng, ví dụ «Tân Lập»")
    p.add_argument("--signer", help="họ tên người ký")
    p.add_argument("--signer-title", help="chức vụ người ký, ví dụ «PHÓ BÍ THƯ»")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    extra = {
        k: v
        for k, v in {
            "superior_body": args.superior,
            "place_name": args.place,
            "signer_name": args.signer,
            "signer_title": args.signer_title,
        }.items()
        if v
    }
    with ctx.db.transaction() as session:
        profile = init_office(
            session, args.unit, level=args.level, province=args.province, party=args.party, **extra
        )
        result = {
            "id": profile.id,
            "name": profile.name,
            "level": profile.level,
            "party": profile.is_party,
            "province": profile.province_name,
            "database": ctx.db.shown,
        }
    emit(result, ctx.as_json, f"Đã khai báo cơ quan «{result['name']}» trong {result['database']}.")
    return 0
