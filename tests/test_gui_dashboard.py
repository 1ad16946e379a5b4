"""The «Tổng quan» page: counters, charts (``gui.chart_view``), deadlines, recent changes; a
click on a bar opens the «Điển hình» page filtered accordingly."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import Qt  # noqa: E402

from dienhinh_desktop.gui.context import AppContext  # noqa: E402
from dienhinh_desktop.gui.main_window import MainWindow  # noqa: E402
from dienhinh_desktop.gui.pages.dashboard import Page as Dashboard  # noqa: E402
from tests.gui_helpers import fill  # noqa: E402


@pytest.fixture
def window(qtbot, bare_db):  # type: ignore[no-untyped-def]
    fill(bare_db)
    win = MainWindow(AppContext(bare_db))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_overview_figures(window) -> None:  # type: ignore[no-untyped-def]
    page = window.page("tong-quan")
    assert isinstance(page, Dashboard) and window.current_page() is page
    cards = {k: c.value.text() for k, c in page.cards.items()}
    # fill(): 3 registered, 2 nurturing, 1 recognised; none removed.
    assert cards["tracked"] == "6" and cards["nurturing"] == "5" and cards["recognised"] == "1"
    assert cards["replicating"] == "0" and cards["activities"] == "0"
    ov = page.overview
    assert ov.by_kind == {"individual": 4, "collective": 1, "household": 1}
    assert [n for _, _, n in ov.by_field] == [4, 2]
    assert len(ov.recent) == 6 and ov.recent[0]["to"] in {"registered", "nurturing", "recognised"}
    assert {bar.key for bar in page.chart_status.bars()} == {"registered", "nurturing", "recognised"}
    assert page.chart_status.spec.title == "Theo trạng thái" and page.chart_status.spec.kind == "barh"
    kinds = page.chart_kind.spec
    assert [k for k, _ in kinds.categories] == ["collective", "individual", "household"]
    assert kinds.series[0].values == (1.0, 4.0, 1.0)
    assert [k for k, _ in page.chart_field.spec.categories] == [fid for fid, _, _ in ov.by_field]
    series = page.chart_series.spec
    assert series.kind == "stacked" and series.title.startswith("Kết quả từng tháng năm ")
    assert len(series.categories) == 12 and series.axis_title.startswith("Tháng (năm ")
    assert "Kế hoạch xây dựng điển hình 2025 – 2030" in page.plan_label.text()


def test_click_on_a_bar_opens_the_filtered_list(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.page("tong-quan")
    chart = page.chart_kind
    assert chart.isVisible() and chart.height() >= 230
    pos = chart.bar_rect("individual").center().toPoint()
    assert chart.key_at(pos) == "individual"
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=pos)
    candidates = window.current_page()
    assert candidates is window.page("dien-hinh")
    assert candidates.kind_combo.currentData() == "individual"
    assert candidates.model.shown() == 4


def test_open_list_by_status_and_field(window) -> None:  # type: ignore[no-untyped-def]
    page = window.page("tong-quan")
    candidates = page.open_list(status="nurturing")
    assert candidates is window.current_page()
    assert candidates.status_combo.currentData() == "nurturing" and candidates.model.shown() == 2
    field_id = page.overview.by_field[1][0]
    page.open_list(field_id=field_id)
    assert candidates.status_combo.currentData() is None
    assert candidates.field_combo.currentData() == field_id and candidates.model.shown() == 2


def test_background_loading_and_filters_applied_once_the_list_is_there(qtbot, bare_db) -> None:  # type: ignore[no-untyped-def]
    info = fill(bare_db)
    win = MainWindow(AppContext(bare_db, background_loading=True))
    qtbot.addWidget(win)
    page = win.page("tong-quan")
    assert page.is_loading() and page.chart_status is None  # made with the first figures
    with qtbot.waitSignal(page.loaded, timeout=15000):
        pass
    assert page.cards["tracked"].value.text() == "6" and page.chart_status is not None
    assert {bar.key for bar in page.chart_status.bars()} == {"registered", "nurturing", "recognised"}
    candidates = page.open_list(field_id=info["field_ids"][1])  # the list is still loading
    assert candidates.is_loading()
    with qtbot.waitSignal(candidates.loaded, timeout=10000):
        pass
    assert candidates.field_combo.currentData() == info["field_ids"][1]
    assert candidates.model.shown() == 2


def test_load_overview_parallel_and_recent_match_the_plain_queries(bare_db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from dienhinh_desktop.gui.pages.dashboard import _recent_changes, load_overview
    from dienhinh_desktop.models import Candidate, StatusChange

    info = fill(bare_db)
    with bare_db.session() as s:
        assert load_overview(s, info["plan_id"], parallel=True) == load_overview(s, info["plan_id"])
        joined = s.execute(
            select(StatusChange.id)
            .join(Candidate, Candidate.id == StatusChange.candidate_id)
            .where(Candidate.plan_id == info["plan_id"])
            .order_by(StatusChange.changed_at.desc())
        ).scalars()
        assert [c.id for c, _ in _recent_changes(s, info["plan_id"], 3)] == list(joined)[:3]
        assert _recent_changes(s, "no-such-plan", 3) == []


def test_series_and_field_picks_open_the_list(window) -> None:  # type: ignore[no-untyped-def]
    page = window.page("tong-quan")
    spec = page.chart_series.spec
    bar = page.chart_series.bars()[0]  # fill(): this year's registrations and status changes
    assert bar.key == spec.key_at(bar.index, bar.series) and "|" in bar.key
    page.chart_series.on_pick(bar.key)
    candidates = window.current_page()
    assert candidates.status_combo.currentData() == bar.key.split("|")[-1]
    field_id = page.overview.by_field[0][0]
    page.chart_field.on_pick(field_id)
    assert candidates.field_combo.currentData() == field_id and candidates.status_combo.currentData() is None
