"""Page «Hồ sơ nhận về» (the level above): import the proposal packages of many units —
a preview first (new, updated, unchanged, conflicts, rejected, each with its reason), then
one transaction per package (a backup first) — and settle the conflicts field by field:
keep ours / take theirs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ..context import AppContext
from ..widgets import show_error, show_info
from ..worker import run_in_worker

PREVIEW_COLUMNS = ["Tệp gói", "Đơn vị gửi", "Họ và tên / Tên tập thể", "Kết quả", "Lý do, thay đổi"]
CONFLICT_COLUMNS = ["Đơn vị gửi", "Điển hình", "Trường", "Bản của cơ quan này", "Bản đơn vị gửi"]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.files: list[Path] = []
        self.previews: list[dict[str, Any]] = []
        self.conflicts: list[dict[str, Any]] = []
        self.last_results: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        title = QLabel("Hồ sơ nhận về")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        hint = QLabel(
            "Nhập gói hồ sơ đề nghị (.dhpkg) của các đơn vị: xem trước từng điển hình (mới, cập nhật, không "
            "đổi, xung đột, từ chối) rồi mới ghi. Gói bị sửa, hỏng, gây hại hoặc của phiên bản mới hơn bị từ "
            "chối, dữ liệu giữ nguyên."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

        row = QHBoxLayout()
        self.choose_button = QPushButton("Chọn gói…")
        self.choose_button.clicked.connect(self.choose_files)
        self.force_box = QCheckBox("Vẫn nhập gói gửi tới cơ quan khác")
        self.apply_button = QPushButton("Nhập vào dữ liệu")
        self.apply_button.setObjectName("applyImport")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply_import)
        row.addWidget(self.choose_button)
        row.addWidget(self.force_box)
        row.addStretch(1)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.preview = QTableWidget(0, len(PREVIEW_COLUMNS))
        self.preview.setHorizontalHeaderLabels(PREVIEW_COLUMNS)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.preview, 3)

        layout.addWidget(QLabel("Xung đột chờ xử lý (cơ quan này và đơn vị gửi cùng sửa một trường):"))
        self.conflict_table = QTableWidget(0, len(CONFLICT_COLUMNS))
        self.conflict_table.setHorizontalHeaderLabels(CONFLICT_COLUMNS)
        self.conflict_table.verticalHeader().setVisible(False)
        self.conflict_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflict_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflict_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.conflict_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.conflict_table, 2)
        crow = QHBoxLayout()
        self.keep_button = QPushButton("Giữ bản của cơ quan này")
        self.keep_button.clicked.connect(lambda: self.resolve_selected("ours"))
        self.take_button = QPushButton("Lấy bản của đơn vị gửi")
        self.take_button.clicked.connect(lambda: self.resolve_selected("theirs"))
        crow.addStretch(1)
        crow.addWidget(self.keep_button)
        crow.addWidget(self.take_button)
        layout.addLayout(crow)
        self.reload_conflicts()

    def on_shown(self) -> None:
        self.reload_conflicts()

    # ------------------------------------------------------------------ preview
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Chọn gói hồ sơ đề nghị", "", "Gói hồ sơ (*.dhpkg *.zip);;Mọi tệp (*)"
        )
        if names:
            self.load_files([Path(n) for n in names])

    def load_files(self, files: list[Path]) -> None:
        """Check and preview the packages (nothing is written)."""
        from ...exchange.package_import import import_package_file

        self.files = list(files)
        self.previews = []
        for f in self.files:
            try:
                res = import_package_file(
                    self.ctx.db, f, dry_run=True, force_recipient=self.force_box.isChecked()
                )
                self.previews.append({"file": str(f), **res})
            except UserError as exc:
                self.previews.append({"file": str(f), "error": exc.message})
        self._show_previews()

    def _show_previews(self) -> None:
        self.preview.setRowCount(0)
        totals = dict.fromkeys(("new", "updated", "unchanged", "conflict", "rejected"), 0)
        refused = 0
        for p in self.previews:
            name = Path(p["file"]).name
            if "error" in p:
                refused += 1
                self._add_row([name, "", "", "Từ chối cả gói", p["error"]])
                continue
            sender = (p["package"]["sender"] or {}).get("name") or ""
            for c in p["candidates"]:
                totals[c["action"]] += 1
                detail = c["reason"] or ""
                if c["changes"] and c["action"] != "new":
                    detail += " — " + ", ".join(c["changes"][:6])
                self._add_row([name, sender, c["name"], c["action_label"], detail])
            if p.get("already_imported"):
                self._add_row([name, sender, "", "Không đổi", "Gói này đã được nhập trước đây."])
        self.summary.setText(
            f"Mới: {totals['new']}; cập nhật: {totals['updated']}; không đổi: {totals['unchanged']}; "
            f"xung đột: {totals['conflict']}; từ chối: {totals['rejected']}"
            + (f"; gói bị từ chối: {refused}" if refused else "")
            + "."
        )
        self.apply_button.setEnabled(
            any("error" not in p and not p.get("already_imported") for p in self.previews)
        )

    def _add_row(self, values: list[str]) -> None:
        row = self.preview.rowCount()
        self.preview.insertRow(row)
        for col, text in enumerate(values):
            self.preview.setItem(row, col, QTableWidgetItem(text))

    # ------------------------------------------------------------------ apply
    def apply_import(self) -> None:
        files = [Path(p["file"]) for p in self.previews if "error" not in p and not p.get("already_imported")]
        if not files:
            return
        db = self.ctx.db
        force = self.force_box.isChecked()
        officer = self.ctx.officer_name()

        def job(control: Any, paths: list[Path]) -> list[dict[str, Any]]:
            from ...exchange.package_import import import_many

            return import_many(db, paths, force_recipient=force, by=officer, progress=control.progress)

        def done(results: list[dict[str, Any]]) -> None:
            self.last_results = results
            ok = [r for r in results if "error" not in r]
            new = sum(r["new"] for r in ok)
            updated = sum(r["updated"] for r in ok)
            conflicts = sum(len(r["conflicts"]) for r in ok)
            errors = [f"{Path(r['file']).name}: {r['error']['message']}" for r in results if "error" in r]
            self.apply_button.setEnabled(False)
            self.reload_conflicts()
            self.ctx.hub.candidates_changed.emit()
            text = f"Đã nhập {len(ok)} gói: {new} điển hình mới, {updated} cập nhật, {conflicts} xung đột cần xử lý."
            if errors:
                text += "\n\nKhông nhập:\n- " + "\n- ".join(errors)
            show_info(self, text, "Đã nhập gói hồ sơ")

        run_in_worker(self, "Đang nhập gói hồ sơ…", job, files, on_done=done)

    # ------------------------------------------------------------------ conflicts
    def reload_conflicts(self) -> None:
        from ...exchange.package_import import open_conflicts

        with self.ctx.db.session() as s:
            self.conflicts = open_conflicts(s)
        self.conflict_table.setRowCount(0)
        for c in self.conflicts:
            row = self.conflict_table.rowCount()
            self.conflict_table.insertRow(row)
            for col, text in enumerate(
                (c.get("sender") or "", c["name"], c["label"], _text(c["ours"]), _text(c["theirs"]))
            ):
                self.conflict_table.setItem(row, col, QTableWidgetItem(text))
        has = bool(self.conflicts)
        self.keep_button.setEnabled(has)
        self.take_button.setEnabled(has)

    def resolve_selected(self, choice: str) -> None:
        from ...exchange.package_import import resolve_conflict

        rows = sorted({i.row() for i in self.conflict_table.selectedIndexes()}) or (
            [0] if self.conflicts else []
        )
        if not rows:
            return
        try:
            with self.ctx.db.transaction() as s:
                for r in rows:
                    c = self.conflicts[r]
                    resolve_conflict(s, c["import_id"], c["index"], choice, by=self.ctx.officer_name())
        except UserError as exc:
            show_error(self, exc.message)
        self.reload_conflicts()
        self.ctx.hub.candidates_changed.emit()
