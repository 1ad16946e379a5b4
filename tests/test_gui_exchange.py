# ruff: noqa: F811  (pytest fixtures imported from tests/test_exchange_support.py)
"""The round trip through the pages «Hồ sơ gửi đi» (commune) and «Hồ sơ nhận về» (province)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from dienhinh_desktop.db import open_database
from dienhinh_desktop.models import Candidate
from tests.test_exchange_support import offices, offices_template, upper_meets_and_decides  # noqa: F401

pytest.importorskip("pytestqt")


def test_gui_round_trip(qtbot, offices: dict[str, Path], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dienhinh_desktop.exchange.decision_package import export_decision_packages, import_decision_file
    from dienhinh_desktop.gui.context import AppContext
    from dienhinh_desktop.gui.pages import inbox_packages, outbox

    infos: list[str] = []
    monkeypatch.setattr(outbox, "show_info", lambda _p, text, *a, **k: infos.append(text))
    monkeypatch.setattr(inbox_packages, "show_info", lambda _p, text, *a, **k: infos.append(text))
    monkeypatch.setattr(outbox, "ask_breach_reason", lambda _p, _m: "Theo chỉ đạo của Ban Thường vụ")

    # the commune: the demo's draft is checked, the quota shown; a third one breaches it
    db_a = open_database(offices["a"])
    page = outbox.Page(AppContext(db_a))
    qtbot.addWidget(page)
    assert len(page.chosen_ids()) == 2
    assert "tối đa 02" in page.quota_label.text() and "trong chỉ tiêu" in page.quota_label.text()
    extra = next(cid for cid in page._ids if cid not in page.chosen_ids())
    page.set_chosen(page.chosen_ids() + [extra])
    assert "vượt" in page.quota_label.text()
    page.set_chosen(page.chosen_ids()[:2])
    page.build_package(out=tmp_path / "goi")
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=30000)
    pkg = Path(page.last_result["file"])
    assert pkg.is_file() and page.sent.rowCount() == 1
    chosen = page.last_result["candidate_ids"]
    db_a.close()

    # the province: preview, then import; conflicts table empty
    db_u = open_database(offices["upper"])
    inbox = inbox_packages.Page(AppContext(db_u))
    qtbot.addWidget(inbox)
    inbox.load_files([pkg])
    assert inbox.preview.rowCount() == 2
    assert {inbox.preview.item(r, 3).text() for r in range(2)} == {"Mới"}
    assert inbox.apply_button.isEnabled()
    inbox.apply_import()
    qtbot.waitUntil(lambda: bool(inbox.last_results), timeout=30000)
    assert inbox.last_results[0]["new"] == 2 and inbox.conflict_table.rowCount() == 0
    inbox.load_files([pkg])  # again: already imported, nothing to apply
    assert not inbox.apply_button.isEnabled()
    db_u.close()

    # the province decides and answers; the commune records the answer
    upper = upper_meets_and_decides(offices["upper"])
    db_u = open_database(offices["upper"])
    with db_u.transaction() as s:
        dec = export_decision_packages(s, tmp_path / "qd", meeting_id=upper["meeting_id"])
    db_u.close()
    file_a = next(f["file"] for f in dec["files"] if f["candidates"] == 2 and f["code"])
    db_a = open_database(offices["a"])
    try:
        res = import_decision_file(db_a, file_a)
        assert len(res["recorded"]) == 2
        with db_a.session() as s:
            statuses = {c.status for c in s.scalars(select(Candidate).where(Candidate.id.in_(chosen)))}
        assert statuses == {"recognised"}
    finally:
        db_a.close()
