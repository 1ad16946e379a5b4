"""Backups of an open database (automatic, before risky work, manual), restore and check.

Works on SQLite files; a PostgreSQL office backs up its server with its own tools
(the command says so)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from ..errors import UserError
from ..models import AuditEntry, BackupRecord, Setting
from ..models.base import utcnow
from .backup import AUTO_INTERVAL_SECONDS, copy_sqlite, integrity_errors, rotate, take_backup
from .engine import Database

MIRROR_SETTING = "backup_mirror_dir"


def _require_file(db: Database) -> Path:
    if db.path is None:
        raise UserError(
            "Cơ sở dữ liệu PostgreSQL được sao lưu trên máy chủ (pg_dump); chức năng này dành cho tệp dữ liệu SQLite.",
            code="not_sqlite",
        )
    return db.path


def backup_folder(db: Database) -> Path:
    folder = db.files_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def mirror_folder(db: Database) -> Path | None:
    with db.session() as s:
        setting = s.get(Setting, MIRROR_SETTING)
        return Path(setting.value) if setting and setting.value else None


def set_mirror_folder(db: Database, folder: str | None) -> None:
    with db.transaction() as s:
        setting = s.get(Setting, MIRROR_SETTING) or Setting(key=MIRROR_SETTING)
        setting.value = folder
        s.add(setting)


def backup_now(db: Database, reason: str = "thu-cong", out: Path | None = None) -> Path:
    """A checked, consistent copy; recorded, rotated and mirrored to the second folder."""
    path = _require_file(db)
    target = copy_sqlite(path, out) if out else take_backup(path, backup_folder(db), reason)
    with db.transaction() as s:
        s.info["no_audit"] = True
        s.add(
            BackupRecord(
                path=str(target),
                reason=reason,
                size=target.stat().st_size,
                verified=True,
                day=datetime.now().date(),
            )
        )
    if out is None:
        rotate(backup_folder(db))
        mirror = mirror_folder(db)
        if mirror is not None:
            try:
                mirror.mkdir(parents=True, exist_ok=True)
                shutil.copy2(target, mirror / target.name)
                rotate(mirror)
            except OSError:
                pass  # the USB stick is not there today; the main copy is safe
    return target


def last_backup_time(db: Database) -> datetime | None:
    with db.session() as s:
        return s.scalar(select(func.max(BackupRecord.taken_at)))


def last_change_time(db: Database) -> datetime | None:
    with db.session() as s:
        return s.scalar(select(func.max(AuditEntry.at)))


def maybe_auto_backup(db: Database, now: datetime | None = None) -> Path | None:
    """At most one automatic backup every 30 minutes, and only when something changed."""
    if db.path is None:
        return None
    now = now or utcnow()
    last = last_backup_time(db)
    if last is not None and now - last < timedelta(seconds=AUTO_INTERVAL_SECONDS):
        return None
    changed = last_change_time(db)
    if changed is None or (last is not None and changed <= last):
        return None
    return backup_now(db, "tu-dong")


def _schema_of(path: Path) -> str | None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None
    finally:
        con.close()


def restore(db: Database, source: Path) -> Path:
    """Replace the data with a backup file. The current state is backed up first.
    Returns the path of that safety backup. The caller must reopen the database."""
    from alembic.script import ScriptDirectory

    from .migrate import alembic_config

    path = _require_file(db)
    if not source.exists():
        raise UserError(f"Không tìm thấy tệp sao lưu «{source}».", code="not_found")
    errors = integrity_errors(source)
    if errors:
        raise UserError(
            f"Tệp «{source.name}» không phải bản sao lưu dùng được: {errors[0]}", code="bad_backup"
        )
    schema = _schema_of(source)
    known = {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if schema is None or schema not in known:
        raise UserError(
            f"Tệp «{source.name}» không phải bản sao lưu của chương trình này, hoặc do phiên bản mới hơn tạo ra.",
            code="bad_backup",
        )
    safety = backup_now(db, "truoc-khoi-phuc")
    db.engine.dispose()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(path), timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return safety


def check(db: Database) -> dict:
    """SQLite's integrity and foreign-key checks, in words an officer understands."""
    path = _require_file(db)
    errors = integrity_errors(path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        con.close()
    ok = not errors and not fk
    if ok:
        message = f"Tệp dữ liệu «{path.name}» nguyên vẹn, không phát hiện lỗi."
    else:
        message = (
            f"Tệp dữ liệu «{path.name}» có lỗi ({len(errors)} lỗi cấu trúc, {len(fk)} liên kết hỏng). "
            "Hãy khôi phục từ bản sao lưu gần nhất."
        )
    return {
        "ok": ok,
        "integrity": errors or ["ok"],
        "foreign_key_errors": len(fk),
        "message": message,
        "backups": [str(p) for p in sorted(backup_folder(db).glob("*.sqlite3"))][-5:],
    }


def backup_before(db: Database, reason: str) -> Path | None:
    """A checked backup before risky work (an import, a restore) when the data is a file;
    PostgreSQL servers are backed up on the server, so nothing is done there."""
    return backup_now(db, reason) if db.path is not None else None
