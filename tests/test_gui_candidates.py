"""The «Điển hình» page and its model: Vietnamese order, accent-free search, filters, form."""

from __future__ import annotations

import random

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402

from dienhinh_desktop.gui.candidate_model import COL_NAME, COL_YEAR, SearchIndex  # noqa: E402
from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.pages.candidates import Page  # noqa: E402
from dienhinh_desktop.text import fold  # noqa: E402
from tests.gui_helpers import fill, type_text  # noqa: E402


@pytest.fixture
def setup(qtbot, bare_db):  # type: ignore[no-untyped-def]
    info = fill(bare_db)
    page = Page(AppContext(bare_db))
    qtbot.addWidget(page)
    page.show()
    return page, info


def names(page) -> list[str]:  # type: ignore[no-untyped-def]
    m = page.model
    return [m.index(r, COL_NAME).data() for r in range(m.rowCount())]


def test_sorted_by_given_name_then_middle_then_family(setup) -> None:  # type: ignore[no-untyped-def]
    page, _ = setup
    people = [
        n for n in names(page) if n in ("Lê Văn An", "Trần Thị Bình", "Nguyễn Văn Cường", "Đặng Văn Đức")
    ]
    assert people == ["Lê Văn An", "Trần Thị Bình", "Nguyễn Văn Cường", "Đặng Văn Đức"]
    assert page.model.index(0, 0).data() == "1"
    assert page.count_label.text() == "Hiển thị 6 / 6 điển hình"


def test_search_ignores_accents_and_d(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    page, _ = setup
    qtbot.keyClicks(page.search, "dang")
    assert names(page) == ["Đặng Văn Đức"]
    assert page.count_label.text() == "Hiển thị 1 / 6 điển hình"
    page.search.clear()
    type_text(qtbot, page.search, "Đức")  # Vietnamese typed through the input method
    assert page.search.text() == "Đức"
    assert names(page) == ["Đặng Văn Đức"]
    page.search.setText("van nam cang")  # words in any order, unit names count
    assert names(page) == ["Lê Văn An", "Nguyễn Văn Cường"]
    page.search.setText("zzz")
    assert names(page) == []
    assert page.count_label.text() == "Hiển thị 0 / 6 điển hình"


def test_filters(setup) -> None:  # type: ignore[no-untyped-def]
    page, info = setup
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("collective"))
    assert names(page) == ["Chi bộ thôn Nậm Cang"]
    page.kind_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData("nurturing"))
    assert sorted(names(page)) == ["Hộ ông Vàng Seo Páo", "Trần Thị Bình"]
    page.status_combo.setCurrentIndex(0)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(info["unit_ids"][1]))
    assert sorted(names(page)) == ["Hộ ông Vàng Seo Páo", "Trần Thị Bình", "Đặng Văn Đức"]
    page.field_combo.setCurrentIndex(page.field_combo.findData(info["field_ids"][1]))
    assert sorted(names(page)) == ["Trần Thị Bình", "Đặng Văn Đức"]
    page.search.setText("binh")
    assert names(page) == ["Trần Thị Bình"]
    assert page.count_label.text() == "Hiển thị 1 / 6 điển hình"


def test_plan_filter_and_header_sort(setup) -> None:  # type: ignore[no-untyped-def]
    page, info = setup
    assert page.plan_combo.currentData() == info["plan_id"]
    page.plan_combo.setCurrentIndex(page.plan_combo.findData("*"))
    assert page.model.total() == 6
    page.table.sortByColumn(COL_YEAR, Qt.SortOrder.DescendingOrder)
    assert names(page)[-1] == "Chi bộ thôn Nậm Cang"  # no birth year: last when descending
    page.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert names(page)[0] == "Lê Văn An"


def test_select_and_edit_button(setup) -> None:  # type: ignore[no-untyped-def]
    page, info = setup
    assert not page.edit_button.isEnabled()
    assert page.select_candidate(info["ids"]["Trần Thị Bình"])
    assert page.current_candidate_id() == info["ids"]["Trần Thị Bình"]
    assert page.edit_button.isEnabled()
    page.search.setText("cuong")
    assert page.model.find_row(info["ids"]["Trần Thị Bình"]) == -1


def test_search_index_matches_brute_force() -> None:
    rnd = random.Random(5)
    words = ["nguyen", "van", "an", "dang", "duc", "thon", "2", "12", "chi bo", "hoa", "ha"]
    hays = [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 5))) for _ in range(3000)]
    index = SearchIndex(hays)
    for query in [
        "",
        "n",
        "ng",
        "ngu",
        "nguyen",
        "nguyen v",
        "nguyen van",
        "an",
        "a",
        "2",
        "12",
        "ha hoa",
        "d",
        "da",
        "dan",
        "dang",
        "duc dang",
        "thon 12",
        "xyz",
        "Đặng",
    ]:
        got = index.search(query)
        want = [i for i, h in enumerate(hays) if all(w in h for w in fold(query).split())]
        assert got.tolist() == want, query
    index.build([5, 3, 1])
    assert index.search("").tolist() == [5, 3, 1]
    assert index.search("a").tolist() == [i for i in (5, 3, 1) if "a" in hays[i]]


def test_background_loading_paints_first_then_fills(qtbot, bare_db) -> None:  # type: ignore[no-untyped-def]
    info = fill(bare_db)
    page = Page(AppContext(bare_db, background_loading=True))
    qtbot.addWidget(page)
    page.show()
    assert page.is_loading() and page.model.total() == 0
    assert page.quota_panel is None  # made once the rows are on screen
    with qtbot.waitSignal(page.loaded, timeout=10000):
        pass
    assert not page.is_loading() and page.model.total() == 6
    assert page.count_label.text() == "Hiển thị 6 / 6 điển hình"
    assert page.field_combo.findData(info["field_ids"][1]) > 0
    qtbot.waitUntil(lambda: page.quota_panel is not None, timeout=5000)
    page.search.setText("dang")  # the index may still be building: the search waits for it
    assert names(page) == ["Đặng Văn Đức"]


def test_closing_while_eligibility_runs_is_quiet(qtbot, bare_db, monkeypatch, capfd) -> None:  # type: ignore[no-untyped-def]
    import threading

    from dienhinh_desktop.gui.pages import candidates as module
    from dienhinh_desktop.gui.worker import background_pool

    fill(bare_db)
    started, gate = threading.Event(), threading.Event()

    def slow(control, db, plans):  # type: ignore[no-untyped-def]
        started.set()
        gate.wait(5)
        return {}

    monkeypatch.setattr(module, "SYNC_ELIGIBILITY_MAX", -1)  # the background path even for 6 rows
    monkeypatch.setattr(module, "_eligibility_job", slow)
    page = Page(AppContext(bare_db))
    page.show()
    assert started.wait(5)
    page.deleteLater()  # the window closes while the job runs
    qtbot.wait(50)
    gate.set()
    assert background_pool().waitForDone(5000)
    qtbot.wait(50)
    assert "RuntimeError" not in capfd.readouterr().err
