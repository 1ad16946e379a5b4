"""Page «Điển hình»: the plan's candidates — instant accent-free search, filters, add, open,
actions on the selection, live quota counters.

Keyboard: Enter opens the candidate's page, Ctrl+F goes to the search box (Down from there
goes to the list), Ctrl+N adds, Delete «Loại khỏi danh sách…» (asks a reason, deletes
nothing), the menu key / right click shows the actions for the selected rows.

The «Tiêu chí» column ("7/9") and the «Đủ tiêu chí / Chưa đủ tiêu chí» filter come from
``services.criteria.eligibility_map`` — computed once per load, on a background thread when
the list is long (the column fills in when it is ready).

Loading: with ``ctx.background_loading`` (the application sets it) the page is built empty
(«Đang tải…») and the list is read on the worker thread, so the window paints at once; then
``loaded`` is emitted, and only once the rows are on screen the search index and the
eligibility map are computed in the background. Without it (tests, dialogs) ``reload()``
reads synchronously. ``is_loading()`` says whether the rows are still coming.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.enums import CandidateKind, CandidateStatus
from ...text import vn_key
from .. import bulk_actions
from ..candidate_model import (
    COL_CRITERIA,
    COL_ETHNICITY,
    COL_FIELD,
    COL_GENDER,
    COL_KIND,
    COL_NAME,
    COL_POSITION,
    COL_STATUS,
    COL_STT,
    COL_UNIT,
    COL_YEAR,
    KIND_LABELS,
    STATUS_LABELS,
    CandidateTableModel,
    Filters,
)
from ..context import AppContext
from ..quota_panel import QuotaPanel
from ..style import icon

SYNC_ELIGIBILITY_MAX = 3000  # above this many rows the eligibility map is computed off the GUI thread
AFTER_PAINT_MS = 300  # background extras (search index, eligibility) start this long after the rows show
INACTIVE = {CandidateStatus.REMOVED.value, CandidateStatus.REPLACED.value}
LOADING_TEXT = "Đang tải danh sách điển hình…"


def _eligibility(db, plan_ids: list[str], control: Any = None) -> dict:  # type: ignore[no-untyped-def]
    from ...services.criteria import eligibility_map

    out: dict = {}
    with db.session() as s:
        for pid in plan_ids:
            if control is not None:
                control.check()  # superseded or the page closed: stop between plans
            out.update(eligibility_map(s, pid))
    return out


def _eligibility_job(control, db, plan_ids: list[str]) -> dict:  # type: ignore[no-untyped-def]
    """On the background thread (own session); the page drops the result if it was cancelled."""
    return _eligibility(db, plan_ids, control)


def _list_job(control, db, plan_id: str | None):  # type: ignore[no-untyped-def]
    """On the worker thread: the rows of the list (own session)."""
    from ..candidate_model import load_candidate_list

    with db.session() as session:
        return load_candidate_list(session, plan_id)


def _index_job(control, index) -> None:  # type: ignore[no-untyped-def]
    """On the worker thread: index the words of the list for searching."""
    index.prepare()


def _ignore(_exc: BaseException) -> None:
    """A background extra failed: the page works without it (searching builds the index)."""


class _SearchKeys(QObject):
    """Down / Enter in the search box go to the list."""

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self._page = page

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (  # type: ignore[attr-defined]
            Qt.Key.Key_Down,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            self._page.focus_list()
            return True
        return False


# The wide columns share what the short ones leave, in these proportions.
WIDE_SHARES = {COL_NAME: 0.29, COL_POSITION: 0.26, COL_FIELD: 0.24, COL_UNIT: 0.21}


class _Table(QTableView):
    """A table that refits its columns to the width until the user drags a column border."""

    def __init__(self, fit) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self._fit = fit

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self._fit()


ALL_PLANS = "*"


class Page(QWidget):
    loaded = Signal()  # a load (background or not) is over: the rows are in the table

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = False
        self._own_change = False
        self._busy = False  # a dialog of ours is open: reload once it closes
        self._serial = 0  # the latest load; an older background load's rows are dropped
        self._loading = False
        self._elig_job: Any = None
        self._after_paint = QTimer(self)
        self._after_paint.setSingleShot(True)
        self._after_paint.timeout.connect(self._start_background_work)
        self.model = CandidateTableModel(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)

        head = QHBoxLayout()
        title = QLabel("Điển hình")
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addSpacing(16)
        self.search = QLineEdit()
        self.search.setObjectName("candidateSearch")
        self.search.setPlaceholderText(
            "Tìm theo họ tên, tên tập thể, chức vụ, đơn vị… (gõ không dấu cũng được; Ctrl+F)"
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(360)
        self.search.installEventFilter(_SearchKeys(self))
        head.addWidget(self.search, 1)
        self.add_button = QPushButton(icon("add"), "Thêm điển hình")
        self.add_button.setObjectName("primary")
        self.add_button.setToolTip("Đăng ký một tập thể, cá nhân hoặc hộ gia đình (Ctrl+N)")
        self.add_button.setShortcut("Ctrl+N")
        head.addWidget(self.add_button)
        self.edit_button = QPushButton(icon("edit"), "Mở hồ sơ")
        self.edit_button.setToolTip(
            "Mở hồ sơ điển hình đang chọn: thông tin, tiêu chí, bồi dưỡng, lịch sử, tệp (Enter hoặc nhấp đúp)"
        )
        head.addWidget(self.edit_button)
        layout.addLayout(head)

        filters = QHBoxLayout()
        filters.setSpacing(4)
        self.plan_combo = self._combo(filters, "Kế hoạch:", 190)
        self.kind_combo = self._combo(filters, "Loại:", 90)
        self.field_combo = self._combo(filters, "Lĩnh vực:", 120)
        self.unit_combo = self._combo(filters, "Đơn vị:", 130)
        self.status_combo = self._combo(filters, "Trạng thái:", 110)
        self.eligible_combo = self._combo(filters, "Tiêu chí:", 110)
        filters.addStretch(1)
        layout.addLayout(filters)

        actions = QHBoxLayout()
        actions.setSpacing(6)
        self.inactive_check = QCheckBox("Hiện cả hồ sơ đã loại/thay thế")
        self.inactive_check.setToolTip("Hồ sơ bị loại hoặc thay thế không bị xóa: bật để xem và khôi phục")
        actions.addWidget(self.inactive_check)
        actions.addSpacing(12)
        self.selection_label = QLabel()
        self.selection_label.setObjectName("pageSubtitle")
        actions.addWidget(self.selection_label)
        actions.addStretch(1)
        self.mentor_button = QPushButton("Giao người phụ trách…")
        self.status_button = QPushButton("Chuyển trạng thái…")
        self.export_button = QPushButton("Xuất giấy tờ")
        self.export_button.setToolTip("Xuất giấy tờ cho các dòng chọn (chạy nền, có thể hủy)")
        self.export_button.setMenu(self._export_menu(self))
        self.remove_button = QPushButton("Loại khỏi danh sách…")
        self.remove_button.setToolTip("Chuyển sang «Đã loại» kèm lý do; không xóa gì (phím Delete)")
        self.restore_button = QPushButton("Khôi phục…")
        for b in (
            self.mentor_button,
            self.status_button,
            self.export_button,
            self.remove_button,
            self.restore_button,
        ):
            actions.addWidget(b)
        layout.addLayout(actions)

        self.table = _Table(self._fit_columns)
        self._user_sized = False
        self._fitting = False
        self.table.setObjectName("candidateTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._short_widths = self._short_column_widths()
        self._fit_columns()
        hh.sectionResized.connect(self._on_section_resized)
        layout.addWidget(self.table, 1)
        self.loading_label = QLabel(LOADING_TEXT, self.table.viewport())
        self.loading_label.setObjectName("pageSubtitle")
        self.loading_label.move(12, 10)
        self.loading_label.adjustSize()
        self.loading_label.hide()

        # The quota counters (one grouped query): with background loading they are made once
        # the rows are on screen, so that the window paints first.
        self.quota_panel: QuotaPanel | None = None
        self._quota_at = layout.count()
        if not getattr(ctx, "background_loading", False):
            self._make_quota_panel()

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        hint = QLabel("Enter: mở hồ sơ · Delete: loại khỏi danh sách · Ctrl/Shift+nhấp: chọn nhiều dòng")
        hint.setObjectName("pageSubtitle")
        bottom.addWidget(hint)
        layout.addLayout(bottom)

        self._fill_static_combos()
        self._fill_plans()
        self.reload(background=bool(getattr(ctx, "background_loading", False)))

        self.search.textChanged.connect(self._on_search)
        for combo in (
            self.kind_combo,
            self.field_combo,
            self.unit_combo,
            self.status_combo,
            self.eligible_combo,
        ):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.inactive_check.toggled.connect(self._apply_filters)
        self.plan_combo.currentIndexChanged.connect(self._on_plan_chosen)
        self.table.activated.connect(lambda index: self.open_candidate(self.model.candidate_id(index.row())))
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.add_button.clicked.connect(self.add_candidate)
        self.edit_button.clicked.connect(self._edit_selected)
        self.mentor_button.clicked.connect(lambda: self.bulk_assign_mentor())
        self.status_button.clicked.connect(lambda: self.bulk_change_status())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, lambda: self.remove_selected())
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        ctx.hub.candidates_changed.connect(self._on_candidates_changed)
        ctx.hub.plans_changed.connect(self._fill_plans)
        ctx.hub.plan_changed.connect(self._on_plan_changed_elsewhere)
        self._update_buttons()

    # -- building ------------------------------------------------------------------------------
    def _combo(self, layout: QHBoxLayout, label: str, width: int) -> QComboBox:
        lab = QLabel(label)
        combo = QComboBox()
        combo.setMinimumWidth(width)
        combo.setMaximumWidth(width + 90)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        lab.setBuddy(combo)
        layout.addWidget(lab)
        layout.addWidget(combo, 1)
        layout.addSpacing(6)
        return combo

    def _export_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu("Xuất giấy tờ cho các dòng chọn", parent)
        for what, label in bulk_actions.EXPORTS:
            action = QAction(label + "…", menu)
            action.setData(what)
            action.triggered.connect(lambda _=False, w=what: self.export_selected(w))
            menu.addAction(action)
        return menu

    def _short_column_widths(self) -> dict[int, int]:
        """Short columns: as wide as their bold header or their longest value."""
        bold = self.table.horizontalHeader().font()
        bold.setBold(True)
        head = QFontMetrics(bold)
        body = self.table.fontMetrics()
        samples = {
            COL_STT: ["99999"],
            COL_KIND: list(KIND_LABELS.values()),
            COL_YEAR: ["2000"],
            COL_GENDER: ["Nam", "Nữ"],
            COL_ETHNICITY: ["Kinh", "Sán Chay"],
            COL_STATUS: list(STATUS_LABELS.values()),
            COL_CRITERIA: ["12/12"],
        }
        widths = {}
        for col, texts in samples.items():
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            widths[col] = max(
                [head.horizontalAdvance(title) + 16, *(body.horizontalAdvance(t) + 14 for t in texts)]
            )
        return widths

    def _fit_columns(self) -> None:
        if self._user_sized or not hasattr(self, "_short_widths"):
            return
        self._fitting = True
        try:
            for col, width in self._short_widths.items():
                self.table.setColumnWidth(col, width)
            room = self.table.viewport().width() - sum(self._short_widths.values()) - 2
            room = max(room, 4 * 120)
            for col, share in WIDE_SHARES.items():
                self.table.setColumnWidth(col, int(room * share))
        finally:
            self._fitting = False

    def _on_section_resized(self, *_args: object) -> None:
        if not self._fitting:
            self._user_sized = True

    def _fill_static_combos(self) -> None:
        self.kind_combo.addItem("Tất cả", None)
        for kind in CandidateKind:
            self.kind_combo.addItem(KIND_LABELS[kind.value], kind.value)
        self.status_combo.addItem("Tất cả", None)
        for status in CandidateStatus:
            self.status_combo.addItem(STATUS_LABELS[status.value], status.value)
        self.eligible_combo.addItem("Tất cả", None)
        self.eligible_combo.addItem("Đủ tiêu chí", True)
        self.eligible_combo.addItem("Chưa đủ tiêu chí", False)

    def _fill_plans(self) -> None:
        from ...services.plans import list_plans

        with self.ctx.db.session() as session:
            plans = [(p.id, p.name, p.code) for p in list_plans(session, include_templates=False)]
        self._plan_ids = [pid for pid, _n, _c in plans]
        combo = self.plan_combo
        combo.blockSignals(True)
        combo.clear()
        for pid, name, code in plans:
            combo.addItem(f"{code} — {name}" if code else name, pid)
            combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        combo.addItem("Tất cả kế hoạch", ALL_PLANS)
        i = combo.findData(self.ctx.plan_id) if self.ctx.plan_id else -1
        combo.setCurrentIndex(i if i >= 0 else combo.count() - 1)
        combo.blockSignals(False)

    def _fill_value_combo(self, combo: QComboBox, pairs: dict[str, str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Tất cả", None)
        for key, label in sorted(pairs.items(), key=lambda kv: vn_key(kv[1])):
            combo.addItem(label, key)
            combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        i = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    # -- data ------------------------------------------------------------------------------------
    def selected_plan(self) -> str | None:
        value = self.plan_combo.currentData()
        return None if value in (None, ALL_PLANS) else value

    def is_loading(self) -> bool:
        """The rows of a background load have not arrived yet."""
        return self._loading

    def reload(self, background: bool = False) -> None:
        """Read the list again (one SELECT), keeping the search, filters and selection.

        ``background=True``: on the worker thread; the table fills in when the rows arrive
        (``loaded`` is emitted then)."""
        self._serial += 1
        keep = self.selected_ids()
        if background:
            self._load_in_background(keep)
            return
        self._loading = False
        self.loading_label.hide()
        with self.ctx.db.session() as session:
            self.model.load(session, self.selected_plan())
        self._show_list(keep)
        self._load_eligibility()
        self.loaded.emit()

    def _load_in_background(self, keep: list[str]) -> None:
        from ..worker import run_in_worker

        serial = self._serial
        self._loading = True
        self.loading_label.setText(LOADING_TEXT)
        self.loading_label.adjustSize()
        self.loading_label.show()
        self.count_label.setText(LOADING_TEXT)
        run_in_worker(
            self,
            LOADING_TEXT,
            _list_job,
            self.ctx.db,
            self.selected_plan(),
            quiet=True,
            on_done=lambda data: self._on_list_loaded(serial, data, keep),
            on_error=lambda exc: self._on_load_failed(serial, exc),
        )

    def _on_list_loaded(self, serial: int, data: Any, keep: list[str]) -> None:
        if serial != self._serial:
            return  # a newer load is on its way
        self._loading = False
        self.loading_label.hide()
        self.model.set_list(data)
        self._show_list(keep)
        self.loaded.emit()
        self._after_paint.start(AFTER_PAINT_MS)  # the rows paint first, then the extras

    def _on_load_failed(self, serial: int, exc: BaseException) -> None:
        if serial != self._serial:
            return
        self._loading = False
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        self.loading_label.setText(f"Không đọc được danh sách điển hình: {message}")
        self.loading_label.adjustSize()
        self.count_label.setText("Không đọc được danh sách — bấm sang trang khác rồi quay lại để thử lại.")
        self._dirty = True
        self.loaded.emit()

    def _show_list(self, keep: list[str]) -> None:
        self._fill_value_combo(self.field_combo, self.model.field_choices())
        self._fill_value_combo(self.unit_combo, self.model.unit_choices())
        self._apply_filters()
        if keep:
            self.select_candidates(keep)
        self._dirty = False

    def _make_quota_panel(self) -> None:
        if self.quota_panel is None:
            self.quota_panel = QuotaPanel(self.ctx, self)
            self.layout().insertWidget(self._quota_at, self.quota_panel)  # type: ignore[union-attr]

    def _start_background_work(self) -> None:
        """After a background load has painted: index the words, the quota counters, then the
        «Tiêu chí» column."""
        from ..worker import run_in_worker

        self._make_quota_panel()
        index = self.model.index_of_search
        if not index.ready:
            run_in_worker(self, "Đang lập chỉ mục tìm kiếm…", _index_job, index, quiet=True, on_error=_ignore)
        self._load_eligibility()

    def _load_eligibility(self) -> None:
        from ..worker import run_in_worker

        if self._elig_job is not None:
            self._elig_job.control.cancel()  # its result (for an older list) is dropped
            self._elig_job = None
        plans = [self.selected_plan()] if self.selected_plan() else list(getattr(self, "_plan_ids", []))
        plans = [p for p in plans if p]
        if not plans:
            return
        if self.model.total() <= SYNC_ELIGIBILITY_MAX:
            try:
                self.model.set_eligibility(_eligibility(self.ctx.db, plans))
            except Exception:  # noqa: BLE001
                self.model.set_eligibility({})
            self._update_count()
            return
        self._elig_job = run_in_worker(
            self,
            "Đang tính tiêu chí…",
            _eligibility_job,
            self.ctx.db,
            plans,
            quiet=True,
            background=True,  # beside the worker: an export started meanwhile does not wait
            on_done=self._on_eligibility,
            on_error=lambda _exc: self._on_eligibility({}),  # the column just stays empty
        )

    def _on_eligibility(self, result: dict) -> None:
        self._elig_job = None
        self.model.set_eligibility(result)
        self._update_count()

    def current_filters(self) -> Filters:
        return Filters(
            kind=self.kind_combo.currentData(),
            field_id=self.field_combo.currentData(),
            unit_id=self.unit_combo.currentData(),
            status=self.status_combo.currentData(),
            eligible=self.eligible_combo.currentData(),
            show_inactive=self.inactive_check.isChecked(),
        )

    def _apply_filters(self) -> None:
        self.model.set_filters(self.current_filters())
        self.model.set_query(self.search.text())
        self._update_count()

    def _on_search(self, text: str) -> None:
        self.model.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        if self._loading:
            return
        shown, total = self.model.shown(), self.model.total()
        text = f"Hiển thị {shown:,} / {total:,} điển hình".replace(",", ".")
        self.count_label.setText(text)
        if self.isVisible():
            self.ctx.hub.status_count.emit(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        statuses = [self.model.rows[self.model._row_of[i]].status for i in ids if i in self.model._row_of]
        inactive = sum(s in INACTIVE for s in statuses)
        active = len(ids) - inactive
        self.edit_button.setEnabled(len(ids) == 1)
        for b in (self.mentor_button, self.status_button, self.export_button):
            b.setEnabled(bool(ids))
        self.remove_button.setEnabled(active > 0 and inactive == 0)
        self.restore_button.setEnabled(inactive > 0 and active == 0)
        self.restore_button.setVisible(self.inactive_check.isChecked() or inactive > 0)
        self.selection_label.setText(f"Đã chọn {len(ids)} dòng:" if len(ids) > 1 else "")
        has_plan = self.selected_plan() is not None or self.ctx.plan_id is not None
        self.add_button.setEnabled(has_plan)
        if not has_plan:
            self.add_button.setToolTip(
                "Chưa có kế hoạch nào đang thực hiện: hãy tạo hoặc sao chép một kế hoạch trước."
            )

    def on_shown(self) -> None:
        if self._dirty and not self._loading:
            self.reload(background=bool(getattr(self.ctx, "background_loading", False)))
        self.ctx.hub.status_count.emit(self.count_label.text())

    # -- selection -------------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """The candidates of the selected rows, in display order."""
        sm = self.table.selectionModel() if hasattr(self, "table") else None
        if sm is None:
            return []
        return [self.model.candidate_id(i.row()) for i in sorted(sm.selectedRows(), key=lambda i: i.row())]

    def current_candidate_id(self) -> str | None:
        ids = self.selected_ids()
        return ids[0] if ids else None

    def select_candidate(self, candidate_id: str) -> bool:
        return self.select_candidates([candidate_id])

    def select_candidates(self, ids: list[str]) -> bool:
        sm = self.table.selectionModel()
        rows = [r for r in (self.model.find_row(cid) for cid in ids) if r >= 0]
        if not rows:
            return False
        first = self.model.index(rows[0], COL_NAME)
        sm.setCurrentIndex(
            first, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        for r in rows[1:]:
            sm.select(
                self.model.index(r, COL_NAME),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.table.scrollTo(first)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.selected_ids() and self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, COL_NAME),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    # -- plan ------------------------------------------------------------------------------------
    def _on_plan_chosen(self) -> None:
        plan = self.selected_plan()
        if plan:
            self.ctx.set_plan(plan)
        self.reload()

    def _on_plan_changed_elsewhere(self, plan_id: str) -> None:
        if plan_id and plan_id != self.selected_plan():
            i = self.plan_combo.findData(plan_id)
            if i >= 0:
                self.plan_combo.setCurrentIndex(i)

    def _on_candidates_changed(self) -> None:
        if self._own_change:
            return
        if self.isVisible() and not self._busy:
            self.reload()
        else:
            self._dirty = True

    # -- actions on the selection ----------------------------------------------------------------
    def _run(self, action, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Run a bulk action; reload once afterwards (not on every signal it emits)."""
        self._busy = True
        try:
            result = action(self, self.ctx, *args, **kwargs)
        finally:
            self._busy = False
        if self._dirty:
            self.reload()
        return result

    def _context_menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        if len(ids) == 1:
            menu.addAction("Mở hồ sơ", lambda: self.open_candidate(ids[0]))
            menu.addSeparator()
        menu.addAction(self.mentor_button.text(), lambda: self.bulk_assign_mentor())
        menu.addAction(self.status_button.text(), lambda: self.bulk_change_status())
        sub = self._export_menu(menu)
        sub.setTitle("Xuất giấy tờ cho các dòng chọn")
        menu.addMenu(sub)
        menu.addSeparator()
        if self.remove_button.isEnabled():
            menu.addAction(self.remove_button.text(), lambda: self.remove_selected())
        if self.restore_button.isEnabled():
            menu.addAction(self.restore_button.text(), lambda: self.restore_selected())
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self._menu = menu

    def bulk_assign_mentor(self, values=None) -> bool:  # type: ignore[no-untyped-def]
        return bool(self._run(bulk_actions.assign_mentor, self.selected_ids(), values))

    def bulk_change_status(self, to_status: str | None = None, reason: str | None = None) -> bool:
        return bool(self._run(bulk_actions.change_status, self.selected_ids(), to_status, reason))

    def remove_selected(self, reason: str | None = None) -> bool:
        ids = self.selected_ids()
        if not ids or not self.remove_button.isEnabled():
            return False
        return bool(self._run(bulk_actions.remove, ids, reason))

    def restore_selected(self, reason: str | None = None) -> bool:
        ids = self.selected_ids()
        if not ids or not self.restore_button.isEnabled():
            return False
        return bool(self._run(bulk_actions.restore, ids, reason))

    def export_selected(self, what: str, out_dir=None, *, open_folder: bool = True):  # type: ignore[no-untyped-def]
        """Papers for the selected rows, on the worker thread (returns the worker's Job)."""
        return bulk_actions.export_papers(
            self, self.ctx, self.selected_ids(), what, out_dir, open_folder=open_folder
        )

    # -- opening, adding ---------------------------------------------------------------------------
    def _edit_selected(self) -> None:
        cid = self.current_candidate_id()
        if cid:
            self.open_candidate(cid)

    def add_candidate(self) -> str | None:
        from ..candidate_form import CandidateForm

        plan_id = self.selected_plan() or self.ctx.plan_id
        form = CandidateForm(self.ctx, plan_id=plan_id, parent=self)
        if form.exec() != CandidateForm.DialogCode.Accepted or not form.saved_id:
            return None
        self._after_change(form.saved_id)
        return form.saved_id

    def open_candidate(self, candidate_id: str | None) -> str | None:
        """The candidate's page (tabs); None opens the form of a new candidate."""
        if candidate_id is None:
            return self.add_candidate()
        from ..candidate_page import CandidatePage

        page = CandidatePage(self.ctx, candidate_id, parent=self)
        self._busy = True
        try:
            page.exec()
        finally:
            self._busy = False
        if page.changed or self._dirty:
            self._after_change(page.candidate_id, emit=False)
        return page.candidate_id

    def _after_change(self, candidate_id: str, *, emit: bool = True) -> None:
        if emit:
            self._own_change = True
            try:
                self.ctx.hub.candidates_changed.emit()
            finally:
                self._own_change = False
        self.reload()
        if not self.select_candidate(candidate_id):  # hidden by the search or a filter: show it
            self.search.clear()
            self.select_candidate(candidate_id)
