"""``dienhinh candidates import FILE --json``: the contract of DESIGN.md §8."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dienhinh_desktop.cli.main import main
from dienhinh_desktop.db import open_database
from dienhinh_desktop.models import Candidate, Unit
from tests.corpus.registration import make_corpus as corpus
from tests.corpus.registration.dbsetup import office_and_plan


@pytest.fixture
def dbfile(tmp_path: Path) -> tuple[str, str]:
    """A database file with an office and a plan (committed, closed); returns (path, plan id)."""
    path = tmp_path / "cli.sqlite3"
    db = open_database(path, install_templates=False)
    try:
        with db.transaction() as s:
            plan_id = office_and_plan(s).id
    finally:
        db.close()
    return str(path), plan_id


def _counts(path: str) -> tuple[int, int]:
    db = open_database(path, install_templates=False)
    try:
        with db.session() as s:
            return (
                s.scalar(select(func.count()).select_from(Candidate)),
                s.scalar(select(func.count()).select_from(Unit)),
            )
    finally:
        db.close()


def _run(capsys, *argv: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_import_json_contract(dbfile, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, plan_id = dbfile
    xlsx = corpus.make_messy_xlsx(tmp_path)
    code, data = _run(capsys, "--db", path, "candidates", "import", str(xlsx), "--plan", plan_id, "--json")
    assert code == 0
    assert {"new", "updated", "unchanged", "rejected", "candidates"} <= set(data)
    assert (data["new"], data["updated"], data["unchanged"]) == (6, 0, 0)
    assert all(set(r) == {"row", "reason"} for r in data["rejected"])
    assert [r["row"] for r in data["rejected"]] == [18, 19, 20, 21, 22]
    for c in data["candidates"]:
        assert {"id", "kind", "name", "birth_year", "gender", "ethnicity", "position_unit", "field", "unit",
                "status"} <= set(c)  # fmt: skip
    assert _counts(path)[0] == 6
    # Again: nothing changes.
    code, again = _run(capsys, "--db", path, "candidates", "import", str(xlsx), "--plan", plan_id, "--json")
    assert code == 0 and (again["new"], again["updated"], again["unchanged"]) == (0, 0, 6)
    assert _counts(path)[0] == 6
    # The imported candidates are listed by `candidates list`.
    code = main(["--db", path, "candidates", "list", "--search", "nguyen van an", "--json"])
    listed = json.loads(capsys.readouterr().out)
    assert code == 0 and [c["name"] for c in listed] == ["Nguyễn Văn An"]


def test_dry_run_prints_the_same_and_writes_nothing(dbfile, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, plan_id = dbfile
    before = _counts(path)
    xls = corpus.make_xls(tmp_path)
    code, data = _run(
        capsys, "--db", path, "candidates", "import", str(xls), "--plan", plan_id, "--dry-run", "--json"
    )
    assert code == 0 and data["new"] == 3 and [r["row"] for r in data["rejected"]] == [11]
    assert _counts(path) == before
    code, real = _run(capsys, "--db", path, "candidates", "import", str(xls), "--plan", plan_id, "--json")
    assert code == 0 and real["new"] == 3 and real["rejected"] == data["rejected"]


@pytest.mark.parametrize(
    "maker", ["make_encrypted_xlsx", "make_csv_as_xlsx", "make_broken_xlsx", "make_empty_xlsx"]
)
def test_bad_file_exit_2_error_json_db_unchanged(dbfile, tmp_path: Path, capsys, maker: str) -> None:  # type: ignore[no-untyped-def]
    path, plan_id = dbfile
    before = _counts(path)
    bad = getattr(corpus, maker)(tmp_path)
    code = main(["--db", path, "candidates", "import", str(bad), "--plan", plan_id, "--json"])
    captured = capsys.readouterr()
    assert code == 2
    err = json.loads(captured.out)["error"]
    assert err["code"] and bad.name in err["message"]
    assert bad.name in captured.err
    assert _counts(path) == before


def test_text_output(dbfile, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, plan_id = dbfile
    code = main(
        ["--db", path, "candidates", "import", str(corpus.make_flat_xlsx(tmp_path)), "--plan", plan_id]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Đã nhập: 3 mới" in out and "Dòng 7:" in out
