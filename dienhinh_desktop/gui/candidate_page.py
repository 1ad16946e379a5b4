"""A candidate's page: ``CandidatePage(ctx, candidate_id)``, a window with tabs.

- Header: the name, kind, unit, status and "7/9 tiêu chí đạt"; a removed record says why.
- Duplicates banner: "Có thể trùng với: «…» (1980, Chi bộ thôn …) [Mở] [Gộp…]" for every
  other record of the same subject (``services.duplicates.find_duplicates_for``); «Gộp…»
  shows both records side by side, which values are kept, and merges keeping all history.
- Tabs (Ctrl+1 … Ctrl+5):
  «Thông tin» the candidate's fields (``CandidateEditor``; Ctrl+S saves);
  «Tiêu chí» the criteria checklist (``criteria_tab.CriteriaTab``; a placeholder if missing);
  «Bồi dưỡng» the responsible person with history, the nurturing plan, dated notes;
  «Lịch sử» every status change (who, when, why), «Chuyển trạng thái…» to an allowed status,
  «Hoàn tác thay đổi cuối»;
  «Tệp đính kèm» files kept in the data folder, opened with the system's own program.
  Attachments are kept: nothing here deletes one.

Every change is its own transaction and emits ``ctx.hub.candidates_changed``;
``self.changed`` tells the caller the list must reload.
"""

from __future__ import annotations

import logging
import traceback
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..errors import UserError
from ..models import Candidate
from ..models.enums import LABELS, CandidateKind, CandidateStatus
from ..text import fmt_date
from .bulk_actions import MentorDialog, MentorValues, StatusDialog
from .candidate_form import CandidateEditor, describe
from .context import AppContext
from .style import DATE_FORMAT
from .widgets import ask_yes_no, dialog_buttons, show_error, show_info

log = logging.getLogger(__name__)

TAB_TITLES = ["Thông tin", "Tiêu chí", "Bồi dưỡng", "Lịch sử", "Tệp đính kèm"]
TAB_INFO, TAB_CRITERIA, TAB_NURTURING, TAB_HISTORY, TAB_FILES = range(5)
NO_DATE = QDate(1900, 1, 1)
INACTIVE = {CandidateStatus.REMOVED.value, CandidateStatus.REPLACED.value}


def _table(headers: list[str], stretch: int) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setShowGrid(False)
    t.setWordWrap(True)
    t.verticalHeader().setVisible(False)
    hh = t.horizontalHeader()
    hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    hh.setHighlightSections(False)
    for col in range(len(headers)):
        mode = QHeaderView.ResizeMode.Stretch if col == stretch else QHeaderView.ResizeMode.ResizeToContents
        hh.setSectionResizeMode(col, mode)
    return t


def _set_row(table: QTableWidget, row: int, values: list[str | None]) -> list[QTableWidgetItem]:
    items = []
    for col, value in enumerate(values):
        item = QTableWidgetItem(value or "")
        item.setToolTip(value or "")
        table.setItem(row, col, item)
        items.append(item)
    return items


def _qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else NO_DATE


def _pydate(edit: QDateEdit) -> date | None:
    q = edit.date()
    return None if q == NO_DATE else date(q.year(), q.month(), q.day())


def _date_edit(optional: bool = True) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setMaximumWidth(130)
    if optional:
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")
        edit.setDate(NO_DATE)
    else:
        edit.setDate(QDate.currentDate())
    return edit


def _when(moment) -> str:  # type: ignore[no-untyped-def]
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""


# ----------------------------------------------------------------------------- merge dialog

MERGE_FIELDS: list[tuple[str, str]] = [
    ("name", "Họ và tên / Tên tập thể"),
    ("birth_year", "Năm sinh"),
    ("gender", "Giới tính"),
    ("ethnicity", "Dân tộc"),
    ("position_unit", "Chức vụ, đơn vị"),
    ("unit", "Đơn vị đăng ký"),
    ("field", "Lĩnh vực"),
    ("plan", "Kế hoạch"),
    ("status", "Trạng thái"),
    ("registered_on", "Ngày đăng ký"),
    ("phone", "Điện thoại"),
    ("address", "Địa chỉ"),
    ("registration_content", "Nội dung đăng ký"),
]
COUNTED = [
    ("history", "Lịch sử trạng thái (dòng)"),
    ("mentors", "Người phụ trách (lần giao)"),
    ("notes", "Ghi chép bồi dưỡng"),
    ("files", "Tệp đính kèm"),
]
NEVER_FILLED = {"name", "plan", "status"}  # the kept record's own (services.duplicates.NOT_FILLED)


def record_values(session, c: Candidate) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What the merge dialog shows of one record (display strings; counts as text)."""
    from sqlalchemy import func, select

    from ..models import Attachment, NurturingNote, StatusChange
    from ..services.lifecycle import status_label

    gender = LABELS.get(c.gender) if c.gender else None  # type: ignore[call-overload]
    values = {
        "name": c.name,
        "birth_year": str(c.birth_year) if c.birth_year else "",
        "gender": str(gender or c.gender or ""),
        "ethnicity": c.ethnicity or "",
        "position_unit": c.position_unit or c.position or "",
        "unit": c.unit.name if c.unit is not None else "",
        "field": c.field.name if c.field is not None else "",
        "plan": c.plan.name if c.plan is not None else "",
        "status": status_label(c.status),
        "registered_on": fmt_date(c.registered_on) if c.registered_on else "",
        "phone": c.phone or "",
        "address": c.address or "",
        "registration_content": (c.registration_content or "")[:120],
    }
    count = lambda model: session.scalar(select(func.count()).where(model.candidate_id == c.id)) or 0  # noqa: E731
    values["history"] = str(count(StatusChange))
    values["mentors"] = str(len(c.mentors))
    values["notes"] = str(count(NurturingNote))
    values["files"] = str(count(Attachment))
    return values


class MergeDialog(QDialog):
    """Both records side by side, which one is kept, what the kept record will hold."""

    def __init__(self, ctx: AppContext, this_id: str, other_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ids = (this_id, other_id)
        self.setWindowTitle("Gộp hai hồ sơ trùng")
        self.setMinimumSize(860, 640)
        with ctx.db.session() as s:
            self.values = [record_values(s, s.get(Candidate, cid)) for cid in self.ids]
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Hai hồ sơ có vẻ là cùng một đối tượng. Chọn hồ sơ giữ lại: toàn bộ lịch sử, người phụ "
            "trách, ghi chép, kết quả tiêu chí, tệp đính kèm, khen thưởng của hồ sơ kia được chuyển sang; "
            "ô còn trống được điền từ hồ sơ kia. Hồ sơ kia không bị xóa: nó chuyển sang «Đã loại» "
            "với ghi chú đã gộp."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        choose = QHBoxLayout()
        choose.addWidget(QLabel("Giữ lại:"))
        self.keep_group = QButtonGroup(self)
        self.keep_this = QRadioButton(
            f"Hồ sơ này — {self.values[0]['name']} ({self.values[0]['unit'] or '—'})"
        )
        self.keep_other = QRadioButton(
            f"Hồ sơ kia — {self.values[1]['name']} ({self.values[1]['unit'] or '—'})"
        )
        for button in (self.keep_this, self.keep_other):
            self.keep_group.addButton(button)
            choose.addWidget(button)
        choose.addStretch(1)
        layout.addLayout(choose)
        self.table = _table(["", "Hồ sơ này", "Hồ sơ kia", "Sau khi gộp"], 3)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("ví dụ Cùng một người, đăng ký ở hai chi bộ")
        form.addRow("Ghi chú khi gộp:", self.reason)
        layout.addLayout(form)
        buttons = dialog_buttons(self, "Gộp hai hồ sơ", self.accept)
        layout.addWidget(buttons)
        self.keep_this.setChecked(True)
        self.keep_group.buttonToggled.connect(lambda *_: self._fill())
        self._fill()

    def keep_id(self) -> str:
        return self.ids[0] if self.keep_this.isChecked() else self.ids[1]

    def drop_id(self) -> str:
        return self.ids[1] if self.keep_this.isChecked() else self.ids[0]

    def merged(self) -> dict[str, str]:
        """The values the kept record will hold."""
        keep, drop = self.values if self.keep_this.isChecked() else self.values[::-1]
        out = {}
        for key, _label in MERGE_FIELDS:
            out[key] = keep[key] if keep[key] or key in NEVER_FILLED else drop[key]
        for key, _label in COUNTED:
            out[key] = str(int(keep[key]) + int(drop[key]) + (1 if key == "history" else 0))
        return out

    def _fill(self) -> None:
        rows = MERGE_FIELDS + COUNTED
        merged = self.merged()
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        keep_col = 1 if self.keep_this.isChecked() else 2
        for r, (key, label) in enumerate(rows):
            items = _set_row(self.table, r, [label, self.values[0][key], self.values[1][key], merged[key]])
            items[0].setFont(bold)
            items[keep_col].setBackground(QBrush(QColor("#e3f4e6")))
            other = 3 - keep_col
            if merged[key] and merged[key] == self.values[other - 1][key] and key not in dict(COUNTED):
                if merged[key] != self.values[keep_col - 1][key]:
                    items[other].setBackground(QBrush(QColor("#fff3d6")))  # filled from the other
            items[3].setFont(bold)
        self.table.resizeRowsToContents()


# ----------------------------------------------------------------------------- the page


class CandidatePage(QDialog):
    def __init__(self, ctx: AppContext, candidate_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.candidate_id = candidate_id
        self.changed = False
        self.criteria_tab: QWidget | None = None
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setMinimumSize(980, 640)
        self.resize(1180, 760)

        root = QVBoxLayout(self)
        root.setContentsMargins(14, 10, 14, 10)
        root.setSpacing(6)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        root.addWidget(self.title)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        root.addWidget(self.subtitle)
        self.removed_label = QLabel()
        self.removed_label.setObjectName("formError")
        self.removed_label.setWordWrap(True)
        self.removed_label.hide()
        root.addWidget(self.removed_label)

        self.banner = QFrame()
        self.banner.setObjectName("duplicateBanner")
        self.banner.setStyleSheet(
            "QFrame#duplicateBanner { background: #fff3d6; border: 1px solid #f0d48a; border-radius: 5px; }"
            "QFrame#duplicateBanner QLabel { color: #5c3d00; }"
        )
        self.banner_layout = QVBoxLayout(self.banner)
        self.banner_layout.setContentsMargins(10, 4, 10, 4)
        self.banner_layout.setSpacing(2)
        self.banner.hide()
        root.addWidget(self.banner)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("candidateTabs")
        root.addWidget(self.tabs, 1)

        bottom = QHBoxLayout()
        self.hint = QLabel("Ctrl+1…5: chuyển thẻ · Ctrl+S: lưu thông tin · Esc: đóng")
        self.hint.setObjectName("pageSubtitle")
        bottom.addWidget(self.hint)
        bottom.addStretch(1)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        close.setAutoDefault(False)
        bottom.addWidget(close)
        root.addLayout(bottom)

        for n in range(len(TAB_TITLES)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n + 1}"), self)
            shortcut.activated.connect(lambda n=n: self.tabs.setCurrentIndex(n))
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_info)

        self._build_tabs()
        self.reload()

    # -- building ---------------------------------------------------------------------------------
    def _build_tabs(self) -> None:
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        self.tabs.addTab(self._info_tab(), TAB_TITLES[TAB_INFO])
        self.tabs.addTab(self._criteria_tab(), TAB_TITLES[TAB_CRITERIA])
        self.tabs.addTab(self._nurturing_tab(), TAB_TITLES[TAB_NURTURING])
        self.tabs.addTab(self._history_tab(), TAB_TITLES[TAB_HISTORY])
        self.tabs.addTab(self._files_tab(), TAB_TITLES[TAB_FILES])

    def _info_tab(self) -> QWidget:
        with self.ctx.db.session() as s:
            plan_id = s.get(Candidate, self.candidate_id).plan_id
        self.editor = CandidateEditor(self.ctx, plan_id=plan_id, candidate_id=self.candidate_id)
        self.editor.saved.connect(self._on_saved)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.editor)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton("Lưu thông tin")
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save_info)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)
        scroll.setWidget(inner)
        return scroll

    def _criteria_tab(self) -> QWidget:
        try:
            from .criteria_tab import CriteriaTab

            tab = CriteriaTab(self.ctx.db, self.candidate_id, officer=self.ctx.officer_name())
        except Exception as exc:  # the tab is another engineer's: never take the page down
            log.error("criteria tab:\n%s", traceback.format_exc())
            self.criteria_tab = None
            box = QWidget()
            layout = QVBoxLayout(box)
            label = QLabel(
                "Thẻ «Tiêu chí» chưa dùng được trong phiên bản này "
                f"({getattr(exc, 'message', None) or type(exc).__name__})."
            )
            label.setObjectName("pageSubtitle")
            label.setWordWrap(True)
            layout.addWidget(label)
            layout.addStretch(1)
            return box
        self.criteria_tab = tab
        changed = getattr(tab, "changed", None)
        if changed is not None:
            changed.connect(self._on_criteria_changed)
        return tab

    def _nurturing_tab(self) -> QWidget:
        w = QWidget()
        grid = QGridLayout(w)
        mentors = QGroupBox("Người phụ trách bồi dưỡng, giúp đỡ")
        ml = QVBoxLayout(mentors)
        self.mentor_label = QLabel()
        self.mentor_label.setWordWrap(True)
        ml.addWidget(self.mentor_label)
        self.mentor_table = _table(["Họ và tên", "Chức vụ, đơn vị", "Điện thoại", "Từ ngày", "Đến ngày"], 1)
        self.mentor_table.setMaximumHeight(140)
        ml.addWidget(self.mentor_table)
        row = QHBoxLayout()
        row.addStretch(1)
        self.mentor_button = QPushButton("Giao người phụ trách…")
        self.mentor_button.clicked.connect(lambda: self.assign_mentor())
        row.addWidget(self.mentor_button)
        ml.addLayout(row)
        grid.addWidget(mentors, 0, 0)

        plan = QGroupBox("Kế hoạch bồi dưỡng")
        pf = QFormLayout(plan)
        self.goals = QPlainTextEdit()
        self.goals.setPlaceholderText("Mục tiêu cần đạt")
        self.goals.setMaximumHeight(70)
        self.activities = QPlainTextEdit()
        self.activities.setPlaceholderText("Nội dung, biện pháp bồi dưỡng, giúp đỡ")
        self.activities.setMaximumHeight(70)
        self.plan_start, self.plan_end = _date_edit(), _date_edit()
        dates = QHBoxLayout()
        dates.addWidget(self.plan_start)
        dates.addWidget(QLabel("đến"))
        dates.addWidget(self.plan_end)
        dates.addStretch(1)
        self.plan_note = QLineEdit()
        pf.addRow("Mục tiêu:", self.goals)
        pf.addRow("Hoạt động:", self.activities)
        pf.addRow("Thời gian:", dates)
        pf.addRow("Ghi chú:", self.plan_note)
        self.plan_button = QPushButton("Lưu kế hoạch bồi dưỡng")
        self.plan_button.clicked.connect(self.save_plan)
        pf.addRow("", self.plan_button)
        grid.addWidget(plan, 1, 0)

        notes = QGroupBox("Ghi chép theo dõi, giúp đỡ")
        nl = QVBoxLayout(notes)
        self.notes_table = _table(["Ngày", "Người ghi", "Nội dung"], 2)
        nl.addWidget(self.notes_table, 1)
        add = QHBoxLayout()
        self.note_date = _date_edit(optional=False)
        self.note_text = QLineEdit()
        self.note_text.setObjectName("noteText")
        self.note_text.setPlaceholderText("Ghi chép mới: đã làm gì, tiến bộ ra sao…")
        self.note_text.returnPressed.connect(lambda: self.add_note())
        self.note_button = QPushButton("Thêm ghi chép")
        self.note_button.clicked.connect(lambda: self.add_note())
        add.addWidget(self.note_date)
        add.addWidget(self.note_text, 1)
        add.addWidget(self.note_button)
        nl.addLayout(add)
        grid.addWidget(notes, 0, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return w

    def _history_tab(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        self.history_table = _table(["Thời gian", "Từ", "Sang", "Người thực hiện", "Lý do, ghi chú"], 4)
        layout.addWidget(self.history_table, 1)
        row = QHBoxLayout()
        self.undo_hint = QLabel()
        self.undo_hint.setObjectName("pageSubtitle")
        self.undo_hint.setWordWrap(True)
        row.addWidget(self.undo_hint, 1)
        self.status_button = QPushButton("Chuyển trạng thái…")
        self.status_button.setObjectName("primary")
        self.status_button.clicked.connect(lambda: self.change_status())
        self.undo_button = QPushButton("Hoàn tác thay đổi cuối")
        self.undo_button.clicked.connect(lambda: self.undo_last())
        row.addWidget(self.status_button)
        row.addWidget(self.undo_button)
        layout.addLayout(row)
        return w

    def _files_tab(self) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        self.files_table = _table(["Tên tệp", "Thuộc", "Mô tả", "Dung lượng", "Ngày thêm", "Người thêm"], 2)
        self.files_table.doubleClicked.connect(lambda _i: self.open_selected_file())
        self.files_table.activated.connect(lambda _i: self.open_selected_file())
        layout.addWidget(self.files_table, 1)
        row = QHBoxLayout()
        note = QLabel(
            "Tệp được chép vào thư mục dữ liệu nên vẫn mở được khi tệp gốc bị xóa hay đổi chỗ; "
            "tệp đính kèm được giữ lại làm minh chứng, không xóa ở đây."
        )
        note.setObjectName("pageSubtitle")
        note.setWordWrap(True)
        row.addWidget(note, 1)
        self.add_file_button = QPushButton("Thêm tệp…")
        self.add_file_button.clicked.connect(self._choose_file)
        self.open_file_button = QPushButton("Mở")
        self.open_file_button.clicked.connect(lambda: self.open_selected_file())
        self.open_folder_button = QPushButton("Mở thư mục")
        self.open_folder_button.clicked.connect(self.open_files_folder)
        for b in (self.add_file_button, self.open_file_button, self.open_folder_button):
            row.addWidget(b)
        layout.addLayout(row)
        return w

    # -- data -------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the candidate again and refresh the header, banner and every tab but the form."""
        from ..services import lifecycle, nurturing
        from ..services.attachments import list_candidate_attachments

        with self.ctx.db.session() as s:
            c = s.get(Candidate, self.candidate_id)
            if c is None:
                self.title.setText("Không tìm thấy hồ sơ")
                return
            self.status = c.status
            kind = LABELS.get(CandidateKind(c.kind), c.kind) if c.kind else ""  # type: ignore[call-overload]
            self.setWindowTitle(f"Hồ sơ điển hình — {c.name}")
            self.title.setText(c.name)
            parts = [str(kind)]
            if c.birth_year:
                parts.append(f"sinh năm {c.birth_year}")
            parts.append(c.unit.name if c.unit is not None else "chưa rõ đơn vị đăng ký")
            if c.field is not None:
                parts.append(c.field.name)
            status_text = f"<b>{lifecycle.status_label(c.status)}</b>"
            self.subtitle.setText(
                " · ".join(parts) + f" · Trạng thái: {status_text}" + self._eligibility_text(s, c)
            )
            if c.status in INACTIVE:
                why = c.removed_reason or "không ghi lý do"
                gone = "được thay thế" if c.status == "replaced" else "bị loại khỏi danh sách"
                self.removed_label.setText(
                    f"Hồ sơ đã {gone}: {why}. Vào thẻ «Lịch sử» để khôi phục."
                    if not c.merged_into_id
                    else f"Hồ sơ đã được gộp vào hồ sơ khác: {why}."
                )
            self.removed_label.setVisible(c.status in INACTIVE)
            self._fill_duplicates(s, c)
            # history
            self.history = lifecycle.history_to_dicts(s, c)
            self.allowed = lifecycle.allowed_targets(c, s)
            self.needs_reason = {t for t in self.allowed if lifecycle.needs_reason(s, c, t)}
            undo = lifecycle.last_undoable(s, c)
            self.undo_text = (
                f"Hoàn tác: «{lifecycle.status_label(undo.from_status)}» → «{lifecycle.status_label(undo.to_status)}» "
                f"({_when(lifecycle.local_time(undo.changed_at))})"
                if undo is not None and undo.to_status == c.status
                else ""
            )
            # nurturing
            mentors = [
                (
                    m.mentor_name,
                    ", ".join(x for x in (m.mentor_position, m.mentor_unit) if x),
                    m.phone,
                    fmt_date(m.assigned_on) if m.assigned_on else "",
                    fmt_date(m.ended_on) if m.ended_on else ("đang phụ trách" if m.active else ""),
                    m.active,
                )
                for m in nurturing.list_mentors(s, c)
            ]
            plan = nurturing.get_nurturing_plan(s, c)
            plan_values = (
                (plan.goals, plan.activities, plan.start_date, plan.end_date, plan.note) if plan else None
            )
            notes = [(fmt_date(n.note_date), n.author, n.content) for n in nurturing.list_notes(s, c)]
            files = [
                (
                    a.id,
                    a.file_name,
                    "Hồ sơ" if a.owner_type == "candidate" else "Minh chứng tiêu chí",
                    a.description,
                    f"{max(a.size // 1024, 1):,} KB".replace(",", "."),
                    _when(a.created_at),
                    a.added_by,
                    a.stored_path,
                )
                for a in list_candidate_attachments(s, c.id)
            ]
            self.inactive = c.status in INACTIVE
        self._fill_history()
        self._fill_nurturing(mentors, plan_values, notes)
        self._fill_files(files)

    def _eligibility_text(self, s, c: Candidate) -> str:  # type: ignore[no-untyped-def]
        try:
            from ..services.criteria import eligibility

            e = eligibility(s, c)
        except Exception:  # noqa: BLE001  (a plan without criteria sets, a broken criterion…)
            return ""
        if not e.total_required:
            return ""
        colour = "#1e6b2e" if e.eligible else "#8a5a00"
        word = "đủ tiêu chí" if e.eligible else "chưa đủ tiêu chí"
        return f" · <span style='color:{colour}'>{e.met}/{e.total_required} tiêu chí đạt ({word})</span>"

    def _fill_duplicates(self, s, c: Candidate) -> None:  # type: ignore[no-untyped-def]
        from ..services.duplicates import find_duplicates_for, same_name

        while self.banner_layout.count():
            item = self.banner_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
            elif item.layout() is not None:
                lay = item.layout()
                while lay.count():
                    sub = lay.takeAt(0)
                    if sub.widget() is not None:
                        sub.widget().deleteLater()
        self.duplicates: list[str] = []
        if c.merged_into_id:
            self.banner.hide()
            return
        for other in find_duplicates_for(s, c):
            self.duplicates.append(other.id)
            line = QHBoxLayout()
            how = "" if same_name(c, other) else " — tên gần giống (khác dấu)"
            plan = f", kế hoạch «{other.plan.code or other.plan.name}»" if other.plan_id != c.plan_id else ""
            label = QLabel(f"⚠ Có thể trùng với: {describe(other)}{plan}{how}")
            label.setWordWrap(True)
            line.addWidget(label, 1)
            open_button = QPushButton("Mở")
            open_button.setAutoDefault(False)
            open_button.clicked.connect(lambda _=False, oid=other.id: self.open_other(oid))
            merge_button = QPushButton("Gộp…")
            merge_button.setAutoDefault(False)
            merge_button.clicked.connect(lambda _=False, oid=other.id: self.merge_with(oid))
            line.addWidget(open_button)
            line.addWidget(merge_button)
            self.banner_layout.addLayout(line)
        self.banner.setVisible(bool(self.duplicates))

    def _fill_history(self) -> None:
        t = self.history_table
        rows = list(reversed(self.history))  # newest first
        t.setRowCount(len(rows))
        grey = QBrush(QColor("#8a96a3"))
        for r, h in enumerate(rows):
            reason = h["reason"] or ""
            if h["undone"]:
                reason = f"(đã hoàn tác) {reason}".strip()
            items = _set_row(
                t,
                r,
                [
                    _when(h["changed_at_local"]),
                    h["from_label"] or "—",
                    h["to_label"],
                    h["changed_by"] or "",
                    reason,
                ],
            )
            if h["undone"]:
                font = QFont()
                font.setStrikeOut(True)
                for item in items[:3]:
                    item.setFont(font)
                for item in items:
                    item.setForeground(grey)
        t.resizeRowsToContents()
        self.status_button.setEnabled(bool(self.allowed))
        self.status_button.setText("Khôi phục…" if self.inactive and self.allowed else "Chuyển trạng thái…")
        self.undo_button.setEnabled(bool(self.undo_text))
        self.undo_button.setToolTip(self.undo_text)
        self.undo_hint.setText(self.undo_text or "Không có thay đổi nào để hoàn tác.")

    def _fill_nurturing(self, mentors, plan_values, notes) -> None:  # type: ignore[no-untyped-def]
        current = next((m for m in mentors if m[5]), None)
        self.mentor_label.setText(
            f"Đang phụ trách: <b>{current[0]}</b>{' — ' + current[1] if current[1] else ''}"
            if current
            else "Chưa giao người phụ trách."
        )
        self.mentor_table.setRowCount(len(mentors))
        for r, m in enumerate(reversed(mentors)):
            _set_row(self.mentor_table, r, list(m[:5]))
        self.mentor_button.setEnabled(not self.inactive)
        goals, activities, start, end, note = plan_values or (None, None, None, None, None)
        self.goals.setPlainText(goals or "")
        self.activities.setPlainText(activities or "")
        self.plan_start.setDate(_qdate(start))
        self.plan_end.setDate(_qdate(end))
        self.plan_note.setText(note or "")
        self.notes_table.setRowCount(len(notes))
        for r, n in enumerate(notes):
            _set_row(self.notes_table, r, list(n))
        self.notes_table.resizeRowsToContents()

    def _fill_files(self, files) -> None:  # type: ignore[no-untyped-def]
        self.files = files
        self.files_table.setRowCount(len(files))
        for r, f in enumerate(files):
            items = _set_row(self.files_table, r, list(f[1:7]))
            items[0].setData(Qt.ItemDataRole.UserRole, f[7])
        self.open_file_button.setEnabled(bool(files))
        if files:
            self.files_table.selectRow(0)

    # -- actions ----------------------------------------------------------------------------------
    def _mark_changed(self) -> None:
        self.changed = True
        self.ctx.hub.candidates_changed.emit()

    def _on_saved(self, _cid: str) -> None:
        self._mark_changed()
        self.reload()

    def _on_criteria_changed(self) -> None:
        self._mark_changed()
        self.reload()

    def save_info(self) -> bool:
        """Save the «Thông tin» tab (Ctrl+S)."""
        if self.tabs.currentIndex() == TAB_CRITERIA and self.criteria_tab is not None:
            saver = getattr(self.criteria_tab, "save_current", None)
            return bool(saver()) if callable(saver) else False
        return self.editor.save()

    def change_status(self, to_status: str | None = None, reason: str | None = None) -> bool:
        """«Chuyển trạng thái…»: to an allowed status, with a reason (asked when not given)."""
        from ..services.lifecycle import change_status

        if to_status is None:
            if not self.allowed:
                return False
            dialog = StatusDialog(
                self,
                f"«{self.title.text()}» đang ở trạng thái «{LABELS.get(CandidateStatus(self.status))}».",  # type: ignore[call-overload]
                self.allowed,
                needs_reason=self.needs_reason,
                title="Khôi phục hồ sơ" if self.inactive else "Chuyển trạng thái",
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            to_status, reason = dialog.status(), dialog.text()
        try:
            with self.ctx.db.transaction() as s:
                change_status(
                    s,
                    s.get(Candidate, self.candidate_id),
                    str(to_status),
                    by=self.ctx.officer_name(),
                    reason=reason,
                )
        except UserError as exc:
            show_error(self, exc.message)
            return False
        self._mark_changed()
        self.reload()
        return True

    def undo_last(self, *, confirm: bool = True) -> bool:
        """«Hoàn tác thay đổi cuối»: revert the last status change (recorded as its own line)."""
        from ..services.lifecycle import undo_last_change

        if not self.undo_text:
            return False
        if confirm and not ask_yes_no(self, f"{self.undo_text}?", title="Hoàn tác"):
            return False
        try:
            with self.ctx.db.transaction() as s:
                undo_last_change(s, s.get(Candidate, self.candidate_id), by=self.ctx.officer_name())
        except UserError as exc:
            show_error(self, exc.message)
            return False
        self._mark_changed()
        self.reload()
        return True

    def assign_mentor(self, values: MentorValues | None = None, move: bool | None = None) -> bool:
        """«Giao người phụ trách…»; for a registered candidate, offer «Đang bồi dưỡng»."""
        from ..services import lifecycle, nurturing

        if values is None:
            dialog = MentorDialog(self, f"Người phụ trách bồi dưỡng, giúp đỡ «{self.title.text()}».")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            values = dialog.values()
        try:
            with self.ctx.db.transaction() as s:
                c = s.get(Candidate, self.candidate_id)
                result = nurturing.assign_mentor(
                    s,
                    c,
                    values.name,
                    position=values.position,
                    unit=values.unit,
                    phone=values.phone,
                    assigned_on=values.assigned_on,
                    note=values.note,
                )
                hint, target = result.hint, result.suggest_status
        except UserError as exc:
            show_error(self, exc.message)
            return False
        self._mark_changed()
        if target and (move if move is not None else ask_yes_no(self, hint or "", title="Chuyển trạng thái")):
            with self.ctx.db.transaction() as s:
                lifecycle.change_status(
                    s,
                    s.get(Candidate, self.candidate_id),
                    target,
                    by=self.ctx.officer_name(),
                    reason=f"Đã phân công {values.name} phụ trách bồi dưỡng",
                )
        self.reload()
        return True

    def save_plan(self) -> bool:
        from ..services.nurturing import set_nurturing_plan

        try:
            with self.ctx.db.transaction() as s:
                set_nurturing_plan(
                    s,
                    s.get(Candidate, self.candidate_id),
                    goals=self.goals.toPlainText(),
                    activities=self.activities.toPlainText(),
                    start_date=_pydate(self.plan_start),
                    end_date=_pydate(self.plan_end),
                    note=self.plan_note.text(),
                )
        except UserError as exc:
            show_error(self, exc.message)
            return False
        self._mark_changed()
        self.reload()
        return True

    def add_note(self, text: str | None = None, when: date | None = None) -> bool:
        from ..services.nurturing import add_note

        text = self.note_text.text() if text is None else text
        when = when or _pydate(self.note_date) or date.today()
        try:
            with self.ctx.db.transaction() as s:
                add_note(
                    s,
                    s.get(Candidate, self.candidate_id),
                    text,
                    note_date=when,
                    author=self.ctx.officer_name(),
                )
        except UserError as exc:
            show_error(self, exc.message)
            return False
        self.note_text.clear()
        self._mark_changed()
        self.reload()
        return True

    # -- attachments --------------------------------------------------------------------------------
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp đính kèm", "", "Mọi tệp (*.*)")
        if path:
            self.add_file(path)

    def add_file(self, path: str | Path, description: str | None = None) -> bool:
        """Copy a file into the data folder and attach it to the candidate."""
        from ..services.attachments import add_attachment

        try:
            with self.ctx.db.transaction() as s:
                add_attachment(
                    s,
                    self.ctx.db.files_dir,
                    path,
                    "candidate",
                    self.candidate_id,
                    self.candidate_id,
                    description,
                    added_by=self.ctx.officer_name(),
                )
        except UserError as exc:
            show_error(self, exc.message)
            return False
        self._mark_changed()
        self.reload()
        return True

    def file_path(self, row: int) -> Path:
        item = self.files_table.item(row, 0)
        rel = item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
        return self.ctx.db.files_dir / Path(*str(rel).split("/"))

    def open_selected_file(self) -> bool:
        """Open the selected attachment with the system's own program."""
        row = self.files_table.currentRow()
        if row < 0:
            return False
        path = self.file_path(row)
        if not path.is_file():
            show_error(
                self, f"Không tìm thấy tệp «{path}». Có thể thư mục dữ liệu chưa được chép sang máy này."
            )
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def open_files_folder(self) -> bool:
        row = self.files_table.currentRow()
        folder = self.file_path(row).parent if row >= 0 else self.ctx.db.files_dir
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- duplicates -----------------------------------------------------------------------------------
    def open_other(self, other_id: str) -> None:
        page = CandidatePage(self.ctx, other_id, parent=self)
        page.exec()
        if page.changed:
            self.changed = True
            self.reload()

    def merge_with(self, other_id: str, *, keep_this: bool | None = None, reason: str | None = None) -> bool:
        """«Gộp…»: merge the two records keeping all history (asks which one to keep)."""
        from ..services.duplicates import merge_candidates

        if keep_this is None:
            dialog = MergeDialog(self.ctx, self.candidate_id, other_id, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            keep, drop, reason = dialog.keep_id(), dialog.drop_id(), dialog.reason.text()
        else:
            keep, drop = (self.candidate_id, other_id) if keep_this else (other_id, self.candidate_id)
        try:
            with self.ctx.db.transaction() as s:
                merge_candidates(s, keep, drop, by=self.ctx.officer_name(), reason=reason or None)
        except UserError as exc:
            show_error(self, exc.message)
            return False
        self._mark_changed()
        if keep != self.candidate_id:
            self.candidate_id = keep
            self._build_tabs()
        self.reload()
        show_info(self, "Đã gộp hai hồ sơ; lịch sử của cả hai được giữ trong thẻ «Lịch sử».")
        return True


__all__ = ["CandidatePage", "MergeDialog", "TAB_TITLES"]
