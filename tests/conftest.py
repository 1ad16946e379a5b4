"""Shared fixtures: a fresh migrated database in a temp folder, a session on it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Fuzzing explores new inputs on every developer run; CI replays a fixed sequence so a
# submission lands or not on its own merits (what a local run finds becomes a test).
try:
    from hypothesis import settings as _hypothesis_settings

    _hypothesis_settings.register_profile("ci", derandomize=True, database=None)
    if os.environ.get("CI"):
        _hypothesis_settings.load_profile("ci")
except ImportError:  # hypothesis is a test extra
    pass


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user data folder."""
    monkeypatch.setenv("DIENHINH_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("DIENHINH_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("DIENHINH_DB", raising=False)


def _test_url(tmp_path: Path, install_templates: bool = True) -> str:
    """SQLite file by default; DIENHINH_TEST_PG_URL runs the same tests on PostgreSQL
    (a fresh database per test, copied from a template migrated once per session)."""
    pg = os.environ.get("DIENHINH_TEST_PG_URL")
    if pg:
        from tests.pg_util import fresh_pg_database

        return fresh_pg_database(pg, install_templates=install_templates)
    return str(tmp_path / "test.sqlite3")


def _drop(url: str) -> None:
    if "://" in url:
        from tests.pg_util import drop_pg_database

        drop_pg_database(url)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:  # noqa: F821
    from dienhinh_desktop.db import open_database

    url = _test_url(tmp_path)
    database = open_database(url)
    try:
        yield database
    finally:
        database.close()
        _drop(url)


@pytest.fixture
def session(db) -> Iterator[Session]:  # noqa: F821
    with db.session() as s:
        yield s
        s.rollback()


@pytest.fixture
def bare_db(tmp_path: Path) -> Iterator[Database]:  # noqa: F821
    """A migrated database without the built-in plan templates (faster, emptier)."""
    from dienhinh_desktop.db import open_database

    url = _test_url(tmp_path, install_templates=False)
    database = open_database(url, install_templates=False)
    try:
        yield database
    finally:
        database.close()
        _drop(url)
