"""The audit log: every insert, update and delete made through a session, with who
(the Windows/Linux login and the officer named in the office profile), when, which
record, and the old and new values. Written in the same transaction as the change,
so a rolled-back change leaves no audit line either."""

from __future__ import annotations

import getpass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from ..models import AuditEntry, BackupRecord, OfficeProfile
from ..models.base import new_id

NOT_AUDITED = (AuditEntry, BackupRecord)
SKIP_COLUMNS = {"created_at", "updated_at", "version", "sort_key", "search_text", "dup_key"}


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service accounts, odd containers)
        return "?"


LOGIN = _login()


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)


def _label(obj: Any) -> str | None:
    for attr in ("name", "title", "full_name", "mentor_name", "file_name", "number", "key", "text"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value[:300]
    return None


def _officer(session: Session) -> str | None:
    if "officer_name" not in session.info:
        with session.no_autoflush:
            profile = session.scalars(select(OfficeProfile).limit(1)).first()
        session.info["officer_name"] = profile.officer_name if profile else None
    return session.info["officer_name"]


def _changes(obj: Any, action: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    out: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in SKIP_COLUMNS:
            continue
        if action == "insert":
            value = getattr(obj, key, None)
            if value is not None:
                out[key] = [None, _jsonable(value)]
        elif action == "delete":
            value = state.attrs[key].loaded_value
            if value is not None and value is not state.attrs[key].loaded_value.__class__:
                out[key] = [_jsonable(value), None]
        else:
            hist = state.attrs[key].history
            if hist.has_changes():
                old = hist.deleted[0] if hist.deleted else None
                new = hist.added[0] if hist.added else None
                if old != new:
                    out[key] = [_jsonable(old), _jsonable(new)]
    return out


@event.listens_for(Session, "before_flush")
def _write_audit(session: Session, _ctx, _instances) -> None:  # type: ignore[no-untyped-def]
    if session.info.get("no_audit"):
        return
    pending: list[tuple[str, Any]] = []
    pending += [("insert", o) for o in session.new if not isinstance(o, NOT_AUDITED)]
    pending += [
        ("update", o) for o in session.dirty if not isinstance(o, NOT_AUDITED) and session.is_modified(o)
    ]
    pending += [("delete", o) for o in session.deleted if not isinstance(o, NOT_AUDITED)]
    if not pending:
        return
    officer = _officer(session)
    for action, obj in pending:
        table = getattr(obj, "__tablename__", type(obj).__name__)
        if action == "insert" and hasattr(obj, "id") and getattr(obj, "id", None) is None:
            obj.id = new_id()  # ids are needed now to name the record in the log
        changes = _changes(obj, action)
        if action == "update" and not changes:
            continue
        record_id = str(getattr(obj, "id", None) or getattr(obj, "key", ""))
        session.add(
            AuditEntry(
                user_login=LOGIN,
                officer_name=officer,
                action=action,
                table_name=table,
                record_id=record_id[:36],
                label=_label(obj),
                changes=changes,
            )
        )
