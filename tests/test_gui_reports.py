"""The «Báo cáo» page: figures at once for the chosen period and plan; export on the worker."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")


@pytest.fixture
def page(db, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    from dienhinh_desktop.gui.context import AppContext
    from dienhinh_desktop.gui.pages.reports import Page
    from dienhinh_desktop.services.demo import build_demo

    with db.transaction() as s:
        build_demo(s, size=30, today=date(2025, 12, 1))
    widget = Page(AppContext(db))
    widget.out_dir = tmp_path / "bao-cao"
    widget.asked = []
    widget.opened = []
    widget.confirm = lambda text: widget.asked.append(text) or True
    widget.open_folder = lambda path: widget.opened.append(path)
    widget.warn = lambda text: widget.asked.append(text)
    qtbot.addWidget(widget)
    widget.resize(1166, 700)
    widget.show()
    return widget


def _cell(t, r, c):  # type: ignore[no-untyped-def]
    return t.item(r, c).text() if t.item(r, c) else ""


def test_figures_shown_for_the_period(page):
    page.set_period("year", 2025)
    f = page.figures
    assert f is not None and f.period.label == "năm 2025"
    assert "năm 2025" in page.summary.text() and "năm 2024" in page.summary.text()
    ov = page.overview
    assert _cell(ov, 0, 0) == "Đăng ký mới" and _cell(ov, 0, 1) == str(f.events["registered"])
    assert ov.horizontalHeaderItem(1).text() == "Năm 2025"
    kinds = page.breakdowns["kind"]
    assert _cell(kinds, kinds.rowCount() - 1, 0) == "Tổng cộng"
    eth = page.breakdowns["ethnicity"]
    labels = [_cell(eth, r, 0) for r in range(eth.rowCount())]
    assert "Trong đó: dân tộc thiểu số" in labels
    assert page.export_btn.isEnabled()


def test_half_year_and_range(page):
    page.set_period("half1", 2025)
    assert page.figures.period.label == "6 tháng đầu năm 2025"
    assert page.date_from.isHidden()
    page.set_period("range", date_from=date(2025, 3, 1), date_to=date(2025, 9, 15))
    assert not page.date_from.isHidden()
    assert page.figures.period.label == "từ 01/03/2025 đến 15/09/2025"
    assert page.date_from.displayFormat() == "dd/MM/yyyy"
    page.set_period("range", date_from=date(2025, 9, 1), date_to=date(2025, 3, 1))
    assert page.figures is None and "không hợp lệ" in page.summary.text()
    assert not page.export_btn.isEnabled()


def test_export_word_and_excel_then_offer_the_folder(page, qtbot):
    page.set_period("year", 2025)
    job = page.export()
    assert job is not None
    qtbot.waitUntil(lambda: job.is_finished, timeout=60000)
    qtbot.waitUntil(lambda: bool(page.last_files), timeout=5000)
    suffixes = sorted(Path(p).suffix for p in page.last_files)
    assert suffixes == [".docx", ".xlsx"]
    assert all(Path(p).parent == page.out_dir and Path(p).exists() for p in page.last_files)
    assert page.opened == [page.out_dir]
    assert "Mở thư mục" in page.asked[-1]
