"""Page «Tổng quan»: what an officer opens every morning.

- the plan's progress: counters (tracked, being nurtured, recognised or rewarded,
  replicating, activities this year) — a click opens the matching list;
- charts of the main figures (``services.charts`` specs painted by ``gui.chart_view``):
  by status, by kind, by field, and this year month by month; a click on a bar opens the
  «Điển hình» page filtered accordingly;
- what is due and what is late (``services.deadlines``; late in red), the quota counters per
  unit (``services.quotas``; under or over in colour), the recent status changes;
- «Xuất báo cáo năm …»: the yearly report (Word + Excel) on the worker thread.

Everything is read with a few GROUP BY queries (:func:`load_overview`), fast on 100,000
candidates.

Loading: with ``ctx.background_loading`` (the application sets it) the page shows at once
with «Đang tải…» and the figures are read on the worker thread; ``loaded`` is emitted once
they are on the page and ``is_loading()`` says whether they are still coming. Without it
(tests) ``refresh()`` reads synchronously. The charts are made with the first figures.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
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
from ...services.lifecycle import local_time, status_label
from ...services.reports import NOT_TRACKED, year_period
from ...text import fmt_date
from ..context import AppContext

RECENT = 10
CHARTS = {"chart_status": 230, "chart_kind": 230, "chart_field": 240, "chart_series": 240}  # heights
CHART_MARGINS = (8, 6, 8, 6)  # the chart inside its card
CHART_HINT = "Nhấp vào cột để mở danh sách điển hình tương ứng."
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


def load_overview(
    session: Session, plan_id: str | None, today: date | None = None, *, parallel: bool = False
) -> Overview:
    """The overview's figures for a plan (all plans when None).

    One GROUP BY (status × kind × field) gives the counters and the status, kind and field
    charts; the month-by-month series is ``services.reports``' query (the yearly report's
    figures). ``parallel=True`` (the worker thread): the series runs meanwhile on a second
    connection of a file database (SQLite reads in parallel)."""
    from ...services.deadlines import deadline_items
    from ...services.quotas import quota_status
    from ...services.reports import _series

    today = today or date.today()
    ov = Overview(plan_id, today)
    series_thread = None
    series_out: dict[str, Any] = {}
    if plan_id and parallel and _file_database(session):
        bind = session.get_bind()

        def series() -> None:
            try:
                with Session(bind=bind) as other:
                    series_out["value"] = _series(other, plan_id, year_period(today.year))
            except BaseException as exc:  # noqa: BLE001  (raised again below)
                series_out["error"] = exc

        series_thread = threading.Thread(target=series, name="overview-series", daemon=True)
        series_thread.start()
    base = [Candidate.merged_into_id.is_(None)]
    if plan_id:
        base.append(Candidate.plan_id == plan_id)
    tracked_by_field: dict[str | None, int] = defaultdict(int)
    for status, kind, fid, n in session.execute(
        select(Candidate.status, Candidate.kind, Candidate.field_id, func.count())
        .where(*base)
        .group_by(Candidate.status, Candidate.kind, Candidate.field_id)
    ):
        ov.by_status[status] = ov.by_status.get(status, 0) + n
        if status not in NOT_TRACKED:
            ov.by_kind[kind] = ov.by_kind.get(kind, 0) + n
            tracked_by_field[fid] += n
    ids = [fid for fid in tracked_by_field if fid]
    fields = {
        fid: (name, code, order)
        for fid, name, code, order in (
            session.execute(
                select(Field.id, Field.name, Field.code, Field.sort_order).where(Field.id.in_(ids))
            )
            if ids
            else []
        )
    }
    rows = [(fid, *fields.get(fid or "", (None, None, None)), n) for fid, n in tracked_by_field.items()]
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
        if series_thread is None:
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
    for change, name in _recent_changes(session, plan_id, RECENT):
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
    if series_thread is not None:
        series_thread.join()
        if "error" in series_out:
            raise series_out["error"]
        ov.series = series_out["value"]
    return ov


def _file_database(session: Session) -> bool:
    bind = session.get_bind()
    url = getattr(bind, "url", None)
    if url is None:
        return False
    if url.get_backend_name() != "sqlite":
        return True
    return bool(url.database) and url.database != ":memory:" and "mode=memory" not in str(url)


def _recent_changes(session: Session, plan_id: str | None, limit: int) -> list[tuple[StatusChange, str]]:
    """The newest ``limit`` status changes of the plan's candidates (not merged), newest first.

    Reads the newest changes of all candidates first (no join: one pass over the table) and
    keeps those of the plan's candidates (looked up by id); only if too few match does it
    widen, and in the end falls back to the join (same result, slower on a long history)."""
    k = limit * 4
    while k <= limit * 400:
        changes = list(
            session.scalars(select(StatusChange).order_by(StatusChange.changed_at.desc()).limit(k))
        )
        wanted = list({c.candidate_id for c in changes})
        names = {
            cid: name
            for cid, name, pid, merged in session.execute(
                select(Candidate.id, Candidate.name, Candidate.plan_id, Candidate.merged_into_id).where(
                    Candidate.id.in_(wanted)
                )
            )
            if merged is None and (plan_id is None or pid == plan_id)
        }
        found = [(c, names[c.candidate_id]) for c in changes if c.candidate_id in names]
        if len(found) >= limit or len(changes) < k:
            return found[:limit]
        k *= 10
    base = [Candidate.merged_into_id.is_(None)]
    if plan_id:
        base.append(Candidate.plan_id == plan_id)
    stmt = (
        select(StatusChange, Candidate.name)
        .join(Candidate, Candidate.id == StatusChange.candidate_id)
        .where(*base)
        .order_by(StatusChange.changed_at.desc())
        .limit(limit)
    )
    return [(change, name) for change, name in session.execute(stmt)]


def _overview_job(control: Any, db: Any, plan_id: str | None) -> Overview:
    """On the worker thread: the figures."""
    with db.session() as session:
        return load_overview(session, plan_id, parallel=True)


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


def _chart_slot(height: int) -> tuple[QFrame, QVBoxLayout]:
    """Where a chart goes, a card like the panels beside (empty until the figures are loaded)."""
    slot = QFrame()
    slot.setObjectName("card")
    slot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    layout = QVBoxLayout(slot)
    layout.setContentsMargins(*CHART_MARGINS)
    slot.setMinimumHeight(height + CHART_MARGINS[1] + CHART_MARGINS[3])
    return slot, layout


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
LOADING_TEXT = "Đang tải số liệu…"


class Page(QWidget):
    loaded = Signal()  # the figures of a background load are on the page

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: Overview | None = None
        self._dirty = False
        self._loading = False
        self._serial = 0
        self.chart_status: Any = None  # the charts are made with the first figures
        self.chart_kind: Any = None
        self.chart_field: Any = None
        self.chart_series: Any = None
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
        refresh.clicked.connect(lambda: self.refresh(background=self._background()))
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
        self._slots = {name: _chart_slot(height) for name, height in CHARTS.items()}
        grid.addWidget(self._slots["chart_status"][0], 0, 0)
        grid.addWidget(self._slots["chart_kind"][0], 0, 1)
        grid.addWidget(self._slots["chart_field"][0], 1, 0, 1, 2)
        grid.addWidget(self._slots["chart_series"][0], 2, 0, 1, 2)
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
        self.refresh(background=self._background())

    # -- data --------------------------------------------------------------------------------
    def _background(self) -> bool:
        return bool(getattr(self.ctx, "background_loading", False))

    def is_loading(self) -> bool:
        """The figures of a background load have not arrived yet."""
        return self._loading

    def _on_changed(self) -> None:
        if self.isVisible():
            self.refresh(background=self._background())
        else:
            self._dirty = True

    def on_shown(self) -> None:
        if self._dirty:
            self.refresh(background=self._background())
        if self.overview is not None and not self._loading:
            self.ctx.hub.status_count.emit(f"{_n(self.overview.tracked)} điển hình đang theo dõi")

    def refresh(self, background: bool = False) -> None:
        """Read the figures again; ``background=True``: on the worker thread (``loaded`` is
        emitted once they are on the page)."""
        self._dirty = False
        self._serial += 1
        plan_id = self.ctx.plan_id
        if background:
            from ..worker import run_in_worker

            serial = self._serial
            self._loading = True
            self.plan_label.setText(LOADING_TEXT)
            self.report_button.setEnabled(False)
            if self.overview is None:
                for card in self.cards.values():
                    card.value.setText("…")
            run_in_worker(
                self,
                LOADING_TEXT,
                _overview_job,
                self.ctx.db,
                plan_id,
                quiet=True,
                on_done=lambda ov: self._on_loaded(serial, ov),
                on_error=lambda exc: self._on_failed(serial, exc),
            )
            return
        with self.ctx.db.session() as session:
            ov = load_overview(session, plan_id)
        self._loading = False
        self._show(ov)

    def _on_loaded(self, serial: int, ov: Overview) -> None:
        if serial != self._serial:
            return  # a newer refresh is on its way
        self._loading = False
        self._show(ov)
        if self.isVisible():
            self.ctx.hub.status_count.emit(f"{_n(ov.tracked)} điển hình đang theo dõi")
        self.loaded.emit()

    def _on_failed(self, serial: int, exc: BaseException) -> None:
        if serial != self._serial:
            return
        self._loading = False
        self._dirty = True  # try again when the page is shown again
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        self.plan_label.setText(f"Không đọc được số liệu: {message} — bấm «Làm mới» để thử lại.")
        self.loaded.emit()

    def _ensure_charts(self) -> None:
        if self.chart_status is not None:
            return
        from ..chart_view import ChartView

        picks = {
            "chart_status": lambda key: self.open_list(status=key),
            "chart_kind": lambda key: self.open_list(kind=key),
            "chart_field": lambda key: self.open_list(field_id=None if key == NO_FIELD else key),
            "chart_series": lambda key: self.open_list(status=key.split("|")[-1]),
        }
        for name, height in CHARTS.items():
            view = ChartView(on_pick=picks[name], min_height=height, hint=CHART_HINT)
            view.setObjectName(name)
            self._slots[name][1].addWidget(view)
            setattr(self, name, view)

    def _show(self, ov: Overview) -> None:
        self.overview = ov
        plan_id = ov.plan_id
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
        from ...services import charts as C

        self._ensure_charts()
        status_items = [
            (s.value, s.label, ov.by_status.get(s.value, 0))
            for s in CandidateStatus
            if ov.by_status.get(s.value)
        ]
        self.chart_status.set_spec(
            C.bar_chart(status_items, title="Theo trạng thái", horizontal=True, colors=C.STATUS_COLORS)
        )
        kind_items = [(k.value, k.label, ov.by_kind.get(k.value, 0)) for k in CandidateKind]
        self.chart_kind.set_spec(
            C.bar_chart(kind_items, title="Đang theo dõi theo loại", colors=C.KIND_COLORS)
        )
        self.chart_field.set_spec(
            C.bar_chart(
                ov.by_field, title="Đang theo dõi theo lĩnh vực", horizontal=True, colors=C.DEFAULT_COLOR
            )
        )
        self.chart_series.set_spec(C.series_chart(ov.series, title=f"Kết quả từng tháng năm {ov.today.year}"))

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
    is_loading = getattr(page, "is_loading", None)
    if callable(is_loading) and is_loading():  # the list is still coming: again once it is there

        def again() -> None:
            page.loaded.disconnect(again)
            apply_candidate_filters(
                page, plan_id=plan_id, status=status, kind=kind, field_id=field_id, unit_id=unit_id
            )

        page.loaded.connect(again)
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
