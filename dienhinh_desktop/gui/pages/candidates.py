"""Page «Điển hình»: the plan's candidates — instant accent-free search, filters, add, edit."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...models.enums import CandidateKind, CandidateStatus
from ...text import vn_key
from ..candidate_model import (
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
from ..style import icon

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
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._dirty = False
        self._own_change = False
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
            "Tìm theo họ tên, tên tập thể, chức vụ, đơn vị… (gõ không dấu cũng được)"
        )
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(360)
        head.addWidget(self.search, 1)
        self.add_button = QPushButton(icon("add"), "Thêm điển hình")
        self.add_button.setObjectName("primary")
        self.add_button.setToolTip("Đăng ký một tập thể, cá nhân hoặc hộ gia đình (Ctrl+N)")
        self.add_button.setShortcut("Ctrl+N")
        head.addWidget(self.add_button)
        self.edit_button = QPushButton(icon("edit"), "Sửa")
        self.edit_button.setToolTip("Mở hồ sơ điển hình đang chọn (Enter hoặc nhấp đúp)")
        head.addWidget(self.edit_button)
        layout.addLayout(head)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.plan_combo = self._combo(filters, "Kế hoạch:", 230)
        self.kind_combo = self._combo(filters, "Loại:", 100)
        self.field_combo = self._combo(filters, "Lĩnh vực:", 150)
        self.unit_combo = self._combo(filters, "Đơn vị:", 150)
        self.status_combo = self._combo(filters, "Trạng thái:", 120)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.table = _Table(self._fit_columns)
        self._user_sized = False
        self._fitting = False
        self.table.setObjectName("candidateTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
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

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        hint = QLabel("Nhấp vào tiêu đề cột để sắp xếp; mặc định xếp theo tên (tên, tên đệm, họ).")
        hint.setObjectName("pageSubtitle")
        bottom.addWidget(hint)
        layout.addLayout(bottom)

        self._fill_static_combos()
        self._fill_plans()
        self.reload()

        self.search.textChanged.connect(self._on_search)
        for combo in (self.kind_combo, self.field_combo, self.unit_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.plan_combo.currentIndexChanged.connect(self._on_plan_chosen)
        self.table.activated.connect(lambda index: self.open_candidate(self.model.candidate_id(index.row())))
        self.add_button.clicked.connect(self.add_candidate)
        self.edit_button.clicked.connect(self._edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
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
        layout.addSpacing(8)
        return combo

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

    def _fill_plans(self) -> None:
        from ...services.plans import list_plans

        with self.ctx.db.session() as session:
            plans = [(p.id, p.name, p.code) for p in list_plans(session, include_templates=False)]
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

    def reload(self) -> None:
        """Read the list again (one SELECT), keeping the search, filters and selection."""
        keep = self.current_candidate_id()
        with self.ctx.db.session() as session:
            self.model.load(session, self.selected_plan())
        self._fill_value_combo(self.field_combo, self.model.field_choices())
        self._fill_value_combo(self.unit_combo, self.model.unit_choices())
        self._apply_filters()
        if keep:
            self.select_candidate(keep)
        self._dirty = False

    def _apply_filters(self) -> None:
        self.model.set_filters(
            Filters(
                kind=self.kind_combo.currentData(),
                field_id=self.field_combo.currentData(),
                unit_id=self.unit_combo.currentData(),
                status=self.status_combo.currentData(),
            )
        )
        self.model.set_query(self.search.text())
        self._update_count()

    def _on_search(self, text: str) -> None:
        self.model.set_query(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.shown(), self.model.total()
        text = f"Hiển thị {shown:,} / {total:,} điển hình".replace(",", ".")
        self.count_label.setText(text)
        if self.isVisible():
            self.ctx.hub.status_count.emit(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.current_candidate_id() is not None)
        has_plan = self.selected_plan() is not None or self.ctx.plan_id is not None
        self.add_button.setEnabled(has_plan)
        if not has_plan:
            self.add_button.setToolTip(
                "Chưa có kế hoạch nào đang thực hiện: hãy tạo hoặc sao chép một kế hoạch trước."
            )

    def on_shown(self) -> None:
        if self._dirty:
            self.reload()
        self.ctx.hub.status_count.emit(self.count_label.text())

    # -- selection -------------------------------------------------------------------------------
    def current_candidate_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.candidate_id(rows[0].row()) if rows else None

    def select_candidate(self, candidate_id: str) -> bool:
        row = self.model.find_row(candidate_id)
        if row < 0:
            return False
        index = self.model.index(row, COL_NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

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
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True

    # -- form ------------------------------------------------------------------------------------
    def _edit_selected(self) -> None:
        cid = self.current_candidate_id()
        if cid:
            self.open_candidate(cid)

    def add_candidate(self) -> None:
        self.open_candidate(None)

    def open_candidate(self, candidate_id: str | None) -> str | None:
        from ..candidate_form import CandidateForm

        plan_id = self.selected_plan() or self.ctx.plan_id
        form = CandidateForm(self.ctx, plan_id=plan_id, candidate_id=candidate_id, parent=self)
        if form.exec() != CandidateForm.DialogCode.Accepted or not form.saved_id:
            return None
        self._own_change = True
        try:
            self.ctx.hub.candidates_changed.emit()
        finally:
            self._own_change = False
        self.reload()
        if not self.select_candidate(form.saved_id):  # hidden by the search or a filter: show it
            self.search.clear()
            self.select_candidate(form.saved_id)
        return form.saved_id
