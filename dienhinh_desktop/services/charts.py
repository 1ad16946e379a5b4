"""Charts of the main figures, drawn with matplotlib — never by hand, never with Qt.

The drawing functions take a :class:`matplotlib.figure.Figure` and fill it, so the same
chart goes into the Word report (:func:`save_png`, the Agg canvas: a PNG file) and onto the
overview page (the GUI wraps the figure in ``FigureCanvasQTAgg``). This module imports only
``matplotlib.figure`` and ``matplotlib.backends.backend_agg``: no pyplot, no global backend
switch, no Qt.

Bars carry their key in ``gid`` and are pickable (``picker=True``): a click on a bar in the
GUI tells which status, kind or field it stands for. Labels are Vietnamese, in DejaVu Sans
(shipped with matplotlib, full Vietnamese coverage).

    figs = report_charts(figures, out_dir)   # {"status": Path, "kind": Path, …} for the report
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.ticker
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

FONT = "DejaVu Sans"
RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 9,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#9aa3ad",
    "axes.labelcolor": "#333333",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "svg.fonttype": "none",
}
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
MM = 1 / 25.4


SMALL = {"font.size": 7.5, "axes.titlesize": 9}


@contextmanager
def style(small: bool = False) -> Any:
    """The chart style (fonts, spines) for the drawing calls inside; ``small`` for the
    overview page's little charts."""
    with matplotlib.rc_context({**RC, **(SMALL if small else {})}):
        yield


def wrap(label: str, width: int = 26) -> str:
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def _n(x: float) -> str:
    return f"{int(x):,}".replace(",", ".")


def _empty(ax: Any, text: str = "Chưa có số liệu") -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", color="#777777", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _title(fig: Figure, title: str) -> None:
    if title:
        fig.suptitle(
            title, x=0.01, ha="left", fontsize=matplotlib.rcParams["axes.titlesize"], fontweight="bold"
        )


def _int_axis(axis: Any) -> None:
    axis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=5))


def draw_bars(
    fig: Figure,
    items: Sequence[tuple[str, str, float]],
    *,
    title: str = "",
    horizontal: bool = False,
    colors: dict[str, str] | str | None = None,
    wrap_width: int = 26,
    value_suffix: str = "",
    small: bool = False,
) -> list[Any]:
    """Bars of ``(key, label, value)``; the bar's ``gid`` is its key. Returns the bars."""
    with style(small):
        fig.clear()
        ax = fig.add_subplot(111)
        _title(fig, title)
        if not items or not any(v for _, _, v in items):
            _empty(ax)
            fig.tight_layout()
            return []
        keys = [k for k, _, _ in items]
        labels = [wrap(label, wrap_width) for _, label, _ in items]
        values = [v for _, _, v in items]
        if isinstance(colors, dict):
            color = [colors.get(k, DEFAULT_COLOR) for k in keys]
        else:
            color = [colors or DEFAULT_COLOR] * len(keys)
        top = max(values) or 1
        if horizontal:
            pos = list(range(len(items)))[::-1]  # first item on top
            bars = ax.barh(pos, values, color=color, height=0.62, picker=True)
            ax.set_yticks(pos, labels)
            ax.set_xlim(0, top * 1.18)
            _int_axis(ax.xaxis)
            ax.spines["left"].set_visible(False)
            ax.tick_params(axis="y", length=0)
            for bar, v in zip(bars, values, strict=True):
                ax.text(
                    bar.get_width() + top * 0.015,
                    bar.get_y() + bar.get_height() / 2,
                    _n(v) + value_suffix,
                    va="center",
                    fontsize="small",
                )
        else:
            pos = list(range(len(items)))
            bars = ax.bar(pos, values, color=color, width=0.62, picker=True)
            ax.set_xticks(pos, labels)
            ax.set_ylim(0, top * 1.18)
            _int_axis(ax.yaxis)
            ax.tick_params(axis="x", length=0)
            for bar, v in zip(bars, values, strict=True):
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_height() + top * 0.015,
                    _n(v) + value_suffix,
                    ha="center",
                    va="bottom",
                    fontsize="small",
                )
        for bar, key in zip(bars, keys, strict=True):
            bar.set_gid(key)
        fig.tight_layout()
        return list(bars)


def draw_grouped(
    fig: Figure,
    categories: Sequence[tuple[str, str]],
    series: Sequence[tuple[str, str, Sequence[float], str]],
    *,
    title: str = "",
    legend_cols: int | None = None,
    wrap_width: int = 14,
    small: bool = False,
) -> list[Any]:
    """Grouped bars: ``categories`` ``[(key, label)]``, ``series`` ``[(key, label, values,
    colour)]``. A bar's gid is "<category key>|<series key>". Returns the bars."""
    with style(small):
        fig.clear()
        ax = fig.add_subplot(111)
        _title(fig, title)
        if not categories or not any(any(v for v in s[2]) for s in series):
            _empty(ax)
            fig.tight_layout()
            return []
        n = len(series)
        width = 0.8 / max(n, 1)
        out = []
        top = max((max(s[2]) if s[2] else 0) for s in series) or 1
        for i, (skey, slabel, values, color) in enumerate(series):
            xs = [c + (i - (n - 1) / 2) * width for c in range(len(categories))]
            bars = ax.bar(xs, values, width=width * 0.92, color=color, label=slabel, picker=True)
            for bar, (ckey, _), v in zip(bars, categories, values, strict=True):
                bar.set_gid(f"{ckey}|{skey}")
                if v:
                    ax.text(
                        bar.get_x() + bar.get_width() / 2,
                        bar.get_height() + top * 0.012,
                        _n(v),
                        ha="center",
                        va="bottom",
                        fontsize="x-small",
                    )
            out.extend(bars)
        ax.set_xticks(range(len(categories)), [wrap(label, wrap_width) for _, label in categories])
        ax.set_ylim(0, top * 1.2)
        _int_axis(ax.yaxis)
        ax.tick_params(axis="x", length=0)
        ax.legend(
            frameon=False,
            fontsize="small",
            ncols=legend_cols or min(n, 5),
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12 if max(len(c[1]) for c in categories) < wrap_width else -0.2),
        )
        fig.tight_layout()
        return out


def draw_series(
    fig: Figure,
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float], str]],
    *,
    title: str = "",
    small: bool = False,
) -> list[Any]:
    """Stacked bars over time (months): ``series`` ``[(key, label, values, colour)]``.
    A segment's gid is "<period label>|<series key>"."""
    with style(small):
        fig.clear()
        ax = fig.add_subplot(111)
        _title(fig, title)
        if not labels or not any(any(v for v in s[2]) for s in series):
            _empty(ax)
            fig.tight_layout()
            return []
        bottoms = [0.0] * len(labels)
        out = []
        for key, label, values, color in series:
            bars = ax.bar(
                range(len(labels)), values, bottom=bottoms, color=color, width=0.7, label=label, picker=True
            )
            for bar, plabel in zip(bars, labels, strict=True):
                bar.set_gid(f"{plabel}|{key}")
            out.extend(bars)
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        top = max(bottoms) or 1
        for x, total in enumerate(bottoms):
            if total:
                ax.text(x, total + top * 0.015, _n(total), ha="center", va="bottom", fontsize="x-small")
        ticks, xlabel = short_period_labels(labels)
        step = 1 if len(ticks) <= 13 else 2 if len(ticks) <= 26 else 3
        ax.set_xticks(range(0, len(ticks), step), [ticks[i] for i in range(0, len(ticks), step)])
        ax.tick_params(axis="x", length=0)
        if xlabel:
            ax.set_xlabel(xlabel, fontsize="small")
        ax.set_ylim(0, top * 1.15)
        _int_axis(ax.yaxis)
        ax.legend(
            frameon=False,
            fontsize="small",
            ncols=min(len(series), 5),
            loc="upper center",
            bbox_to_anchor=(0.5, -0.2 if xlabel else -0.1),
        )
        fig.tight_layout()
        return out


def short_period_labels(labels: Sequence[str]) -> tuple[list[str], str]:
    """Month labels "03/2026" → ("T3", "Tháng (năm 2026)") when they share one year,
    else "3/26"; year labels stay as they are."""
    if not labels or "/" not in labels[0]:
        return list(labels), ""
    years = {label.split("/")[1] for label in labels}
    if len(years) == 1:
        return [f"T{int(label.split('/')[0])}" for label in labels], f"Tháng (năm {years.pop()})"
    return [f"{int(label.split('/')[0])}/{label.split('/')[1][-2:]}" for label in labels], "Tháng/năm"


def new_figure(width_mm: float = 160, height_mm: float = 80, dpi: int = 100) -> Figure:
    return Figure(figsize=(width_mm * MM, height_mm * MM), dpi=dpi)


def save_png(
    draw: Callable[[Figure], Any],
    path: Path | str,
    *,
    width_mm: float = 160,
    height_mm: float = 80,
    dpi: int = 200,
) -> Path:
    """Draw on a new figure with ``draw(fig)`` and write it as a PNG (Agg canvas)."""
    path = Path(path)
    fig = new_figure(width_mm, height_mm, dpi)
    FigureCanvasAgg(fig)
    draw(fig)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(str(path), dpi=dpi, format="png", facecolor="white")
    return path


# ------------------------------------------------------------------------------ the report's charts
def report_charts(figures: Any, out_dir: Path | str) -> dict[str, Path]:
    """The PNG charts of a periodic report (``services.reports.ReportFigures``):
    ``compare`` (this period against the previous one), ``series`` (per month), ``status``
    (at the end of the period), ``kind`` and ``field`` (the five figures per kind, tracked
    per field), ``ethnicity``. Returns {name: path}."""
    from .reports import MEASURES, status_rows

    out = Path(out_dir)
    paths: dict[str, Path] = {}
    cur, prev = figures.current, figures.previous

    def compare(fig: Figure) -> None:
        cats = [(k, label) for k, label in MEASURES]
        draw_grouped(
            fig,
            cats,
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
        )

    paths["compare"] = save_png(compare, out / "bieu-do-so-sanh.png", height_mm=78)

    labels = [label for label, _ in figures.series]
    paths["series"] = save_png(
        lambda fig: draw_series(
            fig,
            labels,
            [
                (k, label, [v.get(k, 0) for _, v in figures.series], MEASURE_COLORS[k])
                for k, label in MEASURES
            ],
            title="Diễn biến theo tháng" if len(labels) and "/" in labels[0] else "Diễn biến theo năm",
        ),
        out / "bieu-do-theo-thang.png",
        height_mm=82,
    )
    rows = status_rows(figures.status_at_end)
    paths["status"] = save_png(
        lambda fig: draw_bars(
            fig,
            rows,
            title=f"Điển hình theo trạng thái cuối kỳ ({figures.period.short_label})",
            horizontal=True,
            colors=STATUS_COLORS,
        ),
        out / "bieu-do-trang-thai.png",
        height_mm=max(55, 12 + 8 * len(rows)),
    )
    kind = figures.breakdowns["kind"]
    paths["kind"] = save_png(
        lambda fig: draw_grouped(
            fig,
            [(r.key, r.label) for r in kind.rows],
            [(k, label, [r.get(k) for r in kind.rows], MEASURE_COLORS[k]) for k, label in MEASURES],
            title="Kết quả trong kỳ theo loại điển hình",
        ),
        out / "bieu-do-theo-loai.png",
        height_mm=75,
    )
    fields = figures.breakdowns["field"]
    items = [(r.key, r.label, r.tracked) for r in fields.rows]
    paths["field"] = save_png(
        lambda fig: draw_bars(
            fig,
            items,
            title="Điển hình đang theo dõi cuối kỳ theo lĩnh vực",
            horizontal=True,
            colors="#4e79a7",
            wrap_width=40,
        ),
        out / "bieu-do-linh-vuc.png",
        height_mm=max(55, 14 + 9 * len(items)),
    )
    eth = figures.breakdowns["ethnicity"]
    items = [(r.key, r.label, r.tracked) for r in eth.rows if not r.is_subtotal]
    paths["ethnicity"] = save_png(
        lambda fig: draw_bars(
            fig, items, title="Cá nhân, chủ hộ đang theo dõi cuối kỳ theo dân tộc", colors="#76b7b2"
        ),
        out / "bieu-do-dan-toc.png",
        height_mm=65,
    )
    return paths
