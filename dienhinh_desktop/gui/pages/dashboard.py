"""Page «Tổng quan»: what an officer opens every morning.

- the plan's progress: counters (tracked, being nurtured, recognised or rewarded,
  replicating, activities this year) — a click opens the matching list;
- charts of the main figures (matplotlib in ``FigureCanvasQTAgg``, drawn by
  ``services.charts``): by status, by kind, by field, and this year month by month; a click
  on a bar opens the «Điển hình» page filtered accordingly;
- what is due and what is late (``services.deadlines``; late in red), the quota counters per
  unit (``services.quotas``; under or over in colour), the recent status changes;
- «Xuất báo cáo năm …»: the yearly report (Word + Excel) on the worker thread.

Everything is read with a few GROUP BY queries (:func:`load_overview`), fast on 100,000
candidates.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Activity, Candidate, Field, StatusChange
from ...models.enums import CandidateKind, CandidateStatus
from ...services import charts as C
from ...services.lifecycle import local_time, status_label
from ...services.reports import MEASURES, NOT_TRACKED, year_period
from ...text import fmt_date
from ..context import AppContext

RECENT = 10
DEADLINES = 8
QUOTAS = 8
NO_FIELD = "__none__"
LATE_COLOR = "#b3261e"
WARN_COLOR = "#a15c00"
OK_COLOR = "#2e7d32"


# ------------------------------------------------------------------------------ data
@dataclass
class Overview:
    plan_id: str | None
    today: date
    by_status: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)  # tracked
    by_field: list[tuple[str, str, int]] = field(default_factory=list)  # (field id, label, tracked)
    series: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    activities_year: int = 0
    deadlines: list[Any] = field(default_factory=list)
    quotas: list[Any] = field(default_factory=list)
    recent: list[dict[str, Any]] = field(default_factory=list)

    @property
    def tracked(self) -> int:
        return sum(n for s, n in self.by_status.items() if s not in NOT_TRACKED)

    def count(self, *statuses: str) -> int:
        return sum(self.by_status.get(s, 0) for s in statuses)


def load_overview(session: Session, plan_id: str | None, today: date | None = None) -> Overview:
    """The overview's figures for a plan (all plans when None)."""
    from ...services.deadlines import deadline_items
    from ...services.quotas import quota_status
    from ...services.reports import _series

    today = today or date.today()
    ov = Overview(plan_id, today)
    base = [Candidate.merged_into_id.is_(None)]
    if plan_id:
        base.append(Candidate.plan_id == plan_id)
    for status, kind, n in session.execute(
        select(Candidate.status, Candidate.kind, func.count())
        .where(*base)
        .group_by(Candidate.status, Candidate.kind)
    ):
        ov.by_status[status] = ov.by_status.get(status, 0) + n
        if status not in NOT_TRACKED:
            ov.by_kind[kind] = ov.by_kind.get(kind, 0) + n
    rows = session.execute(
        select(Candidate.field_id, Field.name, Field.code, Field.sort_order, func.count())
        .outerjoin(Field, Field.id == Candidate.field_id)
        .where(*base, Candidate.status.not_in(NOT_TRACKED))
        .group_by(Candidate.field_id, Field.name, Field.code, Field.sort_order)
    ).all()
    rows.sort(key=lambda r: (r[3] is None, r[3] or 0, r[1] or ""))
    ov.by_field = [
        (
            fid or NO_FIELD,
            (f"{code}. {name}" if code and name and not name.startswith(code) else name)
            or "Chưa xác định lĩnh vực",
            n,
        )
        for fid, name, code, _order, n in rows
    ]
    if plan_id:
        ov.series = _series(session, plan_id, year_period(today.year))
        ov.deadlines = deadline_items(session, plan_id, today=today, include_done=False)[:DEADLINES]
        counters = quota_status(session, plan_id, scope=None, year=today.year)
        counters.sort(key=lambda q: ({"under": 0, "over": 1, "ok": 2}[q.state], q.unit_name))
        ov.quotas = counters
    acts = (
        select(func.count())
        .select_from(Activity)
        .where(
            Activity.activity_date >= date(today.year, 1, 1),
            Activity.activity_date <= date(today.year, 12, 31),
        )
    )
    if plan_id:
        acts = acts.where(Activity.plan_id == plan_id)
    ov.activities_year = session.scalar(acts) or 0
    stmt = (
        select(StatusChange, Candidate.name)
        .join(Candidate, Candidate.id == StatusChange.candidate_id)
        .where(*base)
        .order_by(StatusChange.changed_at.desc())
        .limit(RECENT)
    )
    for change, name in session.execute(stmt):
        ov.recent.append(
            {
                "candidate_id": change.candidate_id,
                "name": name,
                "from": change.from_status,
                "to": change.to_status,
                "at": local_time(change.changed_at),
                "by": change.changed_by,
                "reason": change.reason,
                "undone": change.undone,
            }
        )
    return ov


# ------------------------------------------------------------------------------ widgets
def _n(x: int) -> str:
    return f"{x:,}".replace(",", ".")


class Card(QFrame):
    """A counter; a click calls ``on_click``."""

    def __init__(self, label: str, tip: str, on_click: Any = None) -> None:
        super().__init__()
        self.setObjectName("card")
        self._on_click = on_click
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(0)
        self.value = QLabel("0")
        self.value.setObjectName("bigNumber")
        layout.addWidget(self.value)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.setToolTip(tip)
        if on_click:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(74)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._on_click and event.button() == Qt.MouseButton.LeftButton:
            self._on_click()
        super().mouseReleaseEvent(event)


class Chart(FigureCanvasQTAgg):
    """A matplotlib figure on the page; ``on_pick(gid)`` gets the key of a clicked bar."""

    def __init__(self, on_pick: Any = None, height: int = 230) -> None:
        self.figure = Figure(figsize=(4.2, height / 100), dpi=100)
        super().__init__(self.figure)
        self.setMinimumHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._on_pick = on_pick
        if on_pick:
            self.mpl_connect("pick_event", self._picked)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip("Nhấp vào một cột để mở danh sách điển hình tương ứng.")

    def _picked(self, event: Any) -> None:
        gid = event.artist.get_gid() if event.artist is not None else None
        if gid and self._on_pick:
            self._on_pick(gid)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        with warnings.catch_warnings():  # too small for the labels: keep what fits
            warnings.simplefilter("ignore")
            try:
                self.figure.tight_layout()
            except (ValueError, RuntimeError):
                pass


def _panel(title: str) -> tuple[QFrame, QVBoxLayout]:
    box = QFrame()
    box.setObjectName("card")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(12, 8, 12, 8)
    layout.setSpacing(3)
    head = QLabel(title)
    head.setStyleSheet("font-weight: 600;")
    layout.addWidget(head)
    return box, layout


def _clear(layout: QVBoxLayout, keep: int = 1) -> None:
    while layout.count() > keep:
        item = layout.takeAt(keep)
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()


def _line(text: str, color: str | None = None, tip: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if color:
        label.setStyleSheet(f"color: {color};")
    if tip:
        label.setToolTip(tip)
    return label


# ------------------------------------------------------------------------------ the page
class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: Overview | None = None
        self._dirty = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(8)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        title = QLabel("Tổng quan")
        title.setObjectName("pageTitle")
        titles.addWidget(title)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("pageSubtitle")
        self.plan_label.setWordWrap(True)
        titles.addWidget(self.plan_label)
        head.addLayout(titles, 1)
        self.report_button = QPushButton("Xuất báo cáo năm")
        self.report_button.setObjectName("primary")
        self.report_button.setToolTip(
            "Báo cáo kết quả xây dựng, nhân rộng điển hình tiên tiến năm nay (Word và Excel)"
        )
        self.report_button.clicked.connect(self.export_year_report)
        head.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignTop)
        refresh = QPushButton("Làm mới")
        refresh.clicked.connect(self.refresh)
        head.addWidget(refresh, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)

        cards = QHBoxLayout()
        cards.setSpacing(10)
        S = CandidateStatus
        self.cards = {
            "tracked": Card(
                "Điển hình đang theo dõi", "Mở danh sách điển hình của kế hoạch", lambda: self.open_list()
            ),
            "nurturing": Card(
                "Đang bồi dưỡng",
                "Mở danh sách điển hình đang bồi dưỡng",
                lambda: self.open_list(status=S.NURTURING.value),
            ),
            "waiting": Card(
                "Chờ thẩm định, bình xét",
                "Đã tự đánh giá, đã thẩm định hoặc đã đề nghị",
                lambda: self.open_list(status=S.APPRAISED.value),
            ),
            "recognised": Card(
                "Được công nhận, khen thưởng",
                "Mở danh sách điển hình được công nhận",
                lambda: self.open_list(status=S.RECOGNISED.value),
            ),
            "replicating": Card(
                "Đang nhân rộng",
                "Mở danh sách điển hình đang nhân rộng",
                lambda: self.open_list(status=S.REPLICATING.value),
            ),
            "activities": Card(
                "Hoạt động nhân rộng năm nay",
                "Mở trang Nhân rộng",
                lambda: self.ctx.hub.navigate.emit("nhan-rong"),
            ),
        }
        for card in self.cards.values():
            cards.addWidget(card)
        layout.addLayout(cards)

        middle = QHBoxLayout()
        middle.setSpacing(10)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.chart_status = Chart(lambda gid: self.open_list(status=gid))
        self.chart_kind = Chart(lambda gid: self.open_list(kind=gid))
        self.chart_field = Chart(lambda gid: self.open_list(field_id=None if gid == NO_FIELD else gid), 240)
        self.chart_series = Chart(lambda gid: self.open_list(status=gid.split("|")[-1]), 240)
        grid.addWidget(self.chart_status, 0, 0)
        grid.addWidget(self.chart_kind, 0, 1)
        grid.addWidget(self.chart_field, 1, 0, 1, 2)
        grid.addWidget(self.chart_series, 2, 0, 1, 2)
        grid.setRowStretch(3, 1)
        charts = QWidget()
        charts.setLayout(grid)
        middle.addWidget(charts, 3, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.setSpacing(8)
        self.deadline_box, self.deadline_list = _panel("Việc đến hạn, quá hạn")
        self.quota_box, self.quota_list = _panel("Chỉ tiêu số lượng")
        self.recent_box, self.recent_list = _panel("Thay đổi gần đây")
        for box in (self.deadline_box, self.quota_box, self.recent_box):
            side.addWidget(box)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(300)
        middle.addWidget(side_widget, 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(middle)
        layout.addStretch(1)

        ctx.hub.candidates_changed.connect(self._on_changed)
        ctx.hub.plan_changed.connect(lambda _pid: self._on_changed())
        ctx.hub.data_changed.connect(lambda _area: self._on_changed())
        self.refresh()

    # -- data --------------------------------------------------------------------------------
    def _on_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def on_shown(self) -> None:
        if self._dirty:
            self.refresh()
        if self.overview is not None:
            self.ctx.hub.status_count.emit(f"{_n(self.overview.tracked)} điển hình đang theo dõi")

    def refresh(self) -> None:
        self._dirty = False
        plan_id = self.ctx.plan_id
        with self.ctx.db.session() as session:
            ov = load_overview(session, plan_id)
        self.overview = ov
        name = self.ctx.plan_name()
        self.plan_label.setText(
            f"Kế hoạch đang thực hiện: {name} — số liệu đến ngày {fmt_date(ov.today)}"
            if name
            else "Chưa có kế hoạch nào đang thực hiện — số liệu dưới đây tính trên toàn bộ dữ liệu."
        )
        self.report_button.setText(f"Xuất báo cáo năm {ov.today.year}")
        self.report_button.setEnabled(bool(plan_id))
        S = CandidateStatus
        self.cards["tracked"].value.setText(_n(ov.tracked))
        self.cards["nurturing"].value.setText(_n(ov.count(S.REGISTERED.value, S.NURTURING.value)))
        self.cards["nurturing"].label.setText("Đã đăng ký, đang bồi dưỡng")
        self.cards["waiting"].value.setText(
            _n(ov.count(S.SELF_ASSESSED.value, S.APPRAISED.value, S.PROPOSED.value))
        )
        self.cards["recognised"].value.setText(_n(ov.count(S.RECOGNISED.value, S.REWARDED.value)))
        self.cards["replicating"].value.setText(_n(ov.count(S.REPLICATING.value)))
        self.cards["activities"].value.setText(_n(ov.activities_year))
        self._draw_charts(ov)
        self._fill_deadlines(ov)
        self._fill_quotas(ov)
        self._fill_recent(ov)

    def _draw_charts(self, ov: Overview) -> None:
        status_items = [
            (s.value, s.label, ov.by_status.get(s.value, 0))
            for s in CandidateStatus
            if ov.by_status.get(s.value)
        ]
        C.draw_bars(
            self.chart_status.figure,
            status_items,
            title="Theo trạng thái",
            horizontal=True,
            colors=C.STATUS_COLORS,
            wrap_width=20,
            small=True,
        )
        kind_items = [(k.value, k.label, ov.by_kind.get(k.value, 0)) for k in CandidateKind]
        C.draw_bars(
            self.chart_kind.figure,
            kind_items,
            title="Đang theo dõi theo loại",
            colors=C.KIND_COLORS,
            small=True,
        )
        C.draw_bars(
            self.chart_field.figure,
            ov.by_field,
            title="Đang theo dõi theo lĩnh vực",
            horizontal=True,
            colors="#4e79a7",
            wrap_width=60,
            small=True,
        )
        labels = [label for label, _ in ov.series]
        C.draw_series(
            self.chart_series.figure,
            labels,
            [(k, label, [v.get(k, 0) for _, v in ov.series], C.MEASURE_COLORS[k]) for k, label in MEASURES],
            title=f"Kết quả từng tháng năm {ov.today.year}",
            small=True,
        )
        for chart in (self.chart_status, self.chart_kind, self.chart_field, self.chart_series):
            chart.draw_idle()

    def _fill_deadlines(self, ov: Overview) -> None:
        _clear(self.deadline_list)
        if not ov.plan_id:
            self.deadline_list.addWidget(_line("Chưa có kế hoạch."))
            return
        if not ov.deadlines:
            self.deadline_list.addWidget(_line("Không có mốc thời gian nào đến hạn.", OK_COLOR))
        for item in ov.deadlines:
            color = (
                LATE_COLOR if item.state == "late" else WARN_COLOR if item.state == "due_this_month" else None
            )
            when = f"hạn {fmt_date(item.due)}"
            if item.state == "late":
                when += f" — quá hạn {-item.days} ngày"
            elif item.days <= 31:
                when += f" — còn {item.days} ngày"
            label = _line(f"• {item.name} ({when})", color, item.label)
            label.setObjectName(f"deadline_{item.state}")
            self.deadline_list.addWidget(label)

    def _fill_quotas(self, ov: Overview) -> None:
        _clear(self.quota_list)
        if not ov.quotas:
            self.quota_list.addWidget(_line("Kế hoạch chưa có chỉ tiêu số lượng áp dụng cho đơn vị nào."))
            return
        warn = [q for q in ov.quotas if q.state != "ok"]
        ok = len(ov.quotas) - len(warn)
        self.quota_list.addWidget(
            _line(f"{ok}/{len(ov.quotas)} chỉ tiêu đạt.", OK_COLOR if not warn else None)
        )
        for q in ov.quotas[:QUOTAS]:
            color = LATE_COLOR if q.state == "under" else WARN_COLOR if q.state == "over" else None
            label = _line(f"• {q.message}", color, q.note)
            label.setObjectName(f"quota_{q.state}")
            self.quota_list.addWidget(label)

    def _fill_recent(self, ov: Overview) -> None:
        _clear(self.recent_list)
        if not ov.recent:
            self.recent_list.addWidget(_line("Chưa có thay đổi nào."))
        for r in ov.recent:
            when = r["at"].strftime("%d/%m/%Y") if r["at"] else ""
            arrow = (
                f"{status_label(r['from'])} → {status_label(r['to'])}" if r["from"] else status_label(r["to"])
            )
            label = _line(
                f"{when}  {r['name']}: {arrow}" + (" (đã hoàn tác)" if r["undone"] else ""),
                None,
                (r["reason"] or "") + (f"\nNgười thực hiện: {r['by']}" if r["by"] else ""),
            )
            self.recent_list.addWidget(label)

    def export_year_report(self) -> None:
        run_year_report(self, self.ctx, (self.overview.today if self.overview else date.today()).year)

    # -- navigation ------------------------------------------------------------------------
    def open_list(
        self,
        *,
        status: str | None = None,
        kind: str | None = None,
        field_id: str | None = None,
        unit_id: str | None = None,
    ) -> QWidget | None:
        """Show the «Điển hình» page filtered by these values (the others reset to «Tất cả»).

        The candidates page has no public filter method: this sets its filter combo boxes
        (``plan_combo``, ``kind_combo``, ``status_combo``, ``field_combo``, ``unit_combo``) and
        clears its search box, which is what the officer would do by hand."""
        self.ctx.hub.navigate.emit("dien-hinh")
        window = self.window()
        page = window.page("dien-hinh") if hasattr(window, "page") else None
        if page is None:
            return None
        apply_candidate_filters(
            page, plan_id=self.ctx.plan_id, status=status, kind=kind, field_id=field_id, unit_id=unit_id
        )
        return page


def _select(combo: Any, value: str | None) -> None:
    if combo is None:
        return
    i = combo.findData(value) if value is not None else 0
    combo.setCurrentIndex(i if i >= 0 else 0)


def apply_candidate_filters(
    page: Any,
    *,
    plan_id: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    field_id: str | None = None,
    unit_id: str | None = None,
) -> None:
    """Filter the candidates page through its combo boxes (see ``Page.open_list``)."""
    plan_combo = getattr(page, "plan_combo", None)
    if plan_id and plan_combo is not None and plan_combo.currentData() != plan_id:
        i = plan_combo.findData(plan_id)
        if i >= 0:
            plan_combo.setCurrentIndex(i)
    search = getattr(page, "search", None)
    if search is not None and search.text():
        search.clear()
    for name, value in (
        ("kind_combo", kind),
        ("status_combo", status),
        ("field_combo", field_id),
        ("unit_combo", unit_id),
    ):
        _select(getattr(page, name, None), value)


def run_year_report(parent: QWidget, ctx: AppContext, year: int) -> None:
    """Ask for a folder and write the yearly report there (worker thread)."""
    from ..widgets import show_info
    from ..worker import run_in_worker

    folder = QFileDialog.getExistingDirectory(parent, f"Chọn thư mục lưu báo cáo năm {year}")
    if not folder:
        return
    plan_id = ctx.plan_id
    db = ctx.db

    def job(control: Any) -> list[Path]:
        from ...documents.exporters import run_export

        ectx = control.export_context(
            out_dir=Path(folder),
            plan_id=plan_id,
            date_from=date(year, 1, 1),
            date_to=date(year, 12, 31),
            files_dir=db.files_dir,
        )
        with db.transaction() as session:
            return run_export(session, "report", ectx)

    run_in_worker(
        parent,
        f"Đang lập báo cáo năm {year}…",
        job,
        on_done=lambda paths: show_info(parent, "Đã ghi báo cáo:\n" + "\n".join(str(p) for p in paths)),
    )
