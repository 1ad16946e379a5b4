"""Charts of the main figures as plain data — what to draw, not how.

A :class:`ChartSpec` names the chart's kind, its categories and its series (with colours),
and the key a click on each bar stands for. Three faces draw the same spec:

- the Word report and the Excel workbook write *native* Office charts
  (``documents.office_charts``): the officer can restyle them, and Word, Excel and
  LibreOffice draw them themselves — no picture library in the program;
- the overview page paints them with QPainter (``gui.chart_view``), and a click on a
  bar gives its key (:meth:`ChartSpec.key_at`).

Kinds: ``bar`` (one series, vertical), ``barh`` (one series, horizontal, first category on
top), ``grouped`` (several series side by side), ``stacked`` (several series stacked, the
total above each column). A single-series chart may colour each category
(``category_colors``). Keys: a single-series bar is its category key; a grouped or stacked
segment is "<category key>|<series key>".

    specs = report_charts(figures)   # {"compare": ChartSpec, "series": …} for the report
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["bar", "barh", "grouped", "stacked"]

# One colour per figure of the report (registered, nurtured, recognised, rewarded, replicated).
MEASURE_COLORS = {
    "registered": "#4e79a7",
    "nurturing": "#f28e2b",
    "recognised": "#59a14f",
    "rewarded": "#b07aa1",
    "replicating": "#e15759",
}
STATUS_COLORS = {
    "discovered": "#bab0ac",
    "registered": "#4e79a7",
    "nurturing": "#f28e2b",
    "self_assessed": "#edc948",
    "appraised": "#76b7b2",
    "proposed": "#9c755f",
    "recognised": "#59a14f",
    "rewarded": "#b07aa1",
    "replicating": "#e15759",
    "removed": "#8c8c8c",
    "replaced": "#bab0ac",
}
KIND_COLORS = {"collective": "#4e79a7", "individual": "#f28e2b", "household": "#59a14f"}
PREVIOUS_COLOR = "#b9c3cc"
DEFAULT_COLOR = "#4e79a7"
EMPTY_TEXT = "Chưa có số liệu"


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    values: tuple[float, ...]
    color: str = DEFAULT_COLOR


@dataclass(frozen=True)
class ChartSpec:
    """One chart. ``categories`` are ``(key, label)``; every series has one value per
    category. ``axis_title`` names the category axis ("Tháng (năm 2026)"), ``height_mm`` is
    the chart's height on paper (width is the page's)."""

    kind: Kind
    title: str
    categories: tuple[tuple[str, str], ...]
    series: tuple[Series, ...]
    category_colors: Mapping[str, str] | None = None
    axis_title: str = ""
    height_mm: float = 80
    show_legend: bool = field(default=False)

    @property
    def labels(self) -> list[str]:
        return [label for _, label in self.categories]

    @property
    def is_empty(self) -> bool:
        return not self.categories or not any(v for s in self.series for v in s.values)

    def color_of(self, series: Series, index: int) -> str:
        """The colour of one bar: the category's own colour in a single-series chart that
        has them, else the series'."""
        if self.category_colors is not None and len(self.series) == 1:
            return self.category_colors.get(self.categories[index][0], series.color)
        return series.color

    def key_at(self, index: int, series_index: int = 0) -> str:
        """What a click on the bar of category ``index`` in series ``series_index`` opens."""
        cat = self.categories[index][0]
        if len(self.series) == 1 and self.kind in ("bar", "barh"):
            return cat
        return f"{cat}|{self.series[series_index].key}"

    def totals(self) -> list[float]:
        """The height of each column of a stacked chart (the sum of its series)."""
        return [sum(s.values[i] for s in self.series) for i in range(len(self.categories))]

    def maximum(self) -> float:
        if self.kind == "stacked":
            return max(self.totals(), default=0)
        return max((v for s in self.series for v in s.values), default=0)


def number_text(x: float) -> str:
    """12345 → "12.345" (Vietnamese thousands separator)."""
    return f"{int(x):,}".replace(",", ".")


def bar_chart(
    items: Sequence[tuple[str, str, float]],
    *,
    title: str,
    horizontal: bool = False,
    colors: Mapping[str, str] | str | None = None,
    label: str = "Số lượng",
    height_mm: float = 70,
) -> ChartSpec:
    """One series of ``(key, label, value)``; ``colors`` per key or one colour for all."""
    color = colors if isinstance(colors, str) else DEFAULT_COLOR
    return ChartSpec(
        kind="barh" if horizontal else "bar",
        title=title,
        categories=tuple((k, lab) for k, lab, _ in items),
        series=(Series("value", label, tuple(float(v) for _, _, v in items), color),),
        category_colors=colors if isinstance(colors, Mapping) else None,
        height_mm=height_mm,
    )


def multi_chart(
    kind: Literal["grouped", "stacked"],
    categories: Sequence[tuple[str, str]],
    series: Sequence[tuple[str, str, Sequence[float], str]],
    *,
    title: str,
    axis_title: str = "",
    height_mm: float = 80,
) -> ChartSpec:
    """Several series ``(key, label, values, colour)`` over ``categories`` ``(key, label)``."""
    return ChartSpec(
        kind=kind,
        title=title,
        categories=tuple((k, lab) for k, lab in categories),
        series=tuple(Series(k, lab, tuple(float(v) for v in values), c) for k, lab, values, c in series),
        axis_title=axis_title,
        height_mm=height_mm,
        show_legend=True,
    )


def short_period_labels(labels: Sequence[str]) -> tuple[list[str], str]:
    """Month labels "03/2026" → ("T3", "Tháng (năm 2026)") when they share one year,
    else "3/26"; year labels stay as they are."""
    if not labels or "/" not in labels[0]:
        return list(labels), ""
    years = {label.split("/")[1] for label in labels}
    if len(years) == 1:
        return [f"T{int(label.split('/')[0])}" for label in labels], f"Tháng (năm {years.pop()})"
    return [f"{int(label.split('/')[0])}/{label.split('/')[1][-2:]}" for label in labels], "Tháng/năm"


def series_chart(
    periods: Sequence[tuple[str, Mapping[str, float]]], *, title: str, height_mm: float = 82
) -> ChartSpec:
    """The five measures per period ("03/2026" or "2026") stacked; a segment's key is
    "<period label>|<measure>"."""
    from .reports import MEASURES

    labels = [label for label, _ in periods]
    ticks, axis_title = short_period_labels(labels)
    return multi_chart(
        "stacked",
        list(zip(labels, ticks, strict=True)),
        [(k, lab, [v.get(k, 0) for _, v in periods], MEASURE_COLORS[k]) for k, lab in MEASURES],
        title=title,
        axis_title=axis_title,
        height_mm=height_mm,
    )


# ------------------------------------------------------------------------------ the report's charts
def report_charts(figures: Any) -> dict[str, ChartSpec]:
    """The charts of a periodic report (``services.reports.ReportFigures``): ``compare``
    (this period against the previous one), ``series`` (per month), ``status`` (at the end
    of the period), ``kind`` and ``field`` (the five figures per kind, tracked per field),
    ``ethnicity``."""
    from .reports import MEASURES, status_rows

    cur, prev = figures.current, figures.previous
    charts: dict[str, ChartSpec] = {}
    charts["compare"] = multi_chart(
        "grouped",
        MEASURES,
        [
            (
                "previous",
                f"Kỳ trước ({prev.period.short_label})",
                [prev.events.get(k, 0) for k, _ in MEASURES],
                PREVIOUS_COLOR,
            ),
            (
                "current",
                f"Kỳ này ({cur.period.short_label})",
                [cur.events.get(k, 0) for k, _ in MEASURES],
                MEASURE_COLORS["registered"],
            ),
        ],
        title="Kết quả trong kỳ so với kỳ trước (số tập thể, cá nhân, hộ gia đình)",
        height_mm=78,
    )
    labels = [label for label, _ in figures.series]
    charts["series"] = series_chart(
        figures.series,
        title="Diễn biến theo tháng" if labels and "/" in labels[0] else "Diễn biến theo năm",
    )
    rows = status_rows(figures.status_at_end)
    charts["status"] = bar_chart(
        rows,
        title=f"Điển hình theo trạng thái cuối kỳ ({figures.period.short_label})",
        horizontal=True,
        colors=STATUS_COLORS,
        height_mm=max(55, 14 + 8 * len(rows)),
    )
    kind = figures.breakdowns["kind"]
    charts["kind"] = multi_chart(
        "grouped",
        [(r.key, r.label) for r in kind.rows],
        [(k, lab, [r.get(k) for r in kind.rows], MEASURE_COLORS[k]) for k, lab in MEASURES],
        title="Kết quả trong kỳ theo loại điển hình",
        height_mm=75,
    )
    fields = figures.breakdowns["field"]
    items = [(r.key, r.label, r.tracked) for r in fields.rows]
    charts["field"] = bar_chart(
        items,
        title="Điển hình đang theo dõi cuối kỳ theo lĩnh vực",
        horizontal=True,
        colors=DEFAULT_COLOR,
        height_mm=max(55, 16 + 9 * len(items)),
    )
    eth = figures.breakdowns["ethnicity"]
    items = [(r.key, r.label, r.tracked) for r in eth.rows if not r.is_subtotal]
    charts["ethnicity"] = bar_chart(
        items,
        title="Cá nhân, chủ hộ đang theo dõi cuối kỳ theo dân tộc",
        colors="#76b7b2",
        height_mm=65,
    )
    return charts
