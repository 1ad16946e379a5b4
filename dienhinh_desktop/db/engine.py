"""Open a database: resolve the location, take the instance lock, set SQLite pragmas,
migrate (backing up first) and hand out sessions.

SQLite is the embedded default; a PostgreSQL URL goes through the same code.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..errors import DatabaseLocked, StaleRecord, UserError
from ..paths import default_db_path
from ..services import derived as _derived  # noqa: F401  (registers the derived-columns listener)
from ..settings_store import get_db_location
from . import audit as _audit  # noqa: F401  (registers the audit-log listener)

ENV_VAR = "DIENHINH_DB"
STALE_MESSAGE = (
    "Hồ sơ này vừa được người khác sửa và lưu trước bạn. Thay đổi của bạn chưa được lưu; "
    "hãy mở lại hồ sơ để xem bản mới nhất rồi sửa lại."
)
BUSY_MESSAGE = "Cơ sở dữ liệu đang bận vì một người dùng khác đang ghi. Hãy thử lại sau giây lát."


def resolve_url(location: str | os.PathLike[str] | None = None) -> str:
    """A path or URL given on the command line, else $DIENHINH_DB, else the location saved in
    the user's settings (``settings_store``, «Cài đặt» page), else the default file."""
    raw = (
        str(location) if location else os.environ.get(ENV_VAR) or get_db_location() or str(default_db_path())
    )
    if "://" in raw:
        return with_driver(raw)
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def with_driver(url: str) -> str:
    """A PostgreSQL URL goes through pg8000 — pure Python, so the installed program needs
    nothing else — when it names no driver, or names psycopg2 that is not installed
    (``postgresql://…`` and ``postgresql+psycopg2://…`` from older settings both work)."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001  (create_engine reports a malformed URL)
        return url
    if parsed.get_backend_name() != "postgresql":
        return url
    if "+" in parsed.drivername:
        if parsed.get_driver_name() != "psycopg2" or importlib.util.find_spec("psycopg2") is not None:
            return url
    return parsed.set(drivername="postgresql+pg8000").render_as_string(hide_password=False)


def _install_sqlite_pragmas(engine: Engine) -> None:
    """WAL, foreign keys, busy timeout; and explicit BEGIN so SQLite DDL and
    SAVEPOINTs are transactional (the pysqlite driver otherwise defers BEGIN)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=5000")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


class Database:
    """One open database. Use :func:`open_database` rather than the constructor."""

    def __init__(self, url: str, *, lock: bool = True, connect_timeout: float | None = None) -> None:
        url = with_driver(url)
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = (
            Path(parsed.database)
            if self.is_sqlite and parsed.database not in (None, "", ":memory:")
            else None
        )
        self._lock: FileLock | None = None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if lock:
                self._acquire_lock()
        kwargs: dict = {"future": True}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 5}
        else:
            kwargs["pool_pre_ping"] = True
            if connect_timeout is not None:  # each driver names it its own way
                key = "timeout" if parsed.get_driver_name() == "pg8000" else "connect_timeout"
                kwargs["connect_args"] = {key: connect_timeout}
        self.engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            _install_sqlite_pragmas(self.engine)
        self.Session = sessionmaker(bind=self.engine, expire_on_commit=False)
        # Writers take SQLite's write lock at BEGIN (waiting up to busy_timeout), so their
        # snapshot is never stale: a deferred reader that later writes would fail instead.
        writer = (
            self.engine.execution_options(sqlite_begin="BEGIN IMMEDIATE") if self.is_sqlite else self.engine
        )
        self.WriteSession = sessionmaker(bind=writer, expire_on_commit=False)

    @property
    def shown(self) -> str:
        """Where the data is, as an officer may read it: the file, or the URL without password."""
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)

    # -- instance lock -------------------------------------------------------------
    def _acquire_lock(self) -> None:
        assert self.path is not None
        lock = FileLock(str(self.path) + ".lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise DatabaseLocked(
                f"Tệp dữ liệu «{self.path}» đang được một cửa sổ Điển hình tiên tiến khác sử dụng. "
                "Hãy đóng chương trình kia (hoặc chờ nó làm xong) rồi mở lại."
            ) from None
        self._lock = lock

    # -- where files of this database live ------------------------------------------
    @property
    def files_dir(self) -> Path:
        """Attachments and backups of this database: beside the file, or in the data folder."""
        from ..paths import data_dir

        if self.path is not None:
            base = self.path.parent / f"{self.path.stem}-tep"
        else:
            base = data_dir() / "tep-postgresql"
        base.mkdir(parents=True, exist_ok=True)
        return base

    # -- sessions -------------------------------------------------------------------
    def session(self) -> Session:
        """A session for reading (and short edits committed by the caller)."""
        return self.Session()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A writing session committed at the end, or rolled back whole on error.

        Two officers saving the same record: the second gets :class:`StaleRecord`."""
        with self.WriteSession() as session:
            try:
                yield session
                session.commit()
            except StaleDataError as exc:
                session.rollback()
                raise StaleRecord(STALE_MESSAGE) from exc
            except OperationalError as exc:
                session.rollback()
                if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                    raise UserError(BUSY_MESSAGE, code="database_busy") from exc
                raise
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(
    location: str | os.PathLike[str] | None = None,
    *,
    migrate: bool = True,
    lock: bool = True,
    install_templates: bool = True,
    connect_timeout: float | None = None,
) -> Database:
    """Open (creating if needed) and upgrade a database. Raises UserError subclasses with
    Vietnamese messages: locked by another instance, too new, not a database, a server that
    cannot be reached or refuses the login (``db.connection``; never with the password)."""
    from .connection import connection_error
    from .migrate import upgrade_database

    db = Database(resolve_url(location), lock=lock, connect_timeout=connect_timeout)
    try:
        if migrate:
            upgrade_database(db)
        if install_templates:
            _install_builtin_plans(db)
    except UserError:
        db.close()
        raise
    except Exception as exc:  # a file that is not a database, a server that refuses…
        db.close()
        if db.path is None:
            raise UserError(connection_error(db.url, exc), code="connect_failed") from exc
        raise UserError(f"Không mở được cơ sở dữ liệu «{db.path}»: {exc}", code="database_error") from exc
    return db


def _install_builtin_plans(db: Database) -> None:
    try:
        from ..services.plan_templates import install_templates
    except ImportError:  # templates not shipped in this build
        return
    with db.transaction() as session:
        install_templates(session)
