"""``dienhinh candidates list|add|import``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UserError
from ..models.enums import CandidateKind, CandidateStatus, Gender
from ..services.candidates import (
    candidate_to_dict,
    create_candidate,
    find_field,
    list_candidates,
    unit_by_name,
)
from ..services.plans import resolve_plan
from .output import emit

KINDS = [k.value for k in CandidateKind]


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("candidates", parents=[common], help="điển hình (tập thể, cá nhân, hộ gia đình)")
    csub = p.add_subparsers(dest="candidates_command", metavar="ACTION", required=True)

    lp = csub.add_parser("list", parents=[common], help="liệt kê, tìm kiếm điển hình")
    lp.add_argument("--search", help="tìm theo tên, đơn vị (không cần dấu: «dang» tìm ra «Đặng»)")
    lp.add_argument("--kind", choices=KINDS)
    lp.add_argument("--status", choices=[s.value for s in CandidateStatus])
    lp.add_argument("--plan", help="mã kế hoạch (mặc định: tất cả)")
    lp.add_argument("--limit", type=int)
    lp.set_defaults(func=run_list)

    ap = csub.add_parser("add", parents=[common], help="đăng ký một điển hình")
    ap.add_argument("--plan", help="mã kế hoạch (mặc định: kế hoạch đang thực hiện)")
    ap.add_argument("--kind", required=True, choices=KINDS)
    ap.add_argument("--name", required=True, help="họ và tên, hoặc tên tập thể")
    ap.add_argument("--birth-year", type=int)
    ap.add_argument("--gender", choices=[g.value for g in Gender])
    ap.add_argument("--ethnicity")
    ap.add_argument("--position-unit", help="chức vụ, đơn vị")
    ap.add_argument("--field", help="lĩnh vực (mã hoặc tên)")
    ap.add_argument("--unit", help="đơn vị đăng ký (tên)")
    ap.add_argument("--party-member", action="store_true")
    ap.add_argument("--civil-servant", action="store_true")
    ap.add_argument("--armed-forces", action="store_true")
    ap.add_argument("--leader", action="store_true")
    ap.add_argument("--collective-type", help="loại tập thể, ví dụ state_budget, enterprise")
    ap.set_defaults(func=run_add)

    ip = csub.add_parser("import", parents=[common], help="nhập danh sách đăng ký từ Excel (.xlsx, .xls)")
    ip.add_argument("file", type=Path)
    ip.add_argument("--plan", help="mã kế hoạch (mặc định: kế hoạch đang thực hiện)")
    ip.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    ip.set_defaults(func=run_import)


def run_list(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.session() as session:
        plan_id = resolve_plan(session, args.plan).id if args.plan else None
        rows = [
            candidate_to_dict(c)
            for c in list_candidates(
                session,
                plan_id=plan_id,
                search=args.search,
                kind=args.kind,
                status=args.status,
                limit=args.limit,
            )
        ]
    text = "\n".join(
        f"{r['id'][:8]}  {r['name']:<40} {r['birth_year'] or '':<5} {r['unit'] or ''}" for r in rows
    )
    emit(rows, ctx.as_json, text or "Không có điển hình nào khớp.")
    return 0


def run_add(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.transaction() as session:
        plan = resolve_plan(session, args.plan)
        field = find_field(session, plan.id, args.field)
        if args.field and field is None:
            raise UserError(f"Kế hoạch không có lĩnh vực «{args.field}».", code="not_found")
        unit = unit_by_name(session, args.unit)
        if args.unit and unit is None:
            raise UserError(f"Không có đơn vị «{args.unit}» trong danh mục đơn vị.", code="not_found")
        values = {
            "birth_year": args.birth_year,
            "gender": args.gender,
            "ethnicity": args.ethnicity,
            "position_unit": args.position_unit,
            "collective_type": args.collective_type,
            "is_party_member": args.party_member,
            "is_civil_servant": args.civil_servant,
            "is_armed_forces": args.armed_forces,
            "is_leader": args.leader,
        }
        values = {k: v for k, v in values.items() if v not in (None, False)}
        c = create_candidate(
            session,
            plan_id=plan.id,
            kind=args.kind,
            name=args.name,
            field_id=field.id if field else None,
            unit_id=unit.id if unit else None,
            **values,
        )
        result = candidate_to_dict(c)
    emit(result, ctx.as_json, f"Đã đăng ký «{result['name']}» ({result['id']}).")
    return 0


def run_import(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..exchange.registration_import import import_registration_list

    if not args.file.exists():
        raise UserError(f"Không tìm thấy tệp «{args.file}».", code="not_found")
    with ctx.db.transaction() as session:
        plan = resolve_plan(session, args.plan)
        result = import_registration_list(session, args.file, plan_id=plan.id, dry_run=args.dry_run)
        if args.dry_run:
            session.rollback()
    rejected = result.get("rejected", [])
    text = (
        f"{'Xem trước' if args.dry_run else 'Đã nhập'}: {result['new']} mới, {result['updated']} cập nhật, "
        f"{result['unchanged']} không đổi, {len(rejected)} dòng bị từ chối."
    )
    text += "".join(f"\n  Dòng {r['row']}: {r['reason']}" for r in rejected)
    emit(result, ctx.as_json, text)
    return 0
