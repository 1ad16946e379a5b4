"""A chart painted with QPainter: :class:`ChartView` draws a ``services.charts.ChartSpec``.

No picture library: bars, numbers, gridlines and labels are painted by Qt, antialiased, in
the widget's font and palette, at whatever size and DPI the widget has.

- ``bar`` and ``stacked``/``grouped``: vertical columns over an integer value axis, the
  category labels underneath (wrapped on two lines or elided when long, every other one
  when they do not fit), the axis title under them;
- ``barh``: horizontal bars, first category on top, its labels on the left (up to
  :data:`LABEL_SHARE` of the width, wrapped or elided), the numbers right of the bars;
- the number above (or right of) each bar, the total above each stacked column, the
  value inside a stacked segment when it fits;
- the legend of a several-series chart (``spec.show_legend``) beside the title, or under
  it when there is no room;
- «Chưa có số liệu» in the middle when the spec has nothing to show.

A click on a bar calls ``on_pick(key)`` with the spec's key of that bar
(:meth:`ChartSpec.key_at`); over a bar the cursor is a pointing hand and the tooltip is
"<category> — <series>: <value>". Bars of value 0 are not drawn and cannot be clicked.

    view = ChartView(on_pick=lambda key: print(key), min_height=230)
    view.set_spec(bar_chart(items, title="Theo trạng thái", horizontal=True))
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..services.charts import EMPTY_TEXT, ChartSpec, number_text

LABEL_SHARE = 0.4  # at most this share of the width for the labels left of horizontal bars
BAR_SHARE = 0.66  # a single column's share of its band
GROUP_SHARE = 0.8  # a group's share of its band
MIN_HIT = 5.0  # a thin bar is at least this thick (pixels) under the mouse


@dataclass(frozen=True)
class Bar:
    """One drawn bar (or stacked segment): its spec key and where it is."""

    key: str
    index: int  # category
    series: int
    value: float
    rect: QRectF
    color: str
    hit: QRectF  # the mouse target: ``rect``, at least MIN_HIT thick


@dataclass(frozen=True)
class _Text:
    rect: QRectF
    text: str
    flags: int
    font: str  # "title", "value", "small", "label"
    role: str = "text"  # "text", "muted", "light" (on a dark bar), "dark" (on a light bar)


@dataclass
class _Layout:
    texts: list[_Text] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    grid: list[tuple[QPointF, QPointF]] = field(default_factory=list)
    axis: tuple[QPointF, QPointF] | None = None
    swatches: list[tuple[QRectF, str]] = field(default_factory=list)


# ------------------------------------------------------------------------------ helpers
def nice_ticks(maximum: float, count: int) -> list[int]:
    """Integer ticks from 0 up to ``maximum`` (not beyond: the axis ends at the highest bar)
    with at most ``count`` steps of 1, 2 or 5 × 10ⁿ: ``nice_ticks(23, 4)`` → [0, 5, 10, 15, 20]."""
    top = max(1, math.floor(maximum + 1e-9))
    count = max(1, count)
    magnitude = 1
    while True:
        for m in (1, 2, 5):
            step = m * magnitude
            if top // step <= count:
                return list(range(0, top // step * step + 1, step))
        magnitude *= 10


def wrap_text(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines of ``width``; the last line is
    elided when the text does not fit (a single long word is elided too)."""
    width = max(0.0, width)
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines - 1:
        line = words[0]
        n = 1
        while n < len(words) and metrics.horizontalAdvance(f"{line} {words[n]}") <= width:
            line = f"{line} {words[n]}"
            n += 1
        if metrics.horizontalAdvance(line) > width:
            break  # one word longer than the line: elide it below
        lines.append(line)
        words = words[n:]
    if words:
        rest = " ".join(words)
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return [line for line in lines if line]


def _scaled(font: QFont, factor: float, bold: bool = False) -> QFont:
    out = QFont(font)
    if font.pointSizeF() > 0:
        out.setPointSizeF(max(5.0, font.pointSizeF() * factor))
    else:
        out.setPixelSize(max(7, round(font.pixelSize() * factor)))
    if bold:
        out.setWeight(QFont.Weight.DemiBold)
    return out


def _is_dark(color: str) -> bool:
    c = QColor(color)
    return 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() < 150


def _snap(rect: QRectF) -> QRectF:
    """Whole pixels (crisp edges), at least one pixel wide and high."""
    left, top = round(rect.left()), round(rect.top())
    right, bottom = round(rect.right()), round(rect.bottom())
    return QRectF(left, top, max(1, right - left), max(1, bottom - top))


def _visible(rect: QRectF, horizontal: bool) -> QRectF:
    """A bar of a small value: at least 2 pixels long, so that it is seen."""
    if horizontal and rect.width() < 2:
        rect.setWidth(2)
    elif not horizontal and rect.height() < 2:
        rect.setTop(rect.bottom() - 2)
    return rect


def _hit(rect: QRectF, horizontal: bool) -> QRectF:
    """``rect`` grown away from the axis to at least MIN_HIT thick."""
    if horizontal and rect.width() < MIN_HIT:
        return QRectF(rect.left(), rect.top(), MIN_HIT, rect.height())
    if not horizontal and rect.height() < MIN_HIT:
        return QRectF(rect.left(), rect.bottom() - MIN_HIT, rect.width(), MIN_HIT)
    return QRectF(rect)


# ------------------------------------------------------------------------------ the widget
class ChartView(QWidget):
    """Paints a :class:`ChartSpec`; ``on_pick(key)`` is called when a bar is clicked."""

    def __init__(
        self,
        spec: ChartSpec | None = None,
        on_pick: Callable[[str], object] | None = None,
        *,
        min_height: int = 0,
        hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._spec = spec
        self.on_pick = on_pick
        self.hint = hint  # a second tooltip line over a bar («Nhấp để mở …»)
        self._layout: _Layout | None = None
        self._layout_size = QSize()
        self._hover: str | None = None
        self._pressed: str | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if min_height:
            self.setMinimumHeight(min_height)
        self._update_accessible()

    # -- data ------------------------------------------------------------------------------
    @property
    def spec(self) -> ChartSpec | None:
        return self._spec

    def set_spec(self, spec: ChartSpec | None) -> None:
        self._spec = spec
        self._hover = None
        self._pressed = None
        self._invalidate()
        self._update_accessible()

    def bars(self) -> list[Bar]:
        """The bars drawn at the widget's present size."""
        return list(self._current().bars)

    def bar_rect(self, key: str) -> QRectF | None:
        """Where the bar of ``key`` is drawn (None: no such bar, or its value is 0)."""
        for bar in self._current().bars:
            if bar.key == key:
                return QRectF(bar.rect)
        return None

    def bar_at(self, pos: QPointF | QPoint) -> Bar | None:
        """The bar under ``pos`` (widget coordinates)."""
        point = QPointF(pos)
        bars = self._current().bars
        for bar in bars:
            if bar.rect.contains(point):
                return bar
        for bar in reversed(bars):
            if bar.hit.contains(point):
                return bar
        return None

    def key_at(self, pos: QPointF | QPoint) -> str | None:
        """The spec key of the bar under ``pos`` (widget coordinates), None off the bars."""
        bar = self.bar_at(pos)
        return bar.key if bar else None

    def tooltip_at(self, pos: QPointF | QPoint) -> str | None:
        """The tooltip of the bar under ``pos``: "<category> — <series>: <value>", then the hint."""
        bar = self.bar_at(pos)
        if bar is None or self._spec is None:
            return None
        spec = self._spec
        text = f"{spec.categories[bar.index][1]} — {spec.series[bar.series].label}: {number_text(bar.value)}"
        return f"{text}\n{self.hint}" if self.hint else text

    # -- Qt --------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, max(160, self.minimumHeight()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(120, max(80, self.minimumHeight()))

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        self._layout = None
        super().resizeEvent(event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._invalidate()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos())
            text = self.tooltip_at(event.pos())
            if text and bar is not None:
                QToolTip.showText(event.globalPos(), text, self, bar.hit.toAlignedRect())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._set_hover(self.key_at(event.position()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self._set_hover(None)
        super().leaveEvent(event)  # type: ignore[arg-type]

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.key_at(event.position())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            key = self.key_at(event.position())
            pressed, self._pressed = self._pressed, None
            if key is not None and key == pressed and self.on_pick is not None:
                self.on_pick(key)
                return
        super().mouseReleaseEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        layout = self._current()
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            self._paint(painter, layout)
        finally:
            painter.end()

    # -- inside ------------------------------------------------------------------------------
    def _invalidate(self) -> None:
        self._layout = None
        self.update()

    def _update_accessible(self) -> None:
        self.setAccessibleName(self._spec.title if self._spec else "")

    def _set_hover(self, key: str | None) -> None:
        if key == self._hover:
            return
        self._hover = key
        if key is not None and self.on_pick is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()
        self.update()

    def _current(self) -> _Layout:
        if self._layout is None or self._layout_size != self.size():
            self._layout = self._compute(float(self.width()), float(self.height()))
            self._layout_size = self.size()
        return self._layout

    def _fonts(self) -> dict[str, QFont]:
        base = self.font()
        return {
            "title": _scaled(base, 1.0, bold=True),
            "label": _scaled(base, 0.92),
            "value": _scaled(base, 0.88),
            "small": _scaled(base, 0.82),
        }

    def _metrics(self) -> dict[str, QFontMetricsF]:
        return {name: QFontMetricsF(font, self) for name, font in self._fonts().items()}

    def _colors(self) -> dict[str, QColor]:
        text = self.palette().color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlphaF(0.72)
        grid = QColor(text)
        grid.setAlphaF(0.12)
        axis = QColor(text)
        axis.setAlphaF(0.45)
        return {
            "text": text,
            "muted": muted,
            "grid": grid,
            "axis": axis,
            "light": QColor("#ffffff"),
            "dark": QColor("#1f2d3d"),
        }

    def _paint(self, painter: QPainter, layout: _Layout) -> None:
        colors = self._colors()
        fonts = self._fonts()
        pen = QPen(colors["grid"], 1)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for a, b in layout.grid:
            painter.drawLine(a, b)
        painter.setPen(Qt.PenStyle.NoPen)
        for bar in layout.bars:
            color = QColor(bar.color)
            if bar.key == self._hover and self.on_pick is not None:
                color = color.lighter(118)
            painter.fillRect(bar.rect, color)
        for rect, color in layout.swatches:
            painter.fillRect(rect, QColor(color))
        if layout.axis is not None:
            pen = QPen(colors["axis"], 1)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawLine(*layout.axis)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for t in layout.texts:
            painter.setFont(fonts[t.font])
            painter.setPen(colors[t.role])
            painter.drawText(t.rect, t.flags, t.text)

    # -- geometry ----------------------------------------------------------------------------
    def _compute(self, width: float, height: float) -> _Layout:
        out = _Layout()
        spec = self._spec
        if spec is None or width < 8 or height < 8:
            return out
        fm = self._metrics()
        pad = max(2.0, round(fm["label"].height() * 0.35))
        left, top, right, bottom = pad, pad, width - pad, height - pad
        gap = round(fm["label"].height() * 0.3)
        title_h = fm["title"].height()
        legend = spec.show_legend and len(spec.series) > 0 and not spec.is_empty
        items = self._legend_items(fm["small"]) if legend else []
        legend_w = sum(w for w, _, _ in items) + gap * 1.5 * max(0, len(items) - 1)
        title_w = fm["title"].horizontalAdvance(spec.title) if spec.title else 0.0
        flags_left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if spec.title:
            room = right - left
            beside = bool(items) and title_w + 2 * gap + legend_w <= room
            text = fm["title"].elidedText(spec.title, Qt.TextElideMode.ElideRight, max(0.0, room))
            out.texts.append(_Text(QRectF(left, top, room, title_h), text, flags_left, "title"))
            if beside:
                self._place_legend(out, items, right - legend_w, right, top, title_h, gap, fm["small"])
                items = []
            top += title_h + gap
        if items:
            top = self._place_legend(out, items, left, right, top, fm["small"].height(), gap, fm["small"])
            top += gap
        if spec.is_empty:
            rect = QRectF(left, top, max(0.0, right - left), max(0.0, bottom - top))
            out.texts.append(_Text(rect, EMPTY_TEXT, int(Qt.AlignmentFlag.AlignCenter), "label", "muted"))
            return out
        if spec.axis_title:
            h = fm["small"].height()
            out.texts.append(
                _Text(
                    QRectF(left, bottom - h, max(0.0, right - left), h),
                    fm["small"].elidedText(spec.axis_title, Qt.TextElideMode.ElideRight, right - left),
                    int(Qt.AlignmentFlag.AlignCenter),
                    "small",
                    "muted",
                )
            )
            bottom -= h + gap * 0.5
        if bottom - top < 6 or right - left < 6:
            return out
        if spec.kind == "barh":
            self._horizontal(out, fm, QRectF(left, top, right - left, bottom - top), gap)
        else:
            self._vertical(out, fm, QRectF(left, top, right - left, bottom - top), gap)
        return out

    def _legend_items(self, fm: QFontMetricsF) -> list[tuple[float, str, str]]:
        """(width, label, colour) of each series."""
        assert self._spec is not None
        sw = round(fm.height() * 0.7)
        return [
            (sw + fm.height() * 0.3 + math.ceil(fm.horizontalAdvance(s.label)) + 2, s.label, s.color)
            for s in self._spec.series
        ]

    def _place_legend(
        self,
        out: _Layout,
        items: Sequence[tuple[float, str, str]],
        left: float,
        right: float,
        top: float,
        line_h: float,
        gap: float,
        fm: QFontMetricsF,
    ) -> float:
        """Legend items flowing from ``left`` (new lines when full); the bottom they reach."""
        sw = round(fm.height() * 0.7)
        x, y = left, top
        for w, label, color in items:
            if x > left and x + w > right + 0.5:
                x, y = left, y + line_h
            w = min(w, right - x)
            out.swatches.append((_snap(QRectF(x, y + (line_h - sw) / 2, sw, sw)), color))
            tx = x + sw + fm.height() * 0.3
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, max(0.0, x + w - tx))
            out.texts.append(
                _Text(
                    QRectF(tx, y, max(0.0, x + w - tx), line_h),
                    text,
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    "small",
                )
            )
            x += w + gap * 1.5
        return y + line_h

    def _vertical(self, out: _Layout, fm: dict[str, QFontMetricsF], area: QRectF, gap: float) -> None:
        spec = self._spec
        assert spec is not None
        n = len(spec.categories)
        ns = len(spec.series)
        value_h = fm["value"].height()
        label_h = fm["label"].height()
        tick_h = fm["small"].height()
        top = area.top() + value_h + gap * 0.5  # room for the numbers above the highest bar
        for lines in (1, 2):
            bottom = area.bottom() - lines * label_h - gap * 0.5
            plot_h = bottom - top
            ticks = nice_ticks(spec.maximum(), int(plot_h / (tick_h * 1.9)))
            tick_w = max(fm["small"].horizontalAdvance(number_text(t)) for t in ticks)
            left = area.left() + tick_w + gap
            band = (area.right() - left) / n
            widths = [fm["label"].horizontalAdvance(label) for label in spec.labels]
            if max(widths) <= band - gap or lines == 2:
                break
            if plot_h - label_h < 3 * label_h:  # no room for a second line
                break
        if plot_h < 4 or band <= 0:
            return
        plot = QRectF(left, top, area.right() - left, plot_h)
        scale = plot.height() / max(spec.maximum(), ticks[-1])
        flags_right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for t in ticks:
            y = round(plot.bottom() - t * scale) + 0.5
            if t:
                out.grid.append((QPointF(plot.left(), y), QPointF(plot.right(), y)))
            out.texts.append(
                _Text(
                    QRectF(area.left(), y - tick_h / 2, tick_w, tick_h),
                    number_text(t),
                    flags_right,
                    "small",
                    "muted",
                )
            )
        y0 = round(plot.bottom()) + 0.5
        out.axis = (QPointF(plot.left(), y0), QPointF(plot.right(), y0))
        # category labels: wrapped or elided, every k-th one when they do not fit
        room = band - gap * 0.5
        stride = 1
        if lines == 1 and band < label_h * 3:  # narrow columns: every k-th label, whole
            while stride < n and max(widths) > stride * band - gap * 0.5:
                stride += 1
            room = stride * band - gap * 0.5
        center = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        for i, label in enumerate(spec.labels):
            if i % stride:
                continue
            cx = plot.left() + band * (i + 0.5)
            for j, line in enumerate(wrap_text(label, fm["label"], room, lines)):
                out.texts.append(
                    _Text(
                        QRectF(cx - room / 2, plot.bottom() + gap * 0.4 + j * label_h, room, label_h),
                        line,
                        center,
                        "label",
                    )
                )
        # the bars
        bottom_center = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        em = label_h
        if spec.kind == "grouped":
            group = band * GROUP_SHARE
            bar_w = min(group / ns, em * 2.6)
        else:
            bar_w = min(band * BAR_SHARE, em * 4.5)
        for i in range(n):
            cx = plot.left() + band * (i + 0.5)
            if spec.kind == "stacked":
                several = (
                    sum(1 for series in spec.series if series.values[i] > 0) > 1
                )  # else the total says it
                base = 0.0
                for s, series in enumerate(spec.series):
                    v = series.values[i]
                    if v <= 0:
                        continue
                    y1 = plot.bottom() - base * scale
                    y2 = plot.bottom() - (base + v) * scale
                    rect = _snap(QRectF(cx - bar_w / 2, y2, bar_w, y1 - y2))
                    if base > 0 and rect.height() > 2:  # a hairline between segments
                        rect.setBottom(rect.bottom() - 1)
                    color = spec.color_of(series, i)
                    out.bars.append(Bar(spec.key_at(i, s), i, s, v, rect, color, _hit(rect, False)))
                    text = number_text(v)
                    tw = fm["small"].horizontalAdvance(text)
                    if several and rect.height() >= tick_h and tw <= rect.width() - 2:
                        out.texts.append(
                            _Text(
                                rect,
                                text,
                                int(Qt.AlignmentFlag.AlignCenter),
                                "small",
                                "light" if _is_dark(color) else "dark",
                            )
                        )
                    base += v
                if base > 0:
                    text = number_text(base)
                    if fm["value"].horizontalAdvance(text) <= stride * band:
                        y = plot.bottom() - base * scale
                        out.texts.append(
                            _Text(
                                QRectF(cx - band / 2, y - value_h - 1, band, value_h),
                                text,
                                bottom_center,
                                "value",
                            )
                        )
                continue
            for s, series in enumerate(spec.series):
                v = series.values[i]
                if spec.kind == "grouped":
                    x = cx - bar_w * ns / 2 + s * bar_w
                    slot = bar_w
                else:
                    x = cx - bar_w / 2
                    slot = band
                text = number_text(v)
                tw = fm["value"].horizontalAdvance(text)
                y = plot.bottom() - v * scale
                if v > 0:
                    inset = 0.5 if spec.kind == "grouped" else 0.0  # a hairline between grouped bars
                    rect = _visible(_snap(QRectF(x + inset, y, bar_w - 2 * inset, v * scale)), False)
                    color = spec.color_of(series, i)
                    out.bars.append(Bar(spec.key_at(i, s), i, s, v, rect, color, _hit(rect, False)))
                if (v > 0 or ns == 1) and tw <= slot + gap * 0.3:
                    mid = x + bar_w / 2
                    out.texts.append(
                        _Text(
                            QRectF(mid - slot / 2 - gap, y - value_h - 1, slot + 2 * gap, value_h),
                            text,
                            bottom_center,
                            "value",
                        )
                    )

    def _horizontal(self, out: _Layout, fm: dict[str, QFontMetricsF], area: QRectF, gap: float) -> None:
        spec = self._spec
        assert spec is not None
        n = len(spec.categories)
        label_h = fm["label"].height()
        tick_h = fm["small"].height()
        series = spec.series[0]
        widths = [fm["label"].horizontalAdvance(label) for label in spec.labels]
        label_w = min(max(widths), area.width() * LABEL_SHARE)
        value_w = max(fm["value"].horizontalAdvance(number_text(v)) for v in series.values) + gap
        left = area.left() + label_w + gap * 1.2
        right = area.right() - value_w
        bottom = area.bottom() - tick_h - gap * 0.3
        top = area.top() + gap * 0.3
        if right - left < 6 or bottom - top < 4:
            return
        plot = QRectF(left, top, right - left, bottom - top)
        widest = fm["small"].horizontalAdvance(number_text(max(1, math.ceil(spec.maximum()))))
        ticks = nice_ticks(spec.maximum(), int(plot.width() / (widest + label_h * 1.5)))
        scale = plot.width() / max(spec.maximum(), ticks[-1])
        center = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        for t in ticks:
            x = round(plot.left() + t * scale) + 0.5
            if t:
                out.grid.append((QPointF(x, plot.top()), QPointF(x, plot.bottom())))
            tw = fm["small"].horizontalAdvance(number_text(t)) + 4
            out.texts.append(
                _Text(
                    QRectF(x - tw / 2, plot.bottom() + gap * 0.3, tw, tick_h),
                    number_text(t),
                    center,
                    "small",
                    "muted",
                )
            )
        x0 = round(plot.left()) + 0.5
        out.axis = (QPointF(x0, plot.top()), QPointF(x0, plot.bottom()))
        band = plot.height() / n
        bar_h = min(band * 0.7, label_h * 1.6)
        lines = 2 if band >= 2 * label_h * 1.02 else 1
        stride = 1
        while stride < n and stride * band < label_h * 0.8:
            stride += 1
        right_mid = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        left_mid = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, (label, v) in enumerate(zip(spec.labels, series.values, strict=True)):
            cy = plot.top() + band * (i + 0.5)
            if i % stride == 0:
                text_lines = wrap_text(label, fm["label"], label_w, lines)
                h = label_h * len(text_lines)
                out.texts.append(
                    _Text(
                        QRectF(area.left(), cy - h / 2, label_w, h),
                        "\n".join(text_lines),
                        right_mid,
                        "label",
                    )
                )
            w = v * scale
            if v > 0:
                rect = _visible(_snap(QRectF(plot.left() + 1, cy - bar_h / 2, w, bar_h)), True)
                color = spec.color_of(series, i)
                out.bars.append(Bar(spec.key_at(i), i, 0, v, rect, color, _hit(rect, True)))
            if stride == 1 or i % stride == 0:
                out.texts.append(
                    _Text(
                        QRectF(plot.left() + w + gap * 0.7, cy - label_h / 2, value_w, label_h),
                        number_text(v),
                        left_mid,
                        "value",
                    )
                )
