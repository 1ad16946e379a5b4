"""Two officers editing the same candidate on one PostgreSQL database (the office LAN set-up):
the second save is refused with StaleRecord and nothing is silently overwritten.

Runs only on PostgreSQL (scripts/with_postgres.sh sets DIENHINH_TEST_PG_URL; scripts/test.sh
runs it in its PostgreSQL pass)."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import pytest

from dienhinh_desktop.db import open_database
from dienhinh_desktop.errors import StaleRecord
from dienhinh_desktop.models import AuditEntry, Candidate, Plan
from dienhinh_desktop.services.candidates import create_candidate, update_candidate

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("DIENHINH_TEST_PG_URL"), reason="needs DIENHINH_TEST_PG_URL (PostgreSQL)"
    ),
]


@pytest.fixture
def two_officers(bare_db: Any) -> tuple[Any, Any, str]:
    """Officer A on the test's database, officer B on a second connection pool to it."""
    assert not bare_db.is_sqlite
    with bare_db.transaction() as s:
        plan = Plan(name="Kế hoạch 2026", status="active")
        s.add(plan)
        s.flush()
        cid = create_candidate(
            s, plan_id=plan.id, kind="individual", name="Nguyễn Thị Hoa", birth_year=1980, note="ban đầu"
        ).id
    other = open_database(bare_db.url, migrate=False, install_templates=False, lock=False)
    yield bare_db, other, cid
    other.close()


def _read(db: Any, cid: str) -> Candidate:
    with db.session() as s:
        return s.get(Candidate, cid)


def test_second_save_with_the_version_opened_is_refused(two_officers: Any) -> None:
    a, b, cid = two_officers
    opened = _read(a, cid).version  # both officers open the record: same version
    assert _read(b, cid).version == opened

    with a.transaction() as s:
        update_candidate(s, s.get(Candidate, cid), expected_version=opened, note="sửa của A")
    with pytest.raises(StaleRecord) as info:
        with b.transaction() as s:
            update_candidate(s, s.get(Candidate, cid), expected_version=opened, note="sửa của B")
    assert "người khác sửa" in info.value.message

    final = _read(a, cid)
    assert (final.note, final.version) == ("sửa của A", opened + 1)
    with a.session() as s:
        notes = [e.changes.get("note", [None, None])[1] for e in s.query(AuditEntry).filter_by(record_id=cid)]
    assert "sửa của B" not in notes


def test_version_column_race_after_the_other_commit(two_officers: Any) -> None:
    """B loaded the record before A saved, then flushes: UPDATE … WHERE version = old matches
    nothing, SQLAlchemy's version check fires, the transaction turns it into StaleRecord."""
    a, b, cid = two_officers
    with pytest.raises(StaleRecord):
        with b.transaction() as sb:
            mine = sb.get(Candidate, cid)  # loaded: version v
            with a.transaction() as sa:
                sa.get(Candidate, cid).position = "Bí thư chi bộ"  # A saves: version v + 1
            mine.position = "Trưởng thôn"  # no expected_version: only the version column guards
            sb.flush()
    final = _read(a, cid)
    assert final.position == "Bí thư chi bộ"


def test_version_column_race_while_the_other_holds_the_row(two_officers: Any) -> None:
    """B's UPDATE waits on A's row lock; when A commits, PostgreSQL re-checks B's WHERE
    version = v, finds no row, and B is refused (not a lost update)."""
    a, b, cid = two_officers
    outcome: dict[str, Any] = {}
    b_loaded = threading.Event()
    a_flushed = threading.Event()

    def officer_b() -> None:
        try:
            with b.transaction() as sb:
                mine = sb.get(Candidate, cid)
                b_loaded.set()
                a_flushed.wait(10)
                mine.phone = "0912 000 222"
                sb.flush()  # blocks until A commits, then finds the version changed
            outcome["b"] = "saved"
        except StaleRecord as exc:
            outcome["b"] = exc

    t = threading.Thread(target=officer_b)
    t.start()
    assert b_loaded.wait(10)
    with a.transaction() as sa:
        sa.get(Candidate, cid).phone = "0912 000 111"
        sa.flush()  # A holds the row lock
        a_flushed.set()
        time.sleep(0.3)  # let B reach its UPDATE and wait on the lock
    t.join(15)
    assert isinstance(outcome.get("b"), StaleRecord), outcome
    final = _read(a, cid)
    assert final.phone == "0912 000 111"
