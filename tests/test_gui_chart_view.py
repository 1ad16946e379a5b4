"""``gui.chart_view.ChartView``: paints every kind of ``ChartSpec`` at any size, finds the bar
under the mouse, calls ``on_pick`` with its key, shows its tooltip."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QHelpEvent, QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QToolTip  # noqa: E402

from dienhinh_desktop.gui.chart_view import ChartView, nice_ticks, wrap_text  # noqa: E402
from dienhinh_desktop.services.charts import (  # noqa: E402
    KIND_COLORS,
    STATUS_COLORS,
    ChartSpec,
    bar_chart,
    multi_chart,
    series_chart,
)

STATUS = [
    ("registered", "Đã đăng ký", 45),
    ("nurturing", "Đang bồi dưỡng", 1114),
    ("self_assessed", "Đã tự đánh giá", 51),
    ("recognised", "Được công nhận", 15),
    ("rewarded", "Được khen thưởng", 1),
]
KINDS = [("collective", "Tập thể", 74), ("individual", "Cá nhân", 175), ("household", "Hộ gia đình", 0)]
MONTHS = [
    (f"{m:02d}/2026", {"registered": 3 * m % 7, "nurturing": m % 4, "recognised": 2 if m == 5 else 0})
    for m in range(1, 13)
]


def specs() -> dict[str, ChartSpec]:
    return {
        "bar": bar_chart(KINDS, title="Đang theo dõi theo loại", colors=KIND_COLORS),
        "barh": bar_chart(STATUS, title="Theo trạng thái", horizontal=True, colors=STATUS_COLORS),
        "grouped": multi_chart(
            "grouped",
            [("collective", "Tập thể"), ("individual", "Cá nhân")],
            [("previous", "Kỳ trước", [3, 0], "#b9c3cc"), ("current", "Kỳ này", [5, 8], "#4e79a7")],
            title="Kết quả trong kỳ so với kỳ trước",
        ),
        "stacked": series_chart(MONTHS, title="Kết quả từng tháng năm 2026"),
        "empty": bar_chart([], title="Đang theo dõi theo lĩnh vực", horizontal=True),
        "zeros": bar_chart([("a", "A", 0)], title=""),
    }


@pytest.fixture
def view(qtbot):  # type: ignore[no-untyped-def]
    picked: list[str] = []
    v = ChartView(on_pick=picked.append, hint="Nhấp để mở danh sách")
    v.picked = picked  # type: ignore[attr-defined]
    qtbot.addWidget(v)
    v.resize(560, 260)
    return v


def _paint(view: ChartView, width: int, height: int) -> QImage:
    view.resize(width, height)
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    view.render(image)
    return image


@pytest.mark.parametrize("name", ["bar", "barh", "grouped", "stacked", "empty", "zeros"])
def test_every_kind_paints_at_any_size(view, name: str) -> None:  # type: ignore[no-untyped-def]
    view.set_spec(specs()[name])
    for w, h in [(560, 260), (1200, 240), (150, 90), (40, 30), (3, 3), (0, 0)]:
        image = _paint(view, w, h)
        assert image.width() == max(1, w)
        for bar in view.bars():  # inside the widget
            assert view.rect().toRectF().adjusted(-1, -1, 1, 1).contains(bar.rect)
    view.set_spec(None)
    _paint(view, 200, 100)
    assert view.bars() == []


def test_bars_have_their_colours_and_the_empty_text_shows(view) -> None:  # type: ignore[no-untyped-def]
    view.set_spec(specs()["bar"])
    image = _paint(view, 560, 260)
    rect = view.bar_rect("individual")
    assert image.pixelColor(rect.center().toPoint()) == QColor(KIND_COLORS["individual"])
    assert view.bar_rect("household") is None  # value 0: nothing to click
    view.set_spec(specs()["empty"])
    blank = _paint(view, 560, 260)
    assert view.bars() == []
    middle = [blank.pixelColor(x, 130 + dy) for x in range(200, 360) for dy in (-4, 0, 4)]
    assert any(c != QColor("white") for c in middle)  # «Chưa có số liệu»


@pytest.mark.parametrize("name", ["bar", "barh", "grouped", "stacked"])
def test_key_at_finds_the_bar(view, name: str) -> None:  # type: ignore[no-untyped-def]
    spec = specs()[name]
    view.set_spec(spec)
    bars = view.bars()
    expected = {
        spec.key_at(i, s)
        for s, series in enumerate(spec.series)
        for i, v in enumerate(series.values)
        if v > 0
    }
    assert {b.key for b in bars} == expected
    for bar in bars:
        assert view.key_at(view.bar_rect(bar.key).center()) == bar.key
    assert view.key_at(QPointF(2, 2)) is None  # the title's corner
    assert view.key_at(QPoint(view.width() - 2, view.height() - 2)) is None


def test_horizontal_bars_go_top_down_and_columns_left_to_right(view) -> None:  # type: ignore[no-untyped-def]
    view.set_spec(specs()["barh"])
    tops = [view.bar_rect(k).top() for k, _, _ in STATUS]
    assert tops == sorted(tops)
    widths = {k: view.bar_rect(k).width() for k, _, _ in STATUS}
    assert widths["nurturing"] > widths["registered"] > widths["recognised"] > widths["rewarded"] >= 2
    view.set_spec(specs()["grouped"])
    prev, cur = view.bar_rect("collective|previous"), view.bar_rect("collective|current")
    assert prev.right() <= cur.left() and prev.bottom() == cur.bottom() and cur.height() > prev.height()
    assert view.bar_rect("individual|previous") is None  # 0
    view.set_spec(specs()["stacked"])
    low, high = view.bar_rect("01/2026|registered"), view.bar_rect("01/2026|nurturing")
    assert high.bottom() <= low.top() and abs(high.center().x() - low.center().x()) < 1


def test_click_calls_on_pick_with_the_key(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.set_spec(specs()["barh"])
    view.show()
    qtbot.waitExposed(view)
    pos = view.bar_rect("recognised").center().toPoint()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=pos)
    assert view.picked == ["recognised"]
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))  # off the bars
    qtbot.mouseClick(view, Qt.MouseButton.RightButton, pos=pos)
    assert view.picked == ["recognised"]
    view.set_spec(specs()["stacked"])
    qtbot.mouseClick(
        view, Qt.MouseButton.LeftButton, pos=view.bar_rect("05/2026|recognised").center().toPoint()
    )
    assert view.picked == ["recognised", "05/2026|recognised"]


def test_hover_cursor_and_tooltip(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.set_spec(specs()["barh"])
    view.show()
    qtbot.waitExposed(view)
    pos = view.bar_rect("nurturing").center().toPoint()
    assert view.tooltip_at(pos) == "Đang bồi dưỡng — Số lượng: 1.114\nNhấp để mở danh sách"
    assert view.tooltip_at(QPoint(3, 3)) is None
    qtbot.mouseMove(view, pos)
    qtbot.waitUntil(lambda: view.cursor().shape() == Qt.CursorShape.PointingHandCursor, timeout=1000)
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, pos, view.mapToGlobal(pos)))
    assert QToolTip.text() == "Đang bồi dưỡng — Số lượng: 1.114\nNhấp để mở danh sách"
    off = QHelpEvent(QEvent.Type.ToolTip, QPoint(3, 3), view.mapToGlobal(QPoint(3, 3)))
    QApplication.sendEvent(view, off)
    assert not off.isAccepted()
    qtbot.mouseMove(view, QPoint(3, 3))
    qtbot.waitUntil(lambda: view.cursor().shape() == Qt.CursorShape.ArrowCursor, timeout=1000)
    view.set_spec(specs()["grouped"])
    view.hint = ""
    pos = view.bar_rect("individual|current").center()
    assert view.tooltip_at(pos) == "Cá nhân — Kỳ này: 8"


def test_helpers(qapp) -> None:  # type: ignore[no-untyped-def]
    assert nice_ticks(23, 4) == [0, 5, 10, 15, 20]
    assert nice_ticks(114, 2) == [0, 50, 100]
    assert nice_ticks(3, 10) == [0, 1, 2, 3]
    assert nice_ticks(1, 5) == [0, 1]
    assert nice_ticks(0, 5) == [0, 1]
    assert nice_ticks(1234, 4) == [0, 500, 1000]
    from PySide6.QtGui import QFont, QFontMetricsF

    fm = QFontMetricsF(QFont())
    text = "LV3. Mặt trận Tổ quốc, đoàn thể, hội quần chúng"
    width = fm.horizontalAdvance("LV3. Mặt trận Tổ quốc,") + 1
    lines = wrap_text(text, fm, width, 2)
    assert lines[0] == "LV3. Mặt trận Tổ quốc," and len(lines) == 2 and lines[1].endswith("…")
    assert wrap_text(text, fm, 10_000, 2) == [text]
    assert wrap_text(text, fm, 0, 2) == []
