"""``dienhinh package …`` — the packages exchanged between levels (DESIGN.md §4, §8)::

package export --out FILE|DIR [--plan ID] [--proposal ID] [--to UNIT] [--reason TEXT] --json
    → {"file", "candidates", "sha256", "package_id", "proposal_id", "number", …}
package import FILE… [--dry-run] [--force-recipient] [--plan ID] --json
    → {"new", "updated", "unchanged", "conflicts": […], "rejected": […], …}
      (several files or a folder: {"packages": [...], "new", "updated", …} summed)
package export-decision (--meeting ID | --decision ID) --out DIR [--unit CODE|NAME] [--all] --json
    → {"files": [{"file", "unit", "code", "candidates", "sha256"}], "decisions": […]}
package import-decision FILE [--dry-run] [--force-recipient] --json
    → {"decisions", "recorded", "not_selected", "unknown", "already_imported"}
package conflicts --json / package resolve IMPORT_ID INDEX ours|theirs --json
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import UserError
from .output import emit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("package", parents=[common], help="gói hồ sơ trao đổi giữa các cấp")
    psub = p.add_subparsers(dest="package_command", metavar="ACTION", required=True)

    ex = psub.add_parser("export", parents=[common], help="tạo gói hồ sơ đề nghị gửi cấp trên")
    ex.add_argument("--out", required=True, type=Path, help="tệp gói (.dhpkg) hoặc thư mục")
    ex.add_argument("--plan", help="mã kế hoạch (mặc định: kế hoạch đang thực hiện)")
    ex.add_argument("--proposal", help="hồ sơ đề nghị (mặc định: hồ sơ đang soạn / các điển hình đã chọn)")
    ex.add_argument("--to", help="nơi nhận: mã hoặc tên cơ quan cấp trên")
    ex.add_argument("--reason", help="lý do khi số đề nghị vượt chỉ tiêu")
    ex.add_argument("--no-attachments", action="store_true", help="không kèm tệp đính kèm của điển hình")
    ex.set_defaults(func=run_export)

    im = psub.add_parser("import", parents=[common], help="nhập gói hồ sơ đề nghị của đơn vị cấp dưới")
    im.add_argument("files", nargs="+", type=Path, metavar="FILE", help="tệp gói (.dhpkg, .zip) hoặc thư mục")
    im.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    im.add_argument("--force-recipient", action="store_true", help="vẫn nhập gói gửi tới cơ quan khác")
    im.add_argument("--plan", help="kế hoạch nhận các điển hình (mặc định: kế hoạch đang thực hiện)")
    im.set_defaults(func=run_import)

    ed = psub.add_parser("export-decision", parents=[common], help="tạo gói quyết định trả lời các đơn vị")
    who = ed.add_mutually_exclusive_group(required=True)
    who.add_argument("--meeting", help="cuộc họp đã ra quyết định")
    who.add_argument("--decision", help="một quyết định")
    ed.add_argument("--out", required=True, type=Path, help="thư mục ghi các gói")
    ed.add_argument("--unit", help="chỉ gói cho đơn vị này (mã hoặc tên)")
    ed.add_argument("--all", action="store_true", help="một gói chung cho mọi đơn vị")
    ed.set_defaults(func=run_export_decision)

    idp = psub.add_parser("import-decision", parents=[common], help="nhập gói quyết định của cấp trên")
    idp.add_argument("file", type=Path)
    idp.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    idp.add_argument("--force-recipient", action="store_true", help="vẫn nhập gói gửi tới cơ quan khác")
    idp.set_defaults(func=run_import_decision)

    cf = psub.add_parser("conflicts", parents=[common], help="các xung đột chờ xử lý")
    cf.set_defaults(func=run_conflicts)
    rs = psub.add_parser(
        "resolve", parents=[common], help="xử lý một xung đột: ours (giữ) / theirs (lấy bản gửi)"
    )
    rs.add_argument("import_id")
    rs.add_argument("index", type=int)
    rs.add_argument("choice", choices=["ours", "theirs"])
    rs.set_defaults(func=run_resolve)


def _officer(session: Any) -> str | None:
    from ..services.office import get_profile

    profile = get_profile(session)
    return profile.officer_name if profile else None


def run_export(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..exchange.package_export import export_package

    if args.out.exists() and args.out.is_file():
        raise UserError(f"Tệp «{args.out}» đã có; hãy chọn tên khác để không ghi đè.", code="exists")
    try:
        with ctx.db.transaction() as session:
            result = export_package(
                session,
                args.out,
                plan_id=args.plan,
                proposal_id=args.proposal,
                to=args.to,
                files_dir=ctx.db.files_dir,
                attachment_ids=[] if args.no_attachments else None,
                breach_reason=args.reason,
                by=_officer(session),
            )
    except OSError as exc:
        raise UserError(f"Không ghi được gói vào «{args.out}»: {exc}", code="io_error") from None
    text = (
        f"Đã tạo gói {result['file']} ({result['candidates']} điển hình, {result['files']} tệp).\n"
        f"SHA-256: {result['sha256']}"
    )
    emit(result, ctx.as_json, text)
    return 0


def _import_text(result: dict[str, Any]) -> str:
    lines = [
        f"Mới: {result['new']}; cập nhật: {result['updated']}; không đổi: {result['unchanged']}; "
        f"xung đột: {len(result['conflicts'])}; từ chối: {len(result['rejected'])}."
    ]
    for c in result["conflicts"]:
        lines.append(
            f"  Xung đột — {c['name']}: {c['label']}: bản của cơ quan «{c['ours']}», bản gửi «{c['theirs']}»"
        )
    for r in result["rejected"]:
        lines.append(f"  Từ chối — {r.get('name') or r.get('id')}: {r['reason']}")
    if result.get("already_imported"):
        lines.append("Gói này đã được nhập trước đây; không thay đổi gì.")
    if result.get("dry_run"):
        lines.append("(Xem trước: chưa ghi gì.)")
    return "\n".join(lines)


def run_import(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..exchange.package_format import iter_files
    from ..exchange.package_import import import_package_file

    files = iter_files(args.files)
    if not files:
        raise UserError("Không có tệp gói nào (.dhpkg, .zip) để nhập.", code="not_found")
    with ctx.db.session() as s:
        by = _officer(s)
    if len(files) == 1:
        result = import_package_file(
            ctx.db,
            files[0],
            dry_run=args.dry_run,
            force_recipient=args.force_recipient,
            plan_id=args.plan,
            by=by,
        )
        emit(result, ctx.as_json, _import_text(result))
        return 0
    results: list[dict[str, Any]] = []
    backed_up = False
    for f in files:
        try:
            res = import_package_file(
                ctx.db,
                f,
                dry_run=args.dry_run,
                force_recipient=args.force_recipient,
                plan_id=args.plan,
                by=by,
                backup=not backed_up,
            )
            backed_up = backed_up or "backup" in res
            results.append(res)
        except UserError as exc:
            results.append(
                {
                    "file": str(f),
                    "error": {"code": exc.code, "message": exc.message},
                    "new": 0,
                    "updated": 0,
                    "unchanged": 0,
                    "conflicts": [],
                    "rejected": [{"id": None, "name": f.name, "reason": exc.message}],
                }
            )
    total = {
        "packages": results,
        "new": sum(r["new"] for r in results),
        "updated": sum(r["updated"] for r in results),
        "unchanged": sum(r["unchanged"] for r in results),
        "conflicts": [c for r in results for c in r["conflicts"]],
        "rejected": [x for r in results for x in r["rejected"]],
        "dry_run": args.dry_run,
    }
    emit(total, ctx.as_json, _import_text(total))
    return 0


def run_export_decision(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..exchange.decision_package import export_decision_packages

    if args.out.exists() and not args.out.is_dir():
        raise UserError(f"«{args.out}» là một tệp, không phải thư mục.", code="bad_input")
    with ctx.db.transaction() as session:
        result = export_decision_packages(
            session,
            args.out,
            meeting_id=args.meeting,
            decision_id=args.decision,
            unit=args.unit,
            one_for_all=args.all,
        )
    emit(
        result,
        ctx.as_json,
        "\n".join(f"{f['file']} ({f['unit']}: {f['candidates']} điển hình)" for f in result["files"]),
    )
    return 0


def run_import_decision(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..exchange.decision_package import import_decision_file

    with ctx.db.session() as s:
        by = _officer(s)
    result = import_decision_file(
        ctx.db, args.file, dry_run=args.dry_run, force_recipient=args.force_recipient, by=by
    )
    lines = [f"Quyết định số {d['number']} ngày {d['date']} của {d['issuer']}" for d in result["decisions"]]
    lines += [f"  {e['name']}: {e['result_label']}" for e in result["recorded"] + result["not_selected"]]
    if result["already_imported"]:
        lines.append("Gói này đã được nhập trước đây; không thay đổi gì.")
    emit(result, ctx.as_json, "\n".join(lines))
    return 0


def run_conflicts(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..exchange.package_import import open_conflicts

    with ctx.db.session() as s:
        result = open_conflicts(s)
    emit(
        result,
        ctx.as_json,
        "\n".join(
            f"{c['import_id']} {c['index']}: {c['name']} — {c['label']}: «{c['ours']}» / «{c['theirs']}»"
            for c in result
        )
        or "Không có xung đột nào chờ xử lý.",
    )
    return 0


def run_resolve(args: argparse.Namespace, ctx) -> int:  # type: ignore[no-untyped-def]
    from ..exchange.package_import import resolve_conflict

    with ctx.db.transaction() as s:
        result = resolve_conflict(s, args.import_id, args.index, args.choice, by=_officer(s))
    emit(result, ctx.as_json, f"Đã xử lý: {result['name']} — {result['label']} ({result['status']}).")
    return 0
