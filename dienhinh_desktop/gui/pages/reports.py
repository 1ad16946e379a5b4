"""Page «Báo cáo»: the periodic report (6 tháng, cả năm, any range) of a plan — the main
figures shown at once in tables (by subject kind, field, unit, gender, ethnicity with the
ethnic minorities, party membership; against the previous period and the quotas), and
«Xuất báo cáo (Word và Excel)…», which writes the report and its workbook on the worker
thread (progress, «Hủy») into a folder the user picks (default: Documents/DienHinh).

The figures are ``services.reports.report_figures`` — the same numbers as the exported files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from ...errors import UserError
from ...models import Plan
from ...services import reports as R
from ...text import fmt_date
from ..context import AppContext
from ..widgets import ask_yes_no, show_error, show_info
from ..worker import Job, run_in_worker

PERIOD_KINDS = [
    ("half1", "6 tháng đầu năm"),
    ("half2", "6 tháng cuối năm"),
    ("year", "Cả năm"),
    ("range", "Khoảng thời gian"),
]
QUOTA_KIND = {None: "Điển hình", "collective": "Tập thể", "individual": "Cá nhân", "household": "Hộ gia đình"}
QUOTA_SCOPE = {
    "registration": "đăng ký",
    "proposal": "đề nghị cấp trên",
    "introduction": "giới thiệu nhân rộng",
}
BREAKDOWN_TABS = [
    ("kind", "Theo loại"),
    ("field", "Theo lĩnh vực"),
    ("unit", "Theo đơn vị"),
    ("gender", "Giới tính"),
    ("ethnicity", "Dân tộc"),
    ("party", "Đảng viên"),
]
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def default_out_dir() -> Path:
    """Documents/DienHinh (the folder offered first for the exported report)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs or Path.home()) / "DienHinh"


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(24)
    t.setAlternatingRowColors(True)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    h = t.horizontalHeader()
    h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return t


def _fill(t: QTableWidget, rows: list[list[Any]], bold_rows: set[int] | None = None) -> None:
    t.setRowCount(len(rows))
    bold = QFont(t.font())
    bold.setBold(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if c > 0 and (isinstance(value, int) or (isinstance(value, str) and value[:1] in "+-0123456789")):
                item.setTextAlignment(RIGHT)
            if bold_rows and r in bold_rows:
                item.setFont(bold)
            if isinstance(value, str) and value.startswith("+") and value != "+0":
                item.setForeground(QBrush(QColor("#1e6b2f")))
            elif isinstance(value, str) and value.startswith("-") and len(value) > 1 and value[1:].isdigit():
                item.setForeground(QBrush(QColor("#a3281e")))
            t.setItem(r, c, item)


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: R.ReportFigures | None = None
        self.out_dir: Path | None = None  # tests set it; otherwise the user picks a folder
        self.last_files: list[Path] = []
        self.job: Job | None = None
        self._stale = True
        self._building = True
        # Tests replace these to answer without dialogs.
        self.confirm: Callable[[str], bool] = lambda text: ask_yes_no(self, text)
        self.inform: Callable[[str], None] = lambda text: show_info(self, text)
        self.warn: Callable[[str], None] = lambda text: show_error(self, text)
        self.open_folder: Callable[[Path], Any] = lambda path: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path))
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        title = QLabel("Báo cáo")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        sub = QLabel(
            "Báo cáo định kỳ kết quả xây dựng, nhân rộng điển hình tiên tiến: số liệu tính từ lịch sử từng "
            "điển hình, so với kỳ trước và với chỉ tiêu của kế hoạch; xuất ra Word và Excel."
        )
        sub.setObjectName("pageSubtitle")
        sub.setWordWrap(True)
        layout.addWidget(sub)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Kỳ báo cáo:"))
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        for key, label in PERIOD_KINDS:
            self.kind.addItem(label, key)
        bar.addWidget(self.kind)
        self.year_label = QLabel("năm")
        bar.addWidget(self.year_label)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        today = date.today()
        self.year.setValue(today.year)
        bar.addWidget(self.year)
        self.from_label = QLabel("từ")
        bar.addWidget(self.from_label)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for d, value in (
            (self.date_from, QDate(today.year, 1, 1)),
            (self.date_to, QDate(today.year, 12, 31)),
        ):
            d.setDisplayFormat("dd/MM/yyyy")
            d.setCalendarPopup(True)
            d.setDate(value)
        bar.addWidget(self.date_from)
        self.to_label = QLabel("đến")
        bar.addWidget(self.to_label)
        bar.addWidget(self.date_to)
        bar.addSpacing(12)
        bar.addWidget(QLabel("Kế hoạch:"))
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("reportPlan")
        self.plan_combo.setMinimumWidth(260)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        bar.addWidget(self.plan_combo, 1)
        layout.addLayout(bar)

        bar2 = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        bar2.addWidget(self.summary, 1)
        self.export_btn = QPushButton("Xuất báo cáo (Word và Excel)…")
        self.export_btn.setObjectName("primary")
        self.export_btn.clicked.connect(lambda: self.export())
        bar2.addWidget(self.export_btn, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(bar2)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.overview = _table(["Nội dung", "Kỳ này", "Kỳ trước", "Tăng (+), giảm (−)"])
        self.overview.setObjectName("overviewTable")
        self.tabs.addTab(self.overview, "Tổng hợp")
        self.breakdowns: dict[str, QTableWidget] = {}
        for key, label in BREAKDOWN_TABS:
            t = _table([])
            t.setObjectName(f"breakdown_{key}")
            self.breakdowns[key] = t
            self.tabs.addTab(t, label)
        self.quota_table = _table(["Đơn vị", "Chỉ tiêu", "Mức giao", "Hiện có", "Đánh giá"])
        self.quota_table.setObjectName("quotaTable")
        self.tabs.addTab(self.quota_table, "So với chỉ tiêu")
        self.note = QLabel()
        self.note.setObjectName("pageSubtitle")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

        self.kind.currentIndexChanged.connect(self._on_kind)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.date_from.dateChanged.connect(lambda _d: self.refresh())
        self.date_to.dateChanged.connect(lambda _d: self.refresh())
        self.plan_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.hub.plans_changed.connect(self._mark_stale)
        ctx.hub.plan_changed.connect(lambda _pid: self._mark_stale())
        ctx.hub.candidates_changed.connect(self._mark_stale)
        ctx.hub.data_changed.connect(lambda _a: self._mark_stale())
        self.kind.setCurrentIndex(2 if today.month > 6 else 0)
        self._building = False
        self._on_kind()
        self.reload()

    # -- choices ----------------------------------------------------------------------------------
    def _on_kind(self, *_a: Any) -> None:
        is_range = self.kind.currentData() == "range"
        for w in (self.from_label, self.date_from, self.to_label, self.date_to):
            w.setVisible(is_range)
        for w in (self.year_label, self.year):
            w.setVisible(not is_range)
        self.refresh()

    def set_period(
        self, kind: str, year: int | None = None, date_from: date | None = None, date_to: date | None = None
    ) -> None:
        """Choose the period from code (tests, the overview page)."""
        self._building = True
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        if year is not None:
            self.year.setValue(year)
        if date_from is not None:
            self.date_from.setDate(QDate(date_from.year, date_from.month, date_from.day))
        if date_to is not None:
            self.date_to.setDate(QDate(date_to.year, date_to.month, date_to.day))
        self._building = False
        self._on_kind()

    def period(self) -> R.Period:
        kind, year = self.kind.currentData(), self.year.value()
        if kind == "half1":
            return R.half_year_period(year, True)
        if kind == "half2":
            return R.half_year_period(year, False)
        if kind == "year":
            return R.year_period(year)
        return R.Period(self.date_from.date().toPython(), self.date_to.date().toPython())

    def plan_id(self) -> str | None:
        return self.plan_combo.currentData()

    # -- loading ---------------------------------------------------------------------------------
    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def on_shown(self) -> None:
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        wanted = self.plan_combo.currentData() or self.ctx.plan_id
        with self.ctx.db.session() as s:
            plans = list(
                s.execute(
                    select(Plan.id, Plan.name, Plan.code, Plan.status)
                    .where(Plan.is_template.is_(False))
                    .order_by(Plan.period_start.desc(), Plan.name)
                )
            )
        self._building = True
        self.plan_combo.clear()
        for pid, name, code, status in plans:
            label = (f"{code} — " if code else "") + name
            if status == "closed":
                label += " (đã kết thúc)"
            self.plan_combo.addItem(label, pid)
            self.plan_combo.setItemData(self.plan_combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        i = self.plan_combo.findData(wanted)
        self.plan_combo.setCurrentIndex(i if i >= 0 else (0 if plans else -1))
        self._building = False
        self.refresh()

    def refresh(self) -> None:
        """Compute the figures of the chosen plan and period and show them."""
        if self._building:
            return
        self.figures = None
        pid = self.plan_id()
        if not pid:
            self._show_message(
                "Chưa có kế hoạch nào của đơn vị. Hãy sao chép một kế hoạch mẫu ở trang «Kế hoạch»."
            )
            return
        try:
            period = self.period()
            with self.ctx.db.session() as s:
                self.figures = R.report_figures(s, pid, period.date_from, period.date_to)
        except UserError as exc:
            self._show_message(exc.message, error=True)
            return
        self._show(self.figures)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("color:#b3261e;" if error else "")
        self.export_btn.setEnabled(False)
        for t in (self.overview, self.quota_table, *self.breakdowns.values()):
            t.setRowCount(0)
        self.note.clear()

    def _show(self, f: R.ReportFigures) -> None:
        self.summary.setStyleSheet("")
        self.export_btn.setEnabled(True)
        p, prev = f.period, f.previous.period
        self.summary.setText(
            f"<b>Kỳ báo cáo: {p.label}</b> (từ {fmt_date(p.date_from)} đến {fmt_date(p.date_to)}) — so với "
            f"{prev.label}. Cuối kỳ đang theo dõi <b>{f.tracked}</b> điển hình"
            + (
                f", trong đó {f.minorities.get('tracked', 0)} người dân tộc thiểu số"
                if f.people_tracked
                else ""
            )
            + "."
        )
        # Overview: the measures and steps, tracked, activities; this period, before, change.
        rows: list[list[Any]] = []
        for key, label in [*R.MEASURES, *R.STEPS]:
            now, before = f.events.get(key, 0), f.previous.events.get(key, 0)
            rows.append([label, now, before, R.signed(now - before)])
        rows.append([R.TRACKED_LABEL, f.tracked, f.previous.tracked, R.signed(f.change("tracked"))])
        rows.append(
            [
                "Hoạt động nhân rộng, tuyên truyền",
                f.activities["total"],
                f.previous.activities,
                R.signed(f.change("activities")),
            ]
        )
        rows.append(
            [
                "Điển hình được giới thiệu, nhân rộng",
                f.activities["models_spread"],
                f.previous.models_spread,
                R.signed(f.activities["models_spread"] - f.previous.models_spread),
            ]
        )
        rows.append(["Công nhận, khen thưởng (theo quyết định trong kỳ)", f.awards["total"], "", ""])
        _fill(self.overview, rows, bold_rows={len(R.MEASURES) + len(R.STEPS)})
        self.overview.setHorizontalHeaderLabels(
            ["Nội dung", p.short_label, prev.short_label, "Tăng (+), giảm (−)"]
        )
        # Breakdowns.
        headers = ["", "Đang theo dõi cuối kỳ", *[label for _k, label in R.MEASURES]]
        notes: list[str] = []
        for key, _label in BREAKDOWN_TABS:
            b = f.breakdowns[key]
            t = self.breakdowns[key]
            if t.columnCount() != len(headers):
                t.setColumnCount(len(headers))
                t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
                t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            t.setHorizontalHeaderLabels([b.title, *headers[1:]])
            body = [[r.label, r.tracked, *[r.events.get(k, 0) for k in R.MEASURE_KEYS]] for r in b.rows]
            body.append([b.total.label, b.total.tracked, *[b.total.events.get(k, 0) for k in R.MEASURE_KEYS]])
            bold = {i for i, r in enumerate(b.rows) if r.is_subtotal} | {len(body) - 1}
            _fill(t, body, bold_rows=bold)
        # Quotas.
        qrows = []
        for q in f.quotas:
            lo, hi = q["min"], q["max"]
            bound = (
                (f"{lo} – {hi}" if lo != hi else str(lo))
                if lo is not None and hi is not None
                else (f"≥ {lo}" if lo is not None else f"≤ {hi}")
            )
            state = {"under": f"Còn thiếu {q['missing']}", "over": f"Vượt {q['excess']}", "ok": "Đạt"}[
                q["state"]
            ]
            what = f"{QUOTA_KIND.get(q['candidate_kind'], q['candidate_kind'])} {QUOTA_SCOPE.get(q['scope'], q['scope'])}"
            qrows.append([q["unit"], what, bound, q["count"], state])
        _fill(self.quota_table, qrows)
        for r, q in enumerate(f.quotas):
            color = {"under": "#a3281e", "over": "#9a5b00", "ok": "#1e6b2f"}[q["state"]]
            self.quota_table.item(r, 4).setForeground(QBrush(QColor(color)))
        self.tabs.setTabText(self.tabs.indexOf(self.quota_table), f"So với chỉ tiêu ({len(f.quotas)})")
        notes.append(
            "Số liệu «kỳ này» là số điển hình chuyển sang từng bước trong kỳ; «đang theo dõi» tính theo trạng thái "
            "cuối kỳ (không tính đã loại, đã thay thế)."
        )
        self.note.setText(" ".join(notes))

    # -- export --------------------------------------------------------------------------------------
    def _pick_folder(self) -> Path | None:
        if self.out_dir is not None:
            return self.out_dir
        start = default_out_dir()
        try:
            start.mkdir(parents=True, exist_ok=True)
        except OSError:
            start = Path.home()
        folder = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu báo cáo", str(start))
        return Path(folder) if folder else None

    def export(self) -> Job | None:
        """Write the Word report and the Excel workbook of the chosen period (worker thread)."""
        pid = self.plan_id()
        if not pid:
            return None
        try:
            period = self.period()
        except UserError as exc:
            self.warn(exc.message)
            return None
        folder = self._pick_folder()
        if folder is None:
            return None
        db = self.ctx.db

        def job(control: Any) -> list[Path]:
            from ...documents.exporters import run_export

            ectx = control.export_context(
                out_dir=folder,
                plan_id=pid,
                date_from=period.date_from,
                date_to=period.date_to,
                files_dir=db.files_dir,
            )
            with db.transaction() as session:
                return run_export(session, "report", ectx)

        def done(paths: list[Path]) -> None:
            self.last_files = list(paths)
            names = "\n".join(f"• {Path(p).name}" for p in paths)
            if self.confirm(
                f"Đã ghi báo cáo {period.label} vào thư mục {folder}:\n{names}\n\nMở thư mục này?"
            ):
                self.open_folder(folder)

        self.job = run_in_worker(
            self,
            f"Đang lập báo cáo {period.label}…",
            job,
            on_done=done,
            on_cancelled=lambda: self.inform("Đã dừng lập báo cáo; các tệp dở dang đã được xóa."),
        )
        return self.job
