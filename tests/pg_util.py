"""Fresh PostgreSQL databases for the tests, on the server that scripts/with_postgres.sh starts.

Migrating a new database for every test is slow, so the first test of a session builds a
template database (migrated, and with the built-in plan templates or without them, as the
fixture asks) and every test gets ``CREATE DATABASE … TEMPLATE`` of it: a file copy on the
server. The test's database is dropped when the test ends.
"""

from __future__ import annotations

import os
import uuid

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

_templates: dict[tuple[str, bool], str] = {}


def _admin(url: URL):  # type: ignore[no-untyped-def]
    return create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")


def _create(url: URL, name: str, template: str) -> None:
    admin = _admin(url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE "{template}"'))
    finally:
        admin.dispose()


def _template(url: URL, install_templates: bool) -> str:
    key = (url.render_as_string(hide_password=False), install_templates)
    name = _templates.get(key)
    if name is None:
        from dienhinh_desktop.db import open_database

        name = f"tpl_{os.getpid()}_{int(install_templates)}_{uuid.uuid4().hex[:6]}"
        _create(url, name, "template0")
        db = open_database(
            url.set(database=name).render_as_string(hide_password=False),
            lock=False,
            install_templates=install_templates,
        )
        db.close()  # disposes the pool: a template must have no open connection
        _templates[key] = name
    return name


def fresh_pg_database(server_url: str, *, install_templates: bool = True) -> str:
    """The URL of a new database, migrated (copied from the session's template)."""
    url = make_url(server_url)
    name = f"t_{uuid.uuid4().hex[:12]}"
    _create(url, name, _template(url, install_templates))
    return url.set(database=name).render_as_string(hide_password=False)


def empty_pg_database(server_url: str) -> str:
    """The URL of a new, empty database (no schema): for tests of the migrations themselves."""
    url = make_url(server_url)
    name = f"t_{uuid.uuid4().hex[:12]}"
    _create(url, name, "template0")
    return url.set(database=name).render_as_string(hide_password=False)


def drop_pg_database(database_url: str) -> None:
    """Drop a test's database (closing any connection a test left open)."""
    url = make_url(database_url)
    admin = _admin(url)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    finally:
        admin.dispose()
