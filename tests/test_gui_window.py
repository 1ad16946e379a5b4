"""The main window: opens, navigates, shows placeholders for pages not built yet."""

from __future__ import annotations

import sys
import types

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.main_window import MainWindow  # noqa: E402
from dienhinh_desktop.gui.pages import PAGES, NotBuilt, PageSpec, find_page  # noqa: E402
from dienhinh_desktop.gui.pages.placeholder import PlaceholderPage  # noqa: E402
from tests.gui_helpers import fill  # noqa: E402


@pytest.fixture
def window(qtbot, bare_db):  # type: ignore[no-untyped-def]
    fill(bare_db)
    win = MainWindow(AppContext(bare_db))
    qtbot.addWidget(win)
    return win


def test_window_title_status_and_first_page(window) -> None:  # type: ignore[no-untyped-def]
    assert window.windowTitle() == "Điển hình tiên tiến — Đảng ủy xã Tân Lập"
    assert "test.sqlite3" in window.db_status.text()
    assert "12-KH/ĐU" in window.plan_status.text()
    assert window.nav.count() == len(PAGES) >= 10
    assert window.nav.item(0).text() == "Tổng quan"
    assert window.current_page() is window.page("tong-quan")


def test_navigation_switches_pages(window) -> None:  # type: ignore[no-untyped-def]
    window.nav.setCurrentRow(2)
    page = window.current_page()
    assert page is window.page("dien-hinh")
    assert type(page).__module__ == "dienhinh_desktop.gui.pages.candidates"
    assert window.show_page("Cài đặt") is window.current_page()
    assert window.nav.currentRow() == [p.key for p in PAGES].index("cai-dat")
    window.ctx.hub.navigate.emit("tong-quan")
    assert window.nav.currentRow() == 0


def test_every_page_opens_without_error(window) -> None:  # type: ignore[no-untyped-def]
    for spec in PAGES:
        page = window.show_page(spec.key)
        assert page is not None
        if isinstance(page, PlaceholderPage):
            assert "chưa được xây dựng" in page.text(), spec.key
            assert "lỗi" not in page.text()


def test_missing_module_and_not_built_show_placeholder(qtbot, bare_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fake = types.ModuleType("dienhinh_desktop.gui.pages._not_yet")

    class Page:  # noqa: D401
        def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
            raise NotBuilt()

    fake.Page = Page  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, fake.__name__, fake)
    monkeypatch.setattr(
        "dienhinh_desktop.gui.pages.PAGES",
        PAGES
        + [
            PageSpec("thu-nghiem", "Thử nghiệm", "_no_such_module", "overview", "Danh sách thử nghiệm."),
            PageSpec("chua-xong", "Chưa xong", "_not_yet", "overview", "Một trang còn dang dở."),
        ],
    )
    monkeypatch.setattr(
        "dienhinh_desktop.gui.main_window.PAGES",
        __import__("dienhinh_desktop.gui.pages", fromlist=["PAGES"]).PAGES,
    )
    win = MainWindow(AppContext(bare_db))
    qtbot.addWidget(win)
    for key, words in (("thu-nghiem", "Danh sách thử nghiệm."), ("chua-xong", "Một trang còn dang dở.")):
        page = win.show_page(key)
        assert isinstance(page, PlaceholderPage)
        assert "Trang này chưa được xây dựng trong phiên bản này" in page.text()
        assert words in page.text()


def test_window_without_profile(qtbot, bare_db) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(AppContext(bare_db), start_page="cai-dat")
    qtbot.addWidget(win)
    assert win.windowTitle().endswith("chưa khai báo cơ quan")
    assert "Chưa có kế hoạch" in win.plan_status.text()
    assert win.current_page() is win.page("cai-dat")


def test_find_page_accepts_keys_labels_and_modules() -> None:
    assert find_page("dien-hinh").module == "candidates"
    assert find_page("Điển hình").key == "dien-hinh"
    assert find_page("quyết định nhận về").key == "quyet-dinh"
    assert find_page("meetings").key == "binh-xet"
    assert find_page("khong-co") is None


def test_settings_page_shows_data_and_profile(window, bare_db) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("cai-dat")
    assert page.db_label.text() == str(bare_db.path)
    assert page.profile_labels["name"].text() == "Đảng ủy xã Tân Lập"
    assert "Đảng" in page.profile_labels["is_party"].text()
