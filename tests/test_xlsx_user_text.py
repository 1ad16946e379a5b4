"""Every Excel file the program writes keeps the user's text as text: names, units, fields
and positions that begin with "=", "+", "-" or "@" are text cells (data_type "s"), and no
cell anywhere is a formula. Runs every exporter of documents/exporters.py PAPER_MODULES that
is built (those answering "chưa được xây dựng" are skipped) on the demo commune, after the
user's texts were rewritten to start with those characters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from dienhinh_desktop.documents.exporters import PAPER_MODULES, ExportContext, run_export
from dienhinh_desktop.errors import UserError
from dienhinh_desktop.models import Candidate, Field, Unit

RISKY = ("=", "+", "-", "@")
PREFIXES = ['=HYPERLINK("http://x","', "+cmd|'/c calc'!A0 ", "-2+3 ", "@SUM(1) "]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str]:
    from dienhinh_desktop.db import open_database
    from dienhinh_desktop.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    with db.transaction() as s:
        plan_id = build_demo(s, size=24).plan_id
    with db.transaction() as s:
        for i, c in enumerate(s.scalars(select(Candidate).order_by(Candidate.id))):
            c.name = PREFIXES[i % 4] + c.name
            if c.position_unit:
                c.position_unit = PREFIXES[(i + 1) % 4] + c.position_unit
            c.note = PREFIXES[(i + 2) % 4] + "ghi chú"
        for i, u in enumerate(s.scalars(select(Unit).order_by(Unit.id))):
            u.name = PREFIXES[i % 4] + u.name
        for i, f in enumerate(s.scalars(select(Field).order_by(Field.id))):
            f.name = PREFIXES[(i + 3) % 4] + f.name
    yield db, plan_id
    db.close()


@pytest.mark.parametrize("what", sorted(PAPER_MODULES))
def test_user_text_stays_text(demo: tuple[Any, str], what: str, tmp_path: Path) -> None:
    db, plan_id = demo
    ctx = ExportContext(out_dir=tmp_path, plan_id=plan_id, files_dir=db.files_dir)
    with db.session() as s:
        try:
            files = run_export(s, what, ctx)
        except UserError as exc:
            if exc.code == "not_built" or "chưa được xây dựng" in exc.message:
                pytest.skip(exc.message)
            raise
        finally:
            s.rollback()
    books = [Path(f) for f in files if str(f).lower().endswith((".xlsx", ".xlsm"))]
    if not books:
        pytest.skip(f"«{what}» writes no Excel file")
    risky = 0
    for book in books:
        wb = load_workbook(book)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (
                        f"{book.name} {ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                    )
                    if isinstance(cell.value, str) and cell.value.lstrip().startswith(RISKY):
                        risky += 1
                        assert cell.data_type == "s", (
                            f"{book.name} {ws.title}!{cell.coordinate}: {cell.value!r}"
                        )
    assert risky, f"no user text found in the Excel files of «{what}»"
