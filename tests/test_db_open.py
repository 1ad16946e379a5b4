"""Opening databases: migrations from the first schema, backups, refusals, the instance lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from dienhinh_desktop.db import open_database
from dienhinh_desktop.db.backup import integrity_errors
from dienhinh_desktop.db.migrate import current_revision, head_revision, upgrade_database
from dienhinh_desktop.errors import DatabaseLocked, DatabaseTooNew, UserError
from dienhinh_desktop.models import Candidate, Plan


def test_new_database_is_at_head_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3", install_templates=False)
    try:
        assert current_revision(db) == head_revision()
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        db.close()


def test_second_instance_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    first = open_database(path, install_templates=False)
    try:
        with pytest.raises(DatabaseLocked) as err:
            open_database(path, install_templates=False)
        assert "đang được một cửa sổ" in err.value.message
    finally:
        first.close()
    open_database(path, install_templates=False).close()  # free again once the first closed


def test_second_instance_in_another_process_is_refused(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "a.sqlite3"
    first = open_database(path, install_templates=False)
    try:
        result = subprocess.run(
            [sys.executable, "main.py", "--db", str(path), "plans", "list", "--json"],
            cwd=Path(__file__).resolve().parent.parent,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2
        assert "database_locked" in result.stdout
        assert "đang được một cửa sổ" in result.stderr
    finally:
        first.close()
    assert integrity_errors(path) == []


def _insert_raw_candidate(db, name: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO plans (id, name, is_template, status, quorum_percent, quorum_strict, created_at, updated_at, version) "
                "VALUES ('p1', 'Kế hoạch cũ', 0, 'active', 50, 1, '2026-01-01', '2026-01-01', 1)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO candidates (id, plan_id, kind, status, name, sort_key, search_text, dup_key, "
                "is_party_member, is_civil_servant, is_armed_forces, is_leader, is_grassroots_worker, "
                "selected_for_proposal, created_at, updated_at, version) VALUES "
                "('c1', 'p1', 'individual', 'registered', :name, '', '', '', 0,0,0,0,0,0, '2026-01-01', '2026-01-01', 1)"
            ),
            {"name": name},
        )


def test_upgrade_from_the_first_schema_keeps_data_and_backs_up(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = open_database(path, migrate=False, install_templates=False)
    upgrade_database(old, target="0001")
    assert current_revision(old) == "0001"
    _insert_raw_candidate(old, "Đặng  Văn Đức")
    old.close()

    db = open_database(path, install_templates=False)
    try:
        assert current_revision(db) == head_revision()
        with db.session() as s:
            c = s.get(Candidate, "c1")
            assert c.name == "Đặng Văn Đức"  # spacing normalised by the upgrade…
            assert c.search_text == "dang van duc"  # …and the derived keys were computed by the upgrade
            assert (c.family_name, c.middle_name, c.given_name) == ("Đặng", "Văn", "Đức")
            assert c.sort_key
        backups = list((db.files_dir / "backups").glob("*.sqlite3"))
        assert len(backups) == 1
        assert integrity_errors(backups[0]) == []
        con = sqlite3.connect(backups[0])
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        con.close()
    finally:
        db.close()


def test_database_from_a_newer_program_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(path, install_templates=False).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew) as err:
        open_database(path)
    assert "phiên bản mới hơn" in err.value.message
    assert path.read_bytes() == before
    open_database(path, migrate=False, install_templates=False).close()  # lock released after refusal


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("đây là một tệp văn bản, không phải cơ sở dữ liệu " * 50, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(UserError):
        open_database(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE ke_toan (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseTooNew) as err:
        open_database(path)
    assert "không phải cơ sở dữ liệu" in err.value.message


def test_env_variable_chooses_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv("DIENHINH_DB", str(path))
    db = open_database(install_templates=False)
    try:
        assert db.path == path.resolve()
    finally:
        db.close()


def test_templates_are_loaded_into_every_new_database(db) -> None:
    pytest.importorskip("dienhinh_desktop.services.plan_templates")
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(Plan).where(Plan.is_template.is_(True)))
    assert n == 5


def test_head_constant_matches_the_migration_scripts() -> None:
    from dienhinh_desktop.db.migrations import HEAD

    assert HEAD == head_revision()
