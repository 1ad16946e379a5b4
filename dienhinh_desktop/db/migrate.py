"""Schema versions with Alembic: upgrade step by step inside one transaction, back up
first, refuse a database made by a newer program."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from ..errors import DatabaseTooNew
from .backup import take_backup
from .engine import Database
from .migrations import HEAD

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, heads
    return heads[0]


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stamped_revision(db: Database) -> str | None:
    """The revision recorded in the database, read without Alembic; None when unknown."""
    try:
        with db.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def upgrade_database(db: Database, target: str = "head") -> str | None:
    """Bring the schema to ``target``. Returns the backup path taken (or None)."""
    if target == "head" and _stamped_revision(db) == HEAD:
        return None  # the usual case: nothing to do, and no Alembic to import
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(db)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNew(
            f"Tệp dữ liệu «{db.shown}» được tạo bởi phiên bản mới hơn của chương trình "
            f"(lược đồ {current}). Hãy cài phiên bản mới hơn; tệp được giữ nguyên, không thay đổi."
        )
    target_rev = script.get_revision(target).revision if target != "head" else head_revision()
    if current == target_rev:
        return None
    backup: str | None = None
    if current is None:
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables and "alembic_version" not in tables:
            raise DatabaseTooNew(
                f"Tệp «{db.shown}» không phải cơ sở dữ liệu của chương trình Điển hình tiên tiến; "
                "tệp được giữ nguyên."
            )
    elif db.path is not None:
        backup = str(take_backup(db.path, db.files_dir / "backups", "truoc-nang-cap"))
    cfg = alembic_config()
    # The whole upgrade in one (exclusive, on SQLite) transaction: all steps or none.
    with db.engine.connect().execution_options(sqlite_begin="BEGIN EXCLUSIVE") as conn:
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    return backup
