"""Reading the audit log (nhật ký thay đổi): filter by date range, user or officer, kind of
record, action and the record's name; every change with its old and new value per field;
export to Excel.

The log itself is written by :mod:`dienhinh_desktop.db.audit`. Times are stored in UTC and
shown in the computer's local time (dd/mm/yyyy HH:MM); the date filters are local dates too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import AuditEntry
from ..text import fold
from ..text.dates import fmt_date, parse_date

__all__ = [
    "ACTION_LABELS",
    "TABLE_LABELS",
    "export_audit_xlsx",
    "field_label",
    "format_value",
    "query_audit",
    "table_label",
    "users",
]

TABLE_LABELS: dict[str, str] = {
    "candidates": "Điển hình",
    "status_changes": "Thay đổi trạng thái",
    "mentor_assignments": "Người phụ trách bồi dưỡng",
    "nurturing_plans": "Kế hoạch bồi dưỡng",
    "nurturing_notes": "Ghi chép bồi dưỡng",
    "reviews": "Rà soát định kỳ",
    "review_items": "Kết quả rà soát",
    "criterion_assessments": "Tự đánh giá, thẩm định tiêu chí",
    "meetings": "Cuộc họp",
    "attendance": "Thành phần dự họp",
    "ballots": "Phiếu bầu",
    "councils": "Hội đồng",
    "council_members": "Thành viên hội đồng",
    "decisions": "Quyết định",
    "decision_entries": "Danh sách kèm quyết định",
    "recognitions": "Công nhận, khen thưởng",
    "proposals": "Hồ sơ đề nghị",
    "proposal_items": "Danh sách đề nghị",
    "activities": "Hoạt động nhân rộng",
    "activity_candidates": "Điển hình được giới thiệu",
    "plans": "Kế hoạch",
    "plan_phases": "Giai đoạn kế hoạch",
    "fields": "Lĩnh vực",
    "quotas": "Chỉ tiêu",
    "pass_rules": "Cách tính kết quả",
    "criteria_sets": "Bộ tiêu chí",
    "criteria": "Tiêu chí",
    "units": "Đơn vị",
    "office_profile": "Thông tin cơ quan",
    "attachments": "Tệp đính kèm",
    "document_numbers": "Số văn bản",
    "package_imports": "Gói dữ liệu nhận",
    "sync_state": "Đồng bộ gói dữ liệu",
    "settings": "Cài đặt",
}
ACTION_LABELS: dict[str, str] = {"insert": "Thêm", "update": "Sửa", "delete": "Xóa"}

FIELD_LABELS: dict[str, str] = {
    "name": "Tên",
    "kind": "Loại",
    "status": "Trạng thái",
    "family_name": "Họ",
    "middle_name": "Tên đệm",
    "given_name": "Tên",
    "birth_year": "Năm sinh",
    "gender": "Giới tính",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    "position": "Chức vụ",
    "position_unit": "Chức vụ, đơn vị",
    "is_party_member": "Đảng viên",
    "education": "Trình độ",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "note": "Ghi chú",
    "reason": "Lý do",
    "unit_id": "Đơn vị",
    "field_id": "Lĩnh vực",
    "plan_id": "Kế hoạch",
    "candidate_id": "Điển hình",
    "registration_content": "Nội dung đăng ký",
    "title": "Tiêu đề",
    "number": "Số",
    "date": "Ngày",
    "decision_date": "Ngày quyết định",
    "held_on": "Ngày họp",
    "officer_name": "Cán bộ phụ trách",
    "signer_name": "Người ký",
    "signer_title": "Chức vụ người ký",
    "value": "Giá trị",
    "id": "Mã",
}

MAX_EXPORT = 200_000


def table_label(table: str | None) -> str:
    return TABLE_LABELS.get(table or "", table or "")


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def format_value(value: Any) -> str:
    """A stored value as the officer reads it: dates dd/mm/yyyy, yes/no, "—" for empty."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return fmt_date(date.fromisoformat(value))
            return _local(datetime.fromisoformat(value)).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            pass
    if isinstance(value, (list, dict)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _local(utc_naive: datetime) -> datetime:
    if utc_naive.tzinfo is not None:
        return utc_naive.astimezone().replace(tzinfo=None)
    return utc_naive.replace(tzinfo=timezone.utc).astimezone().replace(tzinfo=None)


def _utc(local_naive: datetime) -> datetime:
    return local_naive.astimezone(timezone.utc).replace(tzinfo=None)


def _as_date(value: date | datetime | str | None, label: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return parse_date(value)  # type: ignore[arg-type]
    except ValueError as exc:
        raise UserError(f"{label}: {exc}", code="bad_date") from None


def _changes(raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, dict):
        return []
    out = []
    for key, pair in raw.items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        out.append(
            {"field": key, "field_label": field_label(key), "old": old, "new": new,
             "old_text": format_value(old), "new_text": format_value(new)}
        )  # fmt: skip
    return out


def _entry_dict(e: AuditEntry) -> dict[str, Any]:
    local = _local(e.at) if e.at else None
    who = e.officer_name or ""
    if e.user_login:
        who = f"{who} ({e.user_login})" if who else e.user_login
    return {
        "id": e.id,
        "at": local,
        "at_text": local.strftime("%d/%m/%Y %H:%M:%S") if local else "",
        "user_login": e.user_login,
        "officer_name": e.officer_name,
        "user": who,
        "action": e.action,
        "action_label": ACTION_LABELS.get(e.action, e.action),
        "table": e.table_name,
        "table_label": table_label(e.table_name),
        "record_id": e.record_id,
        "label": e.label or "",
        "changes": _changes(e.changes),
    }


def _iter_filtered(
    session: Session,
    date_from: date | datetime | str | None,
    date_to: date | datetime | str | None,
    user: str | None,
    table: str | None,
    action: str | None,
    text: str | None,
) -> Iterator[AuditEntry]:
    start = _as_date(date_from, "Từ ngày")
    end = _as_date(date_to, "Đến ngày")
    if start and end and end < start:
        raise UserError(
            f"Khoảng ngày không hợp lệ: «đến ngày» {fmt_date(end)} trước «từ ngày» {fmt_date(start)}.",
            code="bad_date",
        )
    if action and action not in ACTION_LABELS:
        raise UserError(f"Thao tác «{action}» không hợp lệ (insert, update, delete).", code="bad_input")
    stmt = select(AuditEntry)
    if start:
        stmt = stmt.where(AuditEntry.at >= _utc(datetime.combine(start, time.min)))
    if end:
        stmt = stmt.where(AuditEntry.at < _utc(datetime.combine(end + timedelta(days=1), time.min)))
    if table:
        stmt = stmt.where(AuditEntry.table_name == table)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    stmt = stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    # Names are matched without accents or case ("hoa" finds "Lý Thị Hoa"): in Python,
    # since neither SQLite's LIKE nor lower() folds Vietnamese letters.
    want_user = fold(user) if user else ""
    want_text = fold(text) if text else ""
    for e in session.scalars(stmt.execution_options(yield_per=500)):
        if want_user and want_user not in fold(f"{e.officer_name or ''} {e.user_login or ''}"):
            continue
        if want_text and want_text not in fold(f"{e.label or ''} {e.record_id or ''}"):
            continue
        yield e


def query_audit(
    session: Session,
    date_from: date | datetime | str | None = None,
    date_to: date | datetime | str | None = None,
    user: str | None = None,
    table: str | None = None,
    action: str | None = None,
    text: str | None = None,
    limit: int | None = 500,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Audit entries, newest first, as dicts: ``id``, ``at`` (local datetime), ``at_text``
    (dd/mm/yyyy HH:MM:SS), ``user`` (officer and login), ``user_login``, ``officer_name``,
    ``action`` / ``action_label`` (Thêm, Sửa, Xóa), ``table`` / ``table_label`` (Điển hình,
    Cuộc họp…), ``record_id``, ``label`` (the record's name) and ``changes``: ``[{"field",
    "field_label", "old", "new", "old_text", "new_text"}]``.

    ``date_from`` / ``date_to`` are local dates (``date`` or "dd/mm/yyyy"), both included;
    ``user`` matches the officer's name or the login, ``text`` the record's name (both
    without accents or case); ``table`` is a table name ("candidates"), ``action`` one of
    insert / update / delete. Reads only."""
    out: list[dict[str, Any]] = []
    skipped = 0
    for e in _iter_filtered(session, date_from, date_to, user, table, action, text):
        if skipped < offset:
            skipped += 1
            continue
        out.append(_entry_dict(e))
        if limit is not None and len(out) >= limit:
            break
    return out


def users(session: Session) -> list[str]:
    """Officers' names and logins found in the log (for the filter's list)."""
    names: set[str] = set()
    for officer, login in session.execute(select(AuditEntry.officer_name, AuditEntry.user_login).distinct()):
        if officer:
            names.add(officer)
        if login:
            names.add(login)
    return sorted(names, key=fold)


def _changes_text(changes: list[dict[str, Any]]) -> str:
    return "\n".join(f"{c['field_label']}: {c['old_text']} → {c['new_text']}" for c in changes)


def export_audit_xlsx(session: Session, path: Path | str, **filters: Any) -> Path:
    """Write the entries matching ``filters`` (those of :func:`query_audit`, without
    limit/offset) to an Excel list; every value is written as text. Returns the path."""
    from ..documents.xlsx_writer import write_xlsx_list

    filters.pop("limit", None)
    filters.pop("offset", None)
    entries = query_audit(session, limit=MAX_EXPORT, **filters)
    start, end = filters.get("date_from"), filters.get("date_to")
    period = []
    if start:
        period.append(f"từ ngày {fmt_date(_as_date(start, 'Từ ngày'))}")
    if end:
        period.append(f"đến ngày {fmt_date(_as_date(end, 'Đến ngày'))}")
    title = ["NHẬT KÝ THAY ĐỔI DỮ LIỆU"]
    if period:
        title.append(("(" + " ".join(period) + ")", {"italic": True, "bold": False, "size": 12}))
    rows = [
        [
            i,
            e["at_text"],
            e["user"],
            e["action_label"],
            e["table_label"],
            e["label"],
            _changes_text(e["changes"]),
        ]
        for i, e in enumerate(entries, start=1)
    ]
    return write_xlsx_list(
        path,
        title_lines=title,
        columns=[
            ("STT", 6),
            ("Thời gian", 20),
            ("Người thực hiện", 24),
            ("Thao tác", 10),
            ("Loại hồ sơ", 18),
            ("Hồ sơ", 30),
            ("Nội dung thay đổi", 70),
        ],
        rows=rows,
        footer_lines=[f"Tổng số: {len(rows)} thay đổi."],
        sheet_title="Nhật ký",
    )
