"""Page «Bình xét»: the council meeting — prepare it from the appraisal list, attendance and
quorum, the tallies typed quickly with the keyboard (one row per candidate and title; Enter
moves to the next figure), who passes at once, the chair's exceptions, the choice within
the quota, ballot papers and the tally sheet for the room, the minutes and the decision.

Every change is saved at once in its own transaction through ``services.meetings``; a
refused figure shows the service's Vietnamese message under the table and is not saved.
Papers are written on the worker thread (``gui.worker.run_in_worker``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, QTime, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...models import Ballot, Meeting
from ...models.enums import AttendanceStatus, AwardKind, MemberRole
from ...services import meetings as M
from ..context import AppContext
from ..widgets import show_error
from ..worker import run_in_worker

# Columns of the tally table.
(
    COL_NO,
    COL_NAME,
    COL_TITLE,
    COL_ISSUED,
    COL_RETURNED,
    COL_VALID,
    COL_AGREE,
    COL_DISAGREE,
    COL_SHARE,
    COL_RESULT,
) = range(10)
HEADERS = [
    "TT",
    "Tên tập thể, cá nhân",
    "Danh hiệu, hình thức",
    "Phát ra",
    "Thu về",
    "Hợp lệ",
    "Đồng ý",
    "Không đồng ý",
    "Tỷ lệ đồng ý",
    "Kết quả",
]
FIELDS = {
    COL_ISSUED: "issued",
    COL_RETURNED: "returned",
    COL_VALID: "valid",
    COL_AGREE: "agree",
    COL_DISAGREE: "disagree",
}
EDITABLE = tuple(FIELDS)
PASS_COLOUR = QColor("#1b6e2e")
FAIL_COLOUR = QColor("#a11d1d")
PENDING_COLOUR = QColor("#7a6a00")
STATUS_CHOICES = [(s.value, s.label) for s in AttendanceStatus]


# --------------------------------------------------------------------------- the tally model
class TallyModel(QAbstractTableModel):
    """One row per ballot. Figures typed before «Đồng ý» wait in the row (shown in amber)
    and are saved with it; every save goes through ``services.meetings.record_tally``."""

    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page
        self.rows: list[dict[str, Any]] = []
        self.pending: dict[str, dict[str, int | None]] = {}
        self.locked = False  # a decision was issued: read only
        self.last_error = ""

    def load(self, rows: list[dict[str, Any]], locked: bool) -> None:
        self.beginResetModel()
        self.rows = rows
        self.locked = locked
        self.pending = {k: v for k, v in self.pending.items() if any(r["ballot_id"] == k for r in rows)}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE and not self.locked:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def value(self, row: int, col: int) -> int | None:
        r = self.rows[row]
        field = FIELDS[col]
        pending = self.pending.get(r["ballot_id"], {})
        return pending[field] if field in pending else r[field]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_NO:
                return str(r["no"])
            if col == COL_NAME:
                return r["name"]
            if col == COL_TITLE:
                return r["title_label"]
            if col in FIELDS:
                v = self.value(index.row(), col)
                return ("" if v is None else str(v)) if role == Qt.ItemDataRole.DisplayRole else v
            if col == COL_SHARE:
                return f"{r['share_text']} ({r['fraction_text']})" if r["share_text"] else ""
            if col == COL_RESULT:
                text = r["result_label"] if r["effective_result"] else ""
                if r["exception_result"]:
                    text += " (*)"
                if r["selected"] is False:
                    text += " — ngoài chỉ tiêu"
                return text
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in FIELDS and FIELDS[col] in self.pending.get(r["ballot_id"], {}):
                return QBrush(PENDING_COLOUR)
            if col in (COL_RESULT, COL_SHARE) and r["effective_result"]:
                return QBrush(PASS_COLOUR if r["effective_result"] == M.PASSED else FAIL_COLOUR)
        if role == Qt.ItemDataRole.FontRole and col == COL_RESULT and r["effective_result"]:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (COL_NAME, COL_TITLE):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_RESULT and r["exception_reason"]:
                return f"Kết luận của chủ trì: {r['exception_reason']}"
            if col == COL_SHARE:
                return r["rule_text"]
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() not in FIELDS or self.locked:
            return False
        text = "" if value is None else str(value).strip()
        if text and not text.isdigit():
            self.page.show_message(
                f"«{self.rows[index.row()]['name']}»: «{text}» không phải là số nguyên.", error=True
            )
            return False
        number = int(text) if text else None
        row = index.row()
        r = self.rows[row]
        field = FIELDS[index.column()]
        pending = self.pending.setdefault(r["ballot_id"], {})
        pending[field] = number
        # Typing the ballots issued fills the ones returned and valid (edit them if they differ).
        if field == "issued" and number is not None:
            for f, c in (("returned", COL_RETURNED), ("valid", COL_VALID)):
                if self.value(row, c) is None:
                    pending[f] = number
        if field in ("agree", "valid"):
            pending["disagree"] = None  # the service computes valid − agree
        if self.value(row, COL_AGREE) is not None:
            return self.page.save_tally(r["ballot_id"], row)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        return True

    def figures(self, row: int) -> dict[str, int | None]:
        return {FIELDS[c]: self.value(row, c) for c in EDITABLE}


class TallyView(QTableView):
    """Enter (or Tab) after a figure opens the next figure: along the row, then the next row."""

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        moving = hint in (
            QAbstractItemDelegate.EndEditHint.SubmitModelCache,
            QAbstractItemDelegate.EndEditHint.EditNextItem,
        )
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if moving else hint)
        if moving:
            row, col = self.currentIndex().row(), self.currentIndex().column()
            QTimer.singleShot(0, lambda: self.edit_next(row, col))

    def edit_next(self, row: int, col: int) -> None:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        later = [c for c in EDITABLE if c > col]
        if later:
            target = model.index(row, later[0])
        elif row + 1 < model.rowCount():
            target = model.index(row + 1, EDITABLE[0])
        else:
            return
        self.setCurrentIndex(target)
        self.edit(target)


# --------------------------------------------------------------------------- dialogs
class CouncilDialog(QDialog):
    """A council: name, kind and members, one per line «Họ tên | Chức vụ | vai trò»."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Lập hội đồng")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Hội đồng Thi đua – Khen thưởng xã … / Ban Thường vụ Đảng ủy xã …")
        form.addRow("Tên hội đồng:", self.name)
        self.kind = QComboBox()
        for key, label in M.COUNCIL_KINDS.items():
            self.kind.addItem(label, key)
        form.addRow("Loại:", self.kind)
        self.members = QPlainTextEdit()
        self.members.setPlaceholderText(
            "Mỗi dòng một thành viên: Họ và tên | Chức vụ | vai trò\n"
            "vai trò: Chủ tịch, Phó Chủ tịch, Ủy viên, Thư ký (để trống: Ủy viên)"
        )
        self.members.setMinimumSize(520, 200)
        form.addRow("Thành viên:", self.members)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def member_dicts(self) -> list[dict[str, Any]]:
        from ...text import fold

        roles = {fold(r.label): r.value for r in MemberRole}
        roles.update({r.value: r.value for r in MemberRole})
        out = []
        for line in self.members.toPlainText().splitlines():
            parts = [p.strip() for p in line.split("|")]
            if not parts or not parts[0]:
                continue
            role = roles.get(fold(parts[2]) if len(parts) > 2 else "", MemberRole.MEMBER.value)
            out.append(
                {"full_name": parts[0], "position": parts[1] if len(parts) > 1 else None, "role": role}
            )
        return out


class NewMeetingDialog(QDialog):
    def __init__(self, councils: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cuộc họp bình xét mới")
        form = QFormLayout(self)
        self.council = QComboBox()
        for cid, name in councils:
            self.council.addItem(name, cid)
        form.addRow("Hội đồng:", self.council)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        form.addRow("Ngày họp:", self.date)
        self.time = QTimeEdit(QTime(14, 0))
        self.time.setDisplayFormat("HH:mm")
        form.addRow("Giờ bắt đầu:", self.time)
        self.place = QLineEdit()
        form.addRow("Địa điểm:", self.place)
        self.titles: dict[str, QCheckBox] = {}
        box = QVBoxLayout()
        for kind in (AwardKind.RECOGNITION, AwardKind.CERTIFICATE, AwardKind.MERIT, AwardKind.COMMENDATION):
            cb = QCheckBox(kind.label)
            cb.setChecked(kind == AwardKind.RECOGNITION)
            self.titles[kind.value] = cb
            box.addWidget(cb)
        form.addRow("Xét danh hiệu, hình thức:", box)
        note = QLabel(
            "Chương trình họp gồm các điển hình đạt đủ tiêu chí qua thẩm định của kế hoạch đang chọn."
        )
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "council_id": self.council.currentData(),
            "date": self.date.date().toPython(),
            "time": self.time.time().toPython(),
            "place": self.place.text().strip() or None,
            "titles": [k for k, cb in self.titles.items() if cb.isChecked()],
        }


class ExceptionDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Kết luận của chủ trì")
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{name}</b>"))
        self.result = QComboBox()
        self.result.addItem("Đạt", M.PASSED)
        self.result.addItem("Không đạt", M.FAILED)
        self.result.addItem("Bỏ kết luận ngoại lệ (theo kết quả bỏ phiếu)", None)
        form.addRow("Kết luận:", self.result)
        self.reason = QPlainTextEdit()
        self.reason.setMinimumSize(420, 90)
        form.addRow("Lý do:", self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class RankingDialog(QDialog):
    """The passing ballots ranked by share; the officer ticks those chosen within the quota."""

    def __init__(self, ranking: M.Ranking, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Xếp hạng theo tỷ lệ đồng ý")
        layout = QVBoxLayout(self)
        msg = QLabel(ranking.message)
        msg.setWordWrap(True)
        layout.addWidget(msg)
        self.list = QListWidget()
        for r in ranking.rows:
            text = f"{r.rank}. {r.ballot.candidate.name} — {M.fmt_percent(r.share)}"
            if r.tied_at_cutoff:
                text += " (bằng phiếu ở vị trí cuối chỉ tiêu)"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, r.ballot.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = r.ballot.selected if r.ballot.selection_reason else r.suggested and not r.tied_at_cutoff
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setMinimumSize(460, 220)
        layout.addWidget(self.list)
        layout.addWidget(QLabel("Lý do lựa chọn:"))
        self.reason = QLineEdit()
        self.reason.setText(ranking.rows[0].ballot.selection_reason or "" if ranking.rows else "")
        if not self.reason.text():
            self.reason.setText("Lựa chọn theo thứ tự tỷ lệ phiếu đồng ý từ cao xuống thấp")
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def selected_ids(self) -> list[str]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]


class DecisionDialog(QDialog):
    """Date, number (blank: the next in the register), signer, summary, editable bases and articles."""

    def __init__(
        self, titles: list[tuple[str, str]], defaults: dict[str, Any], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Ra quyết định")
        self.defaults = defaults
        form = QFormLayout(self)
        self.title = QComboBox()
        for key, label in titles:
            self.title.addItem(label, key)
        form.addRow("Danh hiệu, hình thức:", self.title)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        form.addRow("Ngày quyết định:", self.date)
        self.number = QLineEdit()
        self.number.setPlaceholderText("Để trống: lấy số tiếp theo trong sổ văn bản đi")
        form.addRow("Số quyết định:", self.number)
        self.signer = QLineEdit(defaults.get("signer_name") or "")
        form.addRow("Người ký:", self.signer)
        self.signer_title = QLineEdit(defaults.get("signer_title") or "")
        form.addRow("Chức vụ người ký:", self.signer_title)
        self.summary = QLineEdit()
        form.addRow("Trích yếu:", self.summary)
        self.bases = QPlainTextEdit()
        self.bases.setMinimumSize(560, 130)
        form.addRow("Căn cứ (mỗi dòng một căn cứ):", self.bases)
        self.articles = QPlainTextEdit()
        self.articles.setMinimumSize(560, 130)
        form.addRow("Các điều (mỗi dòng một điều):", self.articles)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ra quyết định")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.title.currentIndexChanged.connect(self._fill)
        self._fill()

    def _fill(self) -> None:
        d = self.defaults["by_title"].get(self.title.currentData(), {})
        self.summary.setText(d.get("summary", ""))
        self.bases.setPlainText("\n".join(d.get("bases", [])))
        self.articles.setPlainText("\n".join(d.get("articles", [])))

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title.currentData(),
            "decision_date": self.date.date().toPython(),
            "number": self.number.text().strip() or None,
            "signer_name": self.signer.text().strip() or None,
            "signer_title": self.signer_title.text().strip() or None,
            "summary": self.summary.text().strip() or None,
            "bases": [s for s in self.bases.toPlainText().splitlines() if s.strip()],
            "articles": [s for s in self.articles.toPlainText().splitlines() if s.strip()],
        }


# --------------------------------------------------------------------------- the page
class Page(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting_id: str | None = None
        self.out_dir: Path | None = None  # tests set it; otherwise asked once per session
        self.last_files: list[Path] = []
        # Tests replace these to answer the dialogs without showing them.
        self.dialog_hook: Any = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        title = QLabel("Bình xét")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.plan_label = QLabel()
        self.plan_label.setObjectName("pageSubtitle")
        self.plan_label.setWordWrap(True)
        layout.addWidget(self.plan_label)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Cuộc họp:"))
        self.meeting_combo = QComboBox()
        self.meeting_combo.setMinimumWidth(420)
        self.meeting_combo.currentIndexChanged.connect(self._on_meeting_chosen)
        bar.addWidget(self.meeting_combo, 1)
        self.new_council_btn = QPushButton("Lập hội đồng…")
        self.new_council_btn.clicked.connect(self.new_council)
        bar.addWidget(self.new_council_btn)
        self.new_meeting_btn = QPushButton("Cuộc họp mới từ danh sách thẩm định…")
        self.new_meeting_btn.clicked.connect(self.new_meeting)
        bar.addWidget(self.new_meeting_btn)
        layout.addLayout(bar)

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setObjectName("meetingInfo")
        layout.addWidget(self.info)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # Tab 1: the tallies.
        tally_tab = QWidget()
        tl = QVBoxLayout(tally_tab)
        self.model = TallyModel(self)
        self.table = TallyView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        tl.addWidget(self.table, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("tallyMessage")
        tl.addWidget(self.message)
        row1 = QHBoxLayout()
        self.exception_btn = QPushButton("Kết luận của chủ trì…")
        self.exception_btn.clicked.connect(self.record_exception)
        row1.addWidget(self.exception_btn)
        row1.addWidget(QLabel("Chỉ tiêu:"))
        self.quota = QSpinBox()
        self.quota.setRange(0, 9999)
        self.quota.setSpecialValueText("không giới hạn")
        row1.addWidget(self.quota)
        self.rank_btn = QPushButton("Xếp hạng, chọn trong chỉ tiêu…")
        self.rank_btn.clicked.connect(self.rank)
        row1.addWidget(self.rank_btn)
        row1.addStretch(1)
        tl.addLayout(row1)
        self.tabs.addTab(tally_tab, "Kết quả bỏ phiếu")

        # Tab 2: attendance.
        att_tab = QWidget()
        al = QVBoxLayout(att_tab)
        self.attendance = QTableWidget(0, 4)
        self.attendance.setHorizontalHeaderLabels(["Họ và tên", "Chức vụ", "Có mặt / vắng", "Lý do"])
        self.attendance.verticalHeader().setVisible(False)
        ah = self.attendance.horizontalHeader()
        ah.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ah.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        al.addWidget(self.attendance, 1)
        self.attendance.itemChanged.connect(self._reason_changed)
        self.tabs.addTab(att_tab, "Thành phần dự họp")

        # Papers.
        papers = QHBoxLayout()
        self.ballots_btn = QPushButton("In phiếu bầu")
        self.ballots_btn.clicked.connect(lambda: self.export("ballots"))
        self.tally_btn = QPushButton("Biên bản kiểm phiếu")
        self.tally_btn.clicked.connect(lambda: self.export("tally"))
        self.minutes_btn = QPushButton("Biên bản họp")
        self.minutes_btn.clicked.connect(lambda: self.export("minutes"))
        self.issue_btn = QPushButton("Ra quyết định…")
        self.issue_btn.clicked.connect(self.issue_decision)
        self.decision_btn = QPushButton("Xuất quyết định")
        self.decision_btn.clicked.connect(lambda: self.export("decision"))
        for b in (self.ballots_btn, self.tally_btn, self.minutes_btn, self.issue_btn, self.decision_btn):
            papers.addWidget(b)
        papers.addStretch(1)
        layout.addLayout(papers)

        ctx.hub.plan_changed.connect(lambda _pid: self.reload())
        ctx.hub.candidates_changed.connect(self.reload)
        ctx.hub.data_changed.connect(
            lambda area: self.reload() if area in ("meetings", "decisions") else None
        )
        self.reload()

    # ------------------------------------------------------------------ loading
    def on_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        plan_id = self.ctx.plan_id
        self.plan_label.setText(self.ctx.plan_name() or "Chưa chọn kế hoạch.")
        with self.ctx.db.session() as session:
            meetings = M.list_meetings(session, plan_id) if plan_id else []
            items = [(m.id, f"{m.meeting_date:%d/%m/%Y} — {m.title}") for m in meetings]
            has_council = bool(M.list_councils(session))
        self.meeting_combo.blockSignals(True)
        self.meeting_combo.clear()
        for mid, label in items:
            self.meeting_combo.addItem(label, mid)
        wanted = (
            self.meeting_id if self.meeting_id in {i for i, _ in items} else (items[0][0] if items else None)
        )
        if wanted:
            self.meeting_combo.setCurrentIndex([i for i, _ in items].index(wanted))
        self.meeting_combo.blockSignals(False)
        self.meeting_id = wanted
        self.new_meeting_btn.setEnabled(bool(plan_id) and has_council)
        self.new_meeting_btn.setToolTip("" if has_council else "Hãy lập hội đồng trước.")
        self.load_meeting()

    def _on_meeting_chosen(self, _index: int) -> None:
        self.meeting_id = self.meeting_combo.currentData()
        self.load_meeting()

    def load_meeting(self) -> None:
        enabled = self.meeting_id is not None
        for w in (
            self.exception_btn,
            self.rank_btn,
            self.ballots_btn,
            self.tally_btn,
            self.minutes_btn,
            self.issue_btn,
            self.decision_btn,
            self.quota,
        ):
            w.setEnabled(enabled)
        if not enabled:
            self.model.load([], False)
            self.attendance.setRowCount(0)
            self.info.setText(
                "Chưa có cuộc họp bình xét nào cho kế hoạch này. Hãy lập hội đồng (nếu chưa có), rồi tạo cuộc "
                "họp mới từ danh sách điển hình đạt đủ tiêu chí qua thẩm định."
            )
            self.ctx.hub.status_count.emit("")
            return
        with self.ctx.db.session() as session:
            meeting = session.get(Meeting, self.meeting_id)
            if meeting is None:
                self.meeting_id = None
                self.load_meeting()
                return
            q = M.quorum_check(session, meeting)
            rows = M.tally_rows(session, meeting)
            decisions = M.decisions_of(session, meeting)
            rules = {
                t: M.rule_text(M.rule_for(session, meeting.plan_id, t)) for t, _l in M.titles_of(meeting)
            }
            attendance = [
                (a.member_id, a.member.full_name, a.member.position or "", a.status, a.reason or "")
                for a in M.attendance_rows(meeting)
            ]
            place = meeting.place or ""
            when = M.meeting_time_text(meeting)
        locked = bool(decisions)
        self.model.load(rows, locked)
        passed = sum(1 for r in rows if r["effective_result"] == M.PASSED)
        tallied = sum(1 for r in rows if r["agree"] is not None)
        rule_text = "; ".join(rules.values())
        dec_text = "; ".join(
            f"đã ra Quyết định số {d.number} ngày {d.decision_date:%d/%m/%Y}" for d in decisions
        )
        self.info.setText(
            f"{when}{', tại ' + place if place else ''}. {q.message}\nCách tính: {rule_text}. "
            f"Đã nhập {tallied}/{len(rows)}; đạt {passed}." + (f" {_capital(dec_text)}." if dec_text else "")
        )
        self.info.setStyleSheet("" if q.ok else "color: #a11d1d;")
        self._fill_attendance(attendance, locked)
        self.ctx.hub.status_count.emit(f"{passed}/{len(rows)} đạt")

    def _fill_attendance(self, rows: list[tuple[str, str, str, str, str]], locked: bool) -> None:
        self.attendance.blockSignals(True)
        self.attendance.setRowCount(len(rows))
        for i, (member_id, name, position, status, reason) in enumerate(rows):
            item = QTableWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, member_id)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.attendance.setItem(i, 0, item)
            pos = QTableWidgetItem(position)
            pos.setFlags(pos.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.attendance.setItem(i, 1, pos)
            combo = QComboBox()
            for value, label in STATUS_CHOICES:
                combo.addItem(label, value)
            combo.setCurrentIndex([v for v, _ in STATUS_CHOICES].index(status))
            combo.setEnabled(not locked)
            combo.currentIndexChanged.connect(lambda _i, r=i: self._status_changed(r))
            self.attendance.setCellWidget(i, 2, combo)
            reason_item = QTableWidgetItem(reason)
            if locked:
                reason_item.setFlags(reason_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.attendance.setItem(i, 3, reason_item)
        self.attendance.blockSignals(False)

    # ------------------------------------------------------------------ messages
    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #a11d1d;" if error else "color: #1b6e2e;")

    def _write(self, fn, *args: Any, **kwargs: Any) -> Any:  # type: ignore[no-untyped-def]
        """Run a service function in its own transaction; a UserError is shown, nothing saved."""
        try:
            with self.ctx.db.transaction() as session:
                return fn(session, *args, **kwargs)
        except UserError as exc:
            self.show_message(exc.message, error=True)
            return None

    # ------------------------------------------------------------------ attendance
    def _set_attendance(self, row: int) -> None:
        member_id = self.attendance.item(row, 0).data(Qt.ItemDataRole.UserRole)
        combo = self.attendance.cellWidget(row, 2)
        status = combo.currentData()
        reason = self.attendance.item(row, 3).text() if self.attendance.item(row, 3) else ""

        def apply(session, meeting_id: str) -> bool:  # type: ignore[no-untyped-def]
            meeting = session.get(Meeting, meeting_id)
            M.set_attendance(session, meeting, member_id, status, reason)
            M.reevaluate(session, meeting)
            return True

        if self._write(apply, self.meeting_id):
            self.show_message("Đã lưu thành phần dự họp.")
        self.load_meeting()
        self.ctx.hub.data_changed.emit("meetings")

    def _status_changed(self, row: int) -> None:
        self._set_attendance(row)

    def _reason_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 3:
            self._set_attendance(item.row())

    # ------------------------------------------------------------------ tallies
    def save_tally(self, ballot_id: str, row: int) -> bool:
        figures = self.model.figures(row)

        def apply(session) -> M.Evaluation:  # type: ignore[no-untyped-def]
            ballot = session.get(Ballot, ballot_id)
            return M.record_tally(session, ballot, **figures)

        result = self._write(apply)
        if result is None:
            self.model.pending.pop(ballot_id, None)
            self._refresh_rows()
            return False
        self.model.pending.pop(ballot_id, None)
        name = self.model.rows[row]["name"]
        self.show_message(f"{name}: {result.text} — {M.RESULT_LABELS.get(result.result)}.")
        self._refresh_rows()
        return True

    def _refresh_rows(self) -> None:
        row, col = self.table.currentIndex().row(), self.table.currentIndex().column()
        QTimer.singleShot(0, lambda: self._reload_keep(row, col))

    def _reload_keep(self, row: int, col: int) -> None:
        self.load_meeting()
        if (
            0 <= row < self.model.rowCount()
            and not self.table.state() == QAbstractItemView.State.EditingState
        ):
            self.table.setCurrentIndex(self.model.index(row, max(col, 0)))

    def enter_tally(self, row: int, **figures: int | None) -> bool:
        """Type a whole row at once (tests, scripts)."""
        r = self.model.rows[row]
        self.model.pending[r["ballot_id"]] = {k: v for k, v in figures.items()}
        return self.save_tally(r["ballot_id"], row)

    def record_exception(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.show_message("Hãy chọn một dòng trong bảng kết quả.", error=True)
            return
        r = self.model.rows[index.row()]
        dlg = ExceptionDialog(f"{r['name']} — {r['title_label']}", self)
        if self.dialog_hook:
            self.dialog_hook(dlg)
        elif dlg.exec() != QDialog.DialogCode.Accepted:
            return
        result, reason = dlg.result.currentData(), dlg.reason.toPlainText()
        officer = self.ctx.officer_name()

        def apply(session) -> bool:  # type: ignore[no-untyped-def]
            M.record_exception(session, session.get(Ballot, r["ballot_id"]), result, reason, officer)
            return True

        if self._write(apply):
            self.show_message(f"Đã ghi kết luận của chủ trì đối với {r['name']}.")
        self.load_meeting()

    def rank(self) -> None:
        titles = [r["title"] for r in self.model.rows]
        if not titles:
            return
        index = self.table.currentIndex()
        title = self.model.rows[index.row()]["title"] if index.isValid() else titles[0]
        quota = self.quota.value() or None
        status = self._write(
            lambda s: (lambda r: (r.over_quota, r.message))(
                M.rank_and_limit(s, s.get(Meeting, self.meeting_id), title, quota)
            )
        )
        if status is None:
            return
        if not status[0]:
            self.show_message(status[1])
            self.load_meeting()
            return
        with self.ctx.db.session() as session:
            dlg = RankingDialog(
                M.rank_and_limit(session, session.get(Meeting, self.meeting_id), title, quota), self
            )
            session.rollback()
        if self.dialog_hook:
            self.dialog_hook(dlg)
        elif dlg.exec() != QDialog.DialogCode.Accepted:
            return
        ids, reason = dlg.selected_ids(), dlg.reason.text()
        officer = self.ctx.officer_name()
        done = self._write(
            lambda s: M.record_selection(
                s, s.get(Meeting, self.meeting_id), title, ids, reason, officer, quota=quota
            )
        )
        if done is not None:
            self.show_message(f"Đã ghi lựa chọn: {len(done)} trường hợp trong chỉ tiêu.")
        self.load_meeting()

    # ------------------------------------------------------------------ councils and meetings
    def new_council(self) -> None:
        dlg = CouncilDialog(self)
        if self.dialog_hook:
            self.dialog_hook(dlg)
        elif dlg.exec() != QDialog.DialogCode.Accepted:
            return
        name, kind, members = dlg.name.text(), dlg.kind.currentData(), dlg.member_dicts()
        council = self._write(lambda s: M.create_council(s, name, kind=kind, members=members).id)
        if council:
            self.show_message(f"Đã lập «{name.strip()}» với {len(members)} thành viên.")
        self.reload()

    def new_meeting(self) -> None:
        plan_id = self.ctx.plan_id
        if not plan_id:
            show_error(self, "Hãy chọn kế hoạch trước.")
            return
        with self.ctx.db.session() as session:
            councils = [(c.id, c.name) for c in M.list_councils(session)]
        if not councils:
            show_error(self, "Chưa có hội đồng nào. Hãy lập hội đồng trước.")
            return
        dlg = NewMeetingDialog(councils, self)
        if self.dialog_hook:
            self.dialog_hook(dlg)
        elif dlg.exec() != QDialog.DialogCode.Accepted:
            return
        v = dlg.values()
        if not v["titles"]:
            show_error(self, "Hãy chọn ít nhất một danh hiệu, hình thức để bình xét.")
            return

        def apply(session) -> str:  # type: ignore[no-untyped-def]
            meeting = M.prepare_meeting_from_eligible(
                session,
                plan_id,
                v["council_id"],
                v["date"],
                v["titles"],
                place=v["place"],
                start_time=v["time"],
            )
            return meeting.id

        meeting_id = self._write(apply)
        if meeting_id is None:
            return
        self.meeting_id = meeting_id
        self.reload()
        self.ctx.hub.data_changed.emit("meetings")
        self.table.setFocus()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, COL_ISSUED))

    def issue_decision(self) -> None:
        with self.ctx.db.session() as session:
            meeting = session.get(Meeting, self.meeting_id)
            titles = M.titles_of(meeting)
            from ...services.office import get_profile

            profile = get_profile(session)
            by_title = {}
            for t, _label in titles:
                chosen = M.decision_ballots(meeting, t)
                year = meeting.meeting_date.year
                by_title[t] = {
                    "summary": M.default_decision_title(session, meeting, t, year),
                    "bases": M.default_bases(session, meeting, t),
                    "articles": M.default_articles(session, meeting, t, [b.candidate for b in chosen], year),
                }
            defaults = {
                "by_title": by_title,
                "signer_name": profile.signer_name if profile else "",
                "signer_title": profile.signer_title if profile else "",
            }
        dlg = DecisionDialog(titles, defaults, self)
        if self.dialog_hook:
            self.dialog_hook(dlg)
        elif dlg.exec() != QDialog.DialogCode.Accepted:
            return
        v = dlg.values()
        quota = self.quota.value() or None
        officer = self.ctx.officer_name()

        def apply(session) -> tuple[str, str]:  # type: ignore[no-untyped-def]
            d = M.issue_decision(session, session.get(Meeting, self.meeting_id), by=officer, quota=quota, **v)
            return d.number or "", d.id

        done = self._write(apply)
        if done is None:
            return
        self.show_message(f"Đã ra Quyết định số {done[0]}; đã ghi nhận trên từng điển hình.")
        self.load_meeting()
        self.ctx.hub.candidates_changed.emit()
        self.ctx.hub.data_changed.emit("decisions")

    # ------------------------------------------------------------------ papers
    def _ask_out_dir(self) -> Path | None:
        if self.out_dir is None:
            chosen = QFileDialog.getExistingDirectory(self, "Chọn thư mục lưu giấy tờ")
            if not chosen:
                return None
            self.out_dir = Path(chosen)
        return self.out_dir

    def export(self, what: str) -> Any:
        out_dir = self._ask_out_dir()
        if out_dir is None or self.meeting_id is None:
            return None
        meeting_id = self.meeting_id
        options: dict[str, Any] = {}
        if what == "tally":
            with self.ctx.db.session() as session:
                meeting = session.get(Meeting, meeting_id)
                options["blank"] = not any(b.agree is not None for b in meeting.ballots)
        db = self.ctx.db

        def job(control, what: str, out_dir: Path) -> list[Path]:  # type: ignore[no-untyped-def]
            from ...documents.exporters import run_export
            from ...documents.papers import meeting as papers

            ectx = control.export_context(out_dir=out_dir, meeting_id=meeting_id, options=options)
            with db.transaction() as session:
                if what in papers.EXTRA_EXPORTS:
                    out_dir.mkdir(parents=True, exist_ok=True)
                    return papers.EXTRA_EXPORTS[what](session, ectx)
                return run_export(session, what, ectx)

        def done(paths: list[Path]) -> None:
            self.last_files = list(paths)
            self.show_message("Đã ghi: " + "; ".join(str(p) for p in paths))

        labels = {
            "ballots": "Đang in phiếu bầu…",
            "tally": "Đang lập biên bản kiểm phiếu…",
            "minutes": "Đang lập biên bản họp…",
            "decision": "Đang xuất quyết định…",
        }
        return run_in_worker(self, labels.get(what, "Đang xuất…"), job, what, out_dir, on_done=done)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def today() -> date:
    return date.today()
