"""Page «Cài đặt»: where the data lives (and where it will live at the next start: another
file or a PostgreSQL server), backups (list, now, restore, a second folder on a USB stick,
integrity check), the office profile (edited with the first-run dialog).

Also :class:`AutoBackup`: the automatic backups of the running program (started by
``gui/app.py``): every 5 minutes ``maybe_auto_backup`` on the worker thread without any
dialog, and one last backup when the window closes if anything changed.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import __version__, settings_store
from ...db import maintenance
from ...db.backup import list_backups
from ...db.connection import EXAMPLE as PG_EXAMPLE
from ...db.connection import connection_error, try_connection
from ...errors import UserError
from ...models.enums import LABELS, OfficeLevel
from ...paths import data_dir, default_db_path
from ..context import AppContext
from ..widgets import ask_yes_no, show_error, show_info
from ..worker import Job, report_error, run_in_worker, worker_pool

log = logging.getLogger(__name__)

PROFILE_FIELDS = [
    ("name", "Tên cơ quan"),
    ("level", "Cấp"),
    ("is_party", "Thể thức văn bản"),
    ("superior_body", "Cơ quan cấp trên"),
    ("province_name", "Tỉnh, thành phố"),
    ("commune_name", "Xã, phường"),
    ("place_name", "Địa danh ghi ngày tháng"),
    ("signer_on_behalf", "Dòng thẩm quyền ký"),
    ("signer_title", "Chức vụ người ký"),
    ("signer_name", "Người ký"),
    ("officer_name", "Cán bộ phụ trách"),
    ("upper_body", "Nơi nhận hồ sơ đề nghị"),
]

CLOSE_REASON = "dong-chuong-trinh"
REASON_LABELS = {
    "tu-dong": "Tự động",
    "truoc-nang-cap": "Trước khi nâng cấp",
    "truoc-nhap-goi": "Trước khi nhập gói",
    "truoc-nhap-quyet-dinh": "Trước khi nhập quyết định",
    "truoc-khoi-phuc": "Trước khi khôi phục",
    "thu-cong": "Sao lưu thủ công",
    CLOSE_REASON: "Khi đóng chương trình",
}
BACKUP_FILTER = "Bản sao lưu (*.sqlite3 *.sqlite *.db);;Tất cả các tệp (*)"
DB_FILTER = "Tệp dữ liệu (*.sqlite3 *.sqlite *.db);;Tất cả các tệp (*)"
RESTART_NOTE = "Thay đổi nơi lưu dữ liệu có hiệu lực từ lần khởi động chương trình sau."
_NAME = re.compile(r"-(\d{8})-(\d{6})-([a-z-]+?)\d*\.[A-Za-z0-9]+$")


# ----------------------------------------------------------------------------- backup files


def backup_info(path: Path) -> dict[str, Any]:
    """When a backup was taken, why (in Vietnamese) and its size, from its name and the file."""
    m = _NAME.search(path.name)
    when: datetime | None = None
    reason = ""
    if m:
        try:
            when = datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
        except ValueError:
            when = None
        reason = m.group(3)
    try:
        stat = path.stat()
        size: int | None = stat.st_size
        when = when or datetime.fromtimestamp(stat.st_mtime)
    except OSError:
        size = None
    return {
        "path": path,
        "when": when,
        "when_text": when.strftime("%d/%m/%Y %H:%M") if when else "",
        "reason": reason,
        "reason_label": REASON_LABELS.get(
            reason, reason.replace("-", " ").capitalize() if reason else "Không rõ"
        ),
        "size": size,
        "size_text": fmt_size(size),
    }


def fmt_size(size: int | None) -> str:
    """1 234 567 → "1,2 MB" (Vietnamese decimal comma)."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    for unit, factor in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        value = size / factor
        if value < 1024 or unit == "GB":
            text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
            return f"{text.replace('.', ',')} {unit}"
    return f"{size} B"  # pragma: no cover


# ----------------------------------------------------------------------------- automatic backups

AUTO_BACKUP_MS = 5 * 60 * 1000


def _auto_backup_job(_control, db):  # type: ignore[no-untyped-def]
    return maintenance.maybe_auto_backup(db)


class AutoBackup(QObject):
    """Automatic backups while the program runs (never blocks the GUI).

    ``start()``: every ``interval_ms`` (5 minutes) :meth:`run_now` — ``maybe_auto_backup``
    on the worker thread, quiet (no dialog; a failure is logged). ``final()`` at close:
    synchronously, one backup if anything changed since the last one."""

    backed_up = Signal(object)  # the new backup's path, or None when nothing was written

    def __init__(
        self, ctx: AppContext, parent: QObject | None = None, interval_ms: int = AUTO_BACKUP_MS
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)
        self.job: Job | None = None
        self.runs = 0
        self.last_result: Path | None = None
        self.last_error: BaseException | None = None

    def start(self) -> None:
        if self.ctx.db.path is not None:  # PostgreSQL: the server is backed up with its own tools
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def run_now(self) -> Job | None:
        """One automatic backup attempt on the worker thread (skipped while one is running)."""
        if self.job is not None and not self.job.is_finished:
            return None
        if self.ctx.db.path is None:
            return None
        self.job = run_in_worker(
            None,
            "Đang tự động sao lưu…",
            _auto_backup_job,
            self.ctx.db,
            on_done=self._done,
            on_error=self._failed,
            cancellable=False,
            quiet=True,
        )
        return self.job

    def _done(self, path: Path | None) -> None:
        self.runs += 1
        self.last_result = path
        if path is not None:
            self.ctx.hub.data_changed.emit("backups")
        self.backed_up.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self.runs += 1
        self.last_error = exc
        log.warning("automatic backup failed: %s", getattr(exc, "message", exc))

    def final(self) -> Path | None:
        """At close: wait for the worker, then a backup if anything changed since the last one."""
        self.timer.stop()
        worker_pool().waitForDone(15000)
        db = self.ctx.db
        if db.path is None:
            return None
        try:
            last = maintenance.last_backup_time(db)
            changed = maintenance.last_change_time(db)
            if changed is None or (last is not None and changed <= last):
                return None
            return maintenance.backup_now(db, CLOSE_REASON)
        except Exception as exc:  # noqa: BLE001  (closing must never fail)
            log.warning("backup at close failed: %s", getattr(exc, "message", exc))
            return None


# ----------------------------------------------------------------------------- PostgreSQL


class PostgresDialog(QDialog):
    """«Kết nối máy chủ PostgreSQL…»: the URL, «Thử kết nối», «Lưu»."""

    def __init__(self, current: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Kết nối máy chủ PostgreSQL")
        self.resize(640, 260)
        self.job: Job | None = None
        self.result_text = ""
        self.ok: bool | None = None
        layout = QVBoxLayout(self)
        hint = QLabel(
            "Khi nhiều cán bộ trong cơ quan cùng làm việc trên một cơ sở dữ liệu đặt trên máy chủ "
            "PostgreSQL của mạng nội bộ, nhập địa chỉ kết nối dưới dạng:<br><tt>"
            f"{PG_EXAMPLE}</tt>"
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        self.url_edit = QLineEdit(current or "")
        self.url_edit.setObjectName("pgUrl")
        self.url_edit.setPlaceholderText(PG_EXAMPLE)
        form.addRow("Địa chỉ kết nối:", self.url_edit)
        layout.addLayout(form)
        self.result_label = QLabel()
        self.result_label.setObjectName("pgResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        note = QLabel(RESTART_NOTE)
        note.setObjectName("pageSubtitle")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.test_button = QPushButton("Thử kết nối")
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        cancel = QPushButton("Hủy")
        self.save_button = QPushButton("Lưu")
        self.save_button.setObjectName("primary")
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)

    def url(self) -> str:
        return self.url_edit.text().strip()

    def _check_url(self) -> str | None:
        url = self.url()
        if not url.lower().startswith("postgresql"):
            self._show(
                False,
                f"Địa chỉ phải bắt đầu bằng «postgresql://». Ví dụ: {PG_EXAMPLE}",
            )
            return None
        return url

    def _show(self, ok: bool, text: str) -> None:
        self.ok, self.result_text = ok, text
        color = "#1d6b2f" if ok else "#b3261e"
        self.result_label.setStyleSheet(f"color: {color};")
        self.result_label.setText(text)

    def test_connection(self) -> Job | None:
        """Open the URL with open_database on the worker thread; the result in the dialog."""
        url = self._check_url()
        if url is None:
            return None
        self.test_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText("Đang kết nối…")
        self.ok = None

        def done(text: str) -> None:
            self.test_button.setEnabled(True)
            self._show(True, text)

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self._show(False, exc.message if isinstance(exc, UserError) else connection_error(url, exc))

        self.job = run_in_worker(
            self,
            "Đang thử kết nối máy chủ…",
            lambda _c: try_connection(url),
            on_done=done,
            on_error=failed,
            cancellable=False,
        )
        return self.job

    def _save(self) -> None:
        if self._check_url() is not None:
            self.accept()


# ----------------------------------------------------------------------------- the page


class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: Job | None = None
        self.last_message = ""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 14, 20, 14)
        title = QLabel("Cài đặt")
        title.setObjectName("pageTitle")
        layout.addWidget(title)

        layout.addWidget(self._build_database())
        layout.addWidget(self._build_backups())

        office = QGroupBox("Thông tin cơ quan")
        ol = QVBoxLayout(office)
        self.profile_form = QFormLayout()
        self.profile_labels: dict[str, QLabel] = {}
        for key, label in PROFILE_FIELDS:
            value = _value("")
            self.profile_labels[key] = value
            self.profile_form.addRow(label + ":", value)
        ol.addLayout(self.profile_form)
        self.edit_button = QPushButton("Sửa thông tin cơ quan…")
        self.edit_button.clicked.connect(self.edit_profile)
        ol.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(office)
        layout.addStretch(1)

        self._connect_hub()
        self.refresh()
        self.refresh_backups()

    def _connect_hub(self) -> None:
        self.ctx.hub.profile_changed.connect(self.refresh)
        self.ctx.hub.data_changed.connect(self._on_data_changed)
        self.ctx.hub.database_reopened.connect(self._on_reopened)

    # -- the database section ---------------------------------------------------------------
    def _build_database(self) -> QGroupBox:
        box = QGroupBox("Cơ sở dữ liệu")
        df = QFormLayout(box)
        self.db_label = _value(self.ctx.location)
        self.db_label.setObjectName("dbPath")
        df.addRow("Đang dùng:", self.db_label)
        self.data_dir_label = _value(str(data_dir()))
        self.data_dir_label.setObjectName("dataDir")
        open_dir = QPushButton("Mở thư mục")
        open_dir.clicked.connect(lambda: _open_folder(data_dir()))
        row = QHBoxLayout()
        row.addWidget(self.data_dir_label, 1)
        row.addWidget(open_dir)
        df.addRow("Thư mục dữ liệu:", row)
        self.files_label = _value("")
        df.addRow("Tệp đính kèm, sao lưu:", self.files_label)
        self.next_label = _value("")
        self.next_label.setObjectName("nextLocation")
        df.addRow("Khi khởi động:", self.next_label)
        buttons = QHBoxLayout()
        self.other_file_button = QPushButton("Dùng tệp dữ liệu khác…")
        self.other_file_button.setToolTip("Chọn một tệp dữ liệu (.sqlite3) để mở từ lần khởi động sau")
        self.pg_button = QPushButton("Kết nối máy chủ PostgreSQL…")
        self.pg_button.setToolTip("Nhiều cán bộ dùng chung một cơ sở dữ liệu trên máy chủ của mạng nội bộ")
        self.default_button = QPushButton("Dùng tệp mặc định")
        self.default_button.setToolTip(f"Mở tệp «{default_db_path()}» từ lần khởi động sau")
        for b in (self.other_file_button, self.pg_button, self.default_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        df.addRow("", buttons)
        note = QLabel(RESTART_NOTE)
        note.setObjectName("pageSubtitle")
        df.addRow("", note)
        df.addRow("Phiên bản chương trình:", _value(__version__))
        self.other_file_button.clicked.connect(self.choose_other_file)
        self.pg_button.clicked.connect(self.open_postgres_dialog)
        self.default_button.clicked.connect(lambda: self.set_next_location(None))
        return box

    def refresh_location(self) -> None:
        self.db_label.setText(self.ctx.location)
        self.files_label.setText(str(self.ctx.db.files_dir) if self.ctx.db.path is not None else "—")
        stored = settings_store.get_db_location()
        if stored:
            text = settings_store.describe_location(stored)
        else:
            text = f"tệp mặc định «{default_db_path()}»"
        override = os.environ.get("DIENHINH_DB")
        if override:
            text += f" (lần này chương trình được mở với DIENHINH_DB = «{settings_store.describe_location(override)}»)"
        self.next_label.setText(text)
        self.default_button.setEnabled(bool(stored))

    def set_next_location(self, location: str | None) -> None:
        """Save the database to open at the next start (None: the default file)."""
        try:
            settings_store.set_db_location(location)
        except UserError as exc:
            show_error(self, exc.message)
            return
        self.refresh_location()
        where = (
            settings_store.describe_location(location) if location else f"tệp mặc định «{default_db_path()}»"
        )
        self.last_message = (
            f"Đã lưu. Từ lần khởi động sau, chương trình sẽ mở {where}.\n\n"
            "Hãy đóng rồi mở lại chương trình để dùng nơi lưu dữ liệu mới."
        )
        show_info(self, self.last_message, title="Nơi lưu dữ liệu")

    def choose_other_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp dữ liệu", str(data_dir()), DB_FILTER)
        if path:
            self.use_file(path)

    def use_file(self, path: str | Path) -> Job | None:
        """Check the file opens (on the worker), then save it as the next start's database."""
        p = Path(path).expanduser().resolve()
        if self.ctx.db.path is not None and p == self.ctx.db.path.resolve():
            self.set_next_location(str(p))
            return None

        def job(_control):  # type: ignore[no-untyped-def]
            return try_connection(str(p))

        def failed(exc: BaseException) -> None:
            message = exc.message if isinstance(exc, UserError) else f"{type(exc).__name__}: {exc}"
            self.last_message = f"Không dùng được tệp «{p.name}»:\n{message}"
            show_error(self, self.last_message)

        self.job = run_in_worker(
            self,
            f"Đang kiểm tra tệp «{p.name}»…",
            job,
            on_done=lambda _text: self.set_next_location(str(p)),
            on_error=failed,
            cancellable=False,
        )
        return self.job

    def postgres_dialog(self) -> PostgresDialog:
        stored = settings_store.get_db_location()
        current = (
            stored if stored and "://" in stored else (self.ctx.db.url if self.ctx.db.path is None else "")
        )
        return PostgresDialog(current, self)

    def open_postgres_dialog(self) -> None:
        dialog = self.postgres_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_next_location(dialog.url())

    # -- the backups section -------------------------------------------------------------------
    def _build_backups(self) -> QGroupBox:
        box = QGroupBox("Sao lưu")
        v = QVBoxLayout(box)
        self.backup_note = QLabel(
            "Chương trình tự sao lưu khi có thay đổi (tối đa 30 phút một lần, và khi đóng chương trình), "
            "trước khi nâng cấp, nhập gói và khôi phục. Giữ bản mới nhất của mỗi ngày trong 12 ngày, "
            "mỗi tuần trong 10 tuần, mỗi tháng trong 9 tháng."
        )
        self.backup_note.setObjectName("pageSubtitle")
        self.backup_note.setWordWrap(True)
        v.addWidget(self.backup_note)
        self.backup_table = QTableWidget(0, 4)
        self.backup_table.setObjectName("backupList")
        self.backup_table.setHorizontalHeaderLabels(["Thời điểm", "Lý do", "Dung lượng", "Tệp"])
        self.backup_table.verticalHeader().setVisible(False)
        self.backup_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backup_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backup_table.setAlternatingRowColors(True)
        self.backup_table.setShowGrid(False)
        self.backup_table.setMinimumHeight(170)
        self.backup_table.setMaximumHeight(230)
        hh = self.backup_table.horizontalHeader()
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, w in ((0, 140), (1, 190), (2, 100)):
            self.backup_table.setColumnWidth(col, w)
        v.addWidget(self.backup_table)
        self.backup_count = QLabel()
        v.addWidget(self.backup_count)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton("Sao lưu ngay")
        self.backup_button.setObjectName("primary")
        self.restore_button = QPushButton("Khôi phục từ bản sao lưu…")
        menu = QMenu(self.restore_button)
        self.restore_selected_action = menu.addAction("Bản sao lưu đang chọn trong danh sách…")
        self.restore_file_action = menu.addAction("Chọn tệp sao lưu khác…")
        self.restore_button.setMenu(menu)
        self.check_button = QPushButton("Kiểm tra dữ liệu")
        self.check_button.setToolTip("Kiểm tra tính toàn vẹn của tệp dữ liệu")
        self.open_backups_button = QPushButton("Mở thư mục sao lưu")
        for b in (self.backup_button, self.restore_button, self.check_button, self.open_backups_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        v.addLayout(buttons)

        mirror = QFormLayout()
        mirror_row = QHBoxLayout()
        self.mirror_label = _value("")
        self.mirror_label.setObjectName("mirrorFolder")
        self.mirror_button = QPushButton("Thư mục sao lưu thứ hai (USB)…")
        self.mirror_button.setToolTip("Mỗi bản sao lưu được chép thêm vào thư mục này (ví dụ một ổ USB)")
        self.mirror_clear = QPushButton("Bỏ")
        mirror_row.addWidget(self.mirror_label, 1)
        mirror_row.addWidget(self.mirror_button)
        mirror_row.addWidget(self.mirror_clear)
        mirror.addRow("Thư mục thứ hai:", mirror_row)
        v.addLayout(mirror)
        self.mirror_warning = QLabel()
        self.mirror_warning.setObjectName("fieldError")
        self.mirror_warning.setWordWrap(True)
        self.mirror_warning.hide()
        v.addWidget(self.mirror_warning)
        self.pg_note = QLabel(
            "Cơ sở dữ liệu đang dùng nằm trên máy chủ PostgreSQL: hãy sao lưu trên máy chủ (pg_dump). "
            "Các chức năng dưới đây dành cho tệp dữ liệu."
        )
        self.pg_note.setObjectName("fieldError")
        self.pg_note.setWordWrap(True)
        self.pg_note.hide()
        v.addWidget(self.pg_note)

        self.backup_button.clicked.connect(self.backup_now)
        self.restore_selected_action.triggered.connect(self.restore_selected)
        self.restore_file_action.triggered.connect(self.restore_from_file)
        self.backup_table.doubleClicked.connect(lambda _i: self.restore_selected())
        self.check_button.clicked.connect(self.check_data)
        self.open_backups_button.clicked.connect(
            lambda: _open_folder(maintenance.backup_folder(self.ctx.db)) if self.ctx.db.path else None
        )
        self.mirror_button.clicked.connect(self.choose_mirror)
        self.mirror_clear.clicked.connect(lambda: self.set_mirror(None))
        return box

    def is_file_db(self) -> bool:
        return self.ctx.db.path is not None

    def refresh_backups(self) -> None:
        on_file = self.is_file_db()
        for w in (
            self.backup_button,
            self.restore_button,
            self.check_button,
            self.open_backups_button,
            self.mirror_button,
            self.mirror_clear,
        ):
            w.setEnabled(on_file)
        self.pg_note.setVisible(not on_file)
        self.backups: list[dict[str, Any]] = []
        if on_file:
            self.backups = [backup_info(p) for p in list_backups(maintenance.backup_folder(self.ctx.db))]
        table = self.backup_table
        table.setRowCount(len(self.backups))
        for r, info in enumerate(self.backups):
            cells = [info["when_text"], info["reason_label"], info["size_text"], info["path"].name]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info["path"]) if c == 3 else text)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
        if not on_file:
            self.backup_count.setText("")
        elif self.backups:
            self.backup_count.setText(
                f"{len(self.backups)} bản sao lưu trong «{maintenance.backup_folder(self.ctx.db)}»."
            )
        else:
            self.backup_count.setText("Chưa có bản sao lưu nào. Bấm «Sao lưu ngay» để tạo bản đầu tiên.")
        self.refresh_mirror()

    def refresh_mirror(self) -> None:
        folder = maintenance.mirror_folder(self.ctx.db) if self.is_file_db() else None
        self.mirror_label.setText(str(folder) if folder else "Chưa chọn")
        self.mirror_clear.setVisible(folder is not None)
        if folder is not None and not folder.is_dir():
            self.mirror_warning.setText(
                f"Hiện không truy cập được thư mục «{folder}» (ổ USB chưa cắm?). Bản sao lưu vẫn được ghi "
                "vào thư mục chính; khi cắm lại ổ, bản sao lưu sau sẽ được chép sang."
            )
            self.mirror_warning.show()
        else:
            self.mirror_warning.hide()

    def _on_data_changed(self, area: str) -> None:
        if area in ("backups", ""):
            self.refresh_backups()

    def _on_reopened(self) -> None:
        # the main window rebuilds its pages on a fresh hub; a page on its own refreshes itself
        if self.ctx.hub is not self.sender():
            self._connect_hub()
        self.refresh()
        self.refresh_backups()

    def selected_backup(self) -> Path | None:
        rows = self.backup_table.selectionModel().selectedRows()
        return self.backups[rows[0].row()]["path"] if rows else None

    def select_backup(self, path: Path) -> bool:
        for r, info in enumerate(self.backups):
            if info["path"] == path:
                self.backup_table.selectRow(r)
                return True
        return False

    def backup_now(self) -> Job:
        """A manual backup on the worker; the list refreshes and the file is named."""
        db = self.ctx.db

        def job(_control):  # type: ignore[no-untyped-def]
            return maintenance.backup_now(db, "thu-cong")

        self.backup_button.setEnabled(False)
        self.job = run_in_worker(
            self,
            "Đang sao lưu dữ liệu…",
            job,
            on_done=self._backed_up,
            on_error=self._backup_failed,
            cancellable=False,
        )
        return self.job

    def _backed_up(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        self.refresh_backups()
        self.select_backup(path)
        text = f"Đã sao lưu vào «{path}» ({fmt_size(path.stat().st_size)})."
        mirror = maintenance.mirror_folder(self.ctx.db)
        if mirror is not None:
            if (mirror / path.name).is_file():
                text += f"\nĐã chép thêm vào thư mục thứ hai «{mirror}»."
            else:
                text += f"\nChưa chép được vào thư mục thứ hai «{mirror}» (ổ USB chưa cắm?)."
        self.last_message = text
        show_info(self, text, title="Sao lưu")

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        report_error(self, exc)

    # -- restore ------------------------------------------------------------------------------
    def restore_selected(self) -> Job | None:
        path = self.selected_backup()
        if path is None:
            show_info(self, "Hãy chọn một bản sao lưu trong danh sách (hoặc chọn «Chọn tệp sao lưu khác…»).")
            return None
        return self.restore(path)

    def restore_from_file(self) -> Job | None:
        start = str(maintenance.backup_folder(self.ctx.db)) if self.is_file_db() else ""
        path, _ = QFileDialog.getOpenFileName(self, "Chọn bản sao lưu để khôi phục", start, BACKUP_FILTER)
        return self.restore(Path(path)) if path else None

    def restore_question(self, path: Path) -> str:
        info = backup_info(path)
        when = f" (lúc {info['when_text']})" if info["when_text"] else ""
        return (
            f"Khôi phục dữ liệu từ bản sao lưu «{path.name}»{when}?\n\n"
            "Toàn bộ dữ liệu đang dùng sẽ được thay bằng dữ liệu trong bản sao lưu này. Trước khi khôi "
            "phục, chương trình sao lưu dữ liệu hiện tại (lý do «Trước khi khôi phục») để có thể quay "
            "lại nếu cần."
        )

    def restore(self, path: Path) -> Job | None:
        """Ask, then restore on the worker; afterwards the database is reopened everywhere."""
        if not ask_yes_no(self, self.restore_question(path), title="Khôi phục dữ liệu"):
            return None
        db = self.ctx.db

        def job(_control):  # type: ignore[no-untyped-def]
            return maintenance.restore(db, path)

        self.restore_button.setEnabled(False)
        self.job = run_in_worker(
            self,
            f"Đang khôi phục từ «{path.name}»…",
            job,
            on_done=lambda safety: self._restored(path, safety),
            on_error=self._restore_failed,
            cancellable=False,
        )
        return self.job

    def _restored(self, source: Path, safety: Path) -> None:
        parent = self.window()
        try:
            self.ctx.reopen_database()
        except UserError as exc:
            show_error(
                parent,
                f"Đã khôi phục nhưng không mở lại được dữ liệu: {exc.message}\nHãy đóng rồi mở lại chương trình.",
            )
            return
        self.last_message = f"Đã khôi phục dữ liệu từ «{source.name}». Dữ liệu trước khi khôi phục được giữ ở «{safety.name}»."
        show_info(parent, self.last_message, title="Khôi phục dữ liệu")

    def _restore_failed(self, exc: BaseException) -> None:
        self.restore_button.setEnabled(self.is_file_db())
        report_error(self, exc)

    # -- check, mirror -------------------------------------------------------------------------
    def check_data(self) -> Job:
        db = self.ctx.db

        def job(_control):  # type: ignore[no-untyped-def]
            return maintenance.check(db)

        def done(result: dict[str, Any]) -> None:
            self.last_message = result["message"]
            if result["ok"]:
                show_info(self, result["message"], title="Kiểm tra dữ liệu")
            else:
                show_error(self, result["message"], title="Kiểm tra dữ liệu")

        self.job = run_in_worker(self, "Đang kiểm tra dữ liệu…", job, on_done=done, cancellable=False)
        return self.job

    def choose_mirror(self) -> None:
        current = maintenance.mirror_folder(self.ctx.db)
        folder = QFileDialog.getExistingDirectory(
            self, "Chọn thư mục sao lưu thứ hai (ví dụ ổ USB)", str(current) if current else ""
        )
        if folder:
            self.set_mirror(folder)

    def set_mirror(self, folder: str | Path | None) -> None:
        """Save the second backup folder (None: no second folder)."""
        maintenance.set_mirror_folder(self.ctx.db, str(folder) if folder else None)
        self.refresh_mirror()

    # -- the office profile --------------------------------------------------------------------
    def refresh(self) -> None:
        from ...services.office import get_profile

        self.refresh_location()
        with self.ctx.db.session() as session:
            profile = get_profile(session)
            values = {key: getattr(profile, key) for key, _ in PROFILE_FIELDS} if profile else {}
        if not values:
            for label in self.profile_labels.values():
                label.setText("—")
            self.profile_labels["name"].setText("Chưa khai báo — bấm «Khai báo thông tin cơ quan…».")
            self.edit_button.setText("Khai báo thông tin cơ quan…")
            return
        self.edit_button.setText("Sửa thông tin cơ quan…")
        for key, label in self.profile_labels.items():
            value = values.get(key)
            if key == "level":
                value = (
                    LABELS.get(OfficeLevel(value), value)
                    if value in {lv.value for lv in OfficeLevel}
                    else value
                )
            elif key == "is_party":
                value = (
                    "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"
                    if value
                    else "Văn bản hành chính (Nghị định 30/2020/NĐ-CP)"
                )
            label.setText(str(value) if value else "—")

    def edit_profile(self) -> None:
        from ..first_run import OfficeDialog

        dialog = OfficeDialog(self.ctx, parent=self)
        if dialog.exec() == OfficeDialog.DialogCode.Accepted:
            self.ctx.hub.profile_changed.emit()


def _open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _value(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
