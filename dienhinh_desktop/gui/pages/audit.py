"""Page «Nhật ký thay đổi»: browse and filter the audit log (who changed what, when), see
the old and new value of every field of one change, export the filtered list to Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services import audit_log
from ..context import AppContext
from ..widgets import show_error, show_info
from ..worker import run_in_worker

PAGE_SIZE = 500
COLUMNS = ["Thời gian", "Người thực hiện", "Thao tác", "Loại hồ sơ", "Hồ sơ"]
ALL = "Tất cả"


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entries: list[dict[str, Any]] = []
        self.last_export: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        title = QLabel("Nhật ký thay đổi")
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        filters = QGridLayout()
        self.date_from = QLineEdit()
        self.date_from.setPlaceholderText("dd/mm/yyyy")
        self.date_to = QLineEdit()
        self.date_to.setPlaceholderText("dd/mm/yyyy")
        self.user = QComboBox()
        self.user.setEditable(True)
        self.user.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.table = QComboBox()
        self.table.addItem(ALL, None)
        for key, label in sorted(audit_log.TABLE_LABELS.items(), key=lambda kv: kv[1]):
            self.table.addItem(label, key)
        self.action = QComboBox()
        self.action.addItem(ALL, None)
        for key, label in audit_log.ACTION_LABELS.items():
            self.action.addItem(label, key)
        self.text = QLineEdit()
        self.text.setPlaceholderText("Tên hồ sơ (không cần dấu)…")
        self.text.setClearButtonEnabled(True)
        for col, (label, widget) in enumerate(
            [("Từ ngày", self.date_from), ("Đến ngày", self.date_to), ("Người thực hiện", self.user),
             ("Loại hồ sơ", self.table), ("Thao tác", self.action), ("Tìm hồ sơ", self.text)]
        ):  # fmt: skip
            filters.addWidget(QLabel(label), 0, col)
            filters.addWidget(widget, 1, col)
        filters.setColumnStretch(5, 1)
        self.filter_button = QPushButton("Lọc")
        self.filter_button.setDefault(True)
        self.filter_button.clicked.connect(self.refresh)
        self.clear_button = QPushButton("Bỏ lọc")
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.clicked.connect(self.ask_export)
        buttons = QHBoxLayout()
        buttons.addWidget(self.filter_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        filters.addLayout(buttons, 1, 6)
        layout.addLayout(filters)
        for edit in (self.date_from, self.date_to, self.text):
            edit.returnPressed.connect(self.refresh)
        self.table.currentIndexChanged.connect(self.refresh)
        self.action.currentIndexChanged.connect(self.refresh)

        split = QSplitter(Qt.Orientation.Vertical)
        self.list = QTableWidget(0, len(COLUMNS))
        self.list.setHorizontalHeaderLabels(COLUMNS)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.itemSelectionChanged.connect(self.show_details)
        split.addWidget(self.list)

        details = QWidget()
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 6, 0, 0)
        self.details_title = QLabel("Chọn một dòng để xem chi tiết thay đổi.")
        self.details_title.setWordWrap(True)
        self.details_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.details_title)
        self.details = QTableWidget(0, 3)
        self.details.setHorizontalHeaderLabels(["Trường", "Giá trị cũ", "Giá trị mới"])
        self.details.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.details.verticalHeader().setVisible(False)
        self.details.setWordWrap(True)
        header = self.details.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        dl.addWidget(self.details)
        split.addWidget(details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        self.count_label = QLabel("")
        layout.addWidget(self.count_label)
        self._load_users()
        self.refresh()

    # -- filters ---------------------------------------------------------------------------
    def _load_users(self) -> None:
        current = self.user.currentText()
        with self.ctx.db.session() as session:
            names = audit_log.users(session)
        self.user.blockSignals(True)
        self.user.clear()
        self.user.addItem(ALL)
        self.user.addItems(names)
        self.user.setCurrentText(current or ALL)
        self.user.blockSignals(False)

    def filters(self) -> dict[str, Any]:
        user = self.user.currentText().strip()
        return {
            "date_from": self.date_from.text().strip() or None,
            "date_to": self.date_to.text().strip() or None,
            "user": None if user in ("", ALL) else user,
            "table": self.table.currentData(),
            "action": self.action.currentData(),
            "text": self.text.text().strip() or None,
        }

    def clear_filters(self) -> None:
        for w in (self.table, self.action):
            w.blockSignals(True)
            w.setCurrentIndex(0)
            w.blockSignals(False)
        self.date_from.clear()
        self.date_to.clear()
        self.text.clear()
        self.user.setCurrentText(ALL)
        self.refresh()

    # -- the list --------------------------------------------------------------------------
    def on_shown(self) -> None:
        self._load_users()
        self.refresh()

    def refresh(self) -> None:
        try:
            with self.ctx.db.session() as session:
                self.entries = audit_log.query_audit(session, limit=PAGE_SIZE, **self.filters())
        except UserError as exc:
            show_error(self, exc.message)
            return
        self.list.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            values = [
                e["at_text"],
                e["user"],
                e["action_label"],
                e["table_label"],
                e["label"] or e["record_id"],
            ]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.list.setItem(row, col, item)
        self.list.resizeColumnsToContents()
        n = len(self.entries)
        if n >= PAGE_SIZE:
            self.count_label.setText(
                f"Hiện {PAGE_SIZE} thay đổi mới nhất; hãy lọc theo ngày để xem các thay đổi cũ hơn."
            )
        else:
            self.count_label.setText(f"{n} thay đổi." if n else "Không có thay đổi nào khớp bộ lọc.")
        self.details.setRowCount(0)
        self.details_title.setText("Chọn một dòng để xem chi tiết thay đổi.")

    def selected_entry(self) -> dict[str, Any] | None:
        rows = self.list.selectionModel().selectedRows()
        if not rows:
            return None
        return self.entries[rows[0].row()]

    def show_details(self) -> None:
        e = self.selected_entry()
        if e is None:
            self.details.setRowCount(0)
            return
        self.details_title.setText(
            f"{e['action_label']} {e['table_label'].lower()} «{e['label'] or e['record_id']}» — "
            f"{e['at_text']}, {e['user'] or 'không rõ người thực hiện'}"
        )
        self.details.setRowCount(len(e["changes"]))
        for row, c in enumerate(e["changes"]):
            for col, value in enumerate((c["field_label"], c["old_text"], c["new_text"])):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.details.setItem(row, col, item)
        self.details.resizeRowsToContents()

    # -- export ----------------------------------------------------------------------------
    def ask_export(self) -> None:
        start = str(Path.home() / "nhat-ky-thay-doi.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "Xuất nhật ký ra Excel", start, "Excel (*.xlsx)")
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(Path(path))

    def export_to(self, path: Path, *, announce: bool = True) -> Any:
        """Write the filtered log to ``path`` on the worker thread; returns the job."""
        filters = self.filters()
        db = self.ctx.db

        def job(control: Any, target: Path, filters: dict[str, Any]) -> Path:
            control.check()
            with db.session() as session:
                return audit_log.export_audit_xlsx(session, target, **filters)

        def done(written: Path) -> None:
            self.last_export = Path(written)
            if announce:
                show_info(self, f"Đã ghi nhật ký thay đổi vào tệp «{written}».")

        return run_in_worker(self, "Đang xuất nhật ký thay đổi…", job, path, filters, on_done=done)
