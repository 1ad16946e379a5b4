"""Page «Kế hoạch»: the office's plans and the built-in templates (read-only, marked «Mẫu»);
the selected plan in tabs — general facts and recognition steps, phases and deadlines,
fields, quotas, pass rules, criteria sets and criteria.

A template is copied into a plan of the office («Sao chép thành kế hoạch của đơn vị»); a plan
of the office is edited in place and saved in one transaction
(``services.plan_editing.save_plan``); a refused row (a field that candidates use, a criterion
already assessed, a date that is not a date) leaves the whole plan as it was.

:class:`RowTable` (an editable table of dictionaries with add / remove / move buttons) is
also used by the «Danh mục» page.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from ...errors import UserError
from ...models import Plan, Unit
from ...services import plan_editing as PE
from ...text import fmt_date
from ..context import AppContext
from ..widgets import ask_yes_no, show_error, show_info

ROW_DATA = Qt.ItemDataRole.UserRole + 1  # the row's hidden values (column 0)
VALUE = Qt.ItemDataRole.UserRole + 2  # a choice cell's stored value
_new_keys = itertools.count(1)


# ============================================================================ RowTable
@dataclass
class Col:
    key: str
    header: str
    kind: str = "text"  # text / int / float / date / choice / bool / count (read-only number)
    choices: dict[str, str] | Callable[[], dict[str, str]] | None = None  # value -> label ("" = empty)
    stretch: bool = False
    width: int | None = None
    tip: str = ""
    to_value: Callable[[str], Any] | None = None  # choice value -> stored value
    from_value: Callable[[Any], str] | None = None  # stored value -> choice value

    def options(self) -> dict[str, str]:
        c = self.choices() if callable(self.choices) else self.choices
        return dict(c or {})


class _ChoiceDelegate(QStyledItemDelegate):
    def __init__(self, table: RowTable) -> None:
        super().__init__(table.table)
        self.owner = table

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        col = self.owner.columns[index.column()]
        if col.kind != "choice":
            editor = super().createEditor(parent, option, index)
            if col.kind == "date" and isinstance(editor, QLineEdit):
                editor.setPlaceholderText("dd/mm/yyyy")
            return editor
        combo = QComboBox(parent)
        for value, label in col.options().items():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            i = editor.findData(index.data(VALUE) or "")
            editor.setCurrentIndex(max(i, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), VALUE)
            model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)
            return
        super().setModelData(editor, model, index)


class RowTable(QWidget):
    """An editable list of dictionaries. ``set_rows`` shows them; ``rows`` gives them back
    with the edited columns (values the table does not show are carried through unchanged;
    a new row has a ``key`` "new-N" instead of an ``id``)."""

    changed = Signal()
    current_row_changed = Signal(int)
    about_to_restructure = Signal()  # rows are about to be added, removed or moved
    restructured = Signal()  # … and now they are

    def __init__(
        self,
        columns: list[Col],
        *,
        add_label: str = "Thêm dòng",
        remove_label: str = "Xóa dòng",
        movable: bool = True,
        can_remove: Callable[[dict[str, Any]], str | None] | None = None,
        new_row: Callable[[], dict[str, Any]] | None = None,
        on_refused: Callable[[str], None] | None = None,
        max_row_height: int = 62,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self.max_row_height = max_row_height
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_rows)
        self.can_remove = can_remove
        self.new_row = new_row or dict
        self.on_refused = on_refused or (lambda text: show_error(self, text))
        self.read_only = False
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.header for c in columns])
        for i, c in enumerate(columns):
            if c.tip:
                self.table.horizontalHeaderItem(i).setToolTip(c.tip)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setItemDelegate(_ChoiceDelegate(self))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for i, c in enumerate(columns):
            if c.stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            elif c.width:
                self.table.setColumnWidth(i, c.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_a: self._fit_timer.start())
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self.current_row_changed.emit(row))
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.add_btn = QPushButton(add_label)
        self.add_btn.clicked.connect(lambda: self.add_row())
        self.remove_btn = QPushButton(remove_label)
        self.remove_btn.clicked.connect(lambda: self.remove_current())
        bar.addWidget(self.add_btn)
        bar.addWidget(self.remove_btn)
        self.up_btn = QPushButton("Lên")
        self.down_btn = QPushButton("Xuống")
        self.up_btn.clicked.connect(lambda: self.move_current(-1))
        self.down_btn.clicked.connect(lambda: self.move_current(1))
        if movable:
            bar.addWidget(self.up_btn)
            bar.addWidget(self.down_btn)
        else:
            self.up_btn.hide()
            self.down_btn.hide()
        self.hint = QLabel()
        self.hint.setObjectName("pageSubtitle")
        bar.addWidget(self.hint, 1)
        layout.addLayout(bar)

    # -- content ------------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        for b in (self.add_btn, self.remove_btn, self.up_btn, self.down_btn):
            b.setEnabled(not read_only)
        self._refresh_flags()

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self._loading = True
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row in rows:
            self._append(dict(row))
        self.table.blockSignals(False)
        self._loading = False
        self._fit_timer.start()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_timer.start()

    def _fit_rows(self) -> None:
        """Rows as tall as their text, at most ``max_row_height`` (the full text is in the tooltip)."""
        self.table.resizeRowsToContents()
        for r in range(self.table.rowCount()):
            if self.table.rowHeight(r) > self.max_row_height:
                self.table.setRowHeight(r, self.max_row_height)

    def _cell(self, col: Col, value: Any) -> QTableWidgetItem:
        item = QTableWidgetItem()
        if col.kind == "bool":
            item.setData(
                Qt.ItemDataRole.CheckStateRole, Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            )
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        elif col.kind == "choice":
            stored = col.from_value(value) if col.from_value else ("" if value is None else str(value))
            item.setData(VALUE, stored)
            item.setText(col.options().get(stored, stored))
        elif col.kind == "date":
            item.setText(fmt_date(value) if isinstance(value, date) else (value or ""))
        elif col.kind in ("int", "float", "count"):
            if value is None or value == "":
                item.setText("")
            elif col.kind == "float" and isinstance(value, float):
                item.setText(f"{value:g}".replace(".", ","))
            else:
                item.setText(str(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        else:
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
            text = "" if value is None else str(value)
            item.setText(text)
            if len(text) > 40:
                item.setToolTip(text)
        return item

    def _append(self, row: dict[str, Any], at: int | None = None) -> int:
        r = self.table.rowCount() if at is None else at
        self.table.insertRow(r)
        if not row.get("id") and not row.get("key"):
            row["key"] = f"new-{next(_new_keys)}"
        for c, col in enumerate(self.columns):
            item = self._cell(col, row.get(col.key))
            if c == 0:
                item.setData(ROW_DATA, row)
            self.table.setItem(r, c, item)
        self._flags(r)
        return r

    def _flags(self, r: int) -> None:
        for c, col in enumerate(self.columns):
            item = self.table.item(r, c)
            if item is None:
                continue
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if col.kind == "bool" and not self.read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            elif col.kind not in ("bool", "count") and not self.read_only:
                flags |= Qt.ItemFlag.ItemIsEditable
            item.setFlags(flags)
            if col.kind == "count":
                item.setForeground(QBrush(QColor("#5b6b7c")))

    def _refresh_flags(self) -> None:
        self._loading = True
        for r in range(self.table.rowCount()):
            self._flags(r)
        self._loading = False

    def refresh_labels(self) -> None:
        """Show again the labels of choice cells (their choices may have changed)."""
        self._loading = True
        for c, col in enumerate(self.columns):
            if col.kind != "choice":
                continue
            options = col.options()
            for r in range(self.table.rowCount()):
                item = self.table.item(r, c)
                if item is not None:
                    value = item.data(VALUE) or ""
                    item.setText(options.get(value, value))
        self._loading = False

    def row_data(self, r: int) -> dict[str, Any]:
        first = self.table.item(r, 0)
        data = dict(first.data(ROW_DATA) or {}) if first is not None else {}
        for c, col in enumerate(self.columns):
            item = self.table.item(r, c)
            if item is None or col.kind == "count":
                continue
            if col.kind == "bool":
                data[col.key] = item.checkState() == Qt.CheckState.Checked
            elif col.kind == "choice":
                value = item.data(VALUE) or ""
                data[col.key] = col.to_value(value) if col.to_value else (value or None)
            else:
                text = item.text().strip()
                data[col.key] = text or None
        return data

    def set_row_extra(self, r: int, **values: Any) -> None:
        """Change hidden values of a row (e.g. the criteria of a criteria set)."""
        first = self.table.item(r, 0)
        if first is None:
            return
        data = dict(first.data(ROW_DATA) or {})
        data.update(values)
        self._loading = True
        first.setData(ROW_DATA, data)
        self._loading = False

    def rows(self) -> list[dict[str, Any]]:
        return [self.row_data(r) for r in range(self.table.rowCount())]

    def row_count(self) -> int:
        return self.table.rowCount()

    def current_row(self) -> int:
        return self.table.currentRow()

    # -- editing ------------------------------------------------------------------------------
    def _on_item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self.changed.emit()

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        if self.read_only:
            return -1
        row = {**self.new_row(), **(values or {})}
        self.about_to_restructure.emit()
        self.table.blockSignals(True)
        r = self._append(row)
        self.table.blockSignals(False)
        self.restructured.emit()
        self.table.setCurrentCell(r, 0)
        self.table.scrollToItem(self.table.item(r, 0))
        self.changed.emit()
        return r

    def remove_current(self) -> bool:
        r = self.table.currentRow()
        return self.remove_row(r)

    def remove_row(self, r: int) -> bool:
        if self.read_only or not 0 <= r < self.table.rowCount():
            return False
        self.about_to_restructure.emit()
        if self.can_remove is not None:
            refusal = self.can_remove(self.row_data(r))
            if refusal:
                self.on_refused(refusal)
                return False
        self.table.blockSignals(True)
        self.table.removeRow(r)
        self.table.blockSignals(False)
        self.restructured.emit()
        if self.table.rowCount():
            self.table.setCurrentCell(min(r, self.table.rowCount() - 1), 0)
        self.changed.emit()
        return True

    def move_current(self, step: int) -> None:
        r = self.table.currentRow()
        target = r + step
        if self.read_only or r < 0 or not 0 <= target < self.table.rowCount():
            return
        self.about_to_restructure.emit()
        data = self.row_data(r)
        self._loading = True
        self.table.blockSignals(True)
        self.table.removeRow(r)
        self._append(data, at=target)
        self.table.blockSignals(False)
        self._loading = False
        self.restructured.emit()
        self.table.setCurrentCell(target, 0)
        self.changed.emit()

    def set_cell(self, r: int, key: str, value: Any) -> None:
        """Write a value into a cell as if typed (tests, scripts)."""
        c = next(i for i, col in enumerate(self.columns) if col.key == key)
        col = self.columns[c]
        item = self.table.item(r, c)
        if col.kind == "bool":
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        elif col.kind == "choice":
            stored = col.from_value(value) if col.from_value else ("" if value is None else str(value))
            self._loading = True
            item.setData(VALUE, stored)
            self._loading = False
            item.setText(col.options().get(stored, stored))
        else:
            item.setText("" if value is None else str(value))


# ============================================================================ helpers
def _with_empty(label: str, table: dict[str, str]) -> dict[str, str]:
    return {"": label, **table}


def _bool_choice(true_label: str, false_label: str) -> dict[str, Any]:
    return {
        "choices": {"1": true_label, "0": false_label},
        "to_value": lambda v: v == "1",
        "from_value": lambda v: "1" if v or v is None else "0",
    }


def _opt(value: Any) -> str:
    return "" if value is None else str(value)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


# ============================================================================ the page
class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.plan_id: str | None = None
        self.version: int | None = None
        self.is_template = False
        self.dirty = False
        self._loading = False
        self._set_row = -1  # the criteria set whose criteria are in the lower table
        self._stale_list = True
        # Tests replace these to answer without dialogs.
        self.confirm: Callable[[str], bool] = lambda text: ask_yes_no(self, text)
        self.inform: Callable[[str], None] = lambda text: show_info(self, text)
        self.warn: Callable[[str], None] = lambda text: show_error(self, text)
        self.ask_name: Callable[[str, str], str | None] = self._ask_name

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 10)
        title = QLabel("Kế hoạch")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        sub = QLabel(
            "Các kế hoạch, phong trào của đơn vị và các kế hoạch mẫu chép từ văn bản của cấp trên. "
            "Kế hoạch mẫu chỉ để xem: sao chép thành kế hoạch của đơn vị rồi sửa."
        )
        sub.setObjectName("pageSubtitle")
        sub.setWordWrap(True)
        layout.addWidget(sub)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)

        # Left: the list of plans.
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 4, 6, 0)
        self.plan_list = QListWidget()
        self.plan_list.setObjectName("planList")
        self.plan_list.setWordWrap(True)
        self.plan_list.setSpacing(1)
        self.plan_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.plan_list.setStyleSheet(
            "QListWidget#planList::item { padding: 5px 4px; border-bottom: 1px solid #e3e7ec; }"
            "QListWidget#planList::item:selected { background: #cfe0f1; color: #10202f; }"
        )
        self.plan_list.currentItemChanged.connect(self._on_plan_chosen)
        ll.addWidget(self.plan_list, 1)
        self.new_btn = QPushButton("Kế hoạch mới (trống)…")
        self.new_btn.clicked.connect(lambda: self.new_plan())
        ll.addWidget(self.new_btn)
        split.addWidget(left)

        # Right: the selected plan.
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(6, 4, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("planHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() + 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        rl.addWidget(self.heading)
        self.banner = QLabel()
        self.banner.setObjectName("planBanner")
        self.banner.setWordWrap(True)
        rl.addWidget(self.banner)
        actions = QHBoxLayout()
        self.copy_btn = QPushButton("Sao chép thành kế hoạch của đơn vị")
        self.copy_btn.setObjectName("primary")
        self.copy_btn.clicked.connect(lambda: self.copy_selected())
        self.activate_btn = QPushButton("Đặt làm kế hoạch đang thực hiện")
        self.activate_btn.clicked.connect(lambda: self.activate_selected())
        self.save_btn = QPushButton("Lưu thay đổi")
        self.save_btn.setObjectName("primary")
        self.save_btn.clicked.connect(lambda: self.save())
        self.revert_btn = QPushButton("Bỏ thay đổi")
        self.revert_btn.clicked.connect(self._revert)
        for b in (self.copy_btn, self.activate_btn):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.revert_btn)
        actions.addWidget(self.save_btn)
        rl.addLayout(actions)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        rl.addWidget(self.error)

        self.tabs = QTabWidget()
        rl.addWidget(self.tabs, 1)
        self._build_general_tab()
        self._build_phases_tab()
        self._build_fields_tab()
        self._build_quotas_tab()
        self._build_rules_tab()
        self._build_criteria_tab()
        self.tabs.currentChanged.connect(self._on_tab)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([265, 900])

        ctx.hub.plans_changed.connect(self._mark_stale)
        ctx.hub.plan_changed.connect(lambda _pid: self._mark_stale())
        self.reload_list()

    # -- tabs -----------------------------------------------------------------------------------
    def _build_general_tab(self) -> None:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.name.setObjectName("planName")
        self.code = QLineEdit()
        self.code.setPlaceholderText("Ví dụ: 15-KH/ĐU")
        self.issuer = QLineEdit()
        self.issued_on = QLineEdit()
        self.issued_on.setPlaceholderText("dd/mm/yyyy")
        self.period_start = QLineEdit()
        self.period_start.setPlaceholderText("dd/mm/yyyy")
        self.period_end = QLineEdit()
        self.period_end.setPlaceholderText("dd/mm/yyyy")
        for w in (self.issued_on, self.period_start, self.period_end):
            w.setMaximumWidth(120)
        period = QHBoxLayout()
        period.addWidget(QLabel("từ"))
        period.addWidget(self.period_start)
        period.addWidget(QLabel("đến"))
        period.addWidget(self.period_end)
        period.addStretch(1)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(QLabel("Ngày ban hành:"))
        code_row.addWidget(self.issued_on)
        self.status = QComboBox()
        for key, label in PE.PLAN_STATUSES.items():
            self.status.addItem(label, key)
        self.cadence = QLineEdit()
        self.cadence.setPlaceholderText("Ví dụ: hằng tháng, hằng quý, 06 tháng, 01 năm")
        self.quorum = QDoubleSpinBox()
        self.quorum.setRange(1, 100)
        self.quorum.setDecimals(1)
        self.quorum.setSuffix(" %")
        self.quorum_strict = QComboBox()
        self.quorum_strict.addItem("trên (lớn hơn)", True)
        self.quorum_strict.addItem("từ … trở lên", False)
        quorum = QHBoxLayout()
        quorum.addWidget(QLabel("Có mặt"))
        quorum.addWidget(self.quorum_strict)
        quorum.addWidget(self.quorum)
        quorum.addWidget(QLabel("tổng số thành viên hội đồng"))
        quorum.addStretch(1)
        self.description = QPlainTextEdit()
        self.description.setMinimumHeight(70)
        self.description.setMaximumHeight(110)
        form.addRow("Tên kế hoạch:", self.name)
        form.addRow("Số, ký hiệu:", code_row)
        form.addRow("Cơ quan ban hành:", self.issuer)
        form.addRow("Thời gian thực hiện:", period)
        form.addRow("Trạng thái:", self.status)
        form.addRow("Định kỳ xét công nhận:", self.cadence)
        form.addRow("Điều kiện họp hợp lệ:", quorum)
        form.addRow("Mô tả, mục đích:", self.description)
        self.steps = RowTable(
            [Col("title", "Bước", width=220), Col("text", "Nội dung", stretch=True)],
            add_label="Thêm bước",
            remove_label="Xóa bước",
        )
        self.steps.setMinimumHeight(200)
        form.addRow("Các bước công nhận:", self.steps)
        for w in (
            self.name,
            self.code,
            self.issuer,
            self.issued_on,
            self.period_start,
            self.period_end,
            self.cadence,
        ):
            w.textEdited.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)
        self.quorum.valueChanged.connect(self._changed)
        self.quorum_strict.currentIndexChanged.connect(self._changed)
        self.description.textChanged.connect(self._changed)
        self.steps.changed.connect(self._changed)
        scroll.setWidget(body)
        self.tabs.addTab(scroll, "Chung")

    def _build_phases_tab(self) -> None:
        self.phases = RowTable(
            [
                Col("name", "Công việc, giai đoạn", stretch=True),
                Col("kind", "Loại", "choice", PE.PHASE_KINDS, width=104),
                Col("start_date", "Từ ngày", "date", width=84),
                Col("end_date", "Đến ngày", "date", width=84),
                Col("deadline", "Hạn chót", "date", width=84),
                Col("recurrence", "Lặp lại", "choice", _with_empty("Không lặp", PE.RECURRENCES), width=95),
                Col("responsible", "Thực hiện", width=150),
                Col("done", "Xong", "bool"),
            ],
            add_label="Thêm giai đoạn",
            remove_label="Xóa giai đoạn",
            new_row=lambda: {"kind": "phase", "name": "Giai đoạn mới"},
        )
        self.phases.changed.connect(self._changed)
        self.tabs.addTab(self._tab_with(self.phases, ""), "Giai đoạn và thời hạn")

    def _build_fields_tab(self) -> None:
        self.fields = RowTable(
            [
                Col("code", "Mã", width=60),
                Col("name", "Lĩnh vực", stretch=True),
                Col("lead_agency", "Cơ quan chủ trì, hướng dẫn", width=240),
                Col("candidates", "Số điển hình", "count"),
            ],
            add_label="Thêm lĩnh vực",
            remove_label="Xóa lĩnh vực",
            can_remove=self._field_refusal,
            on_refused=lambda text: self.warn(text),
            new_row=lambda: {"name": "Lĩnh vực mới", "candidates": 0},
        )
        self.fields.changed.connect(self._changed)
        self.tabs.addTab(
            self._tab_with(
                self.fields,
                "Lĩnh vực đang có điển hình không xóa được (hãy chuyển điển hình sang lĩnh vực khác trước).",
            ),
            "Lĩnh vực",
        )

    def _build_quotas_tab(self) -> None:
        self.quotas = RowTable(
            [
                Col("scope", "Phạm vi", "choice", PE.QUOTA_SCOPES, width=118),
                Col(
                    "unit_kind",
                    "Loại đơn vị",
                    "choice",
                    _with_empty("Mọi loại đơn vị", PE.UNIT_KINDS),
                    width=115,
                ),
                Col("unit_id", "Đơn vị cụ thể", "choice", self._unit_choices, width=120),
                Col(
                    "candidate_kind",
                    "Loại điển hình",
                    "choice",
                    _with_empty("Tất cả (gộp)", PE.CANDIDATE_KINDS),
                    width=105,
                ),
                Col("period", "Tính theo", "choice", PE.QUOTA_PERIODS, width=95),
                Col("min_count", "Tối thiểu", "int", width=62),
                Col("max_count", "Tối đa", "int", width=55),
                Col("note", "Ghi chú (lời văn bản)", stretch=True),
            ],
            add_label="Thêm chỉ tiêu",
            remove_label="Xóa chỉ tiêu",
            movable=False,
            new_row=lambda: {"scope": "registration", "period": "plan", "min_count": 1},
        )
        self.quotas.changed.connect(self._changed)
        self.tabs.addTab(
            self._tab_with(
                self.quotas, "Chỉ tiêu chỉ để nhắc: vượt hoặc thiếu vẫn lưu được, chương trình cảnh báo."
            ),
            "Chỉ tiêu",
        )

    def _build_rules_tab(self) -> None:
        self.rules = RowTable(
            [
                Col("title", "Danh hiệu, hình thức", "choice", PE.AWARD_KINDS, width=250),
                Col("strict", "So sánh", "choice", **_bool_choice("trên", "từ … trở lên")),
                Col("threshold_percent", "Tỷ lệ (%)", "float"),
                Col("denominator", "Tính trên", "choice", PE.DENOMINATORS),
                Col("method", "Hình thức biểu quyết", "choice", PE.BALLOT_METHODS),
                Col("note", "Ghi chú", stretch=True),
            ],
            add_label="Thêm quy tắc",
            remove_label="Xóa quy tắc",
            movable=False,
            new_row=lambda: {
                "title": "recognition",
                "strict": True,
                "threshold_percent": 50.0,
                "denominator": "all_members",
                "method": "secret",
            },
        )
        self.rules.changed.connect(self._changed)
        self.tabs.addTab(
            self._tab_with(
                self.rules,
                "Ví dụ: «trên 50% tổng số thành viên hội đồng đồng ý, bỏ phiếu kín». Không có quy tắc nào thì "
                "chương trình dùng mặc định đó.",
            ),
            "Quy tắc biểu quyết",
        )

    def _build_criteria_tab(self) -> None:
        w = QWidget()
        layout = QVBoxLayout(w)
        split = QSplitter(Qt.Orientation.Vertical)
        self.sets = RowTable(
            [
                Col("code", "Mã", width=60),
                Col("name", "Bộ tiêu chí", stretch=True),
                Col("applies_kind", "Áp dụng cho", "choice", _with_empty("Mọi loại", PE.CANDIDATE_KINDS)),
                Col("field_id", "Lĩnh vực", "choice", self._field_choices, width=200),
                Col("is_general", "Tiêu chí chung", "bool"),
            ],
            add_label="Thêm bộ tiêu chí",
            remove_label="Xóa bộ tiêu chí",
            can_remove=self._set_refusal,
            on_refused=lambda text: self.warn(text),
            new_row=lambda: {"name": "Bộ tiêu chí mới", "criteria": []},
        )
        self.sets.changed.connect(self._changed)
        self.sets.current_row_changed.connect(self._on_set_chosen)
        self.sets.about_to_restructure.connect(self._flush_criteria)
        self.sets.restructured.connect(self._sets_restructured)
        split.addWidget(self.sets)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 4, 0, 0)
        self.criteria_title = QLabel()
        self.criteria_title.setObjectName("pageSubtitle")
        ll.addWidget(self.criteria_title)
        self.criteria = RowTable(
            [
                Col("code", "Mã", width=70),
                Col("text", "Nội dung tiêu chí", stretch=True),
                Col(
                    "condition",
                    "Điều kiện",
                    "choice",
                    _with_empty("Luôn áp dụng", _short_conditions()),
                    width=125,
                ),
                Col("value_type", "Kiểu", "choice", PE.CRITERION_TYPES, width=130),
                Col("required", "Bắt buộc", "bool"),
                Col("assessments", "Đã đánh giá", "count"),
            ],
            add_label="Thêm tiêu chí",
            remove_label="Xóa tiêu chí",
            can_remove=self._criterion_refusal,
            on_refused=lambda text: self.warn(text),
            new_row=lambda: {
                "text": "Tiêu chí mới",
                "value_type": "boolean",
                "required": True,
                "assessments": 0,
            },
        )
        self.criteria.current_row_changed.connect(self._on_criterion_chosen)
        ll.addWidget(self.criteria, 1)
        detail = QHBoxLayout()
        self.c_scale = QLineEdit()
        self.c_scale.setPlaceholderText("Các mức, mức cao nhất trước, cách nhau bởi dấu ;")
        self.c_min = QLineEdit()
        self.c_min.setPlaceholderText("Một mức trong thang")
        self.c_threshold = QLineEdit()
        self.c_threshold.setMaximumWidth(60)
        self.c_years = QLineEdit()
        self.c_years.setMaximumWidth(45)
        detail.addWidget(QLabel("Thang xếp loại:"))
        detail.addWidget(self.c_scale, 3)
        detail.addWidget(QLabel("Mức tối thiểu:"))
        detail.addWidget(self.c_min, 2)
        detail.addWidget(QLabel("Ngưỡng %:"))
        detail.addWidget(self.c_threshold)
        detail.addWidget(QLabel("Số năm liền:"))
        detail.addWidget(self.c_years)
        self.criterion_detail = [
            ("rating_scale", self.c_scale),
            ("min_rating", self.c_min),
            ("threshold", self.c_threshold),
            ("years_required", self.c_years),
        ]
        for key, edit in self.criterion_detail:
            edit.textEdited.connect(lambda text, k=key: self._criterion_detail_edited(k, text))
        ll.addLayout(detail)
        self.criteria.changed.connect(self._changed)
        split.addWidget(lower)
        split.setSizes([170, 330])
        layout.addWidget(split, 1)
        self.tabs.addTab(w, "Tiêu chí")

    def _tab_with(self, table: QWidget, hint: str) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        layout.addWidget(table, 1)
        if hint:
            label = QLabel(hint)
            label.setObjectName("pageSubtitle")
            label.setWordWrap(True)
            layout.addWidget(label)
        return w

    # -- choices that depend on the data ---------------------------------------------------------
    def _unit_choices(self) -> dict[str, str]:
        return {"": "—", **getattr(self, "_units", {})}

    def _field_choices(self) -> dict[str, str]:
        out = {"": "Không gắn lĩnh vực"}
        for row in self.fields.rows():
            key = row.get("id") or row.get("key")
            name = row.get("name") or ""
            out[str(key)] = (
                f"{row['code']}. {name}" if row.get("code") and not name.startswith(row["code"]) else name
            )
        return out

    # -- refusals while editing (the core refuses the same on save) -----------------------------
    def _field_refusal(self, row: dict[str, Any]) -> str | None:
        n = int(row.get("candidates") or 0)
        if n:
            return (
                f"Không xóa được lĩnh vực «{row.get('name')}»: đang có {n} điển hình thuộc lĩnh vực này. "
                "Hãy chuyển các điển hình đó sang lĩnh vực khác trước."
            )
        key = row.get("id") or row.get("key")
        sets = [s for s in self.sets.rows() if s.get("field_id") and s.get("field_id") == key]
        if sets:
            names = ", ".join(f"«{s.get('name')}»" for s in sets)
            return (
                f"Không xóa được lĩnh vực «{row.get('name')}»: {len(sets)} bộ tiêu chí đang gắn với lĩnh vực này "
                f"({names}). Hãy bỏ liên kết hoặc xóa bộ tiêu chí đó trước."
            )
        return None

    def _criterion_refusal(self, row: dict[str, Any]) -> str | None:
        n = int(row.get("assessments") or 0)
        if n:
            text = row.get("short_text") or row.get("text") or ""
            if len(text) > 80:
                text = text[:78] + "…"
            return (
                f"Không xóa được tiêu chí «{text}»: đã có {n} bản tự đánh giá, thẩm định theo tiêu chí này."
            )
        return None

    def _set_refusal(self, row: dict[str, Any]) -> str | None:
        self._flush_criteria()
        key = row.get("id") or row.get("key")
        fresh = next((r for r in self.sets.rows() if (r.get("id") or r.get("key")) == key), row)
        n = sum(int(c.get("assessments") or 0) for c in fresh.get("criteria") or [])
        if n:
            return (
                f"Không xóa được bộ tiêu chí «{row.get('name')}»: đã có {n} bản tự đánh giá, thẩm định "
                "theo các tiêu chí của bộ này."
            )
        return None

    # -- the list ----------------------------------------------------------------------------------
    def _mark_stale(self) -> None:
        self._stale_list = True
        if self.isVisible():
            self.reload_list()

    def on_shown(self) -> None:
        if self._stale_list:
            self.reload_list()

    def reload_list(self, select_id: str | None = None, *, force: bool = False) -> None:
        self._stale_list = False
        wanted = select_id or self.plan_id or self.ctx.plan_id
        current = self.ctx.plan_id
        with self.ctx.db.session() as s:
            from ...services.plans import list_plans

            plans = list_plans(s)
            rows = [
                (p.id, p.name, p.code, p.is_template, p.status, p.period_start, p.period_end, p.issuer)
                for p in plans
            ]
            self._units = {
                u.id: u.name if u.active else f"{u.name} (ngừng sử dụng)"
                for u in s.scalars(select(Unit).order_by(Unit.sort_order, Unit.name))
            }
        self.plan_list.blockSignals(True)
        self.plan_list.clear()
        own = [r for r in rows if not r[3]]
        templates = [r for r in rows if r[3]]
        for header, group in (("KẾ HOẠCH CỦA ĐƠN VỊ", own), ("KẾ HOẠCH MẪU (CHỈ XEM)", templates)):
            head = QListWidgetItem(header)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            f = head.font()
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() - 0.5)
            head.setFont(f)
            head.setForeground(QBrush(QColor("#5b6b7c")))
            self.plan_list.addItem(head)
            if not group:
                empty = QListWidgetItem(
                    "  (chưa có — hãy sao chép một kế hoạch mẫu)"
                    if not header.startswith("KẾ HOẠCH MẪU")
                    else "  (không có)"
                )
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                empty.setForeground(QBrush(QColor("#8a96a3")))
                self.plan_list.addItem(empty)
            for pid, name, code, is_tpl, status, start, end, issuer in group:
                period = f"{fmt_date(start)[-4:] or '?'}–{fmt_date(end)[-4:] or '?'}" if start or end else ""
                if is_tpl:
                    line2 = " · ".join(x for x in ("Mẫu", issuer or "", period) if x)
                else:
                    marks = [code or "", period, PE.PLAN_STATUSES.get(status, status)]
                    if pid == current:
                        marks.insert(0, "● đang làm việc")
                    line2 = " · ".join(x for x in marks if x)
                short = name if len(name) <= 120 else name[:118].rstrip() + "…"
                item = QListWidgetItem(f"{short}\n{line2}")
                item.setData(Qt.ItemDataRole.UserRole, pid)
                item.setToolTip(name)
                if is_tpl:
                    item.setForeground(QBrush(QColor("#44546a")))
                if pid == current:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                self.plan_list.addItem(item)
        self.plan_list.blockSignals(False)
        target = None
        for i in range(self.plan_list.count()):
            item = self.plan_list.item(i)
            pid = item.data(Qt.ItemDataRole.UserRole)
            if pid and (target is None or pid == wanted):
                target = item
                if pid == wanted:
                    break
        pid = target.data(Qt.ItemDataRole.UserRole) if target is not None else None
        self.plan_list.blockSignals(True)
        self.plan_list.setCurrentItem(target)
        self.plan_list.blockSignals(False)
        if force or pid != self.plan_id or not self.dirty:
            self.load_plan(pid)

    def _on_plan_chosen(self, item: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if pid == self.plan_id:
            return
        if self.dirty and not self.confirm("Kế hoạch đang sửa chưa được lưu. Bỏ các thay đổi đó?"):
            self.plan_list.blockSignals(True)
            self.plan_list.setCurrentItem(previous)
            self.plan_list.blockSignals(False)
            return
        self.load_plan(pid)

    def select_plan(self, plan_id: str) -> bool:
        for i in range(self.plan_list.count()):
            item = self.plan_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == plan_id:
                self.plan_list.setCurrentItem(item)
                return True
        return False

    # -- one plan ----------------------------------------------------------------------------------
    def load_plan(self, plan_id: str | None) -> None:
        self._loading = True
        self.plan_id = plan_id
        detail = None
        if plan_id:
            with self.ctx.db.session() as s:
                plan = s.get(Plan, plan_id)
                if plan is not None:
                    detail = PE.plan_detail(s, plan)
        self.detail = detail
        self._set_row = -1
        self.error.hide()
        if detail is None:
            self.plan_id = None
            self.heading.setText("Chưa chọn kế hoạch")
            self.banner.setText("")
            for t in (
                self.steps,
                self.phases,
                self.fields,
                self.quotas,
                self.rules,
                self.sets,
                self.criteria,
            ):
                t.set_rows([])
            self.is_template = True
            self._apply_mode()
            self._loading = False
            self.dirty = False
            self._update_buttons()
            return
        self.version = detail["version"]
        self.is_template = detail["is_template"]
        self.heading.setText(detail["name"])
        self.name.setText(detail["name"] or "")
        self.code.setText(detail["code"] or "")
        self.issuer.setText(detail["issuer"] or "")
        self.issued_on.setText(fmt_date(detail["issued_on"]))
        self.period_start.setText(fmt_date(detail["period_start"]))
        self.period_end.setText(fmt_date(detail["period_end"]))
        self.status.setCurrentIndex(max(self.status.findData(detail["status"]), 0))
        self.cadence.setText(detail["recognition_cadence"] or "")
        self.quorum.setValue(detail["quorum_percent"] or 50.0)
        self.quorum_strict.setCurrentIndex(0 if detail["quorum_strict"] else 1)
        self.description.setPlainText(detail["description"] or "")
        self.steps.set_rows(detail["steps"])
        self.phases.set_rows(detail["phases"])
        self.fields.set_rows(detail["fields"])
        self.quotas.set_rows(detail["quotas"])
        self.rules.set_rows(detail["pass_rules"])
        self.sets.set_rows(detail["criteria_sets"])
        self.sets.refresh_labels()
        self.criteria.set_rows([])
        if self.sets.row_count():
            self.sets.table.setCurrentCell(0, 1)
        self._on_set_chosen(self.sets.current_row())
        self._apply_mode()
        self._loading = False
        self.dirty = False
        self._update_buttons()

    def _apply_mode(self) -> None:
        ro = self.is_template or self.plan_id is None
        for w in (
            self.name,
            self.code,
            self.issuer,
            self.issued_on,
            self.period_start,
            self.period_end,
            self.cadence,
        ):
            w.setReadOnly(ro)
        self.description.setReadOnly(ro)
        for w in (self.status, self.quorum, self.quorum_strict):
            w.setEnabled(not ro)
        for t in (self.steps, self.phases, self.fields, self.quotas, self.rules, self.sets, self.criteria):
            t.set_read_only(ro)
        if self.plan_id is None:
            self.banner.setText("")
        elif self.is_template:
            self.banner.setText(
                "<b>Kế hoạch mẫu — chỉ xem.</b> Muốn dùng hoặc sửa, bấm «Sao chép thành kế hoạch của đơn vị»."
            )
            self.banner.setStyleSheet(
                "background:#fff6da; border:1px solid #e8d48a; padding:5px; border-radius:3px;"
            )
        else:
            d = self.detail or {}
            bits = [PE.PLAN_STATUSES.get(d.get("status"), d.get("status") or "")]
            if d.get("period_start") or d.get("period_end"):
                bits.append(
                    f"từ {fmt_date(d.get('period_start')) or '?'} đến {fmt_date(d.get('period_end')) or '?'}"
                )
            bits.append(f"{d.get('candidates', 0)} điển hình")
            if self.plan_id == self.ctx.plan_id:
                bits.insert(0, "Kế hoạch đang làm việc")
            self.banner.setText(" · ".join(b for b in bits if b))
            self.banner.setStyleSheet("color:#3c4b5b; padding:2px 0;")

    def _update_buttons(self) -> None:
        has = self.plan_id is not None
        self.copy_btn.setEnabled(has)
        self.copy_btn.setText(
            "Sao chép thành kế hoạch của đơn vị"
            if self.is_template or not has
            else "Sao chép thành kế hoạch mới"
        )
        self.copy_btn.setObjectName("primary" if self.is_template else "")
        self.copy_btn.style().unpolish(self.copy_btn)
        self.copy_btn.style().polish(self.copy_btn)
        self.activate_btn.setVisible(has and not self.is_template)
        d = self.detail or {}
        is_current = has and self.plan_id == self.ctx.plan_id and d.get("status") == "active"
        self.activate_btn.setEnabled(has and not self.is_template and not is_current and not self.dirty)
        self.activate_btn.setToolTip("Đây đã là kế hoạch đang thực hiện." if is_current else "")
        self.save_btn.setVisible(has and not self.is_template)
        self.revert_btn.setVisible(has and not self.is_template)
        self.save_btn.setEnabled(self.dirty)
        self.revert_btn.setEnabled(self.dirty)

    def _changed(self, *_args: Any) -> None:
        if self._loading or self.is_template:
            return
        if not self.dirty:
            self.dirty = True
            self._update_buttons()

    def _revert(self) -> None:
        if self.plan_id:
            self.load_plan(self.plan_id)

    def _on_tab(self, index: int) -> None:
        if self.tabs.widget(index) is not None and self.tabs.tabText(index) == "Tiêu chí":
            self.sets.refresh_labels()
        if self.tabs.tabText(index) == "Chỉ tiêu":
            self.quotas.refresh_labels()

    # -- criteria of the selected set -----------------------------------------------------------
    def _flush_criteria(self) -> None:
        if 0 <= self._set_row < self.sets.row_count():
            self.sets.set_row_extra(self._set_row, criteria=self.criteria.rows())

    def _sets_restructured(self) -> None:
        self._set_row = -1  # already flushed; the next choice loads without writing back

    def _on_set_chosen(self, row: int) -> None:
        if row == self._set_row:
            return
        was_loading = self._loading
        self._loading = True
        self._flush_criteria()
        self._set_row = row
        if 0 <= row < self.sets.row_count():
            data = self.sets.row_data(row)
            self.criteria.set_rows(data.get("criteria") or [])
            self.criteria_title.setText(f"Tiêu chí của bộ «{data.get('name') or ''}»:")
            self.criteria.setEnabled(True)
        else:
            self.criteria.set_rows([])
            self.criteria_title.setText("Chọn một bộ tiêu chí ở bảng trên để xem các tiêu chí.")
        self.criteria.set_read_only(self.is_template or self.plan_id is None)
        if self.criteria.row_count():
            self.criteria.table.setCurrentCell(0, 1)
        self._on_criterion_chosen(self.criteria.current_row())
        self._loading = was_loading

    def _on_criterion_chosen(self, row: int) -> None:
        data = self.criteria.row_data(row) if 0 <= row < self.criteria.row_count() else {}
        for key, edit in self.criterion_detail:
            value = data.get(key)
            if isinstance(value, list):
                text = "; ".join(str(v) for v in value)
            elif isinstance(value, float):
                text = _num(value)
            else:
                text = "" if value is None else str(value)
            edit.setText(text)
            edit.setReadOnly(self.is_template or not data)

    def _criterion_detail_edited(self, key: str, text: str) -> None:
        row = self.criteria.current_row()
        if row < 0 or self.is_template:
            return
        self.criteria.set_row_extra(row, **{key: text})
        self._changed()

    # -- collecting and saving ------------------------------------------------------------------
    def collect(self) -> dict[str, Any]:
        """The editor's whole state in the shape ``plan_editing.save_plan`` takes."""
        self._flush_criteria()
        general = {
            "name": self.name.text(),
            "code": self.code.text(),
            "issuer": self.issuer.text(),
            "issued_on": self.issued_on.text(),
            "period_start": self.period_start.text(),
            "period_end": self.period_end.text(),
            "status": self.status.currentData(),
            "recognition_cadence": self.cadence.text(),
            "quorum_percent": self.quorum.value(),
            "quorum_strict": bool(self.quorum_strict.currentData()),
            "description": self.description.toPlainText(),
            "steps": [
                {"title": r.get("title") or "", "text": r.get("text") or ""} for r in self.steps.rows()
            ],
        }
        sets = []
        for row in self.sets.rows():
            crits = [{k: v for k, v in c.items() if k != "assessments"} for c in row.get("criteria") or []]
            sets.append({**row, "criteria": crits})
        return {
            "plan": general,
            "phases": self.phases.rows(),
            "fields": self.fields.rows(),
            "quotas": self.quotas.rows(),
            "pass_rules": self.rules.rows(),
            "criteria_sets": sets,
        }

    def save(self) -> bool:
        if not self.plan_id or self.is_template:
            return False
        data = self.collect()
        try:
            with self.ctx.db.transaction() as s:
                PE.save_plan(s, self.plan_id, data, expected_version=self.version)
        except UserError as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.warn(exc.message)
            return False
        self.error.hide()
        self.dirty = False
        pid = self.plan_id
        self.ctx.hub.plans_changed.emit()
        self.ctx.hub.data_changed.emit("plans")
        self.reload_list(pid, force=True)
        return True

    def can_close(self) -> bool:
        return not self.dirty or self.confirm("Kế hoạch đang sửa chưa được lưu. Vẫn đóng chương trình?")

    # -- actions ----------------------------------------------------------------------------------
    def _ask_name(self, title: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, "Tên kế hoạch:", QLineEdit.EchoMode.Normal, default)
        return text if ok else None

    def copy_selected(self, name: str | None = None) -> str | None:
        """Copy the selected plan (a template or not) into a new plan of the office, select it
        and make it the plan the office works on. Returns the new id."""
        if not self.plan_id:
            return None
        if self.dirty and not self.confirm(
            "Kế hoạch đang sửa chưa được lưu. Bỏ các thay đổi đó rồi sao chép?"
        ):
            return None
        if name is None:
            default = self.detail["name"] if self.is_template else f"{self.detail['name']} (bản sao)"
            name = self.ask_name("Sao chép kế hoạch", default)
            if name is None:
                return None
        from ...services.plan_templates import copy_plan

        try:
            with self.ctx.db.transaction() as s:
                new_id = copy_plan(s, self.plan_id, name.strip() or None).id
        except UserError as exc:
            self.warn(exc.message)
            return None
        self.dirty = False
        self.plan_id = None
        self.ctx.set_plan(new_id)
        self.ctx.hub.plans_changed.emit()
        self.reload_list(new_id)
        self.select_plan(new_id)
        self.inform(
            "Đã sao chép thành kế hoạch của đơn vị và chọn làm kế hoạch đang làm việc. Có thể sửa ngay."
        )
        return new_id

    def activate_selected(self) -> bool:
        if not self.plan_id or self.is_template:
            return False
        with self.ctx.db.session() as s:
            others = [p.name for p in PE.others_active(s, self.plan_id)]
        text = f"Đặt «{self.detail['name']}» làm kế hoạch đang thực hiện?"
        if others:
            text += "\n\nCác kế hoạch sau sẽ chuyển sang «Đã kết thúc»:\n" + "\n".join(
                f"• {n}" for n in others
            )
        if not self.confirm(text):
            return False
        try:
            with self.ctx.db.transaction() as s:
                PE.activate_plan(s, self.plan_id)
        except UserError as exc:
            self.warn(exc.message)
            return False
        pid = self.plan_id
        self.ctx.set_plan(pid)
        self.ctx.hub.plans_changed.emit()
        self.reload_list(pid, force=True)
        return True

    def new_plan(self, name: str | None = None) -> str | None:
        if self.dirty and not self.confirm("Kế hoạch đang sửa chưa được lưu. Bỏ các thay đổi đó?"):
            return None
        if name is None:
            name = self.ask_name("Kế hoạch mới", "Kế hoạch xây dựng, nhân rộng điển hình tiên tiến")
            if name is None:
                return None
        try:
            with self.ctx.db.transaction() as s:
                new_id = PE.create_plan(s, name).id
        except UserError as exc:
            self.warn(exc.message)
            return None
        self.dirty = False
        self.ctx.hub.plans_changed.emit()
        self.reload_list(new_id)
        self.select_plan(new_id)
        return new_id


def _short_conditions() -> dict[str, str]:
    return {
        "party_member": "Đảng viên",
        "civil_servant": "CB, CC, VC",
        "armed_forces": "Lực lượng vũ trang",
        "leader": "Lãnh đạo, quản lý",
        "grassroots_worker": "Lao động trực tiếp",
    }
