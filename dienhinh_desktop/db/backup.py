"""Consistent copies of a SQLite database (the online backup API), checked after writing."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from ..errors import UserError


def integrity_errors(path: Path) -> list[str]:
    """SQLite's integrity check; an empty list means the file is sound."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    messages = [r[0] for r in rows]
    return [] if messages == ["ok"] else messages


def copy_sqlite(source: Path, target: Path) -> Path:
    """Copy a live SQLite file consistently (other connections may be writing)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(str(source), timeout=30)
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
            # A backup is one self-contained file: no WAL beside it (the copy inherits the
            # source's WAL mode, and opening it later would leave -wal/-shm files around).
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    errors = integrity_errors(tmp)
    if errors:
        tmp.unlink(missing_ok=True)
        raise UserError(
            f"Bản sao lưu «{target.name}» bị lỗi khi kiểm tra: {'; '.join(errors[:3])}", code="backup_failed"
        )
    tmp.replace(target)
    return target


def backup_name(db_path: Path, reason: str, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{db_path.stem}-{stamp}-{reason}.sqlite3"


def take_backup(db_path: Path, backups: Path, reason: str) -> Path:
    target = backups / backup_name(db_path, reason)
    n = 1
    while target.exists():
        target = backups / backup_name(db_path, f"{reason}{n}")
        n += 1
    return copy_sqlite(db_path, target)


# -- the backup policy of a database (automatic, rotated, mirrored) ---------------------

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_LATEST = 12, 10, 9, 3
AUTO_INTERVAL_SECONDS = 30 * 60


def list_backups(folder: Path) -> list[Path]:
    """Backups in a folder, newest first (by the time in their names, then mtime)."""
    return sorted(folder.glob("*.sqlite3"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def backups_to_delete(paths: list[Path], now: datetime | None = None) -> list[Path]:
    """Grandfather-father-son rotation: the newest backup of each of the last 12 days,
    10 weeks and 9 months is kept (and the 3 newest of all); the rest can go."""
    newest_first = sorted(paths, key=lambda p: p.stat().st_mtime, reverse=True)
    keep: set[Path] = set(newest_first[:KEEP_LATEST])
    seen: dict[str, set] = {"d": set(), "w": set(), "m": set()}
    limits = {"d": KEEP_DAILY, "w": KEEP_WEEKLY, "m": KEEP_MONTHLY}
    for p in newest_first:
        t = datetime.fromtimestamp(p.stat().st_mtime)
        buckets = {"d": t.date(), "w": tuple(t.isocalendar())[:2], "m": (t.year, t.month)}
        for kind, bucket in buckets.items():
            if bucket not in seen[kind] and len(seen[kind]) < limits[kind]:
                seen[kind].add(bucket)
                keep.add(p)
    return [p for p in newest_first if p not in keep]


def rotate(folder: Path) -> list[Path]:
    doomed = backups_to_delete(list_backups(folder))
    for p in doomed:
        p.unlink(missing_ok=True)
    return doomed
