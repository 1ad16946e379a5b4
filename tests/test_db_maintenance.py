"""Audit log, backups (automatic, rotated, mirrored), restore and check."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from dienhinh_desktop.cli.main import main
from dienhinh_desktop.db import maintenance, open_database
from dienhinh_desktop.db.backup import backups_to_delete, integrity_errors
from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import AuditEntry, Candidate, Plan
from dienhinh_desktop.services.candidates import create_candidate, update_candidate
from dienhinh_desktop.services.office import init_office


@pytest.fixture
def filedb(tmp_path: Path):
    db = open_database(tmp_path / "xa.sqlite3", install_templates=False)
    with db.transaction() as s:
        init_office(s, "UBND xã Tân Lập", officer_name="Đỗ Thị Lan")
        s.add(Plan(id="p1", name="Kế hoạch 2026"))
    yield db
    db.close()


def test_every_change_is_audited_with_who_and_old_new_values(filedb) -> None:
    with filedb.transaction() as s:
        c = create_candidate(s, plan_id="p1", kind="individual", name="Vàng Seo Chử", birth_year=1979)
        cid = c.id
    with filedb.transaction() as s:
        update_candidate(s, s.get(Candidate, cid), ethnicity="H'Mông")
    with filedb.session() as s:
        rows = list(s.scalars(select(AuditEntry).where(AuditEntry.record_id == cid).order_by(AuditEntry.at)))
    assert [r.action for r in rows] == ["insert", "update"]
    assert rows[0].officer_name == "Đỗ Thị Lan" and rows[0].user_login
    assert rows[0].changes["name"] == [None, "Vàng Seo Chử"]
    assert rows[1].changes == {"ethnicity": [None, "H'Mông"]}


def test_a_rolled_back_change_leaves_no_audit_line(filedb) -> None:
    with pytest.raises(RuntimeError):
        with filedb.transaction() as s:
            create_candidate(s, plan_id="p1", kind="individual", name="Thào A Dính")
            raise RuntimeError("hủy")
    with filedb.session() as s:
        assert not list(s.scalars(select(AuditEntry).where(AuditEntry.label == "Thào A Dính")))


def test_auto_backup_only_when_changed_and_at_most_every_30_minutes(filedb) -> None:
    first = maintenance.maybe_auto_backup(filedb)
    assert first is not None and integrity_errors(first) == []
    assert maintenance.maybe_auto_backup(filedb) is None  # nothing changed, too soon
    with filedb.transaction() as s:
        create_candidate(s, plan_id="p1", kind="individual", name="Lù Văn Sinh")
    assert maintenance.maybe_auto_backup(filedb) is None  # changed, but within 30 minutes
    later = datetime.utcnow() + timedelta(minutes=31)
    second = maintenance.maybe_auto_backup(filedb, now=later)
    assert second is not None and second != first
    assert maintenance.maybe_auto_backup(filedb, now=later + timedelta(minutes=40)) is None  # no change since


def test_rotation_keeps_12_daily_10_weekly_9_monthly(tmp_path: Path) -> None:
    now = time.time()
    paths = []
    for day in range(400):  # one backup a day for 400 days, two on the newest day
        for extra in (0, 1) if day == 0 else (0,):
            p = tmp_path / f"b{day:03d}-{extra}.sqlite3"
            p.write_bytes(b"x")
            t = now - day * 86400 - extra * 60
            os.utime(p, (t, t))
            paths.append(p)
    doomed = set(backups_to_delete(paths))
    kept = [p for p in paths if p not in doomed]
    assert 12 <= len(kept) <= 3 + 12 + 10 + 9
    assert tmp_path / "b000-0.sqlite3" in kept and tmp_path / "b011-0.sqlite3" in kept
    assert tmp_path / "b399-0.sqlite3" in doomed  # older than nine months of monthly copies


def test_backup_is_mirrored_to_the_second_folder(filedb, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    maintenance.set_mirror_folder(filedb, str(usb))
    path = maintenance.backup_now(filedb)
    assert (usb / path.name).exists()


def test_restore_brings_back_the_data_and_keeps_the_current_state(filedb) -> None:
    backup = maintenance.backup_now(filedb)
    with filedb.transaction() as s:
        create_candidate(s, plan_id="p1", kind="individual", name="Sùng Thị Mỷ")
    safety = maintenance.restore(filedb, backup)
    filedb.close()
    db = open_database(filedb.path, install_templates=False)
    try:
        with db.session() as s:
            assert s.scalars(select(Candidate)).all() == []
    finally:
        db.close()
    reopened = open_database(safety, install_templates=False, lock=False)
    try:
        with reopened.session() as s:
            assert [c.name for c in s.scalars(select(Candidate))] == ["Sùng Thị Mỷ"]
    finally:
        reopened.close()


def test_restore_refuses_a_file_that_is_not_a_backup(filedb, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(UserError):
        maintenance.restore(filedb, bogus)


def test_cli_backup_check_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dbfile = str(tmp_path / "cli.sqlite3")
    assert main(["--db", dbfile, "init", "--unit", "Đảng ủy xã Tân Lập", "--party", "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", dbfile, "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    out = tmp_path / "sao-luu.sqlite3"
    assert main(["--db", dbfile, "backup", "--out", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["file"] == str(out)
    assert main(["--db", dbfile, "restore", str(out), "--json"]) == 0
    assert "safety_backup" in json.loads(capsys.readouterr().out)
    assert main(["--db", dbfile, "restore", str(tmp_path / "missing.sqlite3"), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "not_found"


def test_a_backup_is_one_self_contained_file(filedb) -> None:
    path = maintenance.backup_now(filedb)
    assert integrity_errors(path) == []
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
