"""The «Nhật ký thay đổi» page: list, filters, details old → new, export on the worker thread."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.pages import find_page  # noqa: E402
from dienhinh_desktop.models import Candidate  # noqa: E402
from dienhinh_desktop.services.candidates import update_candidate  # noqa: E402
from tests.gui_helpers import fill  # noqa: E402


@pytest.fixture
def page(qtbot, bare_db):  # type: ignore[no-untyped-def]
    from dienhinh_desktop.gui.pages.audit import Page

    ids = fill(bare_db)["ids"]
    with bare_db.transaction() as s:
        update_candidate(s, s.get(Candidate, ids["Đặng Văn Đức"]), birth_year=1979)
    p = Page(AppContext(bare_db))
    qtbot.addWidget(p)
    return p


def texts(table, col: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_registered_after_settings() -> None:
    spec = find_page("nhat-ky")
    assert spec is not None and spec.module == "audit" and spec.label == "Nhật ký"
    assert find_page("Nhật ký") is spec


def test_lists_newest_first_and_shows_details(page) -> None:  # type: ignore[no-untyped-def]
    assert page.list.rowCount() == len(page.entries) > 5
    assert texts(page.list, 4)[0] == "Đặng Văn Đức"
    assert texts(page.list, 2)[0] == "Sửa"
    page.list.selectRow(0)
    assert "Đặng Văn Đức" in page.details_title.text()
    rows = {page.details.item(r, 0).text(): (page.details.item(r, 1).text(), page.details.item(r, 2).text())
            for r in range(page.details.rowCount())}  # fmt: skip
    assert rows["Năm sinh"] == ("1980", "1979")
    assert "thay đổi" in page.count_label.text()


def test_filters(page) -> None:  # type: ignore[no-untyped-def]
    page.table.setCurrentIndex(page.table.findData("candidates"))
    assert set(texts(page.list, 3)) == {"Điển hình"}
    page.action.setCurrentIndex(page.action.findData("update"))
    assert texts(page.list, 4) == ["Đặng Văn Đức"]
    page.clear_filters()
    page.text.setText("hang van duc")
    page.refresh()
    assert page.list.rowCount() == 0
    page.text.setText("dang van duc")
    page.refresh()
    assert set(texts(page.list, 4)) == {"Đặng Văn Đức"}
    page.clear_filters()
    page.user.setCurrentText("không có ai")
    page.refresh()
    assert page.list.rowCount() == 0
    assert page.count_label.text() == "Không có thay đổi nào khớp bộ lọc."


def test_bad_date_shows_a_message(page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(
        "dienhinh_desktop.gui.pages.audit.show_error", lambda _p, text, *a, **k: shown.append(text)
    )
    page.date_from.setText("31/02/2025")
    page.refresh()
    assert shown and "Từ ngày" in shown[0]


def test_export_runs_on_the_worker(page, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.table.setCurrentIndex(page.table.findData("candidates"))
    job = page.export_to(tmp_path / "nhat-ky.xlsx", announce=False)
    qtbot.waitUntil(lambda: job.is_finished, timeout=10_000)
    assert job.error is None
    assert page.last_export == tmp_path / "nhat-ky.xlsx" and page.last_export.exists()
